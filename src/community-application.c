/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-application.h"
#include "community-compat.h"
#include "community-inspect-notices.h"
#include "community-inspect.h"
#include "community-join-actions.h"
#include "community-live-page.h"
#include "community-notice-actions.h"
#include "community-search-provider.h"
#include "community-settings.h"
#include "community-shortcuts.h"
#include "community-update.h"
#include "community-window.h"

struct _CommunityApplication
{
  AdwApplication           parent_instance;

  /* Owned references */
  GSettings               *settings;         /* NULL without the installed schema */
  CommunityLivePage       *live_page;        /* from startup on; its page read with the first window or search */
  GCancellable            *cancellable;
  CommunitySearchProvider *search_provider;  /* while registered on D-Bus */

  guint                    first_frame_idle;   /* source id, or 0 */
  guint                    offline : 1;        /* --offline: no network this run */
  guint                    loaded : 1;         /* the live page has read its local copy */
};

G_DEFINE_FINAL_TYPE (CommunityApplication, community_application, ADW_TYPE_APPLICATION)

/* A service (D-Bus activation, as for the overview's search) stays this
 * long after its last call: the overview asks again at each key typed. */
#define SERVICE_INACTIVITY_TIMEOUT_MS 20000

static const GOptionEntry option_entries[] = {
  { "page", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Preview another page in the window"), N_("FILE") },
  { "inspect", 'i', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print the join model of FILE (- for standard input) as JSON and exit"),
    N_("FILE") },
  { "notices", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print what the app would show of the post files FILE… (from docs/_posts/) and exit"),
    NULL },
  { "update", 'u', 0, G_OPTION_ARG_NONE, NULL,
    N_("Fetch the community’s current page now, save it for the window and exit"), NULL },
  { "offline", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Use no network in this run: show the saved or bundled page"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

static GSettings *
get_settings (CommunityApplication *self)
{
  if (self->settings == NULL)
    self->settings = community_settings_new ();

  return self->settings;
}

/* The page sources from the settings; none when offline. */
static GStrv
dup_sources (CommunityApplication *self)
{
  static const char * const defaults[] = { COMMUNITY_LIVE_PAGE_DEFAULT_SOURCES, NULL };
  GSettings *settings = get_settings (self);

  if (self->offline)
    return NULL;
  if (settings == NULL)
    return g_strdupv ((char **) defaults);

  return g_settings_get_strv (settings, "page-sources");
}

/* Where the list of the community's posts comes from; none when offline. */
static GStrv
dup_notice_sources (CommunityApplication *self)
{
  static const char * const defaults[] = { COMMUNITY_NOTICES_DEFAULT_SOURCES, NULL };
  GSettings *settings = get_settings (self);

  if (self->offline)
    return NULL;
  if (settings == NULL)
    return g_strdupv ((char **) defaults);

  return g_settings_get_strv (settings, "notice-sources");
}

static CommunityNotices *
get_notices (CommunityApplication *self)
{
  return community_live_page_get_notices (self->live_page);
}

static gboolean
get_auto_refresh (CommunityApplication *self)
{
  GSettings *settings = get_settings (self);

  return settings == NULL || g_settings_get_boolean (settings, "auto-refresh");
}

static void
update_sources (CommunityApplication *self)
{
  g_auto(GStrv) sources = dup_sources (self);
  g_auto(GStrv) notice_sources = dup_notice_sources (self);

  if (self->live_page == NULL)
    return;
  community_live_page_set_sources (self->live_page, (const char * const *) sources);
  community_notices_set_listing_sources (get_notices (self),
                                         (const char * const *) notice_sources);
}

/* Refreshing. The windows observe the live page; the application only
 * starts refreshes. */

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* The outcome reaches the windows through the live page itself. */
  community_live_page_refresh_finish (COMMUNITY_LIVE_PAGE (source), result, NULL, NULL);
}

static void
notices_refreshed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  /* Their outcome reaches the windows through the notices themselves. */
  community_notices_refresh_finish (COMMUNITY_NOTICES (source), result, NULL);
}

static void
start_refresh (CommunityApplication  *self,
               CommunityRefreshFlags  flags)
{
  if (!self->loaded || !community_live_page_get_can_refresh (self->live_page))
    return;

  community_live_page_refresh_async (self->live_page, flags, self->cancellable,
                                     refreshed_cb, NULL);
}

/* The notices refresh beside the page, never in its way: each has its
 * own sources, time limit and outcome. */
static void
start_notices_refresh (CommunityApplication *self)
{
  if (!self->loaded || !community_notices_get_can_refresh (get_notices (self)))
    return;

  community_notices_refresh_async (get_notices (self), self->cancellable,
                                   notices_refreshed_cb, NULL);
}

static void
maybe_refresh_automatically (CommunityApplication *self)
{
  if (!self->loaded || !get_auto_refresh (self))
    return;

  if (community_live_page_is_refresh_due (self->live_page))
    start_refresh (self, COMMUNITY_REFRESH_FLAGS_NONE);
  if (community_notices_is_refresh_due (get_notices (self)))
    start_notices_refresh (self);
}

static gboolean
first_frame_idle_cb (gpointer user_data)
{
  CommunityApplication *self = user_data;

  self->first_frame_idle = 0;
  maybe_refresh_automatically (self);

  return G_SOURCE_REMOVE;
}

/* Nothing network-related runs before the window's first frame: the
 * automatic refresh starts in an idle after it. */
static void
first_frame_cb (GdkFrameClock        *frame_clock,
                CommunityApplication *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_cb, self);
  /* Removed at shutdown if it has not run by then. */
  if (self->first_frame_idle == 0)
    self->first_frame_idle = g_idle_add_full (G_PRIORITY_LOW, first_frame_idle_cb, self, NULL);
}

