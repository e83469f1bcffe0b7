/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-live-page.c: the live page against a real HTTP server.
 *
 * A SoupServer on 127.0.0.1 (port 0) in this process serves a docs tree.
 * Each case makes the server behave one way (a new page, a 304, a 500, a
 * stall, a huge body, redirects, bad pages, QR images) and then checks the
 * three things that must hold: the status of the refresh, the page shown
 * (by sha256, origin and source), and the cache files, byte for byte.
 * Nothing here reaches any address but 127.0.0.1. */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "community-fetch.h"
#include "community-live-page-private.h"
#include "community-live-page.h"
#include "community-net-helper.h"
#include "community-page-cache.h"
#include "community-text.h"
#include "community-update.h"
#include "community-test-core.h"

/* The page's path, as the server sees it (decoded). */
#define PAGE_PATH     "/docs/支持/110.加入社群.md"
#define PUBLIC_DIR    "/docs/.vuepress/public"
#define LAST_MODIFIED "Fri, 26 Apr 2024 08:00:00 GMT"
#define USER_AGENT    "jpom-community/" PACKAGE_VERSION " (+https://jpom.top)"

#define JPOM66_IMAGE   "/images/qrcode/weixin-jpom66.jpg"
#define JPOM66_PAYLOAD "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1"

typedef enum
{
  ROUTE_FILE,       /* 200 with the bytes; 304 when the ETag matches */
  ROUTE_STATUS,     /* a bare status */
  ROUTE_STALL,      /* accepted, never answered */
  ROUTE_HUGE,       /* 10 MiB, chunked: no length announced */
  ROUTE_REDIRECT,   /* 302 to @location */
  ROUTE_CHUNKED,    /* 200 with the bytes, chunked: no length announced */
} RouteKind;

typedef struct
{
  RouteKind  kind;
  GBytes    *bytes;
  char      *etag;
  char      *location;
  guint      status;
  char      *reason;    /* ROUTE_STATUS: the reason phrase, or NULL */
} Route;

typedef struct
{
  char *host;   /* as the request line or Host: named it */
  char *path;
  char *if_none_match;
  char *if_modified_since;
  char *user_agent;
} Request;

typedef struct
{
  SoupServer        *server;
  char              *base;       /* http://127.0.0.1:PORT */
  char              *root;       /* the docs root: base + /docs/ */
  GHashTable        *routes;     /* decoded path -> Route */
  GPtrArray         *requests;   /* Request */
  GPtrArray         *stalled;    /* SoupServerMessage, paused for ever */
  char              *cache_dir;
  CommunityLivePage *live;
  guint              join_notifies;
  guint              refreshing_notifies;
} Fixture;

/* Test data. */

/* The page with 40元/月 where the bundled one says 30元/月. */
static GBytes *
page_v2 (void)
{
  return community_test_edited_page ("**30元/月**", "**40元/月**", NULL);
}

/* No list item gives a remark as a code span any more. */
static GBytes *
page_without_tiers (void)
{
  return community_test_edited_page ("备注：`Jpom 社群`", "备注：Jpom 社群",
                      "备注：`Jpom 付费社群` 表示", "备注：Jpom 付费社群 表示", NULL);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The server. */

static void
route_free (Route *route)
{
  g_clear_pointer (&route->bytes, g_bytes_unref);
  g_free (route->etag);
  g_free (route->location);
  g_free (route->reason);
  g_free (route);
}

static void
request_free (Request *request)
{
  g_free (request->host);
  g_free (request->path);
  g_free (request->if_none_match);
  g_free (request->if_modified_since);
  g_free (request->user_agent);
  g_free (request);
}

static Route *
set_route (Fixture    *f,
           const char *path,
           RouteKind   kind)
{
  Route *route = g_new0 (Route, 1);

  route->kind = kind;
  g_hash_table_replace (f->routes, g_strdup (path), route);
  return route;
}

/* Serves @bytes at @path with an ETag made from their sha256. */
static void
serve_file (Fixture    *f,
            const char *path,
            GBytes     *bytes)
{
  Route *route = set_route (f, path, ROUTE_FILE);
  g_autofree char *sha256 = sha256_of (bytes);

  route->bytes = g_bytes_ref (bytes);
  route->etag = g_strdup_printf ("\"%.16s\"", sha256);
}

static void
serve_page (Fixture *f,
            GBytes  *bytes)
{
  serve_file (f, PAGE_PATH, bytes);
}

static void
serve_status (Fixture    *f,
              const char *path,
              guint       status)
{
  set_route (f, path, ROUTE_STATUS)->status = status;
}

static void
serve_redirect (Fixture    *f,
                const char *path,
                const char *location)
{
  set_route (f, path, ROUTE_REDIRECT)->location = g_strdup (location);
}

static void
answer_file (SoupServerMessage *msg,
             Route             *route,
             Request           *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "ETag", route->etag);
  soup_message_headers_replace (headers, "Last-Modified", LAST_MODIFIED);
  if (g_strcmp0 (request->if_none_match, route->etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (route->bytes, NULL),
                                    g_bytes_get_size (route->bytes));
}

static void
answer_chunked (SoupServerMessage *msg,
                GBytes            *bytes)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_body_append_bytes (body, bytes);
  soup_message_body_complete (body);
}

static void
answer_huge (SoupServerMessage *msg)
{
  static const gsize size = 10 * 1024 * 1024;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) data = g_bytes_new_take (g_malloc0 (size), size);

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_body_append_bytes (body, data);
  soup_message_body_complete (body);
}

static Request *
log_request (Fixture           *f,
             SoupServerMessage *msg,
             const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Request *request = g_new0 (Request, 1);

  /* SoupServer decodes the path; the encoding the client sent is pinned
   * by /community/live-page/urls. */
  request->host = g_strdup (g_uri_get_host (soup_server_message_get_uri (msg)));
  request->path = g_strdup (path);
  request->if_none_match = g_strdup (soup_message_headers_get_one (headers, "If-None-Match"));
  request->if_modified_since = g_strdup (soup_message_headers_get_one (headers,
                                                                       "If-Modified-Since"));
  request->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_ptr_array_add (f->requests, request);
  return request;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  Fixture *f = data;
  Request *request = log_request (f, msg, path);
  Route *route = g_hash_table_lookup (f->routes, request->path);

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  switch (route->kind)
    {
    case ROUTE_FILE:
      answer_file (msg, route, request);
      break;
    case ROUTE_STATUS:
      soup_server_message_set_status (msg, route->status, route->reason);
      break;
    case ROUTE_CHUNKED:
      answer_chunked (msg, route->bytes);
      break;
    case ROUTE_STALL:
      soup_server_message_pause (msg);
      g_ptr_array_add (f->stalled, g_object_ref (msg));
      break;
    case ROUTE_HUGE:
      answer_huge (msg);
      break;
    case ROUTE_REDIRECT:
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, route->location);
      break;
    default:
      g_assert_not_reached ();
    }
}

static guint
count_requests (Fixture    *f,
                const char *path)
{
  guint n = 0;

  for (guint i = 0; i < f->requests->len; i++)
    n += g_strcmp0 (((Request *) g_ptr_array_index (f->requests, i))->path, path) == 0;

  return n;
}

static Request *
last_request (Fixture *f)
{
  g_assert_cmpuint (f->requests->len, >, 0);
  return g_ptr_array_index (f->requests, f->requests->len - 1);
}

/* The fixture. */

static void
join_notify_cb (Fixture *f)
{
  f->join_notifies++;
}

static void
refreshing_notify_cb (Fixture *f)
{
  f->refreshing_notifies++;
}

