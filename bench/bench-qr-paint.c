/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-qr-paint.c: the first paint of the QR code widget.
 *
 * Usage: bench-qr-paint PAYLOAD [RUNS] [RESULTS_FILE]
 *
 * Alternately shows a window holding a CommunityQrCode (created, encoded
 * and laid out from scratch each time) and the same window holding an
 * empty box of the same size, and times each from creation to the window
 * clock's first "after-paint". The difference of the medians is what the
 * widget adds to a frame. Needs a display (run-benchmarks.sh uses Xvfb). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "bench-util.h"
#include "community-qr-code.h"

#define QR_SIDE_PX 240

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, user_data);
  painted = TRUE;
}

static void
map_cb (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, map_cb, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static GtkWidget *
create_child (const char *payload)
{
  GtkWidget *child;

  if (payload != NULL)
    child = community_qr_code_new (payload, "WeChat QR code of the community assistant");
  else
    child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (child, QR_SIDE_PX, QR_SIDE_PX);
  gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (child, GTK_ALIGN_CENTER);

  return child;
}

/* Milliseconds from creating the window and its child to its first frame. */
static double
first_paint_ms (const char *payload)
{
  GtkWidget *window;
  gint64 t0 = bench_now_ns ();
  double ms;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 320);
  gtk_window_set_child (GTK_WINDOW (window), create_child (payload));
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);

  painted = FALSE;
  gtk_window_present (GTK_WINDOW (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  ms = (double) (bench_now_ns () - t0) / 1e6;

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) qr = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 15;
  double qr_ms, empty_ms;

  if (argc < 2)
    {
      g_printerr ("Usage: %s PAYLOAD [RUNS] [RESULTS_FILE]\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  /* Unmeasured: the first window of a process loads the theme and fonts. */
  first_paint_ms (argv[1]);
  first_paint_ms (NULL);

  for (guint i = 0; i < MAX (runs, 3); i++)
    {
      /* ABBA order, so neither always runs right after the other. */
      double a = first_paint_ms (i % 2 == 0 ? argv[1] : NULL);
      double b = first_paint_ms (i % 2 == 0 ? NULL : argv[1]);
      double with_qr = i % 2 == 0 ? a : b;
      double without = i % 2 == 0 ? b : a;

      g_array_append_val (qr, with_qr);
      g_array_append_val (empty, without);
    }

  qr_ms = bench_median (qr);
  empty_ms = bench_median (empty);
  g_print ("| QR widget first paint (window with the widget, %d px) | %.2f ms | median of %u |\n",
           QR_SIDE_PX, qr_ms, qr->len);
  g_print ("| same window, empty box instead | %.2f ms | median of %u |\n",
           empty_ms, empty->len);
  g_print ("| QR widget's share of the first frame | %.2f ms | difference |\n",
           qr_ms - empty_ms);

  if (argc > 3)
    {
      FILE *results = fopen (argv[3], "w");

      if (results != NULL)
        {
          fprintf (results, "qr-paint-ms %.4f\nqr-paint-empty-ms %.4f\n", qr_ms, empty_ms);
          fclose (results);
        }
    }

  return 0;
}
