/* SPDX-License-Identifier: GPL-3.0-or-later */
/* minimal-window.c: the baseline of the start-up benchmark.
 *
 * An AdwApplicationWindow with an AdwHeaderBar and one wrapped GtkLabel
 * holding the page's first paragraph, so that it loads the same libraries,
 * style sheet and Chinese fonts as the app does for its first screen, and
 * nothing else.
 *
 * Usage: minimal-window TITLE PARAGRAPH
 *
 * With COMMUNITY_BENCH_FIRST_FRAME set in the environment it prints
 * "first-frame <CLOCK_MONOTONIC µs>" after its first painted frame and
 * quits, exactly like the app. */
#include "config.h"

#include <adwaita.h>

#define MINIMAL_APPLICATION_ID "top.jpom.Community.BenchMinimal"

static const char *window_title;
static const char *first_paragraph;

static gboolean
quit_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GtkWidget     *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, window);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  /* Quit once everything that was queued for after the first frame has
   * run, even at G_PRIORITY_LOW, so that the peak memory the harness reads
   * covers the whole window. The app does the same. */
  g_idle_add_full (G_PRIORITY_LOW + 100, quit_cb, g_object_ref (app), g_object_unref);
}

static void
map_cb (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

static GtkWidget *
create_content (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (first_paragraph);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), window_title);
  /* The app's default size, so both lay out the same area. */
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 820);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      create_content ());
  if (g_getenv ("COMMUNITY_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc != 3)
    {
      g_printerr ("Usage: %s TITLE PARAGRAPH\n", argv[0]);
      return 2;
    }

  window_title = argv[1];
  first_paragraph = argv[2];

  app = adw_application_new (MINIMAL_APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  /* The two arguments are ours, not GApplication's. */
  return g_application_run (G_APPLICATION (app), 1, argv);
}