static CommunityLivePage *
new_live_page (Fixture *f)
{
  const char * const sources[] = { f->root, NULL };
  CommunityLivePage *live = community_live_page_new (f->cache_dir);
  g_autoptr(GError) error = NULL;

  community_live_page_set_sources (live, sources);
  community_live_page_set_timeouts (live, 2, 5000, 20000);
  g_assert_true (community_live_page_load_local (live, &error));
  g_assert_no_error (error);
  return live;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  f->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  f->stalled = g_ptr_array_new_with_free_func (g_object_unref);

  f->server = soup_server_new ("server-header", "test-live-page", NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  f->root = g_strconcat (f->base, "/docs/", NULL);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->cache_dir = g_dir_make_tmp ("test-live-page-XXXXXX", &error);
  g_assert_no_error (error);

  f->live = new_live_page (f);
  g_signal_connect_swapped (f->live, "notify::join", G_CALLBACK (join_notify_cb), f);
  g_signal_connect_swapped (f->live, "notify::refreshing", G_CALLBACK (refreshing_notify_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->live);
  soup_server_disconnect (f->server);
  g_clear_pointer (&f->stalled, g_ptr_array_unref);
  g_assert_finalize_object (f->server);
  g_clear_pointer (&f->routes, g_hash_table_unref);
  g_clear_pointer (&f->requests, g_ptr_array_unref);
  community_test_remove_tree (f->cache_dir);
  g_free (f->cache_dir);
  g_free (f->root);
  g_free (f->base);
}

/* Running a refresh. */

/* Refreshes and checks the status; the error's message is returned (or
 * NULL), and must match the live page's last error. */
static char *
refresh (Fixture                *f,
         CommunityRefreshStatus  expected,
         gboolean                expect_changed)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gboolean current;

  current = community_live_page_refresh_sync (f->live, &changed, &error);
  g_assert_false (community_live_page_get_refreshing (f->live));

  if (error != NULL)
    g_test_message ("refresh: %s", error->message);
  g_assert_cmpint (changed, ==, expect_changed);
  if (expected == COMMUNITY_REFRESH_CURRENT)
    {
      g_assert_true (current);
      g_assert_no_error (error);
      g_assert_null (community_live_page_get_last_error (f->live));
      return NULL;
    }

  g_assert_false (current);
  g_assert_error (error, COMMUNITY_REFRESH_ERROR, (int) expected);
  g_assert_cmpstr (community_live_page_get_last_error (f->live), ==, error->message);
  return g_strdup (error->message);
}

/* What is shown. */

static void
assert_shown (Fixture             *f,
              GBytes              *bytes,
              CommunityPageOrigin  origin,
              const char          *source)
{
  g_autofree char *sha256 = sha256_of (bytes);

  g_assert_cmpstr (community_live_page_get_sha256 (f->live), ==, sha256);
  g_assert_cmpint (community_live_page_get_origin (f->live), ==, origin);
  g_assert_cmpstr (community_live_page_get_source (f->live), ==, source);
  g_assert_nonnull (community_live_page_get_page (f->live));
  g_assert_true (community_join_get_page (community_live_page_get_join (f->live))
                 == community_live_page_get_page (f->live));
  g_assert_true (community_join_is_complete (community_live_page_get_join (f->live)));
  g_assert_nonnull (community_join_get_qr_payload (community_live_page_get_join (f->live)));
}

static void
assert_shown_bundled (Fixture *f)
{
  g_autoptr(GBytes) bundled = community_test_bundled_page ("zh_CN");

  assert_shown (f, bundled, COMMUNITY_PAGE_ORIGIN_BUNDLED, NULL);
  g_assert_null (community_live_page_get_checked_at (f->live));
}

/* The cache files. */

static char *
cache_file (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->cache_dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* Every file in the cache directory but the (empty) lock file, name ->
 * contents. */
static GHashTable *
snapshot_cache (Fixture *f)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) dir = g_dir_open (f->cache_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, COMMUNITY_PAGE_CACHE_LOCK))
      g_hash_table_insert (files, g_strdup (name), cache_file (f, name));

  return files;
}

static void
assert_cache_unchanged (Fixture    *f,
                        GHashTable *before)
{
  g_autoptr(GHashTable) now = snapshot_cache (f);
  GHashTableIter iter;
  gpointer name, contents;

  g_assert_cmpuint (g_hash_table_size (now), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &name, &contents))
    g_assert_cmpstr (g_hash_table_lookup (now, name), ==, contents);
}

static void
assert_cache_empty (Fixture *f)
{
  g_autoptr(GHashTable) files = snapshot_cache (f);

  g_assert_cmpuint (g_hash_table_size (files), ==, 0);
}

static void
assert_key (GKeyFile   *keyfile,
            const char *group,
            const char *key,
            const char *expected)
{
  g_autofree char *value = g_key_file_get_string (keyfile, group, key, NULL);

  g_assert_cmpstr (value, ==, expected);
}

static GKeyFile *
cache_metadata (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->cache_dir, COMMUNITY_PAGE_CACHE_METADATA, NULL);
  g_autoptr(GError) error = NULL;
  GKeyFile *keyfile = g_key_file_new ();

  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  return keyfile;
}

/* The cache holds exactly @bytes, described as from @source with the
 * server's validators, checked at the time the live page reports. */
static void
assert_cache_holds (Fixture    *f,
                    GBytes     *bytes,
                    const char *source)
{
  g_autofree char *page = cache_file (f, COMMUNITY_PAGE_CACHE_PAGE);
  g_autoptr(GKeyFile) metadata = cache_metadata (f);
  g_autofree char *sha256 = sha256_of (bytes);
  g_autofree char *etag = g_strdup_printf ("\"%.16s\"", sha256);
  g_autofree char *checked_at = NULL;
  g_autoptr(GDateTime) checked = NULL;

  g_assert_nonnull (page);
  g_assert_cmpmem (page, strlen (page), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  assert_key (metadata, "page", "sha256", sha256);
  g_assert_cmpuint (g_key_file_get_uint64 (metadata, "page", "size", NULL), ==,
                    g_bytes_get_size (bytes));
  assert_key (metadata, "page", "source", source);
  assert_key (metadata, "page", "etag", etag);
  assert_key (metadata, "page", "last-modified", LAST_MODIFIED);
  g_assert_true (g_key_file_has_key (metadata, "page", "fetched-at", NULL));

  checked_at = g_key_file_get_string (metadata, "page", "checked-at", NULL);
  checked = g_date_time_new_from_iso8601 (checked_at, NULL);
  g_assert_nonnull (checked);
  g_assert_true (g_date_time_equal (checked, community_live_page_get_checked_at (f->live)));
}

/* A first fetch of the new page, which later cases start from. */
static GBytes *
fetch_v2 (Fixture *f)
{
  GBytes *v2 = page_v2 ();

  serve_page (f, v2);
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, TRUE));
  assert_shown (f, v2, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, v2, f->root);
  return v2;
}

/* From the saved @shown page, a refresh with the server as the caller
 * set it up fails with @status, saying @why, and leaves the shown page and
 * every cache file as they were. */
