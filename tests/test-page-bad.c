/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bad input: every kind gets a clear error and none a crash or a hang,
 * including the shapes cmark 0.30.2 is slow on (cmark's own
 * test/pathological_tests.py). */
#include "config.h"

#include <glib/gstdio.h>

#include "community-inspect.h"
#include "community-page-loader.h"

/* Generous bounds for loaded CI machines and sanitizer builds; what they
 * guard against is minutes. */
#define BOUND_US (8 * G_USEC_PER_SEC)

static GError *
parse_error (const char *data,
             gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(CommunityPage) page = NULL;
  GError *error = NULL;

  page = community_page_new_from_bytes (bytes, &error);
  g_assert_true ((page == NULL) == (error != NULL));
  return error;
}

static char *
write_temp (const char *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("community-page-XXXXXX.md", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = community_page_load_file_sync ("/nonexistent/page.md", 0, &error);

  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "“/nonexistent/page.md” does not exist");
}

static void
test_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-page-XXXXXX", NULL);
  g_autoptr(CommunityPage) page = community_page_load_file_sync (dir, 0, &error);
  g_autofree char *expected = g_strdup_printf ("“%s” is a folder, not a page", dir);

  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpstr (error->message, ==, expected);
  g_rmdir (dir);
}

static void
test_invalid_utf8 (void)
{
  static const char data[] = "# Title\n\nok\n\xC3\x28 bad\n";
  g_autoptr(GError) error = parse_error (data, sizeof data - 1);

  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "line 4"));
}

static void
test_nul_byte (void)
{
  static const char data[] = "abc\n\nde\0f\n";
  g_autoptr(GError) error = parse_error (data, sizeof data - 1);

  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_NUL_BYTE);
  g_assert_nonnull (strstr (error->message, "line 3"));
}

static void
test_too_large (void)
{
  gsize len = COMMUNITY_PAGE_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (len);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(CommunityPage) page = NULL;

  memset (data, 'a', len);
  error = parse_error (data, len);
  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_LARGE);

  path = write_temp (data, len);
  page = community_page_load_file_sync (path, 0, &load_error);
  g_assert_error (load_error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_LARGE);
  g_unlink (path);
}

/* Only the pipeline benchmark lifts the limit, and then the page parses. */
static void
test_size_limit_lifted (void)
{
  gsize len = COMMUNITY_PAGE_MAX_SIZE + 2;
  g_autofree char *data = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;

  memset (data, 'a', len);
  data[len / 2] = '\n';
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  page = community_page_new_from_bytes_full (bytes, COMMUNITY_PAGE_FLAGS_NO_SIZE_LIMIT,
                                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpint (community_page_get_root (page)->first_child->type, ==,
                   COMMUNITY_NODE_PARAGRAPH);
}

/* An endless device is refused after the limit, not read forever. */
static void
test_endless_device (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }
  page = community_page_load_file_sync ("/dev/zero", 0, &error);
  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_LARGE);
}

static void
test_empty (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_null (community_page_get_root (page)->first_child);
  g_assert_cmpuint (community_page_get_sections (page)->len, ==, 0);
}

static void
test_bom_and_crlf (void)
{
  static const char data[] = "\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\n\r\n::: tip\r\nA\r\n:::\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (community_page_get_title (page), ==, "T");
  g_assert_true (community_page_get_root (page)->first_child->type == COMMUNITY_NODE_CONTAINER);
  g_assert_cmpuint (community_page_get_warnings (page)->len, ==, 0);
}

static void
test_unclosed_constructs (void)
{
  static const char data[] = "---\ntitle: x\n\n::: tip\n::: danger\n```\n:::\n[link](\n<a href=\"/pages/x/\">x\n**strong\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  /* The front matter and both containers. */
  g_assert_cmpuint (community_page_get_warnings (page)->len, ==, 3);
}

static GString *
repeat (const char *unit,
        gsize       times)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < times; i++)
    g_string_append (s, unit);
  return s;
}

