/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-net-helper.c: running the network helper. Errors travel through
 * its reply with their domain and code; a helper that is missing, dies,
 * says nothing valid or runs too long gives a clear error; a cancelled or
 * timed-out helper is killed. Never leaves the machine: the only address
 * given to the real helper is refused before anything is resolved. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "community-fetch.h"
#include "community-net-helper-private.h"
#include "community-net-helper.h"
#include "community-qr-decode.h"
#include "community-test-core.h"

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Run;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Run *run = data;

  run->reply = community_net_helper_run_finish (result, &run->error);
  run->done = TRUE;
}

/* The reply cap the tests use: what a page fetch allows. */
#define MAX_REPLY (512 * 1024)

/* Runs the helper at @path (the real one when NULL) to its end, taking
 * errors in the domain of its command. */
static void
run_helper (const char         *path,
            const char * const *args,
            GBytes             *input,
            guint               timeout_ms,
            GCancellable       *cancellable,
            Run                *run)
{
  GQuark domain = g_str_equal (args[0], "decode-qr") ? COMMUNITY_QR_DECODE_ERROR
                                                      : COMMUNITY_FETCH_ERROR;

  community_net_helper_set_path (path != NULL ? path : g_getenv ("COMMUNITY_TEST_NET_HELPER"));
  community_net_helper_run_async (args, input, timeout_ms, MAX_REPLY, domain, cancellable,
                                  run_done_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->reply, g_variant_unref);
  g_clear_error (&run->error);
  run->done = FALSE;
}

static void
test_error_travels (void)
{
  /* Refused as text, before any lookup: nothing leaves the machine. */
  const char *args[] = { "fetch", "--max-size=1024", "--", "http://example.com/", NULL };
  Run run = { 0 };

  run_helper (NULL, args, NULL, 10000, NULL, &run);
  g_assert_null (run.reply);
  g_assert_error (run.error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_INSECURE);
  g_assert_nonnull (strstr (run.error->message, "http://example.com/"));
  run_clear (&run);
}

static void
test_decode_not_an_image (void)
{
  const char *args[] = { "decode-qr", NULL };
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  Run run = { 0 };

  run_helper (NULL, args, text, 30000, NULL, &run);
  g_assert_null (run.reply);
  g_assert_error (run.error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE);
  run_clear (&run);
}

static void
test_reply_round_trip (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = g_error_new_literal (COMMUNITY_FETCH_ERROR,
                                                 COMMUNITY_FETCH_ERROR_TOO_LARGE, "too large");
  g_autoptr(GVariant) parsed = NULL;
  g_autofree char *printed = NULL;
  const char *domain = NULL;
  gint32 code = -1;

  bytes = community_net_helper_reply_new (g_variant_new_parsed ("{'payload': <'x'>}"), NULL);
  parsed = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  printed = g_variant_print (parsed, FALSE);
  g_assert_cmpstr (printed, ==, "{'payload': <'x'>}");
  g_clear_pointer (&parsed, g_variant_unref);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = community_net_helper_reply_new (NULL, error);
  parsed = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  g_assert_true (g_variant_lookup (parsed, "error-domain", "&s", &domain));
  g_assert_cmpstr (domain, ==, "community-fetch-error-quark");
  g_assert_true (g_variant_lookup (parsed, "error-code", "i", &code));
  g_assert_cmpint (code, ==, COMMUNITY_FETCH_ERROR_TOO_LARGE);
}

static void
test_missing (void)
{
  const char *args[] = { "fetch", NULL };
  Run run = { 0 };

  run_helper ("/nonexistent/jpom-community-net", args, NULL, 10000, NULL, &run);
  g_assert_null (run.reply);
  g_assert_nonnull (run.error);
  g_assert_true (g_str_has_prefix (run.error->message, "Cannot start the network helper: "));
  run_clear (&run);
}

