/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The asynchronous loaders' time bound: pages in memory, and the validator
 * process that is killed at the time limit so that no parse goes on
 * burning a core after it. The validator here is tests/page-check, which
 * can skip the shape checks so that a page cmark is slow on reaches cmark;
 * one test runs the app's own `jpom-community --inspect -`. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "community-page-loader.h"

#define TIMEOUT_MS 500
/* Generous for loaded CI machines and sanitizer builds; what it guards
 * against is the 18 s cmark takes on the slow page. */
#define BOUND_US (4 * G_USEC_PER_SEC)

typedef struct
{
  CommunityPage *page;
  GError        *error;
  gboolean       done;
} Result;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == community_page_load_bytes_async)
    r->page = community_page_load_bytes_finish (result, &r->error);
  else
    r->page = community_page_load_finish (result, &r->error);
  g_assert_true ((r->page == NULL) == (r->error != NULL));
  r->done = TRUE;
}

static CommunityPage *
wait_for (Result  *r,
          GError **error)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  if (r->error != NULL)
    g_propagate_error (error, r->error);
  return r->page;
}

static CommunityPage *
load_bytes (GBytes              *bytes,
            CommunityPageFlags   flags,
            GCancellable        *cancellable,
            GError             **error)
{
  Result r = { NULL, NULL, FALSE };

  community_page_load_bytes_async (bytes, flags, TIMEOUT_MS, cancellable, loaded_cb, &r);
  return wait_for (&r, error);
}

static CommunityPage *
load_file (const char          *path,
           CommunityPageFlags   flags,
           GError             **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Result r = { NULL, NULL, FALSE };

  community_page_load_async_full (file, flags, TIMEOUT_MS, NULL, loaded_cb, &r);
  return wait_for (&r, error);
}

static char *
seed_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "pages", "join.zh_CN.md", NULL);
}

static GBytes *
seed_bytes (void)
{
  g_autofree char *path = seed_path ();
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* The shape that is quadratic in cmark 0.30.2 (18 s for 490 kB), which
 * only COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK lets through. */
static GBytes *
slow_bytes (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 70000; i++)
    g_string_append (text, "![[a]()");
  return g_string_free_to_bytes (text);
}

/* Parse threads of this process: the loaders name theirs. */
static guint
count_parse_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", name, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL)
          && g_str_has_prefix (comm, "community-page"))
        n++;
    }
  return n;
}

/* The parse threads once those that have finished are gone: a thread
 * that handed its result over may take a moment to end. */
static guint
count_parse_threads_settled (void)
{
  gint64 deadline = g_get_monotonic_time () + BOUND_US;
  guint n;

  while ((n = count_parse_threads ()) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  return n;
}

static void
set_validator (const char *pid_file,
               gboolean    no_shape_check)
{
  g_autofree char *check = g_test_build_filename (G_TEST_BUILT, "page-check", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, check);
  if (pid_file != NULL)
    g_strv_builder_add_many (builder, "--pid-file", pid_file, NULL);
  if (no_shape_check)
    g_strv_builder_add (builder, "--no-shape-check");
  argv = g_strv_builder_end (builder);
  community_page_set_validator_argv ((const char * const *) argv);
}

static char *
pid_file_new (void)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("community-page-check-XXXXXX.pid", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_unlink (path);
  return path;
}

static GPid
read_pid (const char *pid_file)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (pid_file, &text, NULL, &error);
  g_assert_no_error (error);
  return (GPid) g_ascii_strtoll (text, NULL, 10);
}

/* TRUE once @pid no longer exists, not even as a zombie: the loader
 * killed it and GLib reaped it. */