static void
window_map_cb (GtkWidget            *window,
               CommunityApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, window_map_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_cb), self, 0);
}

/* Windows. */

/* The newest valid local copy, read once, before the first frame. When
 * not even the bundled page loads (a build defect) the window says why. */
static void
ensure_loaded (CommunityApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loaded)
    return;

  self->loaded = TRUE;
  if (!community_live_page_load_local (self->live_page, &error))
    g_critical ("No page to show: %s", error->message);
}

/* The overview's search reads the local copy too, and nothing more: no
 * window, no refresh. No call comes before startup, which makes the live
 * page. */
static CommunityLivePage *
search_live_page (GtkApplication *app)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);

  if (self->live_page == NULL)
    return NULL;

  ensure_loaded (self);
  return self->live_page;
}

static CommunityWindow *
live_window_new (CommunityApplication *self)
{
  CommunityWindow *window;

  ensure_loaded (self);
  window = community_window_new (ADW_APPLICATION (self), self->live_page);
  g_signal_connect_object (window, "map", G_CALLBACK (window_map_cb), self, 0);
  return window;
}

static void
community_application_activate (GApplication *app)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (live_window_new (self));

  gtk_window_present (window);
}

static void
set_offline (CommunityApplication *self)
{
  self->offline = TRUE;
  update_sources (self);
}

static int
community_application_command_line (GApplication            *app,
                                    GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWindow *window;

  if (g_variant_dict_contains (options, "offline"))
    set_offline (COMMUNITY_APPLICATION (app));

  if (!g_variant_dict_lookup (options, "page", "^ay", &path))
    {
      g_application_activate (app);
      return EXIT_SUCCESS;
    }

  /* A preview shows the file only: the live page does not replace it. */
  file = g_application_command_line_create_file_for_arg (command_line, path);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (community_window_new (ADW_APPLICATION (app), NULL));
  community_window_load_file (COMMUNITY_WINDOW (window), file);
  gtk_window_present (window);

  return EXIT_SUCCESS;
}

static int
community_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);
  g_autofree char *inspect_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "jpom-community", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* --inspect needs no window, no display and no primary instance. */
  if (g_variant_dict_lookup (options, "inspect", "^ay", &inspect_path))
    return community_inspect_run (inspect_path, stdout, stderr);

  /* Nor does --notices. */
  if (g_variant_dict_contains (options, "notices"))
    {
      g_autofree const char **paths = NULL;

      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &paths);
      return community_inspect_notices_run (paths, stdout, stderr);
    }

  /* Nor does --update; --offline leaves it no source. */
  if (g_variant_dict_contains (options, "update"))
    {
      g_auto(GStrv) sources = NULL;

      self->offline = g_variant_dict_contains (options, "offline");
      sources = dup_sources (self);
      return community_update_run ((const char * const *) sources, NULL, stdout, stderr);
    }

  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "Jpom Community developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);
  GtkWidget *about;

  if (window == NULL)
    return;

  about = community_compat_about_new ("application-name", _("Jpom Community"),
                                      "application-icon", APPLICATION_ID,
                                      "developer-name", _("Jpom Community developers"),
                                      "version", PACKAGE_VERSION,
                                      "website", "https://jpom.top/pages/praise/join/",
                                      "comments", _("Join the Jpom community: choose a tier, "
                                                    "add the community assistant on WeChat, "
                                                    "or e-mail the maintainers."),
                                      "developers", developers,
                                      /* Translators: put your names here, one per line. */
                                      "translator-credits", _("translator-credits"),
                                      "license-type", GTK_LICENSE_GPL_3_0,
                                      NULL);
  community_compat_about_add_legal_section (about, _("Page text"),
                                            "© Jpom",
                                            GTK_LICENSE_CUSTOM,
                                            _("The bundled “加入社群” page and its "
                                              "translation are licensed under the "
                                              "Mozilla Public License 2.0."));
  community_compat_present_about (about, GTK_WIDGET (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  start_refresh (COMMUNITY_APPLICATION (user_data), COMMUNITY_REFRESH_FLAGS_MANUAL);
  start_notices_refresh (COMMUNITY_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "refresh", refresh_action },
};

static void
settings_changed_cb (CommunityApplication *self,
                     const char           *key)
{
  if (g_str_equal (key, "page-sources") || g_str_equal (key, "notice-sources"))
    update_sources (self);
  else if (g_str_equal (key, "auto-refresh"))
    maybe_refresh_automatically (self);
}

static void
add_settings_actions (CommunityApplication *self)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GAction) auto_refresh = NULL;

  if (settings == NULL)
    return;

  auto_refresh = g_settings_create_action (settings, "auto-refresh");
  g_action_map_add_action (G_ACTION_MAP (self), auto_refresh);
  /* The reader's dismissals outlive the run. */
  g_settings_bind (settings, "dismissed-notices", get_notices (self), "dismissed",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The icon theme is read the first time an icon is looked up: when the
 * window is shown, between building it and its first frame, several
 * milliseconds of parsing index.theme files on the main thread.
 * GtkIconTheme takes lookups from other threads once it is set up on the
 * main one (a lookup there meanwhile waits for the first), so one lookup
 * in a worker thread reads the theme while the window is being built. */
static void
load_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (source_object, "open-menu-symbolic", NULL, 16, 1,
                                     GTK_TEXT_DIR_NONE, 0);
  g_task_return_boolean (task, TRUE);
}

