/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notices.c: the notices model and its refresh against a real HTTP
 * server.
 *
 * A SoupServer on 127.0.0.1 (port 0) in this process serves GitHub's
 * list of posts at LISTING_PATH and a docs tree (two roots: /docs/ and
 * /mirror/) with the posts under _posts/. Each case makes them say one
 * thing, refreshes, and checks what is shown, what was asked of the
 * server and what was saved. Nothing here reaches any address but
 * 127.0.0.1. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "community-fetch.h"
#include "community-live-page-private.h"
#include "community-live-page.h"
#include "community-net-helper.h"
#include "community-notice-listing.h"
#include "community-notice-refresh.h"
#include "community-notice-set.h"
#include "community-notices-private.h"
#include "community-page-cache.h"
#include "community-test-core.h"

#define LISTING_PATH "/repos/bwcx-jzy/jpom-docs/contents/docs/_posts"
#define SEED_NAME    "项目暂停维护公告.md"
#define SEED_TITLE   "项目暂停维护公告"

typedef struct
{
  SoupServer       *server;
  char             *base;        /* http://127.0.0.1:PORT */
  char             *listing_url;
  GHashTable       *files;       /* decoded path -> GBytes */
  GHashTable       *statuses;    /* decoded path -> status, for paths served so */
  GPtrArray        *requests;    /* char *: decoded paths asked for */
  GPtrArray        *stalled;     /* SoupServerMessage, never answered */
  char             *stall_path;
  char             *cache_dir;
  CommunityPageCache *cache;
  CommunityFetcher *fetcher;
  CommunityNotices *notices;
  guint             banner_notifies;
} Fixture;

/* The server. */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  Fixture *f = data;
  GBytes *bytes = g_hash_table_lookup (f->files, path);
  gpointer status = g_hash_table_lookup (f->statuses, path);

  g_ptr_array_add (f->requests, g_strdup (path));
  if (g_strcmp0 (path, f->stall_path) == 0)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->stalled, g_object_ref (msg));
      return;
    }
  if (status != NULL)
    {
      soup_server_message_set_status (msg, GPOINTER_TO_UINT (status), NULL);
      return;
    }
  if (bytes == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
serve (Fixture    *f,
       const char *path,
       GBytes     *bytes)
{
  g_hash_table_remove (f->statuses, path);
  g_hash_table_replace (f->files, g_strdup (path), g_bytes_ref (bytes));
}

static void
serve_text (Fixture    *f,
            const char *path,
            const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  serve (f, path, bytes);
}

static void
serve_status (Fixture    *f,
              const char *path,
              guint       status)
{
  g_hash_table_replace (f->statuses, g_strdup (path), GUINT_TO_POINTER (status));
}

/* A post dated @days after today (before, when negative). */
static char *
post_text (const char *title,
           int         days,
           const char *tags)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autofree char *date = g_date_time_format (then, "%Y-%m-%d 09:00:00");

  return g_strdup_printf ("---\ntitle: %s\ndate: %s\npermalink: /pages/%d/\ntags: [%s]\n---\n\n"
                          "Body.\n", title, date, ABS (days), tags);
}

/* @text as the inside of a JSON string. */
static char *
json_escape (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  return g_strndup (quoted + 1, strlen (quoted) - 2);
}

/* An entry of a listing; its text is served under /docs/_posts/. */
typedef struct
{
  const char *name;
  const char *text;
  const char *type;     /* NULL: "file" */
  gint64      size;     /* < 0: the text's */
} Listed;

