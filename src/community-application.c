/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-application.h"
#include "community-bundled.h"
#include "community-compat.h"
#include "community-inspect.h"
#include "community-join-actions.h"
#include "community-window.h"

struct _CommunityApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityApplication, community_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "page", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Preview another page in the window"), N_("FILE") },
  { "inspect", 'i', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print the join model of FILE (- for standard input) as JSON and exit"),
    N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static CommunityWindow *
get_or_create_window (CommunityApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (community_window_new (ADW_APPLICATION (self)));

  return COMMUNITY_WINDOW (window);
}

static void
show_bundled_page (CommunityWindow *window)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;

  bytes = community_bundled_page_bytes (&error);
  if (bytes != NULL)
    page = community_page_new_from_bytes (bytes, &error);

  /* The bundled page is ours and tested; failing here is a build defect,
   * but the user still gets a readable message rather than a crash. */
  if (page == NULL)
    community_window_show_error (window, error->message);
  else
    community_window_set_page (window, page);
}

static void
community_application_activate (GApplication *app)
{
  CommunityApplication *self = COMMUNITY_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (get_or_create_window (self));
      show_bundled_page (COMMUNITY_WINDOW (window));
    }

  gtk_window_present (window);
}

static int
community_application_command_line (GApplication            *app,
                                    GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  CommunityWindow *window;

  if (!g_variant_dict_lookup (options, "page", "^ay", &path))
    {
      g_application_activate (app);
      return EXIT_SUCCESS;
    }

  file = g_application_command_line_create_file_for_arg (command_line, path);
  window = get_or_create_window (COMMUNITY_APPLICATION (app));
  community_window_load_file (window, file);
  gtk_window_present (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}

static int
community_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  g_autofree char *inspect_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "jpom-community", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* --inspect needs no window, no display and no primary instance. */
  if (g_variant_dict_lookup (options, "inspect", "^ay", &inspect_path))
    return community_inspect_run (inspect_path, stdout, stderr);

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

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
community_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *email_accels[] = { "<Control>e", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (community_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  community_join_actions_add (GTK_APPLICATION (app));
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.email", email_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-shortcuts",
                                         shortcuts_accels);
}

static void
community_application_class_init (CommunityApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = community_application_activate;
  app_class->startup = community_application_startup;
  app_class->command_line = community_application_command_line;
  app_class->handle_local_options = community_application_handle_local_options;
}

static void
community_application_init (CommunityApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("— join the Jpom community"));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Exit status of --inspect:\n"
      "  0  the page gives everything the app needs\n"
      "  1  the page lacks a tier, the WeChat ID or the e-mail address\n"
      "  2  the page cannot be read or parsed\n"
      "  3  parsing the page took too long"));
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