static void
test_deep_nesting (void)
{
  static const char * const units[] = { "> ", ">", "- ", "1. ", "* > " };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(GString) text = repeat (units[i], 50000);
      g_autoptr(GError) error = NULL;

      g_string_append (text, "a\n");
      error = parse_error (text->str, text->len);
      g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_DEEP);
    }
}

static void
test_deep_containers (void)
{
  g_autoptr(GString) text = repeat ("::: tip\n", 10000);
  g_autoptr(GError) error = parse_error (text->str, text->len);

  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_DEEP);
}

/* Nesting cmark builds without deep lines: indented lists and inlines. */
static void
test_deep_tree (void)
{
  g_autoptr(GString) lists = g_string_new (NULL);
  g_autoptr(GString) inlines = repeat ("*a **a ", 20000);
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GError) inline_error = NULL;

  for (guint i = 0; i < 400; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (lists, "  ");
      g_string_append (lists, "* a\n");
    }
  list_error = parse_error (lists->str, lists->len);
  g_assert_error (list_error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_DEEP);

  g_string_append (inlines, "b");
  for (guint i = 0; i < 20000; i++)
    g_string_append (inlines, " a** a*");
  inline_error = parse_error (inlines->str, inlines->len);
  g_assert_error (inline_error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_DEEP);
}

/* The shape that is quadratic in cmark 0.30.2 (18 s for 490 kB). */
static GString *
image_brackets (void)
{
  return repeat ("![[a]()", 70000);
}

static void
test_pathological_checked (void)
{
  g_autoptr(GString) text = image_brackets ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = parse_error (text->str, text->len);

  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_COMPLEX);
  g_assert_cmpint (g_get_monotonic_time () - start, <, BOUND_US);
}

/* cmark's pathological cases that it handles fast enough: each parses, or
 * is refused, within the bound. */
