/* SPDX-License-Identifier: GPL-3.0-or-later */
/* minimal-service.c: the baseline of the search provider benchmark.
 *
 * An AdwApplication started by D-Bus activation (--gapplication-service),
 * as the app is for the overview's search, that does nothing of its own:
 * GTK and libadwaita start up, the application registers on the bus, and
 * its main loop answers org.gtk.Actions (app.quit, so that the benchmark
 * can stop it). What the app takes to its first search result beyond
 * what this takes to its first answer is the app's own. */
#include "config.h"

#include <adwaita.h>

#define MINIMAL_SERVICE_ID "top.jpom.Community.BenchMinimalService"

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry actions[] = {
  { "quit", quit_action },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new (MINIMAL_SERVICE_ID, G_APPLICATION_DEFAULT_FLAGS);

  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
