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
 * The benchmark times it as it times the app, with bench-hook.c loaded
 * through LD_PRELOAD; it holds no timing code of its own. */
#include "config.h"

#include <adwaita.h>

#define MINIMAL_APPLICATION_ID "top.jpom.Community.BenchMinimal"

static const char *window_title;
static const char *first_paragraph;

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
