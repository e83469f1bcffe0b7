/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-actions.c: the join flow's application actions. */

#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-join.h"
#include "community-join-actions.h"
#include "community-mailto.h"
#include "community-toast.h"
#include "community-window.h"

/* E-mail. */

/* With no mail program the address is still one paste away. */
static void
copy_address_instead (GtkWidget  *window,
                      const char *address)
{
  g_autofree char *body = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (window), address);
  /* Translators: %s is an e-mail address */
  body = g_strdup_printf (_("No mail app is set up. The address was copied: %s"), address);
  /* Translators: the heading of the message shown when no mail program
   * can open the e-mail to the maintainers */
  community_compat_alert (window, _("No Mail App"), body);
}

static void
launch_mailto_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree char *address = user_data;
  g_autoptr(GError) error = NULL;

  if (community_compat_launch_uri_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Cannot open a mailto: URI: %s", error->message);
  copy_address_instead (GTK_WIDGET (source), address);
}

void
community_join_compose_email (GtkWindow  *window,
                              const char *address)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (address != NULL);

  /* Translators: the subject of the e-mail to the maintainers, sent when
   * the QR code or the WeChat ID no longer works */
  uri = community_mailto_build (address, _("Jpom community: contact lost"), NULL);
  community_compat_launch_uri (GTK_WIDGET (window), uri, NULL,
                               launch_mailto_cb, g_strdup (address));
}

/* The actions. */

/* The join model of the page in the application's main window. */
static CommunityJoin *
current_join (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (COMMUNITY_IS_WINDOW (l->data) && community_window_get_join (l->data) != NULL)
      return community_window_get_join (l->data);

  return NULL;
}

/* The window an action acts in. A launcher action starts the application
 * without a window (D-Bus activation): activating it shows the window
 * with the page, which the action then uses and shows its toast in. */
static GtkWindow *
main_window (GtkApplication *app)
{
  if (gtk_application_get_active_window (app) == NULL)
    g_application_activate (G_APPLICATION (app));

  return gtk_application_get_active_window (app);
}

static void
email_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = main_window (app);
  CommunityJoin *join = current_join (app);
  const char *address = join != NULL ? community_join_get_email (join) : NULL;

  if (window == NULL)
    return;

  if (address == NULL)
    community_show_toast (GTK_WIDGET (window), _("This page gives no e-mail address"));
  else
    community_join_compose_email (window, address);
}

static void
copy_wechat_id_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = main_window (app);
  CommunityJoin *join = current_join (app);
  const char *id = join != NULL ? community_join_get_wechat_id (join) : NULL;

  if (window == NULL)
    return;

  if (id == NULL)
    community_show_toast (GTK_WIDGET (window), _("This page gives no WeChat ID"));
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.copy", "s", id);
}

static const GActionEntry join_actions[] = {
  { "copy-wechat-id", copy_wechat_id_action },
  { "email", email_action },
};

void
community_join_actions_add (GtkApplication *app)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  g_action_map_add_action_entries (G_ACTION_MAP (app), join_actions,
                                   G_N_ELEMENTS (join_actions), app);
}
