/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jpom-community-net: the app's network helper (community-net-helper.h).
 *
 *   jpom-community-net fetch [--connect-timeout=S] [--total-timeout=MS]
 *                            [--max-size=BYTES] [--etag=E]
 *                            [--last-modified=DATE] [--proxy=URI] -- URL
 *   jpom-community-net decode-qr        (the image on standard input)
 *   jpom-community-net confine-check MODE ATTEMPT   (for the tests only:
 *                                        community-confine-check.h)
 *
 * Each writes one reply, a serialized a{sv}, on standard output and exits
 * with 0; errors travel in the reply. Only a fault of the helper itself
 * (bad usage, a reply it cannot write) gives another exit status. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "community-confine.h"
#include "community-confine-check.h"
#include "community-http.h"
#include "community-net-helper-private.h"
#include "community-net-helper.h"
#include "community-qr-scan.h"
#include "community-text.h"

/* What GLib, libsoup or libzbar log may quote a server, a URL or an
 * image. GLib's own writer escapes C0 controls but lets bidi overrides
 * through, at any length: here each message is made safe
 * (community-text.h) and cut short before it reaches the terminal the
 * app was started from. */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         data)
{
  const char *domain = NULL;
  const char *message = "";
  gssize length = -1;
  g_autofree char *safe_domain = NULL;
  g_autofree char *safe = NULL;
  const char *kind;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        message = fields[i].value;
        length = fields[i].length;
      }
  if (g_log_writer_default_would_drop (level, domain))
    return G_LOG_WRITER_HANDLED;

  if (level & G_LOG_LEVEL_ERROR)
    kind = "ERROR";
  else if (level & G_LOG_LEVEL_CRITICAL)
    kind = "CRITICAL";
  else if (level & G_LOG_LEVEL_WARNING)
    kind = "WARNING";
  else if (level & G_LOG_LEVEL_MESSAGE)
    kind = "Message";
  else if (level & G_LOG_LEVEL_INFO)
    kind = "INFO";
  else
    kind = "DEBUG";
  safe = community_text_make_safe (message, length, COMMUNITY_TEXT_FLAGS_NONE,
                                   COMMUNITY_NET_HELPER_MAX_MESSAGE);
  if (domain != NULL)
    safe_domain = community_text_make_safe (domain, -1, COMMUNITY_TEXT_FLAGS_NONE, 80);
  fprintf (stderr, "jpom-community-net: %s%s%s: %s\n", safe_domain != NULL ? safe_domain : "",
           safe_domain != NULL ? "-" : "", kind, safe);
  return G_LOG_WRITER_HANDLED;
}

static gboolean
write_reply (GVariant     *values,
             const GError *error)
{
  g_autoptr(GBytes) reply = community_net_helper_reply_new (values, error);
  gsize size;
  const guint8 *data = g_bytes_get_data (reply, &size);

  return fwrite (data, 1, size, stdout) == size && fflush (stdout) == 0;
}

/* fetch */

typedef struct
{
  GMainLoop            *loop;
  CommunityFetchResult *fetched;
  GError               *error;
} FetchRun;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  FetchRun *run = data;

  run->fetched = community_http_get_finish (COMMUNITY_HTTP (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static GVariant *
fetch_values (const CommunityFetchResult *fetched)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "unchanged", "b", fetched->unchanged);
  g_variant_dict_insert (&dict, "url", "s", fetched->url);
  if (fetched->etag != NULL)
    g_variant_dict_insert (&dict, "etag", "s", fetched->etag);
  if (fetched->last_modified != NULL)
    g_variant_dict_insert (&dict, "last-modified", "s", fetched->last_modified);
  if (fetched->body != NULL)
    g_variant_dict_insert_value (&dict, "body",
                                 g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                           fetched->body, TRUE));
  return g_variant_dict_end (&dict);
}

static int
run_fetch (int    argc,
           char **argv)
{
  int connect_timeout_s = COMMUNITY_FETCH_CONNECT_TIMEOUT_S;
  int total_timeout_ms = COMMUNITY_FETCH_TOTAL_TIMEOUT_MS;
  gint64 max_size = 0;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  g_autofree char *proxy = NULL;
  const GOptionEntry entries[] = {
    { "connect-timeout", 0, 0, G_OPTION_ARG_INT, &connect_timeout_s, NULL, "S" },
    { "total-timeout", 0, 0, G_OPTION_ARG_INT, &total_timeout_ms, NULL, "MS" },
    { "max-size", 0, 0, G_OPTION_ARG_INT64, &max_size, NULL, "BYTES" },
    { "etag", 0, 0, G_OPTION_ARG_STRING, &etag, NULL, "E" },
    { "last-modified", 0, 0, G_OPTION_ARG_STRING, &last_modified, NULL, "DATE" },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &proxy, NULL, "URI" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("-- URL");
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityHttp) http = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  FetchRun run = { NULL, NULL, NULL };
  gboolean written;

  if (!community_confine_enter (COMMUNITY_CONFINE_FETCH, &error))
    return write_reply (NULL, error) ? 0 : 1;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || argc != 2 || connect_timeout_s <= 0 || total_timeout_ms <= 0 || max_size <= 0)
    {
      g_printerr ("jpom-community-net fetch: %s\n",
                  error != NULL ? error->message : "wrong arguments");
      return 2;
    }

  http = community_http_new ();
  community_http_set_timeouts (http, connect_timeout_s, total_timeout_ms);
  community_http_set_proxy (http, proxy);
  loop = run.loop = g_main_loop_new (NULL, FALSE);
  community_http_get_async (http, argv[1], etag, last_modified, (gsize) max_size,
                            NULL, fetched_cb, &run);
  g_main_loop_run (loop);

  if (run.fetched != NULL)
    written = write_reply (fetch_values (run.fetched), NULL);
  else
    written = write_reply (NULL, run.error);
  g_clear_pointer (&run.fetched, community_fetch_result_free);
  g_clear_error (&run.error);
  return written ? 0 : 1;
}

/* decode-qr */

static int
run_decode_qr (void)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;

  if (!community_confine_enter (COMMUNITY_CONFINE_DECODE, &error))
    return write_reply (NULL, error) ? 0 : 1;

  image = community_qr_scan_read (STDIN_FILENO, &error);
  if (image != NULL)
    payload = community_qr_scan_wechat (image, &error);
  if (payload == NULL)
    return write_reply (NULL, error) ? 0 : 1;
  return write_reply (g_variant_new_parsed ("{'payload': <%s>}", payload), NULL) ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (write_log, NULL, NULL);

  /* Its messages reach the user through the app: in the app's language. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && g_str_equal (argv[1], "fetch"))
    return run_fetch (argc - 1, argv + 1);
  if (argc == 2 && g_str_equal (argv[1], "decode-qr"))
    return run_decode_qr ();
  if (argc == 4 && g_str_equal (argv[1], "confine-check"))
    return community_confine_check (argv[2], argv[3]);

  g_printerr ("Usage: %s fetch [OPTION...] -- URL | decode-qr\n"
              "The network helper of Jpom Community; the app runs it.\n", argv[0]);
  return 2;
}
