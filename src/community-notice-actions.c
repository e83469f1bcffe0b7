/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-actions.c: opening and dismissing a notice. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-links.h"
#include "community-notice-actions.h"
#include "community-toaster.h"

/* The notice named @name among those known, or NULL. */
static CommunityNotice *
find_notice (CommunityNotices *notices,
             const char       *name)
{
  GPtrArray *all = community_notices_get_notices (notices);

  for (guint i = 0; i < all->len; i++)
    {
      CommunityNotice *notice = g_ptr_array_index (all, i);

      if (g_str_equal (notice->name, name))
        return notice;
    }

  return NULL;
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree char *url = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (community_compat_launch_uri_finish (result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is the address of an announcement on the site */
  message = g_strdup_printf (_("No app can open %s"), url);
  community_toaster_show (GTK_WIDGET (source), message);
}

static void
open_notice_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CommunityNotices *notices = user_data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow *window = app != NULL ? gtk_application_get_active_window (app) : NULL;
  CommunityNotice *notice = find_notice (notices, g_variant_get_string (parameter, NULL));

  /* The notice's address was made by the link policy; asked again here,
   * as every link the app opens is. */
  if (window == NULL || notice == NULL || !community_link_opens (notice->url))
    return;

  community_compat_launch_uri (GTK_WIDGET (window), notice->url, NULL, launched_cb,
                               g_strdup (notice->url));
}

static void
dismiss_notice_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  community_notices_dismiss (COMMUNITY_NOTICES (user_data),
                             g_variant_get_string (parameter, NULL));
}

static void
unref_notices (gpointer  data,
               GClosure *closure)
{
  g_object_unref (data);
}

static void
add_action (GtkApplication   *app,
            CommunityNotices *notices,
            const char       *name,
            GCallback         activate)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, G_VARIANT_TYPE_STRING);

  g_signal_connect_data (action, "activate", activate, g_object_ref (notices),
                         unref_notices, 0);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
}

void
community_notice_actions_add (GtkApplication   *app,
                              CommunityNotices *notices)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (COMMUNITY_IS_NOTICES (notices));

  add_action (app, notices, "open-notice", G_CALLBACK (open_notice_action));
  add_action (app, notices, "dismiss-notice", G_CALLBACK (dismiss_notice_action));
}
