/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-join-actions.c: app.copy-wechat-id and app.email, with a stand-in
 * mail program and without any. Each test runs in a process of its own
 * with empty XDG directories, so the only mailto: handler is the one the
 * test installs. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "community-compat.h"
#include "community-join-actions.h"
#include "community-page-view.h"
#include "community-test-util.h"
#include "community-test-core.h"
#include "community-window.h"

#define SEED_EMAIL "bwcx_jzy@dromara.org"
#define EXPECTED_URI "mailto:bwcx_jzy@dromara.org?subject=Jpom%20community:%20contact%20lost"

/* A mail program that writes the URI it gets into a file, whose path
 * this returns. */
static char *
install_mail_handler (void)
{
  return community_test_install_mail_handler (g_get_user_data_dir (), g_get_user_config_dir ());
}

/* The window stand-in: records what toast.show says. An AdwWindow, so
 * that an AdwDialog is shown inside it, as over the app's window. */

static void
record_toast_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GPtrArray *toasts = user_data;

  g_ptr_array_add (toasts, g_variant_dup_string (parameter, NULL));
}

static GtkWidget *
recording_window_new (GPtrArray *toasts)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("show", G_VARIANT_TYPE_STRING);
  GtkWidget *window = adw_window_new ();

  g_signal_connect (toast, "activate", G_CALLBACK (record_toast_cb), toasts);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast));
  gtk_widget_insert_action_group (window, "toast", G_ACTION_GROUP (group));

  return window;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_compose_launches_handler (void)
{
  g_autofree char *output = install_mail_handler ();
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window = recording_window_new (toasts);

  community_join_compose_email (GTK_WINDOW (window), SEED_EMAIL);
  community_test_wait_until (file_exists, output);

  assert_file_contents (output, EXPECTED_URI);
  g_assert_cmpuint (toasts->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* No mail program: an alert over the window says so, and the address is
 * on the clipboard. */
static void
test_compose_without_handler (void)
{
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window = recording_window_new (toasts);
  g_autofree char *clipboard = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  gtk_window_present (GTK_WINDOW (window));
  community_join_compose_email (GTK_WINDOW (window), SEED_EMAIL);
  community_test_wait_until (community_test_has_dialog, window);

  g_object_get (community_compat_get_visible_dialog (GTK_WINDOW (window)),
                "heading", &heading,
                "body", &body,
                NULL);
  g_assert_cmpstr (heading, ==, "No Mail App");
  g_assert_cmpstr (body, ==, "No mail app is set up. The address was copied: " SEED_EMAIL);
  g_assert_cmpuint (toasts->len, ==, 0);
  clipboard = community_test_read_clipboard_text (gtk_widget_get_clipboard (window));
  g_assert_cmpstr (clipboard, ==, SEED_EMAIL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The app actions, on the real window with the seed page. */

/* The live page the actions act on: the bundled page, which the seed
 * page is, from the test's own (empty) cache. */
static CommunityLivePage *
live_page_new (void)
{
  CommunityLivePage *live_page = community_live_page_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (community_live_page_load_local (live_page, &error));
  g_assert_no_error (error);
  return live_page;
}

/* A registered application with the join actions, and its window showing
 * the seed page. */
static CommunityWindow *
app_window_new (AdwApplication **app_out)
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CommunityLivePage) live_page = live_page_new ();
  g_autoptr(GError) error = NULL;
  CommunityWindow *window;

  app = adw_application_new ("top.jpom.Community.TestJoinActions", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  community_join_actions_add (GTK_APPLICATION (app), live_page);

  window = community_window_new (app, live_page);
  *app_out = g_steal_pointer (&app);

  return window;
}

static void
test_app_copy_wechat_id (void)
{
  g_autoptr(AdwApplication) app = NULL;
  CommunityWindow *window = app_window_new (&app);
  g_autofree char *clipboard = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "copy-wechat-id", NULL);

  clipboard = community_test_read_clipboard_text (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_cmpstr (clipboard, ==, "jpom66");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the application does on activate: a window with the live page. */
static void
activate_cb (GApplication      *app,
             CommunityLivePage *live_page)
{
  CommunityWindow *window = community_window_new (ADW_APPLICATION (app), live_page);

  gtk_window_present (GTK_WINDOW (window));
}

/* A launcher action starts the application with no window: the action
 * opens it and still copies. */
static void
test_app_copy_wechat_id_no_window (void)
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CommunityLivePage) live_page = live_page_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *clipboard = NULL;
  GtkWindow *window;

  app = adw_application_new ("top.jpom.Community.TestJoinActions", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  community_join_actions_add (GTK_APPLICATION (app), live_page);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), live_page);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "copy-wechat-id", NULL);

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (COMMUNITY_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  clipboard = community_test_read_clipboard_text (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_cmpstr (clipboard, ==, "jpom66");
  gtk_window_destroy (window);
}

static void
test_app_email (void)
{
  g_autofree char *output = install_mail_handler ();
  g_autoptr(AdwApplication) app = NULL;
  CommunityWindow *window = app_window_new (&app);

  g_action_group_activate_action (G_ACTION_GROUP (app), "email", NULL);
  community_test_wait_until (file_exists, output);

  assert_file_contents (output, EXPECTED_URI);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_page_view (GtkWidget *widget,
              gpointer   data)
{
  return COMMUNITY_IS_PAGE_VIEW (widget);
}

static gboolean
has_mailto_link (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LABEL (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), "href=\"mailto:") != NULL;
}

static void
test_page_mailto_link (void)
{
  g_autofree char *output = install_mail_handler ();
  g_autoptr(AdwApplication) app = NULL;
  CommunityWindow *window = app_window_new (&app);
  GtkWidget *view = community_test_find_widget (GTK_WIDGET (window), is_page_view, NULL);
  GtkWidget *label;
  gboolean handled = FALSE;

  community_page_view_build_all (COMMUNITY_PAGE_VIEW (view));
  label = community_test_find_widget (view, has_mailto_link, NULL);
  g_assert_nonnull (label);

  /* A click on the page's link: app.email, so the localized subject. */
  g_signal_emit_by_name (label, "activate-link", "mailto:" SEED_EMAIL, &handled);
  g_assert_true (handled);
  community_test_wait_until (file_exists, output);

  assert_file_contents (output, EXPECTED_URI);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_content (gpointer clipboard)
{
  return gdk_clipboard_get_content (clipboard) != NULL;
}

static void
test_app_email_without_handler (void)
{
  g_autoptr(AdwApplication) app = NULL;
  CommunityWindow *window = app_window_new (&app);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *text = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "email", NULL);

  /* The address is on the clipboard once the launch has failed, and an
   * alert over the window says so. */
  community_test_wait_until (has_content, clipboard);
  text = community_test_read_clipboard_text (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_cmpstr (text, ==, SEED_EMAIL);
  community_test_wait_until (community_test_has_dialog, window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each case runs in a process of its own, with XDG directories of its own
 * and empty: the only mail program is the one the case installs, and GIO's
 * caches of desktop files and default applications start empty. GTK and
 * libadwaita still get the system's settings schemas and icon themes.
 * (G_TEST_OPTION_ISOLATE_DIRS would do the first part, but GLib 2.74 leaks
 * the directories it replaces between cases, which fails the ASan run.) */

static const char * const isolated_dirs[][2] = {
  { "XDG_DATA_HOME", "data" },
  { "XDG_CONFIG_HOME", "config" },
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_DATA_DIRS", "system-data" },
  { "XDG_CONFIG_DIRS", "system-config" },
};

static char *
isolate_xdg_dirs (void)
{
  return community_test_isolate_dirs ("test-join-actions-XXXXXX", isolated_dirs,
                                      G_N_ELEMENTS (isolated_dirs));
}

/* @system_dirs: the XDG_DATA_DIRS the test run started with. */
static void
start_gtk (const char *system_dirs)
{
  g_auto(GStrv) dirs = g_strsplit (system_dirs, G_SEARCHPATH_SEPARATOR_S, -1);
  g_autoptr(GString) schema_dirs = g_string_new (NULL);
  GtkIconTheme *icon_theme;

  for (guint i = 0; dirs[i] != NULL; i++)
    g_string_append_printf (schema_dirs, "%s%s/glib-2.0/schemas",
                            i > 0 ? G_SEARCHPATH_SEPARATOR_S : "", dirs[i]);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dirs->str, TRUE);

  gtk_init ();
  adw_init ();

  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
    }
}

typedef struct
{
  const char *path;
  void      (*func) (void);
} IsolatedTest;

static const IsolatedTest isolated_tests[] = {
  { "/community/join-actions/compose-launches-handler", test_compose_launches_handler },
  { "/community/join-actions/compose-without-handler", test_compose_without_handler },
  { "/community/join-actions/app-copy-wechat-id", test_app_copy_wechat_id },
  { "/community/join-actions/app-copy-wechat-id-no-window", test_app_copy_wechat_id_no_window },
  { "/community/join-actions/app-email", test_app_email },
  { "/community/join-actions/app-email-without-handler", test_app_email_without_handler },
  { "/community/join-actions/page-mailto-link", test_page_mailto_link },
};

static void
run_in_subprocess (const IsolatedTest *test)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *system_dirs = g_strdup (data_dirs != NULL && *data_dirs != '\0'
                                           ? data_dirs : "/usr/local/share:/usr/share");
  g_autofree char *top = isolate_xdg_dirs ();

  start_gtk (system_dirs);
  test->func ();
  community_test_remove_tree (top);
}

static void
run_isolated (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      run_in_subprocess (data);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (isolated_tests); i++)
    g_test_add_data_func (isolated_tests[i].path, &isolated_tests[i], run_isolated);

  return g_test_run ();
}