static void
assert_fails (Fixture                *f,
              GBytes                 *shown,
              CommunityRefreshStatus  status,
              const char             *why)
{
  g_autoptr(GHashTable) before = snapshot_cache (f);
  g_autofree char *message = refresh (f, status, FALSE);

  community_test_assert_contains (message, why);
  assert_shown (f, shown, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_unchanged (f, before);
  g_assert_cmpuint (f->join_notifies, ==, 1);
}

/* Cases: a page arrives. */

static void
test_first_fetch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) v2 = NULL;
  g_autoptr(CommunityLivePage) again = NULL;
  GPtrArray *changes;
  const CommunityTier *paid;
  Request *request;

  assert_shown_bundled (f);
  g_assert_true (community_live_page_is_refresh_due (f->live));
  g_assert_null (community_live_page_get_changes (f->live));
  assert_cache_empty (f);

  v2 = fetch_v2 (f);

  /* One request, for the page, unconditional, with the app's name. */
  g_assert_cmpuint (f->requests->len, ==, 1);
  request = last_request (f);
  g_assert_cmpstr (request->path, ==, PAGE_PATH);
  g_assert_null (request->if_none_match);
  g_assert_null (request->if_modified_since);
  g_assert_cmpstr (request->user_agent, ==, USER_AGENT);

  g_assert_cmpuint (f->join_notifies, ==, 1);
  g_assert_cmpuint (f->refreshing_notifies, ==, 2);
  g_assert_false (community_live_page_is_refresh_due (f->live));
  paid = g_ptr_array_index (community_join_get_tiers (community_live_page_get_join (f->live)), 0);
  g_assert_cmpstr (paid->prices[0], ==, "40元/月");
  changes = community_live_page_get_changes (f->live);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==, "Prices changed: 30元/月 → 40元/月");

  /* The next start shows the saved page at once. */
  again = new_live_page (f);
  g_assert_cmpstr (community_live_page_get_sha256 (again), ==,
                   community_live_page_get_sha256 (f->live));
  g_assert_cmpint (community_live_page_get_origin (again), ==, COMMUNITY_PAGE_ORIGIN_CACHE);
  g_assert_cmpstr (community_live_page_get_source (again), ==, f->root);
  g_assert_null (community_live_page_get_cache_problem (again));
  g_assert_true (g_date_time_equal (community_live_page_get_checked_at (again),
                                    community_live_page_get_checked_at (f->live)));
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);
  g_autofree char *page_before = cache_file (f, COMMUNITY_PAGE_CACHE_PAGE);
  g_autofree char *page_after = NULL;
  g_autoptr(GDateTime) checked_before = g_date_time_ref (community_live_page_get_checked_at (f->live));
  Request *request;

  g_usleep (2000);
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, FALSE));

  request = last_request (f);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_nonnull (request->if_none_match);
  g_assert_cmpstr (request->if_modified_since, ==, LAST_MODIFIED);

  /* Same page, same bytes, a newer check time; no swap. */
  assert_shown (f, v2, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, v2, f->root);
  page_after = cache_file (f, COMMUNITY_PAGE_CACHE_PAGE);
  g_assert_cmpstr (page_after, ==, page_before);
  g_assert_cmpint (g_date_time_compare (community_live_page_get_checked_at (f->live),
                                        checked_before), >, 0);
  g_assert_cmpuint (f->join_notifies, ==, 1);
}

/* A source serving the bundled page verbatim: nothing to swap, but the
 * page is now a checked, saved copy. */
static void
test_same_as_bundled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bundled = community_test_bundled_page ("zh_CN");

  serve_page (f, bundled);
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, FALSE));

  assert_shown (f, bundled, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, bundled, f->root);
  g_assert_cmpuint (f->join_notifies, ==, 0);
}

static void
test_redirect_followed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) v2 = page_v2 ();
  g_autoptr(GKeyFile) metadata = NULL;
  g_autofree char *moved = g_strconcat (f->base, "/moved/join.md", NULL);

  serve_redirect (f, PAGE_PATH, "/moved/join.md");
  serve_file (f, "/moved/join.md", v2);
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, TRUE));

  assert_shown (f, v2, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, v2, f->root);
  metadata = cache_metadata (f);
  assert_key (metadata, "page", "url", moved);
}

/* Cases: no page arrives. */

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) v2 = NULL;
  g_autofree char *message = NULL;

  /* From the bundled page: nothing is saved. */
  serve_status (f, PAGE_PATH, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  message = refresh (f, COMMUNITY_REFRESH_UNREACHABLE, FALSE);
  community_test_assert_contains (message, "500");
  assert_shown_bundled (f);
  assert_cache_empty (f);

  /* From a saved page: it stays, byte for byte. */
  v2 = fetch_v2 (f);
  serve_status (f, PAGE_PATH, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  assert_fails (f, v2, COMMUNITY_REFRESH_UNREACHABLE, "500");
}

static void
test_stalled (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);
  gint64 start;

  set_route (f, PAGE_PATH, ROUTE_STALL);
  /* The total timeout, not libsoup's 5 s I/O timeout, ends the wait. */
  community_live_page_set_timeouts (f->live, 5, 300, 20000);
  start = g_get_monotonic_time ();
  assert_fails (f, v2, COMMUNITY_REFRESH_UNREACHABLE, "did not answer in time");

  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->stalled->len, ==, 1);
}

typedef struct
{
  gboolean  done;
  gboolean  current;
  GError   *error;
} Cancelled;

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Cancelled *cancelled = data;

  cancelled->current = community_live_page_refresh_finish (COMMUNITY_LIVE_PAGE (object), result,
                                                           NULL, &cancelled->error);
  cancelled->done = TRUE;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Cancelled by its caller (the application quitting), a refresh ends at
 * once, changes nothing and tells no one but its caller. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *sha256 = g_strdup (community_live_page_get_sha256 (f->live));
  Cancelled cancelled = { FALSE, FALSE, NULL };
  guint refreshed = 0;

  set_route (f, PAGE_PATH, ROUTE_STALL);
  g_signal_connect_swapped (f->live, "refreshed", G_CALLBACK (count_cb), &refreshed);
  community_live_page_refresh_async (f->live, COMMUNITY_REFRESH_FLAGS_NONE, cancellable,
                                     cancelled_cb, &cancelled);
  while (f->stalled->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (community_live_page_get_refreshing (f->live));

  g_cancellable_cancel (cancellable);
  while (!cancelled.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (cancelled.current);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);
  g_assert_false (community_live_page_get_refreshing (f->live));
  g_assert_cmpstr (community_live_page_get_sha256 (f->live), ==, sha256);
  g_assert_null (community_live_page_get_last_error (f->live));
  g_assert_cmpuint (refreshed, ==, 0);
}

static void
test_huge_body (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);

  set_route (f, PAGE_PATH, ROUTE_HUGE);
  assert_fails (f, v2, COMMUNITY_REFRESH_REFUSED, "larger than the limit");
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);

  serve_redirect (f, PAGE_PATH, "/loop/a");
  serve_redirect (f, "/loop/a", "/loop/b");
  serve_redirect (f, "/loop/b", "/loop/a");
  assert_fails (f, v2, COMMUNITY_REFRESH_UNREACHABLE, "redirected too many times");

  /* The page, then three redirects followed; the fourth is refused. */
  g_assert_cmpuint (count_requests (f, PAGE_PATH), ==, 2);
  g_assert_cmpuint (count_requests (f, "/loop/a") + count_requests (f, "/loop/b"), ==, 3);
}

/* A redirect to plain http off this computer is refused before anything
 * is resolved: example.invalid would not resolve, and the message says
 * the address is not allowed, not that the host is unknown. */
static void
test_redirect_insecure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);

  serve_redirect (f, PAGE_PATH, "http://example.invalid/join.md");
  assert_fails (f, v2, COMMUNITY_REFRESH_UNREACHABLE,
                "not allowed: “http://example.invalid/join.md”");

  g_assert_cmpuint (count_requests (f, PAGE_PATH), ==, 2);
}

/* Cases: a page arrives and is refused. */

static void
assert_refused (Fixture    *f,
                GBytes     *bad,
                const char *why)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);

  serve_page (f, bad);
  assert_fails (f, v2, COMMUNITY_REFRESH_REFUSED, why);
}

static void
test_invalid_utf8 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bad = community_test_edited_page ("付费社群", "\xff\xfe", NULL);

  assert_refused (f, bad, "UTF-8");
}

static void
test_no_tiers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) bad = page_without_tiers ();

  assert_refused (f, bad, "No community tier");
}

static void
test_pathological (Fixture       *f,
                   gconstpointer  data)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GBytes) bad = NULL;

  for (guint i = 0; i < 70000; i++)
    g_string_append (text, "![[a]()");
  g_assert_cmpuint (text->len, <=, COMMUNITY_PAGE_MAX_SIZE);
  bad = g_string_free_to_bytes (text);

  assert_refused (f, bad, "The new page cannot be read");
}

