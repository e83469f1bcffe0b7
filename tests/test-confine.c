/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-confine.c: the network helper's confinement bites. Each case runs
 * the real helper as `confine-check MODE ATTEMPT`, which confines itself
 * exactly as before a job and then tries one thing; the test asserts how
 * that ended (community-confine-check.h). A last case shows that the
 * helper dies with its parent. Never leaves the machine. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "community-test-core.h"
#include "community-text.h"

/* How an attempt ends: an exit status (0: it was allowed; else the errno
 * value it failed with), or a signal. */
typedef struct
{
  int exit_status;
  int signal;
} Outcome;

#define ALLOWED { 0, 0 }
#define FAILS(errnum) { errnum, 0 }
#define KILLED(signum) { -1, signum }

typedef struct
{
  const char *mode;
  const char *attempt;
  Outcome     outcome;
} Case;

static const Case cases[] = {
  /* No program runs, in either mode. */
  { "fetch", "exec", KILLED (SIGSYS) },
  { "decode", "exec", KILLED (SIGSYS) },
  { "fetch", "fork", KILLED (SIGSYS) },
  { "decode", "fork", KILLED (SIGSYS) },
  /* A fetch has threads, a decode none. */
  { "fetch", "thread", ALLOWED },
  { "decode", "thread", KILLED (SIGSYS) },
  /* The network: IP for a fetch only; Unix sockets refused; no raw
   * sockets. */
  { "fetch", "socket", ALLOWED },
  { "decode", "socket", KILLED (SIGSYS) },
  { "fetch", "unix-socket", FAILS (EACCES) },
  { "decode", "unix-socket", KILLED (SIGSYS) },
  { "fetch", "raw-socket", KILLED (SIGSYS) },
  { "decode", "raw-socket", KILLED (SIGSYS) },
  /* Files: a fetch reads, a decode opens nothing; nobody writes. */
  { "fetch", "open-read", ALLOWED },
  { "decode", "open-read", FAILS (EACCES) },
  { "fetch", "open-write", KILLED (SIGSYS) },
  { "decode", "open-write", FAILS (EACCES) },
  /* The resource limits. */
  { "fetch", "memory", FAILS (ENOMEM) },
  { "decode", "memory", FAILS (ENOMEM) },
  { "fetch", "fsize", FAILS (EFBIG) },
  { "decode", "fsize", FAILS (EFBIG) },
  /* Soft and hard limit are equal: the kernel sends SIGKILL. */
  { "fetch", "cpu", KILLED (SIGKILL) },
  { "decode", "cpu", KILLED (SIGKILL) },
  { "fetch", "files", FAILS (EMFILE) },
  { "decode", "files", FAILS (EMFILE) },
  /* GLib's log still reaches standard error. */
  { "fetch", "log", ALLOWED },
  { "decode", "log", ALLOWED },
};

static const char *
helper_path (void)
{
  const char *path = g_getenv ("COMMUNITY_TEST_NET_HELPER");

  g_assert_nonnull (path);
  return path;
}

/* Standard output is a regular file for "fsize", else /dev/null; what
 * the helper wrote to standard error is put in @err_text. */
static Outcome
run_check (const Case  *c,
           const char  *stdout_file,
           char       **err_text)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Outcome outcome = { -1, 0 };

  if (stdout_file != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_file);
  else
    g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                               | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, helper_path (),
                                         "confine-check", c->mode, c->attempt, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_signaled (process))
    outcome.signal = g_subprocess_get_term_sig (process);
  else
    outcome.exit_status = g_subprocess_get_exit_status (process);
  /* An empty GBytes has no data: g_strndup() would give NULL. */
  *err_text = err != NULL && g_bytes_get_size (err) > 0
              ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err))
              : g_strdup ("");
  return outcome;
}

