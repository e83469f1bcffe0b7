/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-hook.c: the start-up benchmark's probe, loaded with LD_PRELOAD into
 * the app and into the minimal window alike, so that the product carries no
 * benchmark code and both programs are timed by the same lines.
 *
 * A constructor adds an emission hook on GtkWidget::map. When the first
 * GtkWindow maps, the hook follows its frame clock and prints, on stdout:
 *
 *   first-frame <µs>            CLOCK_MONOTONIC at the end of the first
 *                               frame painted after map (after-paint)
 *   first-frame-cpu <µs>        CPU time of the process (all threads) then
 *   first-content-frame <µs>    the end of the first frame in which a
 *                               mapped label inside the window shows
 *                               $COMMUNITY_BENCH_CONTENT (or the first
 *                               frame when that is unset)
 *   first-content-frame-index <n>   which frame after map that was (1: the
 *                               first)
 *
 * Then it lets everything queued for after the first frame run (the page
 * view builds the blocks below the fold at G_PRIORITY_LOW), paints once
 * more, prints the settled memory and quits the application:
 *
 *   settled-pss-kib <KiB>       Pss of /proc/self/smaps_rollup
 *   settled-rss-kib <KiB>       Rss of the same
 *
 * When the content does not show within CONTENT_TIMEOUT_MS after the first
 * frame it prints "first-content-frame-index 0" and quits. With
 * COMMUNITY_BENCH_LINGER_MS set it quits no earlier than that long after
 * the first frame (for the screenshot check). With COMMUNITY_BENCH_SMAPS
 * set to a file name prefix it copies /proc/self/smaps to PREFIX.first-frame
 * at the first frame (what had been loaded by then) and to PREFIX.settled
 * before quitting (where the memory is).
 *
 * It takes LD_PRELOAD out of the environment, so that processes the
 * program starts do not load it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <gtk/gtk.h>

#define CONTENT_ENV "COMMUNITY_BENCH_CONTENT"
#define LINGER_ENV "COMMUNITY_BENCH_LINGER_MS"
#define SMAPS_ENV "COMMUNITY_BENCH_SMAPS"
#define CONTENT_TIMEOUT_MS 10000

/* Below G_PRIORITY_LOW, where the page view builds what the first screen
 * does not show, so that this runs once all of that is built. */
#define SETTLED_PRIORITY (G_PRIORITY_LOW + 100)

typedef struct
{
  GtkWidget     *window;       /* owned */
  GdkFrameClock *frame_clock;  /* borrowed from window */
  char          *content;      /* owned; from the environment, or NULL */
  char          *smaps;        /* owned; from the environment, or NULL */
  guint          linger_ms;
  gint64         first_frame;  /* µs */
  guint          frames;
  guint          timeout_id;
  gulong         paint_id;
} BenchProbe;

static BenchProbe probe;

static void
print_value (const char *key,
             gint64      value)
{
  printf ("%s %" G_GINT64_FORMAT "\n", key, value);
  fflush (stdout);
}

/* CPU time of the whole process so far (all threads), in µs. */
static gint64
cpu_time_us (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;

  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* The value in KiB of a "Key:   123 kB" line of smaps_rollup, or -1. */
static gint64
smaps_value_kib (const char *smaps,
                 const char *key)
{
  g_autofree char *needle = g_strconcat ("\n", key, ":", NULL);
  const char *line = strstr (smaps, needle);

  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (needle), NULL, 10);
}

static void
save_smaps (const char *when)
{
  g_autofree char *smaps = NULL;
  g_autofree char *path = NULL;
  gsize length;

  if (probe.smaps == NULL)
    return;

  path = g_strconcat (probe.smaps, ".", when, NULL);
  if (g_file_get_contents ("/proc/self/smaps", &smaps, &length, NULL))
    g_file_set_contents (path, smaps, (gssize) length, NULL);
}

static void
print_settled_memory (void)
{
  g_autofree char *smaps = NULL;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &smaps, NULL, NULL))
    return;

  print_value ("settled-pss-kib", smaps_value_kib (smaps, "Pss"));
  print_value ("settled-rss-kib", smaps_value_kib (smaps, "Rss"));
}

