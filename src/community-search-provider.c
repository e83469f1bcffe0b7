/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-search-provider.c: org.gnome.Shell.SearchProvider2.
 *
 * A hand-written GDBusInterfaceVTable over the interface's introspection
 * XML (org.gnome.Shell.SearchProvider2.xml, in the resource), rather than
 * a gdbus-codegen skeleton: five methods, each a few lines, and GDBus
 * checks every call's arguments against the XML before a handler sees
 * them, which is all a skeleton would add here besides a generated file
 * many times this one's size. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-search.h"
#include "community-search-provider.h"
#include "community-text.h"
#include "community-window.h"

#define INTERFACE_NAME "org.gnome.Shell.SearchProvider2"

struct _CommunitySearchProvider
{
  GObject                          parent_instance;

  /* Borrowed: the application owns the provider. */
  GtkApplication                  *app;
  CommunitySearchProviderPageFunc  page_func;

  /* Owned references. */
  GDBusConnection                 *connection;  /* while exported */
  GdkClipboard                    *clipboard;   /* while the app serves a copy */

  guint                            registration_id;
  guint                            clipboard_timeout_id;
};

G_DEFINE_FINAL_TYPE (CommunitySearchProvider, community_search_provider, G_TYPE_OBJECT)

/* The results for the page shown now, in the user's language; empty
 * when there is no page. Built at each call: a few strings, far less
 * than a D-Bus round trip, and never out of date. */
static GPtrArray *
community_search_provider_dup_results (CommunitySearchProvider *self)
{
  CommunityLivePage *live_page = self->page_func (self->app);
  CommunityJoin *join = live_page != NULL ? community_live_page_get_shown_join (live_page) : NULL;

  if (join == NULL)
    return g_ptr_array_new ();

  return community_search_results_new (join);
}

/* Serving the clipboard. A copy lives in the process that made it:
 * after a copy from the overview, with no window open, the application
 * holds itself until another program takes the clipboard, or for
 * COMMUNITY_SEARCH_PROVIDER_CLIPBOARD_S. */

static void
community_search_provider_release_clipboard (CommunitySearchProvider *self)
{
  if (self->clipboard == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->clipboard, self);
  g_clear_object (&self->clipboard);
  g_clear_handle_id (&self->clipboard_timeout_id, g_source_remove);
  g_application_release (G_APPLICATION (self->app));
}

static void
clipboard_local_cb (GdkClipboard            *clipboard,
                    GParamSpec              *pspec,
                    CommunitySearchProvider *self)
{
  if (!gdk_clipboard_is_local (clipboard))
    community_search_provider_release_clipboard (self);
}

static gboolean
clipboard_timeout_cb (gpointer user_data)
{
  CommunitySearchProvider *self = user_data;

  self->clipboard_timeout_id = 0;
  community_search_provider_release_clipboard (self);

  return G_SOURCE_REMOVE;
}

static void
community_search_provider_serve_clipboard (CommunitySearchProvider *self,
                                           GdkClipboard            *clipboard)
{
  if (self->clipboard == NULL)
    {
      self->clipboard = g_object_ref (clipboard);
      g_application_hold (G_APPLICATION (self->app));
      g_signal_connect (clipboard, "notify::local", G_CALLBACK (clipboard_local_cb), self);
    }

  g_clear_handle_id (&self->clipboard_timeout_id, g_source_remove);
  self->clipboard_timeout_id = g_timeout_add_seconds (COMMUNITY_SEARCH_PROVIDER_CLIPBOARD_S,
                                                      clipboard_timeout_cb, self);
}

/* Activating results. */

static void
community_search_provider_copy (CommunitySearchProvider *self,
                                const char              *text)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  GdkClipboard *clipboard;

  if (display == NULL)
    return;

  clipboard = gdk_display_get_clipboard (display);
  gdk_clipboard_set_text (clipboard, text);
  community_search_provider_serve_clipboard (self, clipboard);

  /* Translators: the title of the notification after a result of the
   * overview's search copied some text (the text is its body). */
  notification = g_notification_new (_("Copied to clipboard"));
  body = community_text_make_safe (text, -1, COMMUNITY_TEXT_FLAGS_NONE,
                                   COMMUNITY_SEARCH_MAX_SHOWN_CHARS);
  g_notification_set_body (notification, body);
  /* One notification for the latest copy, not one for each. */
  g_application_send_notification (G_APPLICATION (self->app), "copied", notification);
}

