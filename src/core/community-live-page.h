/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-live-page.h: the community's current page, kept fresh in the
 * background and safe offline. One object owns the cache and the sources:
 * it shows the newest valid local copy at once, fetches the page from the
 * mirrors with conditional requests, validates it (size, UTF-8, parse time,
 * a complete join model with a QR payload), resolves an unknown QR image by
 * decoding it, and writes the cache atomically. The application holds it;
 * `--update`, the window and the tests share it. Display-free. */
#pragma once

#include <gio/gio.h>

#include "community-join.h"
#include "community-page.h"

G_BEGIN_DECLS

/* The docs roots tried in order when the settings give none. */
#define COMMUNITY_LIVE_PAGE_DEFAULT_SOURCES \
  "https://raw.githubusercontent.com/bwcx-jzy/jpom-docs/main/docs/", \
  "https://cdn.jsdelivr.net/gh/bwcx-jzy/jpom-docs@main/docs/"
/* The page, relative to a docs root (before percent-encoding). */
#define COMMUNITY_LIVE_PAGE_PATH "支持/110.加入社群.md"
/* A site path "/images/x" is the file ".vuepress/public/images/x" under a
 * docs root. */
#define COMMUNITY_LIVE_PAGE_PUBLIC_DIR ".vuepress/public"
/* A fetched QR image larger than this is refused. */
#define COMMUNITY_LIVE_PAGE_MAX_IMAGE_SIZE (2 * 1024 * 1024)
/* Automatic refreshes run at most this often. */
#define COMMUNITY_LIVE_PAGE_REFRESH_INTERVAL (24 * G_TIME_SPAN_HOUR)
/* A whole refresh (every source, the page, its QR image and its decoding)
 * ends within this time: what has not come by then counts as
 * unreachable. */
#define COMMUNITY_LIVE_PAGE_REFRESH_TIMEOUT_MS (45 * 1000)

typedef enum
{
  COMMUNITY_PAGE_ORIGIN_BUNDLED,  /* the page the app was built with */
  COMMUNITY_PAGE_ORIGIN_CACHE,    /* a page fetched earlier and saved */
} CommunityPageOrigin;

/* What a refresh did; also the exit status of --update. */
typedef enum
{
  COMMUNITY_REFRESH_CURRENT     = 0,  /* the shown page is current: updated
                                       * or unchanged (304, same bytes) */
  COMMUNITY_REFRESH_REFUSED     = 1,  /* a page came, was invalid, and the
                                       * old copy was kept */
  COMMUNITY_REFRESH_UNREACHABLE = 2,  /* no source answered */
  COMMUNITY_REFRESH_NOT_SAVED   = 3,  /* the current page came but could
                                       * not be saved (a folder that
                                       * cannot be written, a full disk);
                                       * it is shown all the same */
} CommunityRefreshStatus;

/* The error domain of refresh_finish(); the codes equal the status. */
#define COMMUNITY_LIVE_PAGE_ERROR (community_live_page_error_quark ())

typedef enum
{
  COMMUNITY_LIVE_PAGE_ERROR_REFUSED     = COMMUNITY_REFRESH_REFUSED,
  COMMUNITY_LIVE_PAGE_ERROR_UNREACHABLE = COMMUNITY_REFRESH_UNREACHABLE,
  COMMUNITY_LIVE_PAGE_ERROR_NOT_SAVED   = COMMUNITY_REFRESH_NOT_SAVED,
} CommunityLivePageError;

GQuark              community_live_page_error_quark      (void);

#define COMMUNITY_TYPE_PAGE_ORIGIN (community_page_origin_get_type ())
GType               community_page_origin_get_type       (void) G_GNUC_CONST;

#define COMMUNITY_TYPE_LIVE_PAGE (community_live_page_get_type ())

/* Every getter below is also a read-only property ("page", "join",
 * "origin", "source", "sha256", "checked-at", "fetched-at", "last-error",
 * "cache-problem", "refreshing"); "sources" is read-write and "cache-dir"
 * construct-only. A swap notifies them all at once, after every one has
 * its new value. */
G_DECLARE_FINAL_TYPE (CommunityLivePage, community_live_page, COMMUNITY, LIVE_PAGE, GObject)

/* Construction and settings. */

/* @cache_dir NULL means g_get_user_cache_dir()/jpom-community. A folder
 * that is not an absolute path is never read or written (the page is
 * then shown but not saved, and get_cache_problem() says why). */
CommunityLivePage  *community_live_page_new              (const char          *cache_dir);
/* The cache directory in use. */
const char         *community_live_page_get_cache_dir    (CommunityLivePage   *self);
/* Docs-root URLs, tried in order. NULL or empty: no source (offline). */
void                community_live_page_set_sources      (CommunityLivePage   *self,
                                                          const char * const  *sources);