static gboolean
process_gone (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + BOUND_US;

  while (g_get_monotonic_time () < deadline)
    {
      if (kill (pid, 0) < 0 && errno == ESRCH)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
test_bytes (void)
{
  g_autoptr(GBytes) seed = seed_bytes ();
  g_autoptr(GBytes) bad = g_bytes_new_static ("ok\n\xC3\x28\n", 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bad_error = NULL;
  g_autoptr(CommunityPage) page = load_bytes (seed, 0, NULL, &error);
  g_autoptr(CommunityPage) none = load_bytes (bad, 0, NULL, &bad_error);

  g_assert_no_error (error);
  g_assert_nonnull (community_page_find_section (page, "付费社群"));
  g_assert_null (none);
  g_assert_error (bad_error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_INVALID_UTF8);
}

static void
test_bytes_cancelled (void)
{
  g_autoptr(GBytes) seed = seed_bytes ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;

  g_cancellable_cancel (cancellable);
  page = load_bytes (seed, 0, cancellable, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A page the validator parsed in time is parsed here too, from bytes and
 * from a file (the window's --page); the validator did run. */
static void
test_validator_passes (void)
{
  g_autofree char *pid_file = pid_file_new ();
  g_autofree char *path = seed_path ();
  g_autoptr(GBytes) seed = seed_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) file_error = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(CommunityPage) file_page = NULL;

  set_validator (pid_file, FALSE);
  page = load_bytes (seed, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (community_page_find_section (page, "付费社群"));
  g_assert_true (process_gone (read_pid (pid_file)));
  g_unlink (pid_file);

  file_page = load_file (path, 0, &file_error);
  g_assert_no_error (file_error);
  g_assert_nonnull (community_page_find_section (file_page, "付费社群"));
  g_assert_true (g_file_test (pid_file, G_FILE_TEST_EXISTS));
  g_unlink (pid_file);
  community_page_set_validator_argv (NULL);
}

/* The point of the validator: at the time limit the parse is a process,
 * and it is killed; no thread of ours goes on parsing. */
static void
test_validator_killed (void)
{
  g_autofree char *pid_file = pid_file_new ();
  g_autoptr(GBytes) slow = slow_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;
  gint64 start;
  GPid pid;

  g_assert_cmpuint (count_parse_threads_settled (), ==, 0);
  start = g_get_monotonic_time ();

  set_validator (pid_file, TRUE);
  page = load_bytes (slow, COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, BOUND_US);

  pid = read_pid (pid_file);
  g_assert_true (process_gone (pid));
  g_assert_cmpuint (count_parse_threads_settled (), ==, 0);
  g_unlink (pid_file);
  community_page_set_validator_argv (NULL);
}

static void
test_validator_cancelled (void)
{
  g_autofree char *pid_file = pid_file_new ();
  g_autoptr(GBytes) slow = slow_bytes ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Result r = { NULL, NULL, FALSE };

  set_validator (pid_file, TRUE);
  community_page_load_bytes_async (slow, COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK, 60000,
                                   cancellable, loaded_cb, &r);
  while (!g_file_test (pid_file, G_FILE_TEST_EXISTS))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_cancellable_cancel (cancellable);
  g_assert_null (wait_for (&r, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (process_gone (read_pid (pid_file)));
  g_unlink (pid_file);
  community_page_set_validator_argv (NULL);
}

static GError *
load_with_shell_validator (const char *script,
                           GBytes     *bytes)
{
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_autoptr(CommunityPage) page = NULL;
  GError *error = NULL;

  community_page_set_validator_argv (argv);
  page = load_bytes (bytes, 0, NULL, &error);
  community_page_set_validator_argv (NULL);
  return error;
}

/* The protocol: 0, 1 and 2 mean the parse ended, whatever the verdict;
 * 3 is the validator's own time limit; anything else refuses the page. */
static void
test_validator_statuses (void)
{
  g_autoptr(GBytes) seed = seed_bytes ();
  g_autoptr(GBytes) bad = g_bytes_new_static ("ok\n\xC3\x28\n", 6);
  g_autoptr(GError) refused_here = load_with_shell_validator ("cat >/dev/null; exit 2", bad);
  g_autoptr(GError) own_limit = load_with_shell_validator ("exit 3", seed);
  g_autoptr(GError) other = load_with_shell_validator ("exit 7", seed);
  g_autoptr(GError) crashed = load_with_shell_validator ("kill -SEGV $$", seed);
  g_autoptr(GError) passed = load_with_shell_validator ("exit 1", seed);

  g_assert_error (refused_here, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_INVALID_UTF8);
  g_assert_error (own_limit, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT);
  g_assert_error (other, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_CHECK_FAILED);
  g_assert_nonnull (strstr (other->message, "exit status 7"));
  g_assert_error (crashed, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_CHECK_FAILED);
  g_assert_nonnull (strstr (crashed->message, "signal 11"));
  g_assert_no_error (passed);
}

/* A validator that cannot start leaves the in-process bound. */
static void
test_validator_missing (void)
{
  const char *argv[] = { "/nonexistent/page-check", NULL };
  g_autoptr(GBytes) seed = seed_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;

  community_page_set_validator_argv (argv);
  page = load_bytes (seed, 0, NULL, &error);
  community_page_set_validator_argv (NULL);
  g_assert_no_error (error);
  g_assert_nonnull (page);
}

static int
run_app_inspect (const char *app,
                 GBytes     *page)
{
  g_autoptr(GSubprocess) inspect = NULL;
  g_autoptr(GError) error = NULL;

  inspect = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                              | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                              | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, app, "--inspect", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (inspect, page, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (inspect));
  return g_subprocess_get_exit_status (inspect);
}

/* The app's own validator follows the protocol and serves the loaders. */
static void
test_app_validator (void)
{
  const char *app = g_getenv ("JPOM_COMMUNITY");
  const char *argv[] = { app, "--inspect", "-", NULL };
  g_autoptr(GBytes) seed = seed_bytes ();
  g_autoptr(GBytes) bad = g_bytes_new_static ("ok\n\xC3\x28\n", 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;

  g_assert_nonnull (app);
  g_assert_cmpint (run_app_inspect (app, seed), <=, 1);
  g_assert_cmpint (run_app_inspect (app, bad), ==, 2);

  community_page_set_validator_argv (argv);
  page = load_bytes (seed, 0, NULL, &error);
  community_page_set_validator_argv (NULL);
  g_assert_no_error (error);
  g_assert_nonnull (community_page_find_section (page, "付费社群"));
}

/* Without a validator the wait is bounded and the work is not: the parse
 * thread is still there after the timeout. Last, as it leaves that thread
 * running until the process exits. */
static void
test_no_validator_leaves_thread (void)
{
  g_autoptr(GBytes) slow = slow_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;
  gint64 start;

  g_assert_cmpuint (count_parse_threads_settled (), ==, 0);
  start = g_get_monotonic_time ();
  page = load_bytes (slow, COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK, NULL, &error);
  g_assert_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, BOUND_US);
  g_assert_cmpuint (count_parse_threads (), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/page/load/bytes", test_bytes);
  g_test_add_func ("/community/page/load/bytes-cancelled", test_bytes_cancelled);
  g_test_add_func ("/community/page/load/validator-passes", test_validator_passes);
  g_test_add_func ("/community/page/load/validator-killed", test_validator_killed);
  g_test_add_func ("/community/page/load/validator-cancelled", test_validator_cancelled);
  g_test_add_func ("/community/page/load/validator-statuses", test_validator_statuses);
  g_test_add_func ("/community/page/load/validator-missing", test_validator_missing);
  g_test_add_func ("/community/page/load/app-validator", test_app_validator);
  g_test_add_func ("/community/page/load/no-validator-leaves-thread",
                   test_no_validator_leaves_thread);

  return g_test_run ();
}