static void
serve_listing (Fixture      *f,
               const Listed *entries,
               gsize         n_entries)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (gsize i = 0; i < n_entries; i++)
    {
      const Listed *entry = &entries[i];
      g_autoptr(GBytes) bytes = g_bytes_new (entry->text, strlen (entry->text));
      g_autofree char *sha = community_notice_listing_blob_sha (bytes);
      g_autofree char *path = g_strconcat ("/docs/_posts/", entry->name, NULL);
      g_autofree char *escaped = json_escape (entry->name);

      serve (f, path, bytes);
      g_string_append_printf (json,
                              "%s{\"name\": \"%s\", \"path\": \"docs/_posts/%s\", "
                              "\"sha\": \"%s\", \"size\": %" G_GINT64_FORMAT ", "
                              "\"url\": \"%s/evil/url\", \"html_url\": \"%s/evil/html\", "
                              "\"git_url\": \"%s/evil/git\", "
                              "\"download_url\": \"%s/evil/download/%s\", "
                              "\"type\": \"%s\", \"_links\": {\"self\": \"%s/evil/self\"}}",
                              i > 0 ? ", " : "", escaped, escaped, sha,
                              entry->size >= 0 ? entry->size : (gint64) g_bytes_get_size (bytes),
                              f->base, f->base, f->base, f->base, escaped,
                              entry->type != NULL ? entry->type : "file", f->base);
    }
  g_string_append (json, "]");
  serve_text (f, LISTING_PATH, json->str);
}

static guint
count_requests (Fixture    *f,
                const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < f->requests->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (f->requests, i), prefix);

  return n;
}

/* The fixture. */

static void
banner_notify_cb (Fixture *f)
{
  f->banner_notifies++;
}

static CommunityNotices *
new_notices (Fixture *f)
{
  g_autofree char *root = g_strconcat (f->base, "/docs/", NULL);
  const char * const listings[] = { f->listing_url, NULL };
  const char * const roots[] = { root, NULL };
  CommunityNotices *notices = community_notices_new (f->cache, f->fetcher);

  community_notices_set_listing_sources (notices, listings);
  community_notices_set_roots (notices, roots);
  community_notices_set_refresh_timeout (notices, 20000);
  community_notices_load_local (notices);
  return notices;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_bytes_unref);
  f->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->requests = g_ptr_array_new_with_free_func (g_free);
  f->stalled = g_ptr_array_new_with_free_func (g_object_unref);

  f->server = soup_server_new ("server-header", "test-notices", NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  f->listing_url = g_strconcat (f->base, LISTING_PATH, "?ref=main", NULL);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->cache_dir = g_dir_make_tmp ("test-notices-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache = community_page_cache_new (f->cache_dir);
  f->fetcher = community_fetcher_new ();
  community_fetcher_set_timeouts (f->fetcher, 2, 5000);

  f->notices = new_notices (f);
  g_signal_connect_swapped (f->notices, "notify::banner", G_CALLBACK (banner_notify_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->notices);
  g_assert_finalize_object (f->fetcher);
  g_assert_finalize_object (f->cache);
  soup_server_disconnect (f->server);
  g_clear_pointer (&f->stalled, g_ptr_array_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->server);
  g_clear_pointer (&f->files, g_hash_table_unref);
  g_clear_pointer (&f->statuses, g_hash_table_unref);
  g_clear_pointer (&f->requests, g_ptr_array_unref);
  community_test_remove_tree (f->cache_dir);
  g_free (f->cache_dir);
  g_free (f->stall_path);
  g_free (f->listing_url);
  g_free (f->base);
}

/* Checks. */

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  GAsyncResult **store = data;

  *store = g_object_ref (result);
}

/* A refresh of the notices, run to its end. */
static gboolean
refresh_notices (CommunityNotices  *notices,
                 GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  community_notices_refresh_async (notices, NULL, refreshed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return community_notices_refresh_finish (notices, result, error);
}

static gboolean
refresh (Fixture *f,
         GError **error)
{
  gboolean read = refresh_notices (f->notices, error);
  GPtrArray *problems = community_notices_get_problems (f->notices);

  g_assert_false (community_notices_get_refreshing (f->notices));
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  return read;
}

static void
refresh_read (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (f, &error));
  g_assert_no_error (error);
  g_assert_null (community_notices_get_last_error (f->notices));
}

static const char *
banner_title (Fixture *f)
{
  CommunityNotice *banner = community_notices_get_banner (f->notices);

  return banner != NULL ? banner->title : NULL;
}

static gboolean
has_problem (Fixture    *f,
             const char *needle)
{
  GPtrArray *problems = community_notices_get_problems (f->notices);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), needle) != NULL)
      return TRUE;

  return FALSE;
}