/* Cases: QR images the table does not know. */

#define NEW_CARD "/images/qrcode/weixin-jpom66-2024.jpg"

static void
test_real_card (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) page = community_test_edited_page (JPOM66_IMAGE, NEW_CARD, NULL);
  g_autoptr(GBytes) card = community_test_read_image ("qrcode/weixin-jpom66.jpg");
  g_autofree char *card_sha256 = sha256_of (card);
  g_autofree char *payloads = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(CommunityLivePage) again = NULL;
  CommunityJoin *join;

  serve_page (f, page);
  serve_file (f, PUBLIC_DIR NEW_CARD, card);
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, TRUE));

  assert_shown (f, page, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, page, f->root);
  join = community_live_page_get_join (f->live);
  g_assert_cmpstr (community_join_get_qr_image (join), ==, NEW_CARD);
  g_assert_cmpstr (community_join_get_qr_payload (join), ==, JPOM66_PAYLOAD);
  /* The same payload under a new path: nothing a reader acts on. */
  g_assert_cmpuint (community_live_page_get_changes (f->live)->len, ==, 0);

  /* The payload is saved by path and image sha256. */
  payloads = cache_file (f, COMMUNITY_PAGE_CACHE_PAYLOADS);
  g_assert_true (g_key_file_load_from_data (keyfile, payloads, -1, G_KEY_FILE_NONE, NULL));
  assert_key (keyfile, NEW_CARD, "sha256", card_sha256);
  assert_key (keyfile, NEW_CARD, "payload", JPOM66_PAYLOAD);

  /* The next start resolves it offline, from the payload cache. */
  again = new_live_page (f);
  g_assert_cmpint (community_live_page_get_origin (again), ==, COMMUNITY_PAGE_ORIGIN_CACHE);
  g_assert_cmpstr (community_join_get_qr_payload (community_live_page_get_join (again)), ==,
                   JPOM66_PAYLOAD);
}

static void
test_generated_card (Fixture       *f,
                     gconstpointer  data)
{
  const char *payload = "https://u.wechat.com/TestOnlyNewAssistant?s=1";
  g_autoptr(GBytes) page = community_test_edited_page (JPOM66_IMAGE, "/images/qrcode/new-assistant.png", NULL);
  g_autoptr(GBytes) png = community_test_qr_png (payload);
  GPtrArray *changes;

  serve_page (f, page);
  serve_file (f, PUBLIC_DIR "/images/qrcode/new-assistant.png", png);
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, TRUE));

  assert_shown (f, page, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, page, f->root);
  g_assert_cmpstr (community_join_get_qr_payload (community_live_page_get_join (f->live)), ==,
                   payload);
  changes = community_live_page_get_changes (f->live);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==, "New WeChat QR code");
}

static void
test_not_wechat_card (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) page = community_test_edited_page (JPOM66_IMAGE, "/images/qrcode/other.png", NULL);
  g_autoptr(GBytes) png = community_test_qr_png ("https://example.com/");
  g_autofree char *payloads = NULL;

  serve_file (f, PUBLIC_DIR "/images/qrcode/other.png", png);
  assert_refused (f, page, "https://example.com/");
  payloads = cache_file (f, COMMUNITY_PAGE_CACHE_PAYLOADS);
  g_assert_null (payloads);
}

static void
test_missing_card (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) page = community_test_edited_page (JPOM66_IMAGE, "/images/qrcode/gone.png", NULL);

  assert_refused (f, page, "404");
}

/* Cases: the saved copy is damaged. */

static void
restart (Fixture *f)
{
  g_assert_finalize_object (f->live);
  f->live = new_live_page (f);
}

static void
write_cache_file (Fixture    *f,
                  const char *name,
                  const char *contents,
                  gssize      size)
{
  g_autofree char *path = g_build_filename (f->cache_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, size, &error);
  g_assert_no_error (error);
}

static void
test_truncated_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);

  write_cache_file (f, COMMUNITY_PAGE_CACHE_PAGE, g_bytes_get_data (v2, NULL),
                    g_bytes_get_size (v2) / 2);
  restart (f);

  assert_shown_bundled (f);
  community_test_assert_contains (community_live_page_get_cache_problem (f->live), "checksum");
}

static void
test_tampered_cache (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);
  g_autofree char *text = g_strndup (g_bytes_get_data (v2, NULL), g_bytes_get_size (v2));
  char *price = strstr (text, "40元/月");

  /* Same size, one price changed. */
  price[0] = '9';
  write_cache_file (f, COMMUNITY_PAGE_CACHE_PAGE, text, -1);
  restart (f);

  assert_shown_bundled (f);
  community_test_assert_contains (community_live_page_get_cache_problem (f->live), "checksum");
}

static void
test_missing_metadata (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) v2 = fetch_v2 (f);
  g_autofree char *path = g_build_filename (f->cache_dir, COMMUNITY_PAGE_CACHE_METADATA, NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
  restart (f);

  assert_shown_bundled (f);
  g_assert_nonnull (community_live_page_get_cache_problem (f->live));

  /* A refresh repairs the cache. */
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, TRUE));
  assert_shown (f, v2, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, v2, f->root);
}

/* A whole saved page that no longer gives a complete join model (as
 * after an app update that reads pages differently) is not shown. */
static void
test_incomplete_cache (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bad = page_without_tiers ();
  g_autoptr(CommunityPageCache) cache = community_page_cache_new (f->cache_dir);
  g_autoptr(CommunityCachedPage) saved = community_cached_page_new ();
  g_autoptr(GError) error = NULL;

  saved->bytes = g_bytes_ref (bad);
  saved->sha256 = sha256_of (bad);
  saved->source = g_strdup (f->root);
  community_page_cache_store (cache, saved, &error);
  g_assert_no_error (error);
  restart (f);

  assert_shown_bundled (f);
  community_test_assert_contains (community_live_page_get_cache_problem (f->live), "No community tier");
}

/* Cases: several sources, several callers. */

static void
test_second_source (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *broken = g_strconcat (f->base, "/broken/", NULL);
  g_autofree char *refusing = g_strconcat (f->base, "/refusing/", NULL);
  const char * const sources[] = { broken, refusing, f->root, NULL };
  g_autoptr(GBytes) bad = page_without_tiers ();
  g_autoptr(GBytes) v2 = page_v2 ();

  serve_status (f, "/broken/支持/110.加入社群.md", SOUP_STATUS_SERVICE_UNAVAILABLE);
  serve_file (f, "/refusing/支持/110.加入社群.md", bad);
  serve_page (f, v2);
  community_live_page_set_sources (f->live, sources);
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, TRUE));

  assert_shown (f, v2, COMMUNITY_PAGE_ORIGIN_CACHE, f->root);
  assert_cache_holds (f, v2, f->root);
  g_assert_cmpuint (f->requests->len, ==, 3);
}

static void
test_no_source (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *message = NULL;

  community_live_page_set_sources (f->live, NULL);
  message = refresh (f, COMMUNITY_REFRESH_UNREACHABLE, FALSE);

  g_assert_nonnull (message);
  g_assert_cmpuint (f->requests->len, ==, 0);
  assert_shown_bundled (f);
  assert_cache_empty (f);
}

static void
first_refreshed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      data)
{
  int *current = data;
  gboolean changed = FALSE;

  *current = community_live_page_refresh_finish (COMMUNITY_LIVE_PAGE (object), result,
                                                 &changed, NULL);
  g_assert_true (changed);
}