/* The window that shows the live page, the one used last first; not a
 * preview, nor a dialog (on libadwaita < 1.5 a window of its own). */
static GtkWindow *
community_search_provider_find_window (CommunitySearchProvider *self)
{
  for (GList *l = gtk_application_get_windows (self->app); l != NULL; l = l->next)
    if (COMMUNITY_IS_WINDOW (l->data) && community_window_get_live_page (l->data) != NULL)
      return l->data;

  return NULL;
}

/* That window, shown and raised; the application's activate makes it
 * when there is none. */
static GtkWindow *
community_search_provider_present_window (CommunitySearchProvider *self,
                                          guint32                  timestamp)
{
  GtkWindow *window = community_search_provider_find_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self->app));
      window = community_search_provider_find_window (self);
    }
  if (window != NULL)
    community_compat_present_window (window, timestamp);

  return window;
}

static void
community_search_provider_activate (CommunitySearchProvider     *self,
                                    const CommunitySearchResult *result,
                                    guint32                      timestamp)
{
  GtkWindow *window;

  switch (result->action)
    {
    case COMMUNITY_SEARCH_ACTION_COPY:
      community_search_provider_copy (self, result->target);
      break;
    case COMMUNITY_SEARCH_ACTION_JOIN:
      window = community_search_provider_present_window (self, timestamp);
      if (window != NULL)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.join-tier", "s", result->target);
      break;
    case COMMUNITY_SEARCH_ACTION_EMAIL:
      community_search_provider_present_window (self, timestamp);
      g_action_group_activate_action (G_ACTION_GROUP (self->app), "email", NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The methods. Each gets its arguments as the XML declares them. */

static GVariant *
ids_matching (GPtrArray          *results,
              const char * const *ids,
              const char * const *terms)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < results->len; i++)
    {
      const CommunitySearchResult *result = g_ptr_array_index (results, i);

      if ((ids == NULL || g_strv_contains (ids, result->id))
          && community_search_result_matches (result, terms))
        g_variant_builder_add (&builder, "s", result->id);
    }

  return g_variant_new ("(as)", &builder);
}

static void
get_initial_result_set (CommunitySearchProvider *self,
                        GVariant                *parameters,
                        GDBusMethodInvocation   *invocation)
{
  g_autoptr(GPtrArray) results = community_search_provider_dup_results (self);
  g_autofree const char **terms = NULL;

  g_variant_get (parameters, "(^a&s)", &terms);
  g_dbus_method_invocation_return_value (invocation, ids_matching (results, NULL, terms));
}

static void
get_subsearch_result_set (CommunitySearchProvider *self,
                          GVariant                *parameters,
                          GDBusMethodInvocation   *invocation)
{
  g_autoptr(GPtrArray) results = community_search_provider_dup_results (self);
  g_autofree const char **previous = NULL;
  g_autofree const char **terms = NULL;

  g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
  g_dbus_method_invocation_return_value (invocation, ids_matching (results, previous, terms));
}

static GVariant *
result_meta (const CommunitySearchResult *result)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (result->icon_name);
  /* Not floating: the dictionary takes a reference of its own. */
  g_autoptr(GVariant) serialized_icon = g_icon_serialize (icon);
  GVariantDict meta;

  g_variant_dict_init (&meta, NULL);
  g_variant_dict_insert (&meta, "id", "s", result->id);
  g_variant_dict_insert (&meta, "name", "s", result->name);
  g_variant_dict_insert (&meta, "description", "s", result->description);
  g_variant_dict_insert_value (&meta, "icon", serialized_icon);
  /* GNOME Shell copies this itself: the compositor lets it set the
   * clipboard, where it may refuse a program with no window focused. */
  if (result->action == COMMUNITY_SEARCH_ACTION_COPY)
    g_variant_dict_insert (&meta, "clipboardText", "s", result->target);

  return g_variant_dict_end (&meta);
}