static void
assert_problem (Fixture    *f,
                const char *needle)
{
  if (!has_problem (f, needle))
    g_error ("No problem says “%s”", needle);
}

/* The titles of every notice known, newest first, joined by "|". */
static char *
titles (CommunityNotices *notices)
{
  GPtrArray *all = community_notices_get_notices (notices);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < all->len; i++)
    g_strv_builder_add (builder, ((CommunityNotice *) g_ptr_array_index (all, i))->title);
  strv = g_strv_builder_end (builder);
  return g_strjoinv ("|", strv);
}

/* The same notices, read back from the cache by a new model. */
static void
assert_saved (Fixture *f)
{
  g_autoptr(CommunityNotices) again = new_notices (f);
  g_autofree char *saved = titles (again);
  g_autofree char *shown = titles (f->notices);

  g_assert_cmpstr (saved, ==, shown);
  g_assert_null (community_notices_get_cache_problem (again));
}

/* Cases. */

/* Nothing saved, no source reached: the bundled seed, at once. */
static void
test_seed_offline (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CommunityNotices) offline = community_notices_new (f->cache, f->fetcher);
  g_autoptr(GError) error = NULL;

  community_notices_load_local (offline);
  g_assert_cmpstr (community_notices_get_banner (offline)->title, ==, SEED_TITLE);
  g_assert_cmpstr (community_notices_get_banner (offline)->url, ==,
                   "https://jpom.top/pages/project-suspended/");
  g_assert_null (community_notices_get_cache_problem (offline));
  g_assert_null (community_notices_get_checked_at (offline));
  g_assert_true (community_notices_is_refresh_due (offline));

  /* No source unless one is given: never the defaults, never GitHub. */
  g_assert_null (community_notices_get_listing_sources (offline));
  g_assert_false (community_notices_get_can_refresh (offline));
  g_assert_false (refresh_notices (offline, &error));
  g_assert_error (error, COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_UNREACHABLE);
  g_assert_cmpstr (community_notices_get_banner (offline)->title, ==, SEED_TITLE);
  g_assert_cmpuint (f->requests->len, ==, 0);
}

/* A new announcement replaces the seed over the page, is saved, and is
 * not fetched again while the list gives it the same hash. */
static void
test_new_notice (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *seed = post_text (SEED_TITLE, -300, "公告, 暂停维护");
  g_autofree char *fresh = post_text ("新的公告", 0, "公告");
  g_autofree char *other = post_text ("Release notes", -1, "release");
  const Listed listing[] = {
    { SEED_NAME, seed, NULL, -1 },
    { "2026-new.md", fresh, NULL, -1 },
    { "other.md", other, NULL, -1 },
  };
  g_autofree char *shown = NULL;

  g_assert_cmpstr (banner_title (f), ==, SEED_TITLE);
  serve_listing (f, listing, G_N_ELEMENTS (listing));

  refresh_read (f);
  g_assert_cmpstr (banner_title (f), ==, "新的公告");
  g_assert_cmpuint (f->banner_notifies, ==, 1);
  shown = titles (f->notices);
  g_assert_cmpstr (shown, ==, "新的公告|" SEED_TITLE);
  g_assert_cmpuint (community_notices_get_problems (f->notices)->len, ==, 0);
  g_assert_nonnull (community_notices_get_checked_at (f->notices));
  g_assert_false (community_notices_is_refresh_due (f->notices));
  /* The list once, each post once (the seed too: it had no hash). */
  g_assert_cmpuint (count_requests (f, LISTING_PATH), ==, 1);
  g_assert_cmpuint (count_requests (f, "/docs/_posts/"), ==, 3);
  assert_saved (f);

  /* Known by their hashes: only the list is asked for. */
  refresh_read (f);
  g_assert_cmpuint (count_requests (f, LISTING_PATH), ==, 2);
  g_assert_cmpuint (count_requests (f, "/docs/_posts/"), ==, 3);
  g_assert_cmpstr (banner_title (f), ==, "新的公告");
}

