/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-cache.h: the saved copy of the live page and the QR
 * payloads decoded from images, in one directory. Every file is written
 * atomically (a temporary file, then a rename), under a lock; the page's
 * bytes are checked against the sha256 in its metadata when read back.
 * Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* File names inside the cache directory. */
#define COMMUNITY_PAGE_CACHE_PAGE     "join.zh_CN.md"
#define COMMUNITY_PAGE_CACHE_METADATA "join.zh_CN.ini"
#define COMMUNITY_PAGE_CACHE_PAYLOADS "qr-payloads.ini"
/* The community's notices (community-notice-set.h) and their metadata. */
#define COMMUNITY_PAGE_CACHE_NOTICES          "notices.json"
#define COMMUNITY_PAGE_CACHE_NOTICES_METADATA "notices.ini"
/* Held (flock) while the page and its metadata are written, shared while
 * they are read: two programs saving at once (two `--update` runs, the
 * window and `--update`) never leave one's page with the other's
 * metadata. */
#define COMMUNITY_PAGE_CACHE_LOCK     "lock"

#define COMMUNITY_PAGE_CACHE_ERROR (community_page_cache_error_quark ())

typedef enum
{
  /* The files are there but cannot be trusted: missing metadata, a size
   * or sha256 that does not match the bytes. */
  COMMUNITY_PAGE_CACHE_ERROR_DAMAGED,
  /* The directory is not an absolute path (HOME or XDG_CACHE_HOME empty
   * or relative): nothing is read from or written to the working
   * directory. */
  COMMUNITY_PAGE_CACHE_ERROR_NO_FOLDER,
} CommunityPageCacheError;

/* A saved page and what is known about it. */
typedef struct
{
  GBytes    *bytes;
  char      *sha256;         /* hex, of @bytes */
  char      *source;         /* the docs root it came from */
  char      *url;            /* the address that answered */
  char      *etag;           /* nullable */
  char      *last_modified;  /* nullable */
  GDateTime *fetched_at;     /* when these bytes were downloaded */
  GDateTime *checked_at;     /* when a source last confirmed them current */
} CommunityCachedPage;

CommunityCachedPage *community_cached_page_new  (void);
CommunityCachedPage *community_cached_page_copy (const CommunityCachedPage *page);
void                 community_cached_page_free (CommunityCachedPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityCachedPage, community_cached_page_free)

GQuark               community_page_cache_error_quark (void);
/* The lowercase hex sha256 of @bytes. */
char                *community_page_cache_checksum    (GBytes *bytes);

#define COMMUNITY_TYPE_PAGE_CACHE (community_page_cache_get_type ())

G_DECLARE_FINAL_TYPE (CommunityPageCache, community_page_cache, COMMUNITY, PAGE_CACHE, GObject)

CommunityPageCache  *community_page_cache_new           (const char          *dir);
const char          *community_page_cache_get_dir       (CommunityPageCache  *self);

/* The saved page. G_IO_ERROR_NOT_FOUND when there is none;
 * COMMUNITY_PAGE_CACHE_ERROR_DAMAGED, with a sentence for the user, when
 * it is there but cannot be trusted; COMMUNITY_PAGE_CACHE_ERROR_NO_FOLDER
 * when the directory is not absolute (the store functions fail so too). */
CommunityCachedPage *community_page_cache_load          (CommunityPageCache  *self,
                                                         GError             **error);
/* Saves the bytes, then the metadata, each atomically. */
gboolean             community_page_cache_store         (CommunityPageCache  *self,
                                                         CommunityCachedPage *page,
                                                         GError             **error);
/* Rewrites only the metadata (after a 304: the bytes stay as they are). */
gboolean             community_page_cache_store_metadata (CommunityPageCache *self,
                                                          CommunityCachedPage *page,
                                                          GError            **error);

/* The saved notices: their bytes, when they are at most @max_size and
 * match the sha256 and size in their metadata, and when a list of posts
 * last confirmed them (@checked_at, nullable, set to NULL when unknown).
 * Errors as community_page_cache_load(). */
GBytes              *community_page_cache_load_notices  (CommunityPageCache  *self,
                                                         gsize                max_size,
                                                         GDateTime          **checked_at,
                                                         GError             **error);
/* Saves the notices, then their metadata (sha256, size, @checked_at),
 * each atomically, under the lock. */
gboolean             community_page_cache_store_notices (CommunityPageCache  *self,
                                                         GBytes              *bytes,
                                                         GDateTime           *checked_at,
                                                         GError             **error);

/* The payload decoded from the image at @image_path whose bytes have the
 * sha256 @image_sha256, or with @image_sha256 NULL the one decoded last
 * for that path; NULL when unknown. */
const char          *community_page_cache_lookup_payload (CommunityPageCache *self,
                                                          const char         *image_path,
                                                          const char         *image_sha256);
gboolean             community_page_cache_store_payload  (CommunityPageCache *self,
                                                          const char         *image_path,
                                                          const char         *image_sha256,
                                                          const char         *payload,
                                                          GError            **error);

G_END_DECLS
