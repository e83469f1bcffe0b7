/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-set.h: the posts the app knows, each with the blob
 * hash GitHub listed for it and the notice it is (or none): what is
 * saved in the cache (as JSON) and what the bundled seed gives. A post
 * already known by its hash is not fetched again. Whatever is read back
 * is checked as a fetched post would be. Display-free. */
#pragma once

#include <gio/gio.h>

#include "community-notice.h"

G_BEGIN_DECLS

/* A saved set larger than this is not read. */
#define COMMUNITY_NOTICE_SET_MAX_SIZE (512 * 1024)
/* A set keeps at most this many notices, the newest. */
#define COMMUNITY_NOTICE_SET_MAX_NOTICES 100
/* The bundled seed: posts (their front matter only) in this resource
 * folder. */
#define COMMUNITY_NOTICE_SET_SEED_PATH RESOURCE_BASE "/notices/"

typedef struct
{
  char            *name;
  char            *sha;      /* the blob hash it was listed with; NULL in the seed */
  CommunityNotice *notice;   /* NULL: a post that is not a notice */
} CommunityNoticeEntry;

/* Element type CommunityNoticeEntry. */
CommunityNoticeEntry *community_notice_entry_new       (const char        *name,
                                                        const char        *sha,
                                                        CommunityNotice   *notice);
void                  community_notice_entry_free      (CommunityNoticeEntry *entry);

/* An empty set. */
GPtrArray            *community_notice_set_new         (void);
/* The bundled seed. Bundled and tested: a post that does not load is a
 * build defect (logged as critical and left out). */
GPtrArray            *community_notice_set_new_seed    (void);
/* A set saved by community_notice_set_to_json(): at most
 * COMMUNITY_NOTICE_SET_MAX_SIZE bytes; an entry that does not pass the
 * checks of a fetched one is left out. NULL with
 * G_IO_ERROR_INVALID_DATA when the whole is not such a set. */
GPtrArray            *community_notice_set_from_json   (GBytes            *bytes,
                                                        GError           **error);
GBytes               *community_notice_set_to_json     (GPtrArray         *set);
/* The entry of the post @name, or NULL. */
CommunityNoticeEntry *community_notice_set_find        (GPtrArray         *set,
                                                        const char        *name);
/* Element type CommunityNotice (references): every notice of @set,
 * newest first. */
GPtrArray            *community_notice_set_get_notices (GPtrArray         *set);
/* Drops the oldest notices of @set beyond
 * COMMUNITY_NOTICE_SET_MAX_NOTICES. */
void                  community_notice_set_trim        (GPtrArray         *set);

G_END_DECLS