/* A refresh asked for while one runs shares its outcome. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) v2 = page_v2 ();
  int first = -1;

  serve_page (f, v2);
  community_live_page_refresh_async (f->live, COMMUNITY_REFRESH_FLAGS_NONE, NULL,
                                     first_refreshed_cb, &first);
  g_assert_true (community_live_page_get_refreshing (f->live));
  g_free (refresh (f, COMMUNITY_REFRESH_CURRENT, TRUE));
  while (first == -1)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (first, ==, TRUE);
  g_assert_cmpuint (f->requests->len, ==, 1);
  g_assert_cmpuint (f->join_notifies, ==, 1);
}

/* The English translation (this test runs in the C locale, which gets
 * it) names the bundled Chinese page it was made from: it is shown, with
 * the Chinese page's join model. A new Chinese page makes it out of date:
 * the Chinese page is shown, unless the reader chooses the translation. */
static void
test_translation (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = community_test_bundled_page ("en");
  g_autofree char *english = sha256_of (bytes);
  CommunityPage *translation = community_live_page_get_translation (f->live);
  g_autoptr(GBytes) v2 = NULL;
  CommunityJoin *shown;

  g_assert_nonnull (translation);
  g_assert_true (community_live_page_get_translation_current (f->live));
  g_assert_true (community_live_page_get_shown_page (f->live) == translation);
  shown = community_live_page_get_shown_join (f->live);
  g_assert_true (community_join_get_page (shown) == translation);
  g_assert_cmpstr (community_join_get_wechat_id (shown), ==,
                   community_join_get_wechat_id (community_live_page_get_join (f->live)));

  v2 = fetch_v2 (f);
  g_assert_false (community_live_page_get_translation_current (f->live));
  g_assert_true (community_live_page_get_shown_page (f->live)
                 == community_live_page_get_page (f->live));
  g_assert_true (community_live_page_get_shown_join (f->live)
                 == community_live_page_get_join (f->live));

  community_live_page_set_read_translation (f->live, TRUE);
  g_assert_true (community_live_page_get_shown_page (f->live) == translation);
  shown = community_live_page_get_shown_join (f->live);
  g_assert_cmpstr (((CommunityTier *) g_ptr_array_index (community_join_get_tiers (shown), 0))->prices[0],
                   ==, "40元/月");
  g_assert_nonnull (english);
}

/* --update. */

/* Runs --update against the fixture's server; returns its status, and
 * its one line in @line. The output goes to memory, not to files, so
 * that a case may forbid this process to write files. */
static int
run_update (Fixture    *f,
            char      **line)
{
  const char * const sources[] = { f->root, NULL };
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  size_t out_size = 0;
  size_t err_size = 0;
  FILE *out = open_memstream (&out_text, &out_size);
  FILE *err = open_memstream (&err_text, &err_size);
  const char *printed;
  int status;

  status = community_update_run (sources, f->cache_dir, out, err);
  fclose (out);
  fclose (err);

  printed = status == COMMUNITY_REFRESH_CURRENT ? out_text : err_text;
  g_assert_cmpuint (status == COMMUNITY_REFRESH_CURRENT ? err_size : out_size, ==, 0);
  /* One line only. */
  g_assert_true (g_str_has_suffix (printed, "\n"));
  g_assert_true (strchr (printed, '\n') == printed + strlen (printed) - 1);

  *line = g_strdup (printed);
  g_test_message ("--update: %d %s", status, printed);
  return status;
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) v2 = page_v2 ();
  g_autoptr(GBytes) bad = page_without_tiers ();
  g_autofree char *updated = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *unreachable = NULL;
  g_autofree char *sha256 = sha256_of (v2);
  g_autoptr(GHashTable) before = NULL;

  serve_page (f, v2);
  g_assert_cmpint (run_update (f, &updated), ==, 0);
  g_assert_true (g_str_has_prefix (updated, "Updated: the page from "));
  community_test_assert_contains (updated, f->root);
  community_test_assert_contains (updated, sha256);

  g_assert_cmpint (run_update (f, &unchanged), ==, 0);
  g_assert_true (g_str_has_prefix (unchanged, "Unchanged: "));
  community_test_assert_contains (unchanged, sha256);

  before = snapshot_cache (f);
  serve_page (f, bad);
  g_assert_cmpint (run_update (f, &refused), ==, 1);
  g_assert_true (g_str_has_prefix (refused, "Refused: "));
  community_test_assert_contains (refused, "kept the saved copy");

  serve_status (f, PAGE_PATH, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  g_assert_cmpint (run_update (f, &unreachable), ==, 2);
  g_assert_true (g_str_has_prefix (unreachable, "No source reachable: "));
  community_test_assert_contains (unreachable, "500");

  assert_cache_unchanged (f, before);
}

/* The trust boundary: what a hostile mirror sends. */

typedef struct
{
  CommunityFetchResult *fetched;
  GError               *error;
  gboolean              done;
} Fetch;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  Fetch *fetch = data;

  fetch->fetched = community_fetcher_fetch_finish (COMMUNITY_FETCHER (object), result,
                                                   &fetch->error);
  fetch->done = TRUE;
}

/* Fetches @url with a cap of @max_size through the helper; it must end
 * well within the helper's own timeouts. */
static void
run_fetch (CommunityFetcher *fetcher,
           const char       *url,
           gsize             max_size,
           Fetch            *fetch)
{
  gint64 start = g_get_monotonic_time ();

  community_fetcher_fetch_async (fetcher, url, NULL, NULL, max_size, NULL, fetched_cb, fetch);
  while (!fetch->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
fetch_with_cap (Fixture    *f,
                const char *path,
                gsize       max_size,
                Fetch      *fetch)
{
  g_autoptr(CommunityFetcher) fetcher = community_fetcher_new ();
  g_autofree char *url = g_strconcat (f->base, path, NULL);

  run_fetch (fetcher, url, max_size, fetch);
}

/* The fields a server chooses the length of are kept short: an ETag of
 * up to COMMUNITY_FETCH_MAX_VALIDATOR bytes is kept, a longer one
 * ignored; a redirect to an address of up to
 * COMMUNITY_FETCH_MAX_URL_LENGTH bytes is followed, a longer one refused
 * before it is requested; a reason phrase is quoted up to 80 characters. */
static void
test_long_fields (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CommunityFetcher) fetcher = community_fetcher_new ();
  g_autoptr(GBytes) page = page_v2 ();
  g_autofree char *url = g_strconcat (f->base, "/long", NULL);
  g_autofree char *long_reason = g_strnfill (500, 'x');

  for (gsize extra = 0; extra <= 1; extra++)
    {
      Route *route = set_route (f, "/long", ROUTE_FILE);
      Fetch fetch = { NULL, NULL, FALSE };

      route->bytes = g_bytes_ref (page);
      route->etag = g_strnfill (COMMUNITY_FETCH_MAX_VALIDATOR + extra, 'e');
      run_fetch (fetcher, url, COMMUNITY_PAGE_MAX_SIZE, &fetch);
      g_assert_no_error (fetch.error);
      g_assert_cmpstr (fetch.fetched->etag, ==, extra == 0 ? route->etag : NULL);
      community_fetch_result_free (fetch.fetched);
    }

  for (gsize extra = 0; extra <= 1; extra++)
    {
      gsize path_length = COMMUNITY_FETCH_MAX_URL_LENGTH + extra - strlen (f->base);
      g_autofree char *path = g_strnfill (path_length, 'p');
      g_autofree char *target = NULL;
      Fetch fetch = { NULL, NULL, FALSE };

      path[0] = '/';
      target = g_strconcat (f->base, path, NULL);
      g_assert_cmpuint (strlen (target), ==, COMMUNITY_FETCH_MAX_URL_LENGTH + extra);
      serve_redirect (f, "/long", target);
      run_fetch (fetcher, url, COMMUNITY_PAGE_MAX_SIZE, &fetch);
      /* Nothing is served there: followed, it is a 404. */
      g_assert_null (fetch.fetched);
      g_assert_nonnull (fetch.error);
      g_test_message ("%s", fetch.error->message);
      g_assert_cmpuint (count_requests (f, path), ==, extra == 0 ? 1 : 0);
      if (extra == 1)
        community_test_assert_contains (fetch.error->message, "is not a web address");
      g_clear_error (&fetch.error);
    }

  {
    Route *route = set_route (f, "/long", ROUTE_STATUS);
    g_autofree char *x79 = g_strnfill (79, 'x');
    g_autofree char *x80 = g_strnfill (80, 'x');
    g_autofree char *cut = g_strconcat (x79, "…", NULL);
    Fetch fetch = { NULL, NULL, FALSE };

    route->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
    route->reason = g_strdup (long_reason);
    run_fetch (fetcher, url, COMMUNITY_PAGE_MAX_SIZE, &fetch);
    g_assert_error (fetch.error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_HTTP);
    community_test_assert_contains (fetch.error->message, "“500 ");
    community_test_assert_contains (fetch.error->message, cut);
    g_assert_null (strstr (fetch.error->message, x80));
    g_clear_error (&fetch.error);
  }
}

/* The proxy the user's settings name is the one the helper goes
 * through (the helper, confined, cannot read those settings). The
 * fixture's server stands in as the proxy for 127.0.0.2:9, where
 * nothing listens. */
static void
test_proxy (Fixture       *f,
            gconstpointer  data)
{
  const char *url = "http://127.0.0.2:9" PAGE_PATH;
  g_autoptr(GBytes) page = page_v2 ();
  g_autoptr(GProxyResolver) proxy = g_simple_proxy_resolver_new (f->base, NULL);
  g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);
  g_autoptr(CommunityFetcher) fetcher = community_fetcher_new ();
  Fetch through_proxy = { NULL, NULL, FALSE };
  Fetch directly = { NULL, NULL, FALSE };

  serve_file (f, PAGE_PATH, page);

  /* The helper with the user's settings backend (dconf, where it is
   * installed), not the tests' memory one: a proxied connection once made
   * GIO read the proxy settings after the filter, which killed it. */
  g_unsetenv ("GSETTINGS_BACKEND");
  community_fetcher_set_proxy_resolver (fetcher, proxy);
  run_fetch (fetcher, url, COMMUNITY_PAGE_MAX_SIZE, &through_proxy);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_assert_no_error (through_proxy.error);
  g_assert_true (g_bytes_equal (through_proxy.fetched->body, page));
  g_assert_cmpstr (last_request (f)->host, ==, "127.0.0.2");
  community_fetch_result_free (through_proxy.fetched);

  community_fetcher_set_proxy_resolver (fetcher, direct);
  run_fetch (fetcher, url, COMMUNITY_PAGE_MAX_SIZE, &directly);
  g_assert_null (directly.fetched);
  g_assert_error (directly.error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_NETWORK);
  g_assert_cmpuint (f->requests->len, ==, 1);
  g_clear_error (&directly.error);
}