/* Over a year old: known, listed in no banner, not current. */
static void
test_old_notice (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *old = post_text ("旧公告", -367, "公告");
  const Listed listing[] = { { "old.md", old, NULL, -1 } };
  g_autoptr(GPtrArray) current = NULL;

  serve_listing (f, listing, G_N_ELEMENTS (listing));
  refresh_read (f);

  /* The list no longer names the seed: it is gone. */
  g_assert_cmpuint (community_notices_get_notices (f->notices)->len, ==, 1);
  g_assert_null (community_notices_get_banner (f->notices));
  current = community_notices_dup_current (f->notices);
  g_assert_cmpuint (current->len, ==, 0);
}

/* A directory, a huge entry, a climbing name, a post that is not UTF-8
 * and a title with markup: each refused alone (and named) or shown as
 * text, nothing fetched that the list did not name as a post, and never
 * an address from the list. */
static void
test_hostile_listing (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *good = post_text ("Good", -2, "公告");
  g_autofree char *markup = post_text ("<b>粗</b> <a href='file:///etc/passwd'>x</a> &amp;", -1,
                                       "公告");
  const char *not_utf8 = "---\ntitle: \xFF\xFE\ndate: 2026-11-01\ntags: [公告]\n---\n";
  const Listed listing[] = {
    { "good.md", good, NULL, -1 },
    { "markup.md", markup, NULL, -1 },
    { "images", "", "dir", 0 },
    { "huge.md", "x", NULL, COMMUNITY_PAGE_MAX_SIZE + 1 },
    { "../escape.md", "x", NULL, -1 },
    { "bad.md", not_utf8, NULL, -1 },
    { "liar.md", "x", NULL, 10 },
  };
  g_autofree char *large = g_strnfill (COMMUNITY_PAGE_MAX_SIZE + 1, 'x');

  serve_listing (f, listing, G_N_ELEMENTS (listing));
  /* Listed small, served over the page's cap. */
  serve_text (f, "/docs/_posts/liar.md", large);
  refresh_read (f);

  g_assert_cmpstr (banner_title (f), ==, "<b>粗</b> <a href='file:///etc/passwd'>x</a> &amp;");
  g_assert_cmpuint (community_notices_get_notices (f->notices)->len, ==, 2);
  assert_problem (f, "“images” is not a file");
  assert_problem (f, "“huge.md” is larger than");
  assert_problem (f, "“../escape.md” is not the name of a post");
  assert_problem (f, "“bad.md” is not valid UTF-8");
  assert_problem (f, "“liar.md” could not be fetched: The file from 127.0.0.1 is larger than "
                     "the limit");

  /* Only the list and the posts it names, by name, from the root. */
  g_assert_cmpuint (count_requests (f, "/evil"), ==, 0);
  g_assert_cmpuint (count_requests (f, "/docs/_posts/images"), ==, 0);
  g_assert_cmpuint (count_requests (f, "/docs/_posts/huge.md"), ==, 0);
  g_assert_cmpuint (count_requests (f, "/docs/escape.md"), ==, 0);
  g_assert_cmpuint (count_requests (f, "/docs/_posts/"), ==, 4);
  g_assert_cmpuint (f->requests->len, ==, 5);
  assert_saved (f);
}

/* 10,000 entries: at most 1,000 read and COMMUNITY_NOTICE_REFRESH_MAX_FETCHES
 * fetched; what was known stays, the problems are counted. */
