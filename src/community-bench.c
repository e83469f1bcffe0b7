/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/resource.h>

#include "community-bench.h"

#define BENCH_ENV "COMMUNITY_BENCH_FIRST_FRAME"

/* Below G_PRIORITY_LOW, where the page view builds what the first screen
 * does not show, so that this runs once all of that is built. */
#define SETTLED_PRIORITY (G_PRIORITY_LOW + 100)

static void
quit_after_paint_cb (GdkFrameClock *frame_clock,
                     GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, quit_after_paint_cb, window);
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

/* Everything is built: lay it out and paint once more, then quit. */
static gboolean
settled_cb (gpointer user_data)
{
  GtkWidget *window = user_data;

  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (quit_after_paint_cb), window, 0);
  gtk_widget_queue_draw (window);

  return G_SOURCE_REMOVE;
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

static void
first_paint_cb (GdkFrameClock *frame_clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_paint_cb, window);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("first-frame-cpu %" G_GINT64_FORMAT "\n", cpu_time_us ());
  g_idle_add_full (SETTLED_PRIORITY, settled_cb, g_object_ref (window), g_object_unref);
}

static void
map_cb (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_paint_cb), window, 0);
}

void
community_bench_watch_first_frame (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv (BENCH_ENV) != NULL)
    g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
}