static gboolean
quit_cb (gpointer user_data)
{
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

static void
quit (void)
{
  gint64 linger_end = probe.first_frame + probe.linger_ms * (gint64) 1000;
  gint64 now = g_get_monotonic_time ();

  g_clear_signal_handler (&probe.paint_id, probe.frame_clock);
  g_clear_handle_id (&probe.timeout_id, g_source_remove);
  if (now < linger_end)
    g_timeout_add ((guint) ((linger_end - now) / 1000) + 1, quit_cb, NULL);
  else
    quit_cb (NULL);
}

static void
settled_paint_cb (GdkFrameClock *frame_clock)
{
  print_settled_memory ();
  save_smaps ("settled");
  quit ();
}

/* Everything is built: lay it out and paint once more, then quit. */
static gboolean
settled_cb (gpointer user_data)
{
  probe.paint_id = g_signal_connect (probe.frame_clock, "after-paint",
                                     G_CALLBACK (settled_paint_cb), NULL);
  gtk_widget_queue_draw (probe.window);

  return G_SOURCE_REMOVE;
}

/* TRUE when @widget, or a widget inside it, is a mapped label that shows
 * probe.content within the window's area. */
static gboolean
shows_content (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), probe.content) != NULL)
    {
      graphene_rect_t bounds;
      graphene_rect_t window_area;

      if (!gtk_widget_compute_bounds (widget, probe.window, &bounds))
        return FALSE;
      graphene_rect_init (&window_area, 0, 0,
                          gtk_widget_get_width (probe.window),
                          gtk_widget_get_height (probe.window));
      return graphene_rect_intersection (&bounds, &window_area, NULL);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_content (child))
      return TRUE;

  return FALSE;
}

static void
content_frame (gint64 frame_end)
{
  g_clear_signal_handler (&probe.paint_id, probe.frame_clock);
  g_clear_handle_id (&probe.timeout_id, g_source_remove);
  print_value ("first-content-frame", frame_end);
  print_value ("first-content-frame-index", probe.frames);
  g_idle_add_full (SETTLED_PRIORITY, settled_cb, NULL, NULL);
}

static gboolean
content_timeout_cb (gpointer user_data)
{
  probe.timeout_id = 0;
  print_value ("first-content-frame-index", 0);
  quit ();

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock)
{
  /* Taken first: the search for the content is the probe's own cost. */
  gint64 frame_end = g_get_monotonic_time ();

  probe.frames++;
  if (probe.frames == 1)
    {
      probe.first_frame = frame_end;
      print_value ("first-frame", frame_end);
      print_value ("first-frame-cpu", cpu_time_us ());
      save_smaps ("first-frame");
      probe.timeout_id = g_timeout_add (CONTENT_TIMEOUT_MS, content_timeout_cb, NULL);
    }

  if (probe.content == NULL || shows_content (probe.window))
    content_frame (frame_end);
}

static gboolean
map_hook_cb (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               user_data)
{
  GObject *instance = g_value_get_object (&params[0]);

  if (!GTK_IS_WINDOW (instance))
    return TRUE;

  /* The first window is the one timed; the hook is not needed again. */
  probe.window = g_object_ref (GTK_WIDGET (instance));
  probe.frame_clock = gtk_widget_get_frame_clock (probe.window);
  probe.paint_id = g_signal_connect (probe.frame_clock, "after-paint",
                                     G_CALLBACK (after_paint_cb), NULL);

  return FALSE;
}

__attribute__((constructor)) static void
bench_hook_init (void)
{
  const char *content = g_getenv (CONTENT_ENV);
  const char *linger = g_getenv (LINGER_ENV);
  const char *smaps = g_getenv (SMAPS_ENV);
  GTypeClass *widget_class;

  if (content != NULL && *content != '\0')
    probe.content = g_strdup (content);
  probe.smaps = g_strdup (smaps);
  if (linger != NULL)
    probe.linger_ms = (guint) g_ascii_strtoull (linger, NULL, 10);
  g_unsetenv ("LD_PRELOAD");

  /* The signal exists once the class is initialized; that needs no
   * display, and the class stays referenced for the whole run anyway. */
  widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              map_hook_cb, NULL, NULL);
  g_type_class_unref (widget_class);
}