static void
test_ten_thousand (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (json, "%s{\"name\":\"n%05u.md\",\"type\":\"file\",\"size\":10,"
                            "\"sha\":\"ce013625030ba8dba906f756967f9e9ca394464a\"}",
                            i > 0 ? "," : "", i);
  g_string_append (json, "]");
  g_assert_cmpuint (json->len, <=, COMMUNITY_NOTICE_LISTING_MAX_SIZE);
  serve_text (f, LISTING_PATH, json->str);

  refresh_read (f);
  g_assert_cmpuint (count_requests (f, "/docs/_posts/"), ==, COMMUNITY_NOTICE_REFRESH_MAX_FETCHES);
  assert_problem (f, "names 10000 entries; only the first 1000 were read");
  assert_problem (f, "970 more posts are fetched by the next refreshes");
  assert_problem (f, "could not be fetched");
  assert_problem (f, "more entries or posts were not read");
  g_assert_cmpuint (community_notices_get_problems (f->notices)->len, <=,
                    COMMUNITY_NOTICE_LISTING_MAX_NAMED + 1);
  /* The list was not read whole: the seed it may not have named stays. */
  g_assert_cmpstr (banner_title (f), ==, SEED_TITLE);
}

/* The same 10,000 entries as GitHub gives them are over the size limit:
 * the list is refused whole, the notices kept. */
static void
test_listing_too_large (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (json, "%s{\"name\":\"n%05u.md\",\"path\":\"docs/_posts/n%05u.md\","
                            "\"sha\":\"ce013625030ba8dba906f756967f9e9ca394464a\",\"size\":10,"
                            "\"url\":\"https://api.github.com/repos/bwcx-jzy/jpom-docs/contents/"
                            "docs/_posts/n%05u.md?ref=main\",\"type\":\"file\"}",
                            i > 0 ? "," : "", i, i, i);
  g_string_append (json, "]");
  g_assert_cmpuint (json->len, >, COMMUNITY_NOTICE_LISTING_MAX_SIZE);
  serve_text (f, LISTING_PATH, json->str);

  g_assert_false (refresh (f, &error));
  g_assert_error (error, COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_REFUSED);
  g_assert_cmpstr (community_notices_get_last_error (f->notices), ==, error->message);
  assert_problem (f, "larger than the limit");
  g_assert_cmpstr (banner_title (f), ==, SEED_TITLE);
  g_assert_cmpuint (count_requests (f, "/docs/"), ==, 0);
}

/* A listing of only whitespace is a JSON document without a root: it
 * once came back from json-glib as neither a root nor an error, and the
 * app crashed on it (found by fuzz/fuzz-notices.c). */
static void
test_blank_listing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  serve_text (f, LISTING_PATH, " \n");

  g_assert_false (refresh (f, &error));
  g_assert_error (error, COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_REFUSED);
  assert_problem (f, "empty");
  g_assert_cmpstr (banner_title (f), ==, SEED_TITLE);
  g_assert_cmpuint (count_requests (f, "/docs/"), ==, 0);
}