static void
test_pathological_fast (void)
{
  static const struct { const char *unit; gsize times; const char *head; const char *tail; } cases[] = {
    { "a_ ", 60000, "", "" },
    { "_a ", 60000, "", "" },
    { "a]", 60000, "", "" },
    { "[a", 60000, "", "" },
    { "*a_ ", 60000, "", "" },
    { "c* ", 60000, "a**b", "" },
    { "[ a_", 60000, "", "" },
    { "[ (](", 60000, "", "" },
    { "[", 50000, "", "a" },
    { "[a](<b", 30000, "", "" },
    { "[a](b", 30000, "", "" },
    { "<!--", 60000, "</", "" },
    { "*", 20000, "", "a" },
    { "e`", 30000, "", "" },
    { "- a\n\n", 40000, "", "" },
    { "<a ", 60000, "", "" },
    { "<p title=\"", 40000, "", "" },
    { "&#", 60000, "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = repeat (cases[i].unit, cases[i].times);
      g_autoptr(GError) error = NULL;
      gint64 start;

      g_string_prepend (text, cases[i].head);
      g_string_append (text, cases[i].tail);
      start = g_get_monotonic_time ();
      error = parse_error (text->str, text->len);
      g_test_message ("%s x %" G_GSIZE_FORMAT ": %.3f s %s", cases[i].unit, cases[i].times,
                      (g_get_monotonic_time () - start) / 1e6, error ? error->message : "");
      g_assert_cmpint (g_get_monotonic_time () - start, <, BOUND_US);
    }
}

/* Without the shape checks the slow input reaches cmark, and the loaders'
 * watchdog ends the wait. */
static void
test_timeout_sync (void)
{
  g_autoptr(GString) text = image_brackets ();
  g_autofree char *path = write_temp (text->str, text->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;
  gint64 start = g_get_monotonic_time ();

  page = community_page_load_file_sync_full (path, COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK, 500,
                                             &error);
  g_assert_null (page);
  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_unlink (path);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(CommunityPage) page = community_page_load_finish (result, error);

  g_assert_true ((page == NULL) == (*error != NULL));
  if (page != NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "loaded");
}

static GError *
load_async (GFile              *file,
            CommunityPageFlags  flags,
            guint               timeout_ms,
            GCancellable       *cancellable)
{
  GError *error = NULL;

  community_page_load_async_full (file, flags, timeout_ms, cancellable, loaded_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static gboolean
tick_cb (gpointer data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_timeout_async (void)
{
  g_autoptr(GString) text = image_brackets ();
  g_autofree char *path = write_temp (text->str, text->len);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint ticks = 0;
  guint id = g_timeout_add (50, tick_cb, &ticks);

  error = load_async (file, COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK, 500, NULL);
  g_source_remove (id);
  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  /* The main loop stayed free while the worker was stuck. */
  g_assert_cmpuint (ticks, >=, 5);
  g_unlink (path);
}

static void
test_async_ok_and_errors (void)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "..", "data", "pages",
                                                 "join.zh_CN.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (seed);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/page.md");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) ok = load_async (file, 0, 0, NULL);
  g_autoptr(GError) not_found = load_async (missing, 0, 0, NULL);
  g_autoptr(GError) cancelled = NULL;

  g_assert_error (ok, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (ok->message, ==, "loaded");
  g_assert_error (not_found, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_cancellable_cancel (cancellable);
  cancelled = load_async (file, 0, 0, cancellable);
  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --inspect's exit status for each outcome. */
static int
inspect (const char *path,
         char      **out_text,
         char      **err_text)
{
  char *out_buf = NULL, *err_buf = NULL;
  size_t out_len = 0, err_len = 0;
  FILE *out = open_memstream (&out_buf, &out_len);
  FILE *err = open_memstream (&err_buf, &err_len);
  int status = community_inspect_run (path, out, err);

  fclose (out);
  fclose (err);
  *out_text = out_buf;
  *err_text = err_buf;
  return status;
}

static void
test_inspect_status (void)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "..", "data", "pages",
                                                 "join.zh_CN.md", NULL);
  g_autofree char *no_sections = write_temp ("Just text\n", 10);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  int status;

  status = inspect (seed, &out, &err);
  /* 0, or 1 once the join model finds something missing; never worse. */
  g_assert_cmpint (status, <=, COMMUNITY_INSPECT_INCOMPLETE);
  g_assert_nonnull (strstr (out, "\"anchor\" : \"社群规则-2\""));

  g_assert_cmpint (inspect (no_sections, &out2, &err2), ==, COMMUNITY_INSPECT_INCOMPLETE);
  g_assert_nonnull (strstr (err2, "no “##” sections"));

  g_assert_cmpint (inspect ("/nonexistent/page.md", &out3, &err3), ==, COMMUNITY_INSPECT_INVALID);
  g_assert_cmpstr (out3, ==, "");
  g_assert_cmpstr (err3, ==, "“/nonexistent/page.md” does not exist\n");
  g_unlink (no_sections);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/page/bad/missing-file", test_missing_file);
  g_test_add_func ("/community/page/bad/directory", test_directory);
  g_test_add_func ("/community/page/bad/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/community/page/bad/nul-byte", test_nul_byte);
  g_test_add_func ("/community/page/bad/too-large", test_too_large);
  g_test_add_func ("/community/page/bad/size-limit-lifted", test_size_limit_lifted);
  g_test_add_func ("/community/page/bad/endless-device", test_endless_device);
  g_test_add_func ("/community/page/bad/empty", test_empty);
  g_test_add_func ("/community/page/bad/bom-and-crlf", test_bom_and_crlf);
  g_test_add_func ("/community/page/bad/unclosed-constructs", test_unclosed_constructs);
  g_test_add_func ("/community/page/bad/deep-nesting", test_deep_nesting);
  g_test_add_func ("/community/page/bad/deep-containers", test_deep_containers);
  g_test_add_func ("/community/page/bad/deep-tree", test_deep_tree);
  g_test_add_func ("/community/page/bad/pathological-checked", test_pathological_checked);
  g_test_add_func ("/community/page/bad/pathological-fast", test_pathological_fast);
  g_test_add_func ("/community/page/bad/timeout-sync", test_timeout_sync);
  g_test_add_func ("/community/page/bad/timeout-async", test_timeout_async);
  g_test_add_func ("/community/page/bad/async", test_async_ok_and_errors);
  g_test_add_func ("/community/page/bad/inspect-status", test_inspect_status);

  return g_test_run ();
}
