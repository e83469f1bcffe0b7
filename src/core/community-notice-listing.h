/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-listing.h: the list of the site's posts, as GitHub's
 * REST API gives a folder (GET /repos/OWNER/REPO/contents/PATH: a JSON
 * array of entries with "name", "type", "size" and "sha"). Only names,
 * sizes and blob hashes are taken from it, never an address. Every entry
 * is checked; one that fails is refused alone, and named. Display-free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A listing larger than this is refused (GitHub lists at most 1,000
 * entries, about 800 bytes each). */
#define COMMUNITY_NOTICE_LISTING_MAX_SIZE (1024 * 1024)
/* Only the first this many entries are read. */
#define COMMUNITY_NOTICE_LISTING_MAX_ENTRIES 1000
/* Arrays and objects may nest this deep (GitHub's nest 3). */
#define COMMUNITY_NOTICE_LISTING_MAX_DEPTH 16
/* How many refused entries are named; the others are counted. */
#define COMMUNITY_NOTICE_LISTING_MAX_NAMED 20

/* A listed post that may be fetched. */
typedef struct
{
  char  *name;   /* passed community_notice_check_name() */
  char  *sha;    /* the git blob SHA-1 of its bytes: 40 lowercase hex */
  gsize  size;   /* at most COMMUNITY_PAGE_MAX_SIZE */
} CommunityListedPost;

typedef struct
{
  GPtrArray *posts;      /* CommunityListedPost *, by name, descending */
  GPtrArray *refused;    /* char *: why an entry was refused, at most
                          * COMMUNITY_NOTICE_LISTING_MAX_NAMED */
  guint      n_refused;  /* every refused entry, named or not */
  guint      n_entries;  /* every entry of the array, read or not */
  gboolean   truncated;  /* more than COMMUNITY_NOTICE_LISTING_MAX_ENTRIES */
} CommunityNoticeListing;

void                    community_notice_listing_free  (CommunityNoticeListing *listing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityNoticeListing, community_notice_listing_free)

/* The listing in @bytes: valid UTF-8 JSON, at most
 * COMMUNITY_NOTICE_LISTING_MAX_SIZE bytes and
 * COMMUNITY_NOTICE_LISTING_MAX_DEPTH levels deep, whose root is an
 * array. Else NULL with COMMUNITY_NOTICE_ERROR_REFUSED and why. */
CommunityNoticeListing *community_notice_listing_parse (GBytes                 *bytes,
                                                        GError                **error);
/* Whether @sha (nullable) is a blob hash as GitHub lists it: 40
 * lowercase hex digits. */
gboolean                community_notice_listing_is_blob_sha (const char       *sha);
/* The git blob SHA-1 of @bytes ("blob SIZE\0" then the bytes), as
 * GitHub lists it. */
char                   *community_notice_listing_blob_sha (GBytes              *bytes);

G_END_DECLS