/* Once read, the notices survive a list that cannot be had or read. */
static void
test_failures_keep (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *fresh = post_text ("新的公告", 0, "公告");
  const Listed listing[] = { { "2026-new.md", fresh, NULL, -1 } };
  g_autoptr(GError) unreachable = NULL;
  g_autoptr(GError) refused = NULL;

  serve_listing (f, listing, G_N_ELEMENTS (listing));
  refresh_read (f);
  g_assert_cmpstr (banner_title (f), ==, "新的公告");

  serve_status (f, LISTING_PATH, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  g_assert_false (refresh (f, &unreachable));
  g_assert_error (unreachable, COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_UNREACHABLE);
  g_assert_nonnull (community_notices_get_last_error (f->notices));
  g_assert_cmpstr (banner_title (f), ==, "新的公告");

  serve_text (f, LISTING_PATH, "{\"message\": \"API rate limit exceeded\"}");
  g_assert_false (refresh (f, &refused));
  g_assert_error (refused, COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_REFUSED);
  assert_problem (f, "The list of posts cannot be used: it does not list a folder");
  g_assert_cmpstr (banner_title (f), ==, "新的公告");
  assert_saved (f);
}

/* A listed post that changed but cannot be fetched, or is now broken,
 * keeps its last good version. */
static void
test_post_failures_keep (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *v1 = post_text ("第一版", 0, "公告");
  g_autofree char *v2 = post_text ("第二版", 0, "公告");
  const char *broken = "---\ntitle: \ndate: 2026-11-01\ntags: [公告]\n---\n";
  const Listed first[] = { { "a.md", v1, NULL, -1 } };
  const Listed second[] = { { "a.md", v2, NULL, -1 } };
  const Listed third[] = { { "a.md", broken, NULL, -1 } };

  serve_listing (f, first, 1);
  refresh_read (f);
  g_assert_cmpstr (banner_title (f), ==, "第一版");

  serve_listing (f, second, 1);
  serve_status (f, "/docs/_posts/a.md", SOUP_STATUS_NOT_FOUND);
  refresh_read (f);
  assert_problem (f, "“a.md” could not be fetched");
  g_assert_cmpstr (banner_title (f), ==, "第一版");

  serve_listing (f, third, 1);
  refresh_read (f);
  assert_problem (f, "“a.md” has no title");
  g_assert_cmpstr (banner_title (f), ==, "第一版");
  assert_saved (f);
}

/* A mirror behind the list: the next root with the listed bytes is
 * used; with none, the post is named and what was known kept. */
static void
test_mirror_behind (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *docs = g_strconcat (f->base, "/docs/", NULL);
  g_autofree char *mirror = g_strconcat (f->base, "/mirror/", NULL);
  const char * const roots[] = { mirror, docs, NULL };
  g_autofree char *current = post_text ("新版", 0, "公告");
  g_autofree char *stale = post_text ("旧版", 0, "公告");
  const Listed listing[] = { { "a.md", current, NULL, -1 } };

  community_notices_set_roots (f->notices, roots);
  serve_listing (f, listing, 1);
  serve_text (f, "/mirror/_posts/a.md", stale);
  refresh_read (f);
  g_assert_cmpstr (banner_title (f), ==, "新版");
  g_assert_cmpuint (count_requests (f, "/mirror/_posts/a.md"), ==, 1);
  g_assert_cmpuint (count_requests (f, "/docs/_posts/a.md"), ==, 1);

  /* Both behind a newer list. */
  serve_text (f, "/docs/_posts/a.md", stale);
  {
    g_autofree char *newer = post_text ("最新版", 0, "公告");
    g_autoptr(GBytes) bytes = g_bytes_new (newer, strlen (newer));
    g_autofree char *sha = community_notice_listing_blob_sha (bytes);
    g_autofree char *json = g_strdup_printf ("[{\"name\": \"a.md\", \"type\": \"file\", "
                                             "\"size\": 10, \"sha\": \"%s\"}]", sha);

    serve_text (f, LISTING_PATH, json);
  }
  refresh_read (f);
  assert_problem (f, "“a.md” at the sources is not the one listed");
  g_assert_cmpstr (banner_title (f), ==, "新版");
}

/* A post that never comes: at the time limit what came is saved, and
 * the post keeps what was known of it. */
static void
test_post_stalls (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a1 = post_text ("A 第一版", 0, "公告");
  g_autofree char *a2 = post_text ("A 第二版", 0, "公告");
  g_autofree char *b = post_text ("B", -1, "公告");
  const Listed first[] = { { "a.md", a1, NULL, -1 } };
  const Listed second[] = { { "a.md", a2, NULL, -1 }, { "b.md", b, NULL, -1 } };
  g_autofree char *shown = NULL;
  gint64 start;

  serve_listing (f, first, G_N_ELEMENTS (first));
  refresh_read (f);

  serve_listing (f, second, G_N_ELEMENTS (second));
  f->stall_path = g_strdup ("/docs/_posts/a.md");
  community_notices_set_refresh_timeout (f->notices, 1500);
  start = g_get_monotonic_time ();
  refresh_read (f);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  assert_problem (f, "did not finish within 1 second");
  shown = titles (f->notices);
  g_assert_cmpstr (shown, ==, "A 第一版|B");
  assert_saved (f);
}

/* Dismissed notices leave the banner to the next one; the list is
 * bounded. */
static void
test_dismiss (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = post_text ("A", 0, "公告");
  g_autofree char *b = post_text ("B", -1, "公告");
  const Listed listing[] = { { "a.md", a, NULL, -1 }, { "b.md", b, NULL, -1 } };
  const char * const *dismissed;

  serve_listing (f, listing, G_N_ELEMENTS (listing));
  refresh_read (f);
  g_assert_cmpstr (banner_title (f), ==, "A");

  community_notices_dismiss (f->notices, "a.md");
  g_assert_cmpstr (banner_title (f), ==, "B");
  community_notices_dismiss (f->notices, "b.md");
  g_assert_null (community_notices_get_banner (f->notices));
  g_assert_true (community_notices_is_dismissed (f->notices, "a.md"));

  for (guint i = 0; i < 2 * COMMUNITY_NOTICES_MAX_DISMISSED; i++)
    {
      g_autofree char *name = g_strdup_printf ("x%u.md", i);

      community_notices_dismiss (f->notices, name);
    }
  dismissed = community_notices_get_dismissed (f->notices);
  g_assert_cmpuint (g_strv_length ((GStrv) dismissed), ==, COMMUNITY_NOTICES_MAX_DISMISSED);
  g_assert_false (community_notices_is_dismissed (f->notices, "a.md"));
  g_assert_cmpstr (banner_title (f), ==, "A");

  /* Set from the settings at start-up. */
  {
    const char * const names[] = { "a.md", NULL };

    community_notices_set_dismissed (f->notices, names);
    g_assert_cmpstr (banner_title (f), ==, "B");
  }
}

/* A damaged saved copy is ignored for the seed, and says so. */
static void
test_tampered_cache (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *fresh = post_text ("新的公告", 0, "公告");
  const Listed listing[] = { { "a.md", fresh, NULL, -1 } };
  g_autofree char *path = g_build_filename (f->cache_dir, COMMUNITY_PAGE_CACHE_NOTICES, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityNotices) again = NULL;
  char *at;

  serve_listing (f, listing, 1);
  refresh_read (f);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  at = strstr (text, "新的公告");
  g_assert_nonnull (at);
  memcpy (at, "假的公告", strlen ("假的公告"));
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  again = new_notices (f);
  g_assert_cmpstr (community_notices_get_banner (again)->title, ==, SEED_TITLE);
  g_assert_nonnull (community_notices_get_cache_problem (again));
  g_test_message ("%s", community_notices_get_cache_problem (again));
  g_clear_object (&again);

  /* Whole, but larger than any set the app writes: not read. */
  {
    g_autofree char *padding = g_strnfill (COMMUNITY_NOTICE_SET_MAX_SIZE, ' ');
    g_autofree char *large = g_strdup_printf ("{\"posts\": []%s}", padding);
    g_autoptr(GBytes) bytes = g_bytes_new (large, strlen (large));

    g_assert_true (community_page_cache_store_notices (f->cache, bytes, NULL, &error));
    again = new_notices (f);
    g_assert_cmpstr (community_notices_get_banner (again)->title, ==, SEED_TITLE);
    g_assert_nonnull (community_notices_get_cache_problem (again));
  }
}

static void
notices_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      data)
{
  gboolean *done = data;

  g_assert_false (community_notices_refresh_finish (COMMUNITY_NOTICES (object), result, NULL));
  *done = TRUE;
}