static void
test_bad_helpers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-net-helper-XXXXXX", NULL);
  const char *args[] = { "fetch", NULL };
  struct {
    const char *body;
    GQuark      domain;
    int         code;
    const char *message;
  } cases[] = {
    { "echo 'no variant here, only text that is not a{sv}'",
      G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The network helper gave an invalid reply" },
    { "exit 0", G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The network helper gave an invalid reply" },
    { "exit 3", G_IO_ERROR, G_IO_ERROR_FAILED, "The network helper failed (exit status 3)" },
    { "kill -9 $$", G_IO_ERROR, G_IO_ERROR_FAILED, "The network helper stopped on signal 9" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("helper-%u", i);
      g_autofree char *path = community_test_write_script (dir, name, cases[i].body);
      Run run = { 0 };

      g_test_message ("helper: %s", cases[i].body);
      run_helper (path, args, NULL, 10000, NULL, &run);
      g_assert_null (run.reply);
      g_assert_error (run.error, cases[i].domain, cases[i].code);
      g_assert_cmpstr (run.error->message, ==, cases[i].message);
      run_clear (&run);
    }
  community_test_remove_tree (dir);
}

/* The pid a stand-in helper wrote, once it has. */
static pid_t
read_pid (const char *path)
{
  g_autofree char *text = NULL;

  while (!g_file_get_contents (path, &text, NULL, NULL) || strchr (text, '\n') == NULL)
    {
      g_clear_pointer (&text, g_free);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return (pid_t) g_ascii_strtoll (text, NULL, 10);
}

/* Whether @pid is gone, reaped: not even a zombie is left. */
static gboolean
process_reaped (pid_t pid)
{
  return kill (pid, 0) != 0 && errno == ESRCH;
}

/* Whether @pid, no child of ours, is dead within @ms (a zombie waiting
 * for its new parent counts as dead). */
static gboolean
process_dies_within (pid_t pid,
                     guint ms)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);

  for (guint i = 0; i < ms; i++)
    {
      g_autofree char *stat = NULL;
      const char *state;

      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        return TRUE;
      state = strrchr (stat, ')');
      if (state != NULL && state[1] == ' ' && state[2] == 'Z')
        return TRUE;
      g_usleep (1000);
    }
  return FALSE;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_stopped_helper_is_killed (gconstpointer data)
{
  gboolean cancel = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("test-net-helper-XXXXXX", NULL);
  g_autofree char *pid_file = g_build_filename (dir, "pid", NULL);
  g_autofree char *body = g_strdup_printf ("echo $$ > '%s'\nexec sleep 60", pid_file);
  g_autofree char *path = community_test_write_script (dir, "sleeper", body);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *args[] = { "fetch", NULL };
  gint64 start = g_get_monotonic_time ();
  Run run = { 0 };

  if (cancel)
    g_timeout_add (300, cancel_cb, cancellable);
  run_helper (path, args, NULL, cancel ? 60000 : 300, cancellable, &run);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_null (run.reply);
  if (cancel)
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  /* Killed and reaped before the job ended, not some time after: a
   * program that exits right after the job leaves no helper behind. */
  g_assert_true (process_reaped (read_pid (pid_file)));
  run_clear (&run);
  community_test_remove_tree (dir);
}

/* A stand-in helper that prints @reply (a serialized a{sv}) as its own. */
static char *
write_replying_script (const char *dir,
                       GVariant   *reply)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (reply);
  g_autofree char *reply_path = g_build_filename (dir, "reply", NULL);
  g_autofree char *body = g_strdup_printf ("cat '%s'", reply_path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (reply_path, g_variant_get_data (sunk), g_variant_get_size (sunk), &error);
  g_assert_no_error (error);
  return community_test_write_script (dir, "replier", body);
}

static GVariant *
error_reply (const char *domain,
             int         code,
             const char *message)
{
  return g_variant_new_parsed ("{'error-domain': <%s>, 'error-code': <%i>, "
                               "'error-message': <%s>}", domain, code, message);
}

/* An error is taken only in the command's own domain: a helper cannot
 * pass as cancelled, nor make the app create a quark for any string. */
static void
test_foreign_error_domain (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-net-helper-XXXXXX", NULL);
  const char *args[] = { "fetch", NULL };
  struct {
    const char *domain;
    int         code;
  } cases[] = {
    { "g-io-error-quark", G_IO_ERROR_CANCELLED },
    { "community-qr-decode-error-quark", COMMUNITY_QR_DECODE_ERROR_NO_CODE },
    { "test-net-helper-made-up-quark", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_replying_script (dir, error_reply (cases[i].domain,
                                                                       cases[i].code, "x"));
      Run run = { 0 };

      g_test_message ("domain: %s", cases[i].domain);
      run_helper (path, args, NULL, 10000, NULL, &run);
      g_assert_null (run.reply);
      g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      run_clear (&run);
    }
  g_assert_cmpuint (g_quark_try_string ("test-net-helper-made-up-quark"), ==, 0);
  community_test_remove_tree (dir);
}

/* The reply's message is shown and printed: no terminal control, no
 * bidi override, not a megabyte of it. */
static void
test_message_made_safe (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-net-helper-XXXXXX", NULL);
  g_autoptr(GString) message = g_string_new ("\033]0;pwned\007\033[2J\xe2\x80\xae" "evil");
  const char *args[] = { "fetch", NULL };
  g_autofree char *path = NULL;
  Run run = { 0 };

  for (guint i = 0; i < 5000; i++)
    g_string_append (message, "long ");
  path = write_replying_script (dir, error_reply ("community-fetch-error-quark",
                                                  COMMUNITY_FETCH_ERROR_HTTP, message->str));
  run_helper (path, args, NULL, 10000, NULL, &run);

  g_assert_error (run.error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_HTTP);
  g_assert_null (strchr (run.error->message, '\033'));
  g_assert_null (strchr (run.error->message, '\007'));
  g_assert_null (strstr (run.error->message, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (run.error->message, "evil"));
  g_assert_cmpuint (g_utf8_strlen (run.error->message, -1), <=,
                    COMMUNITY_NET_HELPER_MAX_MESSAGE);
  run_clear (&run);
  community_test_remove_tree (dir);
}

/* A helper that writes without end is stopped at the cap, killed and
 * reaped, and the app never holds more than the cap of it. */
static void
test_reply_over_cap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-net-helper-XXXXXX", NULL);
  g_autofree char *pid_file = g_build_filename (dir, "pid", NULL);
  g_autofree char *body = g_strdup_printf ("echo $$ > '%s'\nexec cat /dev/zero", pid_file);
  g_autofree char *path = community_test_write_script (dir, "flood", body);
  const char *args[] = { "fetch", NULL };
  gint64 start = g_get_monotonic_time ();
  Run run = { 0 };

  run_helper (path, args, NULL, 60000, NULL, &run);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_null (run.reply);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_true (process_reaped (read_pid (pid_file)));
  run_clear (&run);
  community_test_remove_tree (dir);
}

/* A helper that exits without reading its input: the app's write fails
 * (EPIPE), and the app goes on to say the reply is missing. */
static void
test_input_not_read (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-net-helper-XXXXXX", NULL);
  g_autofree char *path = community_test_write_script (dir, "deaf", "exit 0");
  gsize size = 8 * 1024 * 1024;
  g_autoptr(GBytes) input = g_bytes_new_take (g_malloc0 (size), size);
  const char *args[] = { "decode-qr", NULL };
  Run run = { 0 };

  run_helper (path, args, input, 10000, NULL, &run);
  g_assert_null (run.reply);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  run_clear (&run);
  community_test_remove_tree (dir);
}

/* The app dies (as if killed) while a helper runs: the helper dies too
 * (PR_SET_PDEATHSIG), it is not left running for its own time limit. */
static void
test_dies_with_app (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-net-helper-XXXXXX", NULL);
  g_autofree char *pid_file = g_build_filename (dir, "pid", NULL);
  g_autofree char *body = g_strdup_printf ("echo $$ > '%s'\nexec sleep 60", pid_file);
  g_autofree char *path = community_test_write_script (dir, "sleeper", body);

  if (g_test_subprocess ())
    {
      const char *args[] = { "fetch", NULL };
      const char *pid_path = g_getenv ("TEST_PID_FILE");
      Run run = { 0 };

      community_net_helper_set_path (g_getenv ("TEST_SLEEPER"));
      community_net_helper_run_async (args, NULL, 60000, MAX_REPLY, COMMUNITY_FETCH_ERROR,
                                      NULL, run_done_cb, &run);
      read_pid (pid_path);
      _exit (0);
    }

  g_setenv ("TEST_PID_FILE", pid_file, TRUE);
  g_setenv ("TEST_SLEEPER", path, TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_true (process_dies_within (read_pid (pid_file), 2000));
  community_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/net-helper/error-travels", test_error_travels);
  g_test_add_func ("/community/net-helper/decode-not-an-image", test_decode_not_an_image);
  g_test_add_func ("/community/net-helper/reply-round-trip", test_reply_round_trip);
  g_test_add_func ("/community/net-helper/missing", test_missing);
  g_test_add_func ("/community/net-helper/bad-helpers", test_bad_helpers);
  g_test_add_data_func ("/community/net-helper/cancelled-is-killed",
                        GINT_TO_POINTER (TRUE), test_stopped_helper_is_killed);
  g_test_add_data_func ("/community/net-helper/timed-out-is-killed",
                        GINT_TO_POINTER (FALSE), test_stopped_helper_is_killed);
  g_test_add_func ("/community/net-helper/foreign-error-domain", test_foreign_error_domain);
  g_test_add_func ("/community/net-helper/message-made-safe", test_message_made_safe);
  g_test_add_func ("/community/net-helper/reply-over-cap", test_reply_over_cap);
  g_test_add_func ("/community/net-helper/input-not-read", test_input_not_read);
  g_test_add_func ("/community/net-helper/dies-with-app", test_dies_with_app);

  return g_test_run ();
}