static GBytes *
bytes_of_size (gsize size)
{
  return g_bytes_new_take (g_malloc0 (size), size);
}

/* A body of exactly the cap is taken, one byte more is refused, with and
 * without a Content-Length: a chunked body at the cap once hung the
 * helper until the app killed it. */
static void
test_body_at_cap (Fixture       *f,
                  gconstpointer  data)
{
  const gsize caps[] = { COMMUNITY_PAGE_MAX_SIZE, COMMUNITY_REFRESH_MAX_IMAGE_SIZE };

  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    for (guint chunked = 0; chunked <= 1; chunked++)
      for (gsize extra = 0; extra <= 1; extra++)
        {
          g_autoptr(GBytes) body = bytes_of_size (caps[i] + extra);
          Fetch fetch = { NULL, NULL, FALSE };

          g_test_message ("cap %" G_GSIZE_FORMAT ", body %" G_GSIZE_FORMAT ", %s",
                          caps[i], caps[i] + extra, chunked ? "chunked" : "with a length");
          if (chunked)
            set_route (f, "/cap", ROUTE_CHUNKED)->bytes = g_bytes_ref (body);
          else
            serve_file (f, "/cap", body);
          fetch_with_cap (f, "/cap", caps[i], &fetch);

          if (extra == 0)
            {
              g_assert_no_error (fetch.error);
              g_assert_cmpuint (g_bytes_get_size (fetch.fetched->body), ==, caps[i]);
            }
          else
            {
              g_assert_error (fetch.error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_TOO_LARGE);
            }
          g_clear_pointer (&fetch.fetched, community_fetch_result_free);
          g_clear_error (&fetch.error);
        }
}

/* Whether @line (one line, with its "\n") holds a C0 or C1 control, DEL
 * or a bidi override. */
static gboolean
has_controls (const char *line)
{
  g_autofree char *text = g_strdup (line);

  g_assert_true (g_str_has_suffix (text, "\n"));
  text[strlen (text) - 1] = '\0';
  return !community_text_is_safe (text, COMMUNITY_TEXT_FLAGS_NONE);
}

/* A reason phrase with terminal sequences (that would clear the screen
 * and print a line of their own), and one that is not UTF-8: --update
 * prints one plain line, and the helper, which quotes the phrase, says
 * what the server answered rather than failing on it. */
static void
test_hostile_reason_phrase (Fixture       *f,
                            gconstpointer  data)
{
  const char *reasons[] = {
    "\033]0;pwned\007\033[2J\033[HUpdated: the page from https://jpom.top",
    "Bad \xff\xfe\xc0 bytes",
    "\xe2\x80\xae" "txet sdrawkcab",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autofree char *line = NULL;
      Route *route = set_route (f, PAGE_PATH, ROUTE_STATUS);

      route->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      route->reason = g_strdup (reasons[i]);
      g_assert_cmpint (run_update (f, &line), ==, COMMUNITY_REFRESH_UNREACHABLE);
      community_test_assert_contains (line, "answered “500 ");
      g_assert_false (has_controls (line));
    }
}

/* Text from the page (an image path with character references for ESC
 * and a bidi override) and from its QR code (a payload with controls)
 * reaches the terminal without them. */
static void
test_hostile_page_text (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) page = community_test_edited_page (JPOM66_IMAGE,
                                                  "/images/qrcode/&#27;[2J&#x202E;x.png", NULL);
  g_autoptr(GBytes) decoy = community_test_edited_page (JPOM66_IMAGE, "/images/qrcode/decoy.png",
                                                   NULL);
  g_autoptr(GBytes) png = community_test_qr_png ("https://u.wechat.com/x\033]0;pwned\007");
  g_autofree char *line = NULL;
  g_autofree char *decoy_line = NULL;

  serve_page (f, page);
  g_assert_cmpint (run_update (f, &line), ==, COMMUNITY_REFRESH_REFUSED);
  community_test_assert_contains (line, "/images/qrcode/");
  g_assert_false (has_controls (line));

  serve_page (f, decoy);
  serve_file (f, PUBLIC_DIR "/images/qrcode/decoy.png", png);
  g_assert_cmpint (run_update (f, &decoy_line), ==, COMMUNITY_REFRESH_REFUSED);
  community_test_assert_contains (decoy_line, "https://u.wechat.com/x");
  g_assert_false (has_controls (decoy_line));
}

/* Refreshes with the helper replaced by a shell script of @body; returns
 * the refresh's message. */
static char *
refresh_with_helper (Fixture                *f,
                     const char             *dir,
                     const char             *body,
                     CommunityRefreshStatus  status)
{
  g_autofree char *helper = community_test_write_script (dir, "helper", body);
  char *message;

  community_net_helper_set_path (helper);
  message = refresh (f, status, FALSE);
  community_net_helper_set_path (g_getenv ("COMMUNITY_TEST_NET_HELPER"));
  return message;
}

/* A helper that answers "unchanged" to a request that named no copy (the
 * app has none saved) is lying: the refresh refuses the reply and keeps
 * the bundled page; it does not crash. */
