/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-actions.c: the join flow's application actions. */

#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-join.h"
#include "community-join-actions.h"
#include "community-live-page.h"
#include "community-mailto.h"
#include "community-toaster.h"

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

/* The actions. They act on the application's live page: the page the
 * main window shows, whatever a preview shows. */

/* The window an action tells the user in. A launcher action starts the
 * application without a window (D-Bus activation): activating it shows
 * the window with the page, and reads the live page. */
static GtkWindow *
main_window (GtkApplication *app)
{
  if (gtk_application_get_active_window (app) == NULL)
    g_application_activate (G_APPLICATION (app));

  return gtk_application_get_active_window (app);
}

/* What each action needs: the application owns the actions, which own
 * this. */
typedef struct
{
  GtkApplication    *app;        /* borrowed: it outlives its actions */
  CommunityLivePage *live_page;
} Context;

static void
context_free (gpointer  data,
              GClosure *closure)
{
  Context *context = data;

  g_object_unref (context->live_page);
  g_free (context);
}

static CommunityJoin *
shown_join (Context *context)
{
  return community_live_page_get_shown_join (context->live_page);
}

static void
email_action (GSimpleAction *action,
              GVariant      *parameter,
              Context       *context)
{
  GtkWindow *window = main_window (context->app);
  CommunityJoin *join = shown_join (context);
  const char *address = join != NULL ? community_join_get_email (join) : NULL;

  if (window == NULL)
    return;

  if (address == NULL)
    community_toaster_show (GTK_WIDGET (window), _("This page gives no e-mail address"));
  else
    community_join_compose_email (window, address);
}

static void
copy_wechat_id_action (GSimpleAction *action,
                       GVariant      *parameter,
                       Context       *context)
{
  GtkWindow *window = main_window (context->app);
  CommunityJoin *join = shown_join (context);
  const char *id = join != NULL ? community_join_get_wechat_id (join) : NULL;

  if (window == NULL)
    return;

  if (id == NULL)
    community_toaster_show (GTK_WIDGET (window), _("This page gives no WeChat ID"));
  else
    community_toaster_copy (GTK_WIDGET (window), id);
}

static void
add_action (GtkApplication    *app,
            CommunityLivePage *live_page,
            const char        *name,
            GCallback          activate)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, NULL);
  Context *context = g_new0 (Context, 1);

  context->app = app;
  context->live_page = g_object_ref (live_page);
  g_signal_connect_data (action, "activate", activate, context, context_free, 0);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
}

void
community_join_actions_add (GtkApplication    *app,
                            CommunityLivePage *live_page)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (COMMUNITY_IS_LIVE_PAGE (live_page));

  add_action (app, live_page, "copy-wechat-id", G_CALLBACK (copy_wechat_id_action));
  add_action (app, live_page, "email", G_CALLBACK (email_action));
}
