/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notices.h: the community's notices, the model the windows
 * observe beside the page (the live page holds it: "notices"). It shows
 * the saved notices, or the bundled seed, at once; refreshes them from
 * GitHub's list of posts and the page's docs roots on its own, never in
 * the way of the page (community-notice-refresh.h); and knows which the
 * reader dismissed. Display-free. */
#pragma once

#include <gio/gio.h>

#include "community-fetch.h"
#include "community-notice.h"
#include "community-page-cache.h"
#include "community-refresh.h"

G_BEGIN_DECLS

/* The list of posts when the settings give none. */
#define COMMUNITY_NOTICES_DEFAULT_SOURCES \
  "https://api.github.com/repos/bwcx-jzy/jpom-docs/contents/docs/_posts?ref=main"
/* Automatic refreshes run at most this often. */
#define COMMUNITY_NOTICES_REFRESH_INTERVAL (24 * G_TIME_SPAN_HOUR)
/* The reader's dismissals kept, the latest. */
#define COMMUNITY_NOTICES_MAX_DISMISSED 64

#define COMMUNITY_TYPE_NOTICES (community_notices_get_type ())

/* Every getter is also a read-only property ("notices", "banner",
 * "problems", "last-error", "cache-problem", "checked-at",
 * "refreshing", "can-refresh"); "listing-sources", "roots" and
 * "dismissed" are read-write. A change notifies every property it
 * changes at once, after all have their new values. */
G_DECLARE_FINAL_TYPE (CommunityNotices, community_notices, COMMUNITY, NOTICES, GObject)

/* Notices saved in @cache and fetched with @fetcher. No source until
 * set: nothing is ever fetched from the defaults above unless a caller
 * passes them. */
CommunityNotices   *community_notices_new               (CommunityPageCache *cache,
                                                         CommunityFetcher   *fetcher);

/* Where they come from. */

/* Addresses of the list of posts (GitHub's contents API), tried in
 * order. NULL or empty: none, and no refresh. */
void                community_notices_set_listing_sources (CommunityNotices   *self,
                                                           const char * const *sources);
const char * const *community_notices_get_listing_sources (CommunityNotices   *self);
/* The docs roots the posts are fetched from: the page's sources. */
void                community_notices_set_roots         (CommunityNotices   *self,
                                                         const char * const *roots);
const char * const *community_notices_get_roots         (CommunityNotices   *self);
/* Whether a refresh can reach anything: there is a list and a root. */
gboolean            community_notices_get_can_refresh   (CommunityNotices   *self);

/* What is shown. */

/* Shows the saved notices when they are whole (their sha256 matches),
 * else the bundled seed (and says why in get_cache_problem()).
 * Synchronous and small: for start-up. */
void                community_notices_load_local        (CommunityNotices   *self);
/* Element type CommunityNotice: every notice known, current or not,
 * newest first. */
GPtrArray          *community_notices_get_notices       (CommunityNotices   *self);
/* Element type CommunityNotice (references): the notices shown today
 * (community_notice_is_current()), newest first. */
GPtrArray          *community_notices_dup_current       (CommunityNotices   *self);
/* The newest current notice the reader has not dismissed, or NULL: the
 * one over the page. */
CommunityNotice    *community_notices_get_banner        (CommunityNotices   *self);

/* Dismissing. */

/* The names of the posts the reader dismissed, the latest last. The
 * application binds it to GSettings ("dismissed-notices"). */
const char * const *community_notices_get_dismissed     (CommunityNotices   *self);
void                community_notices_set_dismissed     (CommunityNotices   *self,
                                                         const char * const *names);
gboolean            community_notices_is_dismissed      (CommunityNotices   *self,
                                                         const char         *name);
/* Adds @name to the dismissed ones (at most
 * COMMUNITY_NOTICES_MAX_DISMISSED, the oldest dropped). */
void                community_notices_dismiss           (CommunityNotices   *self,
                                                         const char         *name);

/* How the last refresh went. */

/* Element type char *: what the last refresh refused or could not read
 * (entries of the list, posts), localized; empty when all was read. */
GPtrArray          *community_notices_get_problems      (CommunityNotices   *self);
/* Why the last refresh read no list (refused, unreachable, not saved),
 * or NULL. Localized. */
const char         *community_notices_get_last_error    (CommunityNotices   *self);
/* Why the saved notices were ignored at start-up, or NULL. */
const char         *community_notices_get_cache_problem (CommunityNotices   *self);
/* When a list last confirmed the notices, or NULL. */
GDateTime          *community_notices_get_checked_at    (CommunityNotices   *self);

/* Refreshing. */

/* TRUE when the last list was read longer than
 * COMMUNITY_NOTICES_REFRESH_INTERVAL ago, or never. */
gboolean            community_notices_is_refresh_due    (CommunityNotices   *self);
gboolean            community_notices_get_refreshing    (CommunityNotices   *self);
/* Reads the list and the posts it does not know; replaces the notices
 * when a list was read. A refresh asked for while one runs shares its
 * outcome. */
void                community_notices_refresh_async     (CommunityNotices   *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
/* TRUE when a list was read and the result saved; else FALSE with
 * @error in COMMUNITY_REFRESH_ERROR or G_IO_ERROR_CANCELLED. */
gboolean            community_notices_refresh_finish    (CommunityNotices   *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

G_END_DECLS
