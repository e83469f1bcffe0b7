/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-shortcuts.h"

/* In the order the dialog lists them. */
static const struct
{
  const char *title;        /* in the "shortcut window" context */
  const char *action_name;
  const char *accels[2];
} shortcuts[] = {
  { NC_("shortcut window", "Email the Maintainers"), "app.email", { "<Control>e", NULL } },
  { NC_("shortcut window", "Refresh the Page"), "app.refresh", { "<Control>r", NULL } },
  { NC_("shortcut window", "Show Shortcuts"), "win.show-shortcuts", { "<Control>question", NULL } },
  { NC_("shortcut window", "Close Window"), "window.close", { "<Control>w", NULL } },
  { NC_("shortcut window", "Quit"), "app.quit", { "<Control>q", NULL } },
};

void
community_shortcuts_add_accels (GtkApplication *app)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (app, shortcuts[i].action_name, shortcuts[i].accels);
}

void
community_shortcuts_show (GtkApplicationWindow *window)
{
  CommunityCompatShortcut items[G_N_ELEMENTS (shortcuts)];

  g_return_if_fail (GTK_IS_APPLICATION_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      items[i].title = g_dpgettext2 (NULL, "shortcut window", shortcuts[i].title);
      items[i].action_name = shortcuts[i].action_name;
    }
  community_compat_present_shortcuts (window, C_("shortcut window", "General"),
                                      items, G_N_ELEMENTS (items));
}