static void
test_unchanged_without_copy (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("test-live-page-helper-XXXXXX", NULL);
  g_autofree char *reply_path = g_build_filename (dir, "reply", NULL);
  g_autoptr(GVariant) reply = g_variant_ref_sink (
    g_variant_new_parsed ("{'unchanged': <true>, 'url': <%s>}", f->root));
  g_autofree char *body = g_strdup_printf ("cat '%s'", reply_path);
  g_autofree char *message = NULL;

  g_assert_true (g_file_set_contents (reply_path, g_variant_get_data (reply),
                                      g_variant_get_size (reply), NULL));
  message = refresh_with_helper (f, dir, body, COMMUNITY_REFRESH_REFUSED);

  community_test_assert_contains (message, "invalid reply");
  assert_shown_bundled (f);
  assert_cache_empty (f);
  community_test_remove_tree (dir);
}

/* A helper that a page kills (the filter's SIGSYS, say) or that fails:
 * the source is refused, not taken for offline, and the page shown
 * stays. */
static void
test_helper_broke (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *body;
    const char *says;
  } cases[] = {
    { "kill -SYS $$", "signal 31" },
    { "exit 3", "exit status 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("test-live-page-helper-XXXXXX", NULL);
      g_autofree char *message = refresh_with_helper (f, dir, cases[i].body,
                                                      COMMUNITY_REFRESH_REFUSED);

      community_test_assert_contains (message, "broke the network helper");
      community_test_assert_contains (message, cases[i].says);
      assert_shown_bundled (f);
      assert_cache_empty (f);
      community_test_remove_tree (dir);
    }
}

/* The page came but cannot be saved (here: a directory where the page
 * file goes). It is shown, but --update does not say "Updated". */
static void
test_not_saved (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) v2 = page_v2 ();
  g_autofree char *v2_sha256 = sha256_of (v2);
  g_autofree char *in_the_way = g_build_filename (f->cache_dir, COMMUNITY_PAGE_CACHE_PAGE, NULL);
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;

  g_assert_cmpint (g_mkdir (in_the_way, 0700), ==, 0);
  serve_page (f, v2);

  g_assert_cmpint (run_update (f, &line), ==, COMMUNITY_REFRESH_NOT_SAVED);
  g_assert_true (g_str_has_prefix (line, "Not saved: "));

  message = refresh (f, COMMUNITY_REFRESH_NOT_SAVED, TRUE);
  community_test_assert_contains (message, "could not be saved");
  g_assert_cmpstr (community_live_page_get_cache_problem (f->live), ==, message);
  g_assert_cmpstr (community_live_page_get_sha256 (f->live), ==, v2_sha256);
  g_assert_cmpint (g_rmdir (in_the_way), ==, 0);
}

/* A full disk, as far as this process can tell: RLIMIT_FSIZE lets it
 * write nothing. --update says the page was not saved. (The case runs
 * again, fixture and all, in a process of its own.) */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) v2 = page_v2 ();
  g_autofree char *line = NULL;
  struct rlimit none = { 0, 0 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  serve_page (f, v2);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &none), ==, 0);
  g_assert_cmpint (run_update (f, &line), ==, COMMUNITY_REFRESH_NOT_SAVED);
  g_assert_true (g_str_has_prefix (line, "Not saved: "));
  assert_cache_empty (f);
}

/* One deadline for a whole refresh: a source that never answers does not
 * hold it for each fetch's own timeout. */