const char * const *community_live_page_get_sources      (CommunityLivePage   *self);
/* Timeouts for every fetch (defaults: COMMUNITY_FETCH_CONNECT_TIMEOUT_S and
 * COMMUNITY_FETCH_TOTAL_TIMEOUT_MS) and for a whole refresh
 * (COMMUNITY_LIVE_PAGE_REFRESH_TIMEOUT_MS); tests shorten them. */
void                community_live_page_set_timeouts     (CommunityLivePage   *self,
                                                          guint                connect_timeout_s,
                                                          guint                total_timeout_ms,
                                                          guint                refresh_timeout_ms);

/* The local copy. */

/* Shows the newest valid local copy: the cache when it is whole (its sha256
 * matches) and gives a complete join model, else the bundled Chinese page.
 * Synchronous and small: meant for start-up, before the first frame. A
 * damaged cache is ignored and reported by get_cache_problem(). Returns
 * FALSE only when not even the bundled page loads. */
gboolean            community_live_page_load_local       (CommunityLivePage   *self,
                                                          GError             **error);
/* A localized sentence when load_local() ignored a damaged cache, or NULL. */
const char         *community_live_page_get_cache_problem (CommunityLivePage  *self);

/* The page shown. */

/* The current Chinese page and its join model (with the QR payload
 * resolved from the table or the payload cache). "notify::join" is emitted
 * when a refresh brings a new valid page; both are replaced together. */
CommunityPage      *community_live_page_get_page         (CommunityLivePage   *self);
CommunityJoin      *community_live_page_get_join         (CommunityLivePage   *self);
CommunityPageOrigin community_live_page_get_origin       (CommunityLivePage   *self);
/* The docs root the shown page came from, or NULL for the bundled page. */
const char         *community_live_page_get_source       (CommunityLivePage   *self);
/* Hex sha256 of the shown page's bytes. */
const char         *community_live_page_get_sha256       (CommunityLivePage   *self);
/* When a source last confirmed the shown page current (200 or 304), or
 * NULL if never (bundled page, no successful check yet). */
GDateTime          *community_live_page_get_checked_at   (CommunityLivePage   *self);
/* When the shown page's bytes were downloaded, or NULL for the bundled
 * page. */
GDateTime          *community_live_page_get_fetched_at   (CommunityLivePage   *self);
/* Element type char *: what the last swap changed for the reader, from
 * the page shown before to the new one: localized lines for a toast, such
 * as "Prices changed: 30元/月 → 40元/月" (community_join_describe_changes()).
 * Empty when the new page changed nothing a reader acts on; NULL before
 * any swap. Valid until the next swap. */
GPtrArray          *community_live_page_get_changes      (CommunityLivePage   *self);
/* Whether @translation (a page whose front matter "translates:" names the
 * sha256 of the Chinese page it was made from) translates the shown page.
 * When it does not, show it with a notice that it is out of date, and its
 * join model from community_join_new_translated (translation, join). */
gboolean            community_live_page_translation_is_current (CommunityLivePage *self,
                                                                CommunityPage     *translation);

/* Refreshing. */

/* TRUE when the last successful check is older than
 * COMMUNITY_LIVE_PAGE_REFRESH_INTERVAL (or there was none). */
gboolean            community_live_page_is_refresh_due   (CommunityLivePage   *self);
/* TRUE while a refresh runs ("notify::refreshing"). */
gboolean            community_live_page_get_refreshing   (CommunityLivePage   *self);
/* Why the last refresh did not bring the current page (refused or
 * unreachable), or NULL after a successful one or before any. Localized. */
const char         *community_live_page_get_last_error   (CommunityLivePage   *self);
/* Fetches the page from the sources in order (conditional request), and
 * when it is new and valid resolves its QR payload, caches it atomically
 * and replaces page and join. Never touches the shown page or the cache
 * when the fetched one is invalid. */
void                community_live_page_refresh_async    (CommunityLivePage   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* Returns the status; @error (for REFUSED, UNREACHABLE and NOT_SAVED)
 * says why, in words for the user. @changed is set to TRUE when the page
 * was replaced (NOT_SAVED too may replace it). */
CommunityRefreshStatus community_live_page_refresh_finish (CommunityLivePage  *self,
                                                          GAsyncResult        *result,
                                                          gboolean            *changed,
                                                          GError             **error);
/* refresh_async() run to its end on the thread-default main context,
 * for `--update` and tests. */
CommunityRefreshStatus community_live_page_refresh_sync  (CommunityLivePage  *self,
                                                          gboolean           *changed,
                                                          GError            **error);

G_END_DECLS
