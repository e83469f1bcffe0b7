/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search-provider.c: how fast the app answers GNOME Shell's
 * overview search, over D-Bus, as the shell asks.
 *
 * Usage: bench-search-provider COLD_RUNS WARM_CALLS [RESULTS_FILE]
 *
 * Run on a session bus where the app and bench/minimal-service.c are D-Bus
 * activatable (their service files in a services directory of the bus)
 * and not running; bench/run-search-provider.sh sets that up. Measures,
 * from this client's call to the reply:
 *
 *  - cold: GetInitialResultSet (["jpom"]) that starts the app by D-Bus
 *    activation (the process starts, GTK connects to the display, the
 *    page's local copy is read), and as its baseline the first answer of
 *    the minimal service (org.gtk.Actions.List, from its main loop once
 *    GTK and libadwaita have started), COLD_RUNS rounds of both in
 *    alternating order, each quit through app.quit after;
 *  - warm, the app running: GetInitialResultSet for a rotation of
 *    queries, GetSubsearchResultSet and GetResultMetas (all six results),
 *    WARM_CALLS times each, interleaved; and as the floor, the D-Bus
 *    round trip to the same process (org.freedesktop.DBus.Peer.Ping,
 *    answered by GDBus without the app's main loop).
 *
 * Prints the median and quartiles of each in ms; writes "key value"
 * lines to RESULTS_FILE. Exits non-zero only when a call fails: a slow
 * machine only gives bigger numbers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>

#include "bench-util.h"

#define BUS_NAME APPLICATION_ID
#define APP_PATH "/top/jpom/Community"
#define PROVIDER_PATH APP_PATH "/SearchProvider"
#define PROVIDER_INTERFACE "org.gnome.Shell.SearchProvider2"
#define MINIMAL_NAME "top.jpom.Community.BenchMinimalService"
#define MINIMAL_PATH "/top/jpom/Community/BenchMinimalService"

static const char * const queries[][3] = {
  { "jpom", NULL },
  { "微信", NULL },
  { "wech", NULL },
  { "jpom", "备注", NULL },
  { "weather", NULL },
};

static GDBusConnection *bus;

/* Calls and returns the time to the reply, in ms; fails on an error. */
static double
timed_call_to (const char *name,
               const char *path,
               const char *interface,
               const char *method,
               GVariant   *parameters,
               const char *reply_type)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = bench_now_ns ();

  reply = g_dbus_connection_call_sync (bus, name, path, interface, method, parameters,
                                       reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);
  if (reply == NULL)
    g_error ("%s.%s: %s", interface, method, error->message);

  return (bench_now_ns () - start) / 1e6;
}

static double
timed_call (const char *path,
            const char *interface,
            const char *method,
            GVariant   *parameters,
            const char *reply_type)
{
  return timed_call_to (BUS_NAME, path, interface, method, parameters, reply_type);
}

static double
initial_result_set (const char * const *terms)
{
  return timed_call (PROVIDER_PATH, PROVIDER_INTERFACE, "GetInitialResultSet",
                     g_variant_new ("(^as)", terms), "(as)");
}

/* The ids "jpom" finds: every result of the page shown. */
static GStrv
dup_all_ids (void)
{
  const char * const jpom[] = { "jpom", NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GStrv ids = NULL;

  reply = g_dbus_connection_call_sync (bus, BUS_NAME, PROVIDER_PATH, PROVIDER_INTERFACE,
                                       "GetInitialResultSet", g_variant_new ("(^as)", jpom),
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 30000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(^as)", &ids);
  return ids;
}

static gboolean
running (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

/* Asks the application @name at @path to quit (app.quit) and waits
 * until its name is gone. */
static void
quit (const char *name,
      const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  timed_call_to (name, path, "org.gtk.Actions", "Activate",
                 g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL);
  while (running (name))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s did not quit", name);
      g_usleep (10000);
    }
}

static double
start_app (void)
{
  const char * const jpom[] = { "jpom", NULL };
  double ms = initial_result_set (jpom);

  quit (BUS_NAME, APP_PATH);
  return ms;
}

static double
start_minimal (void)
{
  double ms = timed_call_to (MINIMAL_NAME, MINIMAL_PATH, "org.gtk.Actions", "List", NULL, "(as)");

  quit (MINIMAL_NAME, MINIMAL_PATH);
  return ms;
}

typedef struct
{
  const char *key;     /* in RESULTS_FILE, with the unit: KEY-median-ms */
  const char *label;
  const char *unit;    /* "ms", or "ratio" */
  GArray     *ms;
} Series;

static void
series_print (Series *series,
              FILE   *results)
{
  double q1 = bench_quantile (series->ms, 0.25);
  double median = bench_quantile (series->ms, 0.5);
  double q3 = bench_quantile (series->ms, 0.75);
  double max = bench_quantile (series->ms, 1.0);

  printf ("| %s (%s) | %u | %.3f | %.3f–%.3f | %.3f |\n",
          series->label, series->unit, series->ms->len, median, q1, q3, max);
  if (results != NULL)
    fprintf (results, "%s-median-%s %.4f\n%s-q1-%s %.4f\n%s-q3-%s %.4f\n",
             series->key, series->unit, median, series->key, series->unit, q1,
             series->key, series->unit, q3);
}

static void
add (Series *series,
     double  ms)
{
  g_array_append_val (series->ms, ms);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) all_ids = NULL;
  const char * const jpom_mail[] = { "jpom", "mail", NULL };
  Series cold = { "search-cold", "GetInitialResultSet, starting the app (D-Bus activation)",
                  "ms", NULL };
  Series minimal = { "search-minimal", "first answer, starting the minimal service", "ms", NULL };
  Series ratio = { "search-cold", "the app / the minimal service, per round", "ratio",
                   NULL };
  Series initial = { "search-initial", "GetInitialResultSet, app running", "ms", NULL };
  Series subsearch = { "search-subsearch", "GetSubsearchResultSet, app running", "ms", NULL };
  Series metas = { "search-metas", "GetResultMetas (every result), app running", "ms", NULL };
  Series ping = { "search-ping", "Peer.Ping to the app (the D-Bus round trip alone)", "ms",
                  NULL };
  Series *all[] = { &cold, &minimal, &ratio, &initial, &subsearch, &metas, &ping };
  g_autoptr(GError) error = NULL;
  FILE *results = NULL;
  int cold_runs, warm_calls;

  if (argc < 3 || (cold_runs = atoi (argv[1])) < 1 || (warm_calls = atoi (argv[2])) < 1)
    {
      fprintf (stderr, "Usage: %s COLD_RUNS WARM_CALLS [RESULTS_FILE]\n", argv[0]);
      return 2;
    }
  if (argc > 3 && (results = fopen (argv[3], "w")) == NULL)
    g_error ("Cannot write %s", argv[3]);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    all[i]->ms = g_array_new (FALSE, FALSE, sizeof (double));

  if (running (BUS_NAME) || running (MINIMAL_NAME))
    g_error ("%s or the minimal service is already running on this bus: "
             "the cold runs need them stopped", BUS_NAME);

  /* One unmeasured start of each: the bus's other services (the settings
   * portal GTK and libadwaita ask) start on first use. */
  start_minimal ();
  start_app ();
  for (int i = 0; i < cold_runs; i++)
    {
      double app_ms, minimal_ms;

      /* Alternating order: neither always follows the other. */
      if (i % 2 == 0)
        {
          minimal_ms = start_minimal ();
          app_ms = start_app ();
        }
      else
        {
          app_ms = start_app ();
          minimal_ms = start_minimal ();
        }
      add (&cold, app_ms);
      add (&minimal, minimal_ms);
      add (&ratio, app_ms / minimal_ms);
    }

  /* Warm: one start, then the calls in rotation. */
  all_ids = dup_all_ids ();
  g_assert_cmpuint (g_strv_length (all_ids), >, 0);
  for (int i = 0; i < warm_calls; i++)
    {
      add (&initial, initial_result_set (queries[i % G_N_ELEMENTS (queries)]));
      add (&subsearch, timed_call (PROVIDER_PATH, PROVIDER_INTERFACE, "GetSubsearchResultSet",
                                   g_variant_new ("(^as^as)", (const char * const *) all_ids, jpom_mail), "(as)"));
      add (&metas, timed_call (PROVIDER_PATH, PROVIDER_INTERFACE, "GetResultMetas",
                               g_variant_new ("(^as)", (const char * const *) all_ids),
                               "(aa{sv})"));
      add (&ping, timed_call (APP_PATH, "org.freedesktop.DBus.Peer", "Ping", NULL, NULL));
    }
  quit (BUS_NAME, APP_PATH);

  printf ("| call | n | median | quartiles | max |\n");
  printf ("|---|---:|---:|---:|---:|\n");
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      series_print (all[i], results);
      g_array_unref (all[i]->ms);
    }

  if (results != NULL)
    fclose (results);
  g_object_unref (bus);

  return 0;
}
