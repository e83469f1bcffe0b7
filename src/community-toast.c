/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-toast.h"

void
community_show_toast (GtkWidget  *widget,
                      const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  if (!gtk_widget_activate_action (widget, "win.show-toast", "s", message))
    g_debug ("No win.show-toast for: %s", message);
}

void
community_copy_text (GtkWidget  *widget,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  /* Translators: shown in a toast after a click copied some text. */
  community_show_toast (widget, _("Copied to clipboard"));
}
