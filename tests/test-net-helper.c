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
#include "community-net-helper.h"
#include "community-qr-decode.h"

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

/* Runs the helper at @path (the real one when NULL) to its end. */
static void
run_helper (const char         *path,
            const char * const *args,
            GBytes             *input,
            guint               timeout_ms,
            GCancellable       *cancellable,
            Run                *run)
{
  community_net_helper_set_path (path != NULL ? path : g_getenv ("COMMUNITY_TEST_NET_HELPER"));
  community_net_helper_run_async (args, input, timeout_ms, cancellable, run_done_cb, run);
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

/* A stand-in helper: a shell script in @dir. */
static char *
write_script (const char *dir,
              const char *name,
              const char *body)
{
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", body);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
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
      g_autofree char *path = write_script (dir, name, cases[i].body);
      Run run = { 0 };

      g_test_message ("helper: %s", cases[i].body);
      run_helper (path, args, NULL, 10000, NULL, &run);
      g_assert_null (run.reply);
      g_assert_error (run.error, cases[i].domain, cases[i].code);
      g_assert_cmpstr (run.error->message, ==, cases[i].message);
      run_clear (&run);
    }
  remove_dir (dir);
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

/* Waits until @pid is gone (GLib reaps the helper in its worker thread). */
static gboolean
process_gone (pid_t pid)
{
  for (guint i = 0; i < 5000; i++)
    {
      if (kill (pid, 0) != 0 && errno == ESRCH)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
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
  g_autofree char *path = write_script (dir, "sleeper", body);
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
  g_assert_true (process_gone (read_pid (pid_file)));
  run_clear (&run);
  remove_dir (dir);
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

  return g_test_run ();
}
