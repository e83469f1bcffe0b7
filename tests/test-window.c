/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "community-window.h"

static CommunityWindow *
window_new_with_bundled_page (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CommunityWindow *window;

  /* The Chinese page whatever the test's locale. */
  bytes = g_resources_lookup_data (RESOURCE_BASE "/pages/join.zh_CN.md",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  page = community_page_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  window = g_object_new (COMMUNITY_TYPE_WINDOW, NULL);
  community_window_set_page (window, page);

  return window;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the clipboard");
  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean *flag)
{
  guint timeout_id = g_timeout_add_seconds (10, timed_out_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static void
test_title_from_page (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "加入社群");
  g_assert_nonnull (community_window_get_page (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  gboolean  done;
  char     *text;
} ReadText;

static void
read_text_cb (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadText *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static void
test_copy_action (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  ReadText read = { FALSE, NULL };

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy",
                                             "s", "Jpom 付费社群"));

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &read);
  wait_until (&read.done);
  g_assert_cmpstr (read.text, ==, "Jpom 付费社群");

  g_free (read.text);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_error_state (void)
{
  CommunityWindow *window = g_object_new (COMMUNITY_TYPE_WINDOW, NULL);
  GtkWidget *stack;

  community_window_show_error (window, "The file is not valid UTF-8.");
  stack = gtk_widget_get_first_child (GTK_WIDGET (window));
  g_assert_nonnull (stack);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/community/window/title-from-page", test_title_from_page);
  g_test_add_func ("/community/window/copy-action", test_copy_action);
  g_test_add_func ("/community/window/error-state", test_error_state);

  return g_test_run ();
}