static void
test_refresh_deadline (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *slow = g_strconcat (f->base, "/slow/", NULL);
  const char * const sources[] = { slow, f->root, NULL };
  g_autoptr(GBytes) v2 = page_v2 ();
  g_autofree char *message = NULL;
  gint64 start;

  set_route (f, "/slow/支持/110.加入社群.md", ROUTE_STALL);
  serve_page (f, v2);
  community_live_page_set_sources (f->live, sources);
  community_live_page_set_timeouts (f->live, 5, 10000, 1000);

  start = g_get_monotonic_time ();
  message = refresh (f, COMMUNITY_REFRESH_UNREACHABLE, FALSE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  community_test_assert_contains (message, "did not finish within 1 second");
  assert_shown_bundled (f);
  /* The second source was never asked. */
  g_assert_cmpuint (count_requests (f, PAGE_PATH), ==, 0);
}

/* A cache folder that is not absolute (HOME or XDG_CACHE_HOME empty or
 * relative) is never read nor written: a page planted in the working
 * directory is not shown, and a new page is shown but not saved. */
static void
test_relative_cache_dir (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *work = g_dir_make_tmp ("test-live-page-cwd-XXXXXX", NULL);
  g_autofree char *planted = g_build_filename (work, "rel", NULL);
  g_autoptr(CommunityPageCache) cache = community_page_cache_new (planted);
  g_autoptr(CommunityCachedPage) saved = community_cached_page_new ();
  g_autoptr(CommunityCachedPage) still_planted = NULL;
  g_autoptr(CommunityLivePage) live = NULL;
  g_autoptr(GBytes) planted_page = community_test_edited_page ("**30元/月**", "**1元/月**", NULL);
  g_autoptr(GBytes) v2 = page_v2 ();
  const char * const sources[] = { f->root, NULL };
  gboolean changed = FALSE;
  g_autoptr(GError) error = NULL;

  /* A whole, valid page in ./rel, as an attacker would leave it. */
  saved->bytes = g_bytes_ref (planted_page);
  saved->sha256 = sha256_of (planted_page);
  saved->source = g_strdup (f->root);
  g_assert_true (community_page_cache_store (cache, saved, NULL));
  g_assert_cmpint (g_chdir (work), ==, 0);

  live = community_live_page_new ("rel");
  g_assert_true (community_live_page_load_local (live, NULL));
  g_assert_cmpint (community_live_page_get_origin (live), ==, COMMUNITY_PAGE_ORIGIN_BUNDLED);
  community_test_assert_contains (community_live_page_get_cache_problem (live), "not an absolute path");

  serve_page (f, v2);
  community_live_page_set_sources (live, sources);
  g_assert_false (community_live_page_refresh_sync (live, &changed, &error));
  g_assert_error (error, COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_NOT_SAVED);
  community_test_assert_contains (error->message, "not an absolute path");
  g_assert_true (changed);

  g_assert_cmpint (g_chdir (cwd), ==, 0);
  /* The planted page is as it was: nothing was written next to it. */
  still_planted = community_page_cache_load (cache, NULL);
  g_assert_nonnull (still_planted);
  g_assert_cmpstr (still_planted->sha256, ==, saved->sha256);
  community_test_remove_tree (planted);
  g_assert_cmpint (g_rmdir (work), ==, 0);
}

/* --update ends only once its helper is gone: it cannot exit and leave
 * one running (even one that ignores the time limit it was given). */
static void
test_update_leaves_no_helper (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *pid_file = NULL;
  g_autofree char *helper = NULL;
  g_autofree char *pid_text = NULL;
  g_autofree char *proc = NULL;

  if (g_test_subprocess ())
    {
      FILE *null_out = fopen ("/dev/null", "w");

      community_net_helper_set_path (g_getenv ("TEST_HELPER"));
      community_live_page_set_timeouts (f->live, 1, 60000, 500);
      g_assert_cmpint (community_update_run_page (f->live, null_out, null_out), ==,
                       COMMUNITY_REFRESH_UNREACHABLE);
      /* No exit handlers, no waiting: as a process that just ends. */
      _exit (0);
    }

  dir = g_dir_make_tmp ("test-live-page-helper-XXXXXX", NULL);
  pid_file = g_build_filename (dir, "pid", NULL);
  g_free (community_test_write_script (dir, "helper", "echo $$ > \"$TEST_PID_FILE\"\nexec sleep 60"));
  helper = g_build_filename (dir, "helper", NULL);
  g_setenv ("TEST_PID_FILE", pid_file, TRUE);
  g_setenv ("TEST_HELPER", helper, TRUE);

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  proc = g_strdup_printf ("/proc/%d", atoi (pid_text));
  g_assert_false (g_file_test (proc, G_FILE_TEST_EXISTS));
  community_test_remove_tree (dir);
}

/* The sources the app uses without its schema installed are the
 * schema's own defaults. */
static void
test_default_sources (void)
{
  static const char * const defaults[] = { COMMUNITY_LIVE_PAGE_DEFAULT_SOURCES, NULL };
  g_autofree char *dir = g_build_filename (g_getenv ("TOP_BUILDDIR"), "data", NULL);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **strv = NULL;

  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
  g_assert_nonnull (schema);
  key = g_settings_schema_get_key (schema, "page-sources");
  value = g_settings_schema_key_get_default_value (key);
  strv = g_variant_get_strv (value, NULL);
  g_assert_true (g_strv_equal (strv, defaults));
}

/* Redirect rules, as text, before anything is resolved. */
static void
test_redirects (void)
{
  static const struct {
    const char *from;
    const char *to;
    gboolean    allowed;
  } cases[] = {
    { "https://raw.githubusercontent.com/a", "https://cdn.jsdelivr.net/b", TRUE },
    { "http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b", TRUE },
    { "http://127.0.0.1:8080/a", "https://raw.githubusercontent.com/b", TRUE },
    /* Never down from https. */
    { "https://raw.githubusercontent.com/a", "http://127.0.0.1:8080/b", FALSE },
    { "https://localhost:8443/a", "http://localhost:8080/b", FALSE },
    /* Never from elsewhere onto this computer. */
    { "https://raw.githubusercontent.com/a", "https://127.0.0.1:631/b", FALSE },
    { "https://raw.githubusercontent.com/a", "https://localhost/b", FALSE },
    { "https://raw.githubusercontent.com/a", "https://LOCALHOST./b", FALSE },
    { "https://raw.githubusercontent.com/a", "https://x.localhost/b", FALSE },
    { "https://raw.githubusercontent.com/a", "https://[::1]:8443/b", FALSE },
    { "https://raw.githubusercontent.com/a", "https://[::ffff:127.0.0.1]/b", FALSE },
    { "https://raw.githubusercontent.com/a", "https://0.0.0.0:631/b", FALSE },
    { "https://raw.githubusercontent.com/a", "https://[::]/b", FALSE },
    { "https://raw.githubusercontent.com/a", "file:///etc/passwd", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s -> %s", cases[i].from, cases[i].to);
      g_assert_cmpint (community_fetch_check_redirect (cases[i].from, cases[i].to, &error), ==,
                       cases[i].allowed);
      if (cases[i].allowed)
        g_assert_no_error (error);
      else
        g_assert_error (error, COMMUNITY_FETCH_ERROR,
                        g_str_has_prefix (cases[i].to, "file:") ? COMMUNITY_FETCH_ERROR_BAD_ADDRESS
                                                                : COMMUNITY_FETCH_ERROR_INSECURE);
    }
}

/* The fetcher's address rules and URL building, without a server. */

static void
test_urls (void)
{
  static const struct {
    const char *url;
    gboolean    allowed;
  } cases[] = {
    { "https://raw.githubusercontent.com/bwcx-jzy/jpom-docs/main/docs/", TRUE },
    { "https://cdn.jsdelivr.net/gh/bwcx-jzy/jpom-docs@main/docs/", TRUE },
    { "http://127.0.0.1:8080/docs/", TRUE },
    { "http://127.3.4.5/docs/", TRUE },
    { "http://[::1]:8080/docs/", TRUE },
    { "http://localhost/docs/", TRUE },
    { "http://example.invalid/docs/", FALSE },
    { "http://128.0.0.1/docs/", FALSE },
    { "http://localhost.example.com/", FALSE },
    { "ftp://127.0.0.1/docs/", FALSE },
    { "file:///etc/passwd", FALSE },
    { "not a url", FALSE },
  };
  g_autofree char *page = community_fetch_build_url ("https://example.org/docs",
                                                     "支持/110.加入社群.md");
  const char *root = "https://example.org/docs/";
  const char *public_dir = COMMUNITY_REFRESH_PUBLIC_DIR;
  g_autofree char *image = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) e = NULL;

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (community_fetch_check_url (cases[i].url, &e), ==, cases[i].allowed);
      g_assert_true ((e == NULL) == cases[i].allowed);
    }

  /* An address of COMMUNITY_FETCH_MAX_URL_LENGTH bytes, and one more. */
  for (gsize extra = 0; extra <= 1; extra++)
    {
      const char *prefix = "https://example.org/";
      g_autofree char *path = g_strnfill (COMMUNITY_FETCH_MAX_URL_LENGTH + extra - strlen (prefix),
                                          'a');
      g_autofree char *url = g_strconcat (prefix, path, NULL);
      g_autoptr(GError) e = NULL;

      g_assert_cmpint (community_fetch_check_url (url, &e), ==, extra == 0);
      if (extra == 1)
        g_assert_error (e, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_BAD_ADDRESS);
    }

  g_assert_cmpstr (page, ==, "https://example.org/docs/"
                             "%E6%94%AF%E6%8C%81/110.%E5%8A%A0%E5%85%A5%E7%A4%BE%E7%BE%A4.md");

  image = community_fetch_site_url (root, public_dir, "/images/a b/x.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image, ==, "https://example.org/docs/.vuepress/public/images/a%20b/x.jpg");

  g_assert_null (community_fetch_site_url (root, public_dir, "/images/../../x", &error));
  g_assert_error (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_BAD_ADDRESS);
  g_clear_error (&error);
  g_assert_null (community_fetch_site_url (root, public_dir, "https://evil/x.jpg", &error));
  g_assert_error (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_BAD_ADDRESS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  community_net_helper_set_path (g_getenv ("COMMUNITY_TEST_NET_HELPER"));

#define ADD(path, func) \
  g_test_add ("/community/live-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("first-fetch", test_first_fetch);
  ADD ("not-modified", test_not_modified);
  ADD ("same-as-bundled", test_same_as_bundled);
  ADD ("redirect-followed", test_redirect_followed);
  ADD ("server-error", test_server_error);
  ADD ("stalled", test_stalled);
  ADD ("cancelled", test_cancelled);
  ADD ("huge-body", test_huge_body);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("redirect-insecure", test_redirect_insecure);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("no-tiers", test_no_tiers);
  ADD ("pathological", test_pathological);
  ADD ("real-card", test_real_card);
  ADD ("generated-card", test_generated_card);
  ADD ("not-wechat-card", test_not_wechat_card);
  ADD ("missing-card", test_missing_card);
  ADD ("truncated-cache", test_truncated_cache);
  ADD ("tampered-cache", test_tampered_cache);
  ADD ("missing-metadata", test_missing_metadata);
  ADD ("incomplete-cache", test_incomplete_cache);
  ADD ("second-source", test_second_source);
  ADD ("no-source", test_no_source);
  ADD ("concurrent", test_concurrent);
  ADD ("translation", test_translation);
  ADD ("update", test_update);
  ADD ("body-at-cap", test_body_at_cap);
  ADD ("proxy", test_proxy);
  ADD ("long-fields", test_long_fields);
  ADD ("hostile-reason-phrase", test_hostile_reason_phrase);
  ADD ("hostile-page-text", test_hostile_page_text);
  ADD ("unchanged-without-copy", test_unchanged_without_copy);
  ADD ("helper-broke", test_helper_broke);
  ADD ("not-saved", test_not_saved);
  ADD ("disk-full", test_disk_full);
  ADD ("refresh-deadline", test_refresh_deadline);
  ADD ("relative-cache-dir", test_relative_cache_dir);
  ADD ("update-leaves-no-helper", test_update_leaves_no_helper);

#undef ADD

  g_test_add_func ("/community/live-page/urls", test_urls);
  g_test_add_func ("/community/live-page/redirects", test_redirects);
  g_test_add_func ("/community/live-page/default-sources", test_default_sources);

  return g_test_run ();
}