static void
start_loading_icon_theme (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GTask) task = NULL;

  if (display == NULL)
    return;
  task = g_task_new (gtk_icon_theme_get_for_display (display), NULL, NULL, NULL);
  g_task_set_source_tag (task, start_loading_icon_theme);
  g_task_run_in_thread (task, load_icon_theme_thread);
}

static void
community_application_startup (GApplication *app)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);
  GAction *refresh;

  G_APPLICATION_CLASS (community_application_parent_class)->startup (app);
  start_loading_icon_theme ();

  self->live_page = community_live_page_new (NULL);
  update_sources (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  refresh = g_action_map_lookup_action (G_ACTION_MAP (app), "refresh");
  g_object_bind_property (self->live_page, "can-refresh", refresh, "enabled",
                          G_BINDING_SYNC_CREATE);
  add_settings_actions (self);
  community_join_actions_add (GTK_APPLICATION (app), self->live_page);
  community_notice_actions_add (GTK_APPLICATION (app), get_notices (self));
  community_shortcuts_add_accels (GTK_APPLICATION (app));
}

static void
community_application_shutdown (GApplication *app)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);

  g_clear_handle_id (&self->first_frame_idle, g_source_remove);
  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (community_application_parent_class)->shutdown (app);
}

static gboolean
community_application_dbus_register (GApplication     *app,
                                     GDBusConnection  *connection,
                                     const char       *object_path,
                                     GError          **error)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);
  g_autofree char *path = NULL;

  if (!G_APPLICATION_CLASS (community_application_parent_class)->dbus_register (app, connection,
                                                                                object_path,
                                                                                error))
    return FALSE;

  path = g_strconcat (object_path, COMMUNITY_SEARCH_PROVIDER_PATH_SUFFIX, NULL);
  self->search_provider = community_search_provider_new (GTK_APPLICATION (app), search_live_page);
  if (!community_search_provider_export (self->search_provider, connection, path, error))
    {
      g_clear_object (&self->search_provider);
      return FALSE;
    }

  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, SERVICE_INACTIVITY_TIMEOUT_MS);

  return TRUE;
}

static void
community_application_dbus_unregister (GApplication    *app,
                                       GDBusConnection *connection,
                                       const char      *object_path)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);

  if (self->search_provider != NULL)
    community_search_provider_unexport (self->search_provider);
  g_clear_object (&self->search_provider);

  G_APPLICATION_CLASS (community_application_parent_class)->dbus_unregister (app, connection,
                                                                             object_path);
}

static void
community_application_dispose (GObject *object)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (object);

  g_clear_handle_id (&self->first_frame_idle, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->live_page);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (community_application_parent_class)->dispose (object);
}

static void
community_application_class_init (CommunityApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = community_application_dispose;
  app_class->shutdown = community_application_shutdown;
  app_class->activate = community_application_activate;
  app_class->startup = community_application_startup;
  app_class->command_line = community_application_command_line;
  app_class->handle_local_options = community_application_handle_local_options;
  app_class->dbus_register = community_application_dbus_register;
  app_class->dbus_unregister = community_application_dbus_unregister;
}

static void
community_application_init (CommunityApplication *self)
{
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("— join the Jpom community"));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Exit status of --inspect:\n"
      "  0  the page gives everything the app needs\n"
      "  1  the page lacks a tier, the WeChat ID or the e-mail address\n"
      "  2  the page cannot be read or parsed\n"
      "  3  parsing the page took too long\n"
      "\n"
      "Exit status of --notices:\n"
      "  0  the app reads every post given\n"
      "  1  the app refuses a post\n"
      "  2  a file cannot be read\n"
      "\n"
      "Exit status of --update:\n"
      "  0  the saved page is the community’s current page (updated or unchanged)\n"
      "  1  the fetched page was refused and the saved copy kept\n"
      "  2  no source could be reached\n"
      "  3  the current page came but could not be saved"));
}

CommunityApplication *
community_application_new (void)
{
  return g_object_new (COMMUNITY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