/* The notices never hold up the page: a list that never answers does
 * not delay the page's refresh, and at its own time limit the saved
 * notices stay. */
static void
test_beside_page (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *docs = g_strconcat (f->base, "/docs/", NULL);
  g_autofree char *page_dir = g_build_filename (f->cache_dir, "page", NULL);
  const char * const roots[] = { docs, NULL };
  const char * const listings[] = { f->listing_url, NULL };
  g_autoptr(CommunityLivePage) live = community_live_page_new (page_dir);
  CommunityNotices *notices = community_live_page_get_notices (live);
  g_autoptr(GBytes) page = community_test_bundled_page ("zh_CN");
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gboolean notices_done = FALSE;

  serve (f, "/docs/" COMMUNITY_REFRESH_PAGE_PATH, page);
  f->stall_path = g_strdup (LISTING_PATH);
  community_live_page_set_sources (live, roots);
  community_live_page_set_timeouts (live, 2, 5000, 20000);
  community_notices_set_listing_sources (notices, listings);
  community_notices_set_refresh_timeout (notices, 4000);
  g_assert_true (community_live_page_load_local (live, NULL));
  g_assert_cmpstr (community_notices_get_banner (notices)->title, ==, SEED_TITLE);
  g_assert_true (community_notices_get_can_refresh (notices));

  /* The page's refresh ends while the notices' still waits. */
  community_notices_refresh_async (notices, NULL, notices_refreshed_cb, &notices_done);
  g_assert_true (community_live_page_refresh_sync (live, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (community_live_page_get_origin (live), ==, COMMUNITY_PAGE_ORIGIN_CACHE);
  g_assert_false (notices_done);
  g_assert_true (community_notices_get_refreshing (notices));

  while (!notices_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (community_notices_get_refreshing (notices));
  g_assert_nonnull (community_notices_get_last_error (notices));
  g_test_message ("%s", community_notices_get_last_error (notices));
  g_assert_cmpstr (community_notices_get_banner (notices)->title, ==, SEED_TITLE);
}

static GVariant *
schema_default (const char *dir,
                const char *name)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GError) error = NULL;

  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
  g_assert_nonnull (schema);
  key = g_settings_schema_get_key (schema, name);
  return g_settings_schema_key_get_default_value (key);
}

/* The app's defaults without its schema are the schema's; the tests'
 * schema sends the notices nowhere but a dead loopback port, so no test
 * can ask GitHub. */
static void
test_default_sources (void)
{
  static const char * const defaults[] = { COMMUNITY_NOTICES_DEFAULT_SOURCES, NULL };
  g_autofree char *app_dir = g_build_filename (g_getenv ("TOP_BUILDDIR"), "data", NULL);
  g_autoptr(GVariant) app_sources = schema_default (app_dir, "notice-sources");
  g_autoptr(GVariant) dismissed = schema_default (app_dir, "dismissed-notices");
  g_autoptr(GVariant) test_sources = schema_default (g_getenv ("GSETTINGS_SCHEMA_DIR"),
                                                     "notice-sources");
  g_autofree const char **strv = g_variant_get_strv (app_sources, NULL);
  g_autofree const char **test_strv = g_variant_get_strv (test_sources, NULL);

  g_assert_true (g_strv_equal (strv, defaults));
  g_assert_cmpuint (g_variant_n_children (dismissed), ==, 0);
  g_assert_nonnull (test_strv[0]);
  for (guint i = 0; test_strv[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (test_strv[i], "http://127.0.0.1:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  community_net_helper_set_path (g_getenv ("COMMUNITY_TEST_NET_HELPER"));

#define ADD(path, func) \
  g_test_add ("/community/notices/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("seed-offline", test_seed_offline);
  ADD ("new-notice", test_new_notice);
  ADD ("old-notice", test_old_notice);
  ADD ("hostile-listing", test_hostile_listing);
  ADD ("ten-thousand", test_ten_thousand);
  ADD ("listing-too-large", test_listing_too_large);
  ADD ("blank-listing", test_blank_listing);
  ADD ("failures-keep", test_failures_keep);
  ADD ("post-failures-keep", test_post_failures_keep);
  ADD ("mirror-behind", test_mirror_behind);
  ADD ("post-stalls", test_post_stalls);
  ADD ("dismiss", test_dismiss);
  ADD ("tampered-cache", test_tampered_cache);
  ADD ("beside-page", test_beside_page);
  g_test_add_func ("/community/notices/default-sources", test_default_sources);

  return g_test_run ();
}