static void
get_result_metas (CommunitySearchProvider *self,
                  GVariant                *parameters,
                  GDBusMethodInvocation   *invocation)
{
  g_autoptr(GPtrArray) results = community_search_provider_dup_results (self);
  g_autofree const char **ids = NULL;
  GVariantBuilder builder;

  g_variant_get (parameters, "(^a&s)", &ids);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  /* An id the page no longer gives (a new page came in between) has no
   * meta: there is nothing left to show for it. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const CommunitySearchResult *result = community_search_results_find (results, ids[i]);

      if (result != NULL)
        g_variant_builder_add_value (&builder, result_meta (result));
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &builder));
}

static void
activate_result (CommunitySearchProvider *self,
                 GVariant                *parameters,
                 GDBusMethodInvocation   *invocation)
{
  g_autoptr(GPtrArray) results = community_search_provider_dup_results (self);
  const CommunitySearchResult *result;
  const char *id;
  guint32 timestamp;

  g_variant_get (parameters, "(&sasu)", &id, NULL, &timestamp);
  result = community_search_results_find (results, id);

  /* The shell does not wait on what activating does. */
  g_dbus_method_invocation_return_value (invocation, NULL);
  if (result != NULL)
    community_search_provider_activate (self, result, timestamp);
  else
    /* A result of a page gone since: the user asked for the app. */
    community_search_provider_present_window (self, timestamp);
}

static void
launch_search (CommunitySearchProvider *self,
               GVariant                *parameters,
               GDBusMethodInvocation   *invocation)
{
  guint32 timestamp;

  g_variant_get (parameters, "(asu)", NULL, &timestamp);
  g_dbus_method_invocation_return_value (invocation, NULL);
  /* The window shows the whole page: all the app would show for it. */
  community_search_provider_present_window (self, timestamp);
}

typedef void (*MethodFunc) (CommunitySearchProvider *self,
                            GVariant                *parameters,
                            GDBusMethodInvocation   *invocation);

static const struct
{
  const char *name;
  MethodFunc  func;
} methods[] = {
  { "GetInitialResultSet", get_initial_result_set },
  { "GetSubsearchResultSet", get_subsearch_result_set },
  { "GetResultMetas", get_result_metas },
  { "ActivateResult", activate_result },
  { "LaunchSearch", launch_search },
};

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  CommunitySearchProvider *self = user_data;

  /* A service started for the overview waits its inactivity timeout
   * from the last call, for the next one as the user types on. */
  g_application_hold (G_APPLICATION (self->app));
  g_application_release (G_APPLICATION (self->app));

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_str_equal (method_name, methods[i].name))
      {
        methods[i].func (self, parameters, invocation);
        return;
      }

  /* GDBus answers methods the XML lacks itself. */
  g_assert_not_reached ();
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL };

/* The interface from the resource; parsed once. */
static GDBusInterfaceInfo *
interface_info (void)
{
  static GDBusNodeInfo *node;

  if (g_once_init_enter (&node))
    {
      g_autoptr(GBytes) xml = NULL;
      g_autoptr(GError) error = NULL;
      GDBusNodeInfo *parsed;

      xml = g_resources_lookup_data (RESOURCE_BASE "/org.gnome.Shell.SearchProvider2.xml",
                                     G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);
      parsed = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), &error);
      g_assert_no_error (error);
      g_once_init_leave (&node, parsed);
    }

  return g_dbus_node_info_lookup_interface (node, INTERFACE_NAME);
}

gboolean
community_search_provider_export (CommunitySearchProvider  *self,
                                  GDBusConnection          *connection,
                                  const char               *object_path,
                                  GError                  **error)
{
  g_return_val_if_fail (COMMUNITY_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             interface_info (), &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  self->connection = g_object_ref (connection);
  return TRUE;
}

void
community_search_provider_unexport (CommunitySearchProvider *self)
{
  g_return_if_fail (COMMUNITY_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
  community_search_provider_release_clipboard (self);
}

static void
community_search_provider_dispose (GObject *object)
{
  CommunitySearchProvider *self = COMMUNITY_SEARCH_PROVIDER (object);

  community_search_provider_unexport (self);

  G_OBJECT_CLASS (community_search_provider_parent_class)->dispose (object);
}

static void
community_search_provider_class_init (CommunitySearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = community_search_provider_dispose;
}

static void
community_search_provider_init (CommunitySearchProvider *self)
{
}

CommunitySearchProvider *
community_search_provider_new (GtkApplication                  *app,
                               CommunitySearchProviderPageFunc  page_func)
{
  CommunitySearchProvider *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (page_func != NULL, NULL);

  self = g_object_new (COMMUNITY_TYPE_SEARCH_PROVIDER, NULL);
  self->app = app;
  self->page_func = page_func;

  return self;
}
