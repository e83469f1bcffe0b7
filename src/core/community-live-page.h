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
#include "community-notices.h"
#include "community-page.h"
#include "community-refresh.h"

G_BEGIN_DECLS

/* The docs roots tried in order when the settings give none. */
#define COMMUNITY_LIVE_PAGE_DEFAULT_SOURCES \
  "https://raw.githubusercontent.com/bwcx-jzy/jpom-docs/main/docs/", \
  "https://cdn.jsdelivr.net/gh/bwcx-jzy/jpom-docs@main/docs/"
/* Automatic refreshes run at most this often. */
#define COMMUNITY_LIVE_PAGE_REFRESH_INTERVAL (24 * G_TIME_SPAN_HOUR)

typedef enum
{
  COMMUNITY_PAGE_ORIGIN_BUNDLED,  /* the page the app was built with */
  COMMUNITY_PAGE_ORIGIN_CACHE,    /* a page fetched earlier and saved */
} CommunityPageOrigin;


#define COMMUNITY_TYPE_LIVE_PAGE (community_live_page_get_type ())

/* The one model of what the app shows. Every getter below is also a
 * read-only property ("page", "join", "origin", "source", "sha256",
 * "checked-at", "fetched-at", "changes" is not; "translation",
 * "translation-current", "shown-page", "shown-join", "offline",
 * "can-refresh", "last-error", "cache-problem", "refreshing",
 * "notices");
 * "sources" and "read-translation" are read-write and "cache-dir"
 * construct-only. A change notifies every property it changes at once,
 * after all have their new values. The signal "refreshed" (status,
 * changed, error or NULL, CommunityRefreshFlags) tells that a refresh
 * ended, and how (not when it was cancelled). */
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

/* The local copy. */

/* Shows the newest valid local copy: the cache when it is whole (its sha256
 * matches) and gives a complete join model, else the bundled Chinese page;
 * and the saved notices, else the bundled ones.
 * Synchronous and small: meant for start-up, before the first frame. A
 * damaged cache is ignored and reported by get_cache_problem(). Returns
 * FALSE only when not even the bundled page loads (its reason is then the
 * last error too). */
gboolean            community_live_page_load_local       (CommunityLivePage   *self,
                                                          GError             **error);
/* A localized sentence when the saved copy was ignored or the current
 * page could not be saved, or NULL. */
const char         *community_live_page_get_cache_problem (CommunityLivePage  *self);

/* The current Chinese page. */

/* The page and its join model (with the QR payload resolved from the
 * table or the payload cache), replaced together when a refresh brings a
 * new valid page. */
CommunityPage      *community_live_page_get_page         (CommunityLivePage   *self);
CommunityJoin      *community_live_page_get_join         (CommunityLivePage   *self);
CommunityPageOrigin community_live_page_get_origin       (CommunityLivePage   *self);
/* The docs root the page came from, or NULL for the bundled page. */
const char         *community_live_page_get_source       (CommunityLivePage   *self);
/* Hex sha256 of the page's bytes. */
const char         *community_live_page_get_sha256       (CommunityLivePage   *self);
/* When a source last confirmed the page current (200 or 304), or NULL if
 * never (bundled page, no successful check yet). */
GDateTime          *community_live_page_get_checked_at   (CommunityLivePage   *self);
/* When the page's bytes were downloaded, or NULL for the bundled page. */
GDateTime          *community_live_page_get_fetched_at   (CommunityLivePage   *self);
/* Element type char *: what the last new page changed for the reader,
 * from the page shown before: localized lines for a toast, such as
 * "Prices changed: 30元/月 → 40元/月" (community_join_describe_changes()).
 * Empty when the new page changed nothing a reader acts on; NULL before
 * any. Valid until the next new page. */
GPtrArray          *community_live_page_get_changes      (CommunityLivePage   *self);

/* What is shown: the language. */

/* The bundled translation of the page in the user's language, or NULL
 * for a Chinese reader; read on first use. */
CommunityPage      *community_live_page_get_translation  (CommunityLivePage   *self);
/* Whether the translation was made from the current page (its front
 * matter "translates:" names the current page's sha256). */
gboolean            community_live_page_get_translation_current (CommunityLivePage *self);
/* Whether the reader chose to read the translation although it is out
 * of date. */
gboolean            community_live_page_get_read_translation (CommunityLivePage *self);
void                community_live_page_set_read_translation (CommunityLivePage *self,
                                                              gboolean           read);
/* The page to show and its join model: the translation when it is
 * current or chosen (with the tiers, prices and contacts of the current
 * Chinese page: community_join_new_translated()), else the Chinese page. */
CommunityPage      *community_live_page_get_shown_page   (CommunityLivePage   *self);
CommunityJoin      *community_live_page_get_shown_join   (CommunityLivePage   *self);

/* The community's notices, beside the page: saved with it, read with
 * its local copy, their posts fetched from its sources (which are the
 * notices' roots), refreshed on their own (community-notices.h). */
CommunityNotices   *community_live_page_get_notices      (CommunityLivePage   *self);

/* Reaching the community's site. */

/* Whether the app cannot reach the site: it has no source (--offline, or
 * none set), or the last refresh reached none. */
gboolean            community_live_page_get_offline      (CommunityLivePage   *self);
/* Whether a refresh can reach anything: there is a source. */
gboolean            community_live_page_get_can_refresh  (CommunityLivePage   *self);
/* Why the last refresh did not bring the current page (refused,
 * unreachable, not saved), or NULL after a successful one or before any.
 * Localized. */
const char         *community_live_page_get_last_error   (CommunityLivePage   *self);

/* Refreshing. */

/* TRUE when the last successful check is older than
 * COMMUNITY_LIVE_PAGE_REFRESH_INTERVAL (or there was none). */
gboolean            community_live_page_is_refresh_due   (CommunityLivePage   *self);
/* TRUE while a refresh runs ("notify::refreshing"). */
gboolean            community_live_page_get_refreshing   (CommunityLivePage   *self);
/* Fetches the page from the sources in order (conditional request), and
 * when it is new and valid resolves its QR payload, caches it atomically
 * and replaces page and join. Never touches the shown page or the cache
 * when the fetched one is invalid. A refresh asked for while one runs
 * shares its outcome (and its flags are added to the running one's). */
void                community_live_page_refresh_async    (CommunityLivePage    *self,
                                                          CommunityRefreshFlags flags,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
/* TRUE when the shown page is the current one and saved; else FALSE with
 * @error in COMMUNITY_REFRESH_ERROR (the code is the
 * CommunityRefreshStatus; words for the user) or G_IO_ERROR_CANCELLED.
 * @changed is set to TRUE when a new page replaced the shown one (even
 * one that could not be saved). */
gboolean            community_live_page_refresh_finish   (CommunityLivePage    *self,
                                                          GAsyncResult         *result,
                                                          gboolean             *changed,
                                                          GError              **error);
/* refresh_async() run to its end on the thread-default main context,
 * for `--update` and tests. */
gboolean            community_live_page_refresh_sync     (CommunityLivePage    *self,
                                                          gboolean             *changed,
                                                          GError              **error);

G_END_DECLS