static void
test_attempt (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr(GError) error = NULL;
  Outcome outcome;

#ifdef COMMUNITY_TEST_ASAN
  if (g_str_equal (c->attempt, "memory"))
    {
      g_test_skip ("AddressSanitizer cannot run under RLIMIT_AS, so the helper "
                   "built with it does not set that limit");
      return;
    }
#endif

  if (g_str_equal (c->attempt, "fsize"))
    {
      dir = g_dir_make_tmp ("test-confine-XXXXXX", &error);
      g_assert_no_error (error);
      file = g_build_filename (dir, "stdout", NULL);
    }

  outcome = run_check (c, file, &err_text);
  g_test_message ("%s %s: exit status %d, signal %d", c->mode, c->attempt,
                  outcome.exit_status, outcome.signal);
  /* Whatever the helper logs reaches standard error as plain text: the
   * "log" attempt's message has a terminal control. */
  g_assert_true (community_text_is_safe (err_text, COMMUNITY_TEXT_FLAGS_KEEP_LAYOUT));
  if (g_str_equal (c->attempt, "log"))
    g_assert_nonnull (strstr (err_text, "confine-check: a message after the confinement"));
  g_assert_cmpint (outcome.signal, ==, c->outcome.signal);
  if (c->outcome.signal == 0)
    g_assert_cmpint (outcome.exit_status, ==, c->outcome.exit_status);

  if (file != NULL)
    {
      GStatBuf st;

      /* Nothing reached the file. */
      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
      g_assert_cmpint (g_remove (file), ==, 0);
      g_assert_cmpint (g_rmdir (dir), ==, 0);
    }
}

/* Dying with the parent. */

/* A server on 127.0.0.1 that accepts and never answers. */
static GSocket *
stalled_server_new (guint16 *port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (server, any_port, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_set_timeout (server, 20);
  return server;
}

/* Waits up to @timeout_ms for @pid (our child, or an orphan handed to us
 * as the subreaper) to end; FALSE if it still runs. */
static gboolean
wait_for_pid (pid_t  pid,
              guint  timeout_ms,
              int   *status)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  do
    {
      pid_t done = waitpid (pid, status, WNOHANG);

      g_assert_cmpint (done, >=, 0);
      if (done == pid)
        return TRUE;
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  while (g_get_monotonic_time () < end);
  return FALSE;
}

static void
test_dies_with_parent (void)
{
  guint16 port;
  g_autoptr(GSocket) server = stalled_server_new (&port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  g_autoptr(GSubprocess) parent = NULL;
  g_autoptr(GSocket) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  pid_t helper;
  gboolean gone;
  int status = 0;

  /* The orphaned helper comes to us, so that we can see how it ended. */
  g_assert_cmpint (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), ==, 0);

  /* A parent that starts a stalled fetch and tells us its pid. */
  parent = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "/bin/sh", "-c",
                             "\"$0\" fetch --max-size=1024 -- \"$1\" & echo $!; wait",
                             helper_path (), url, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (parent));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  helper = (pid_t) g_ascii_strtoll (line, NULL, 10);
  g_assert_cmpint (helper, >, 1);

  /* Once it has connected it has long confined itself. */
  connection = g_socket_accept (server, NULL, &error);
  g_assert_no_error (error);

  g_subprocess_force_exit (parent);
  g_subprocess_wait (parent, NULL, &error);
  g_assert_no_error (error);

  gone = wait_for_pid (helper, 1000, &status);
  if (!gone)
    {
      kill (helper, SIGKILL);
      wait_for_pid (helper, 5000, &status);
    }
  g_assert_true (gone);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

/* A job stopped and continued (job control, a debugger) resumes its
 * wait through restart_syscall(), which the filter must let through. */
static void
test_stopped_and_continued (void)
{
  guint16 port;
  g_autoptr(GSocket) server = stalled_server_new (&port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  g_autoptr(GSubprocess) helper = NULL;
  g_autoptr(GSocket) connection = NULL;
  g_autoptr(GError) error = NULL;
  pid_t pid;

  helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             helper_path (), "fetch", "--max-size=1024", "--", url, NULL);
  g_assert_no_error (error);
  connection = g_socket_accept (server, NULL, &error);
  g_assert_no_error (error);
  pid = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (helper), NULL, 10);

  /* It waits for the answer in poll(), with a timeout. */
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);

  /* Still waiting: it ends by our SIGKILL, not by SIGSYS. */
  g_subprocess_force_exit (helper);
  g_subprocess_wait (helper, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (helper));
  g_assert_cmpint (g_subprocess_get_term_sig (helper), ==, SIGKILL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/community/confine/%s/%s",
                                               cases[i].mode, cases[i].attempt);

      g_test_add_data_func (path, &cases[i], test_attempt);
    }
  g_test_add_func ("/community/confine/fetch/stopped-and-continued",
                   test_stopped_and_continued);
  g_test_add_func ("/community/confine/dies-with-parent", test_dies_with_parent);

  return g_test_run ();
}
