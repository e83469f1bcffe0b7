/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-compat.c: the helpers that pick the current widget or the Debian
 * 12 one. The tests use only what both have, so they hold for either
 * branch: the one this build compiled is the one they run. */

#include "config.h"

#include <string.h>

#include "community-compat.h"
#include "community-test-util.h"

static gboolean
is_null (gpointer pointer_location)
{
  return *(gpointer *) pointer_location == NULL;
}

static GtkWidget *
shown_window_new (void)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 600);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* Banners. */

static void
count_activation_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  guint *activations = user_data;

  (*activations)++;
}

static void
test_banner (void)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) retry = g_simple_action_new ("retry", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *banner = community_compat_banner_new ("Offline", "_Retry", "test.retry");
  GtkWidget *button;
  guint activations = 0;

  g_signal_connect (retry, "activate", G_CALLBACK (count_activation_cb), &activations);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (retry));
  gtk_widget_insert_action_group (window, "test", G_ACTION_GROUP (group));
  gtk_window_set_child (GTK_WINDOW (window), banner);

  /* Hidden until revealed. */
  g_assert_cmpstr (community_compat_banner_get_title (banner), ==, "Offline");
  g_assert_false (community_compat_banner_get_revealed (banner));
  community_compat_banner_set_revealed (banner, TRUE);
  g_assert_true (community_compat_banner_get_revealed (banner));
  community_compat_banner_set_title (banner, "Saved copy from 3 days ago");
  g_assert_cmpstr (community_compat_banner_get_title (banner), ==, "Saved copy from 3 days ago");

  /* Its button activates the action. */
  button = community_test_find_descendant (banner, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (activations, ==, 1);

  /* Without a label, no button. */
  community_compat_banner_set_button (banner, NULL, NULL);
  g_assert_false (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Dialogs. */

static GtkWidget *
dialog_content_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Content"));

  return box;
}

static void
test_dialog (void)
{
  GtkWidget *window = shown_window_new ();
  GtkWidget *content = dialog_content_new ();
  GtkWidget *dialog;
  g_autofree char *title = NULL;

  g_assert_null (community_compat_get_visible_dialog (GTK_WINDOW (window)));
  dialog = community_compat_present_dialog (window, content, "Title", 460, 500);

  g_assert_true (community_compat_get_visible_dialog (GTK_WINDOW (window)) == dialog);
  g_assert_true (gtk_widget_is_ancestor (content, dialog));
  g_object_get (dialog, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Title");

  /* Closing it lets the content go. */
  g_object_add_weak_pointer (G_OBJECT (content), (gpointer *) &content);
  community_compat_close_dialog (content);
  community_test_wait_until (is_null, &content);
  community_test_wait_until (community_test_has_no_dialog, window);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_alert (void)
{
  GtkWidget *window = shown_window_new ();
  GtkWidget *alert = community_compat_alert (window, "No Mail App", "The address was copied.");
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_assert_true (community_compat_get_visible_dialog (GTK_WINDOW (window)) == alert);
  g_object_get (alert, "heading", &heading, "body", &body, NULL);
  g_assert_cmpstr (heading, ==, "No Mail App");
  g_assert_cmpstr (body, ==, "The address was copied.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_about (void)
{
  static const char *developers[] = { "Someone", NULL };
  GtkWidget *window = shown_window_new ();
  GtkWidget *about;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;

  about = community_compat_about_new ("application-name", "Jpom Community",
                                      "version", "1.2.3",
                                      "developers", developers,
                                      NULL);
  /* No copyright line: libadwaita 1.2 leaks its copy. */
  community_compat_about_add_legal_section (about, "Page text", NULL,
                                            GTK_LICENSE_CUSTOM, "MPL-2.0");
  community_compat_present_about (about, window);

  g_assert_true (community_compat_get_visible_dialog (GTK_WINDOW (window)) == about);
  g_object_get (about, "application-name", &name, "version", &version, NULL);
  g_assert_cmpstr (name, ==, "Jpom Community");
  g_assert_cmpstr (version, ==, "1.2.3");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_shortcuts (void)
{
  GtkWidget *window = g_object_new (GTK_TYPE_APPLICATION_WINDOW, NULL);
  const CommunityCompatShortcut shortcuts[] = {
    { "Quit", "app.quit" },
    { "Close <b>Window</b> & more", "window.close" },
  };

  gtk_window_present (GTK_WINDOW (window));
  community_compat_present_shortcuts (GTK_APPLICATION_WINDOW (window), "General & <i>more</i>",
                                      shortcuts, G_N_ELEMENTS (shortcuts));
  g_assert_nonnull (community_compat_get_visible_dialog (GTK_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Opening a URI that nothing handles fails, and says so. */

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (community_compat_launch_uri_finish (result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "launched");
}

static gboolean
is_set (gpointer error_location)
{
  return *(GError **) error_location != NULL;
}

static void
test_launch_uri_unhandled (void)
{
  GtkWidget *window = shown_window_new ();
  g_autoptr(GError) error = NULL;

  community_compat_launch_uri (window, "x-jpom-community-test:nothing", NULL,
                               launched_cb, &error);
  community_test_wait_until (is_set, &error);

  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Asking where to save: a file dialog over the window, which the caller's
 * cancellable closes. */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GFile) file = community_compat_save_file_finish (result, NULL, error);

  if (file != NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "chosen");
}

static void
test_save_file_cancelled (void)
{
  GtkWidget *window;
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  if (community_test_skip_file_chooser ())
    return;

  window = shown_window_new ();

  gtk_file_filter_add_suffix (png, "png");
  g_list_store_append (filters, png);
  community_compat_save_file (window, "Save QR Code", "qr-code.png", G_LIST_MODEL (filters),
                              cancellable, saved_cb, &error);
  community_test_wait_until (community_test_has_dialog, window);

  g_cancellable_cancel (cancellable);
  community_test_wait_until (is_set, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  community_test_wait_until (community_test_has_no_dialog, window);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/community/compat/banner", test_banner);
  g_test_add_func ("/community/compat/dialog", test_dialog);
  g_test_add_func ("/community/compat/alert", test_alert);
  g_test_add_func ("/community/compat/about", test_about);
  g_test_add_func ("/community/compat/shortcuts", test_shortcuts);
  g_test_add_func ("/community/compat/launch-uri-unhandled", test_launch_uri_unhandled);
  g_test_add_func ("/community/compat/save-file-cancelled", test_save_file_cancelled);

  return g_test_run ();
}
