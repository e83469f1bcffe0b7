/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "community-freshness.h"
#include "community-page-info.h"
#include "community-page-view.h"
#include "community-test-util.h"
#include "community-toaster.h"
#include "community-window.h"

static CommunityPage *
bundled_page (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_BASE "/pages/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CommunityPage *page;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  page = community_page_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return page;
}

static CommunityWindow *
window_new_with_bundled_page (void)
{
  /* The Chinese page whatever the test's locale. */
  g_autoptr(CommunityPage) page = bundled_page ("join.zh_CN.md");

  return g_object_new (COMMUNITY_TYPE_WINDOW, "page", page, NULL);
}

static void
test_title_from_page (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "加入社群");
  g_assert_nonnull (community_window_get_page (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_copy_action (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *text = NULL;

  gtk_window_present (GTK_WINDOW (window));
  community_toaster_copy (GTK_WIDGET (window), "Jpom 付费社群");

  text = community_test_read_clipboard_text (clipboard);
  g_assert_cmpstr (text, ==, "Jpom 付费社群");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first descendant of @type that has a child named @child_name when
 * it is a stack (the window's own stack, not one inside the header bar). */
static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *child_name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (child_name == NULL
          || gtk_stack_get_child_by_name (GTK_STACK (widget), child_name) != NULL))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, child_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
visible_state (CommunityWindow *window)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK, "page");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
wait_while_loading (CommunityWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_strcmp0 (visible_state (window), "loading") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static CommunityWindow *
window_load_file (const char *path)
{
  CommunityWindow *window = g_object_new (COMMUNITY_TYPE_WINDOW, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  community_window_load_file (window, file);
  g_assert_cmpstr (visible_state (window), ==, "loading");
  wait_while_loading (window);

  return window;
}

static void
assert_error_shown (CommunityWindow *window)
{
  GtkWidget *status = find_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL);

  g_assert_cmpstr (visible_state (window), ==, "error");
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (status)));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), !=, "");
}

static void
test_load_file (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "data", "pages",
                                          "join.zh_CN.md", NULL);
  CommunityWindow *window = window_load_file (path);

  g_assert_cmpstr (visible_state (window), ==, "page");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "加入社群");
  g_assert_nonnull (community_window_get_join (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_load_missing_file (void)
{
  const char *path = "/nonexistent/<b>bold</b> & page.md";
  CommunityWindow *window = window_load_file (path);

  assert_error_shown (window);
  /* The message names the file as it is: the description is markup. */
  g_assert_nonnull (community_test_find_label (GTK_WIDGET (window), path));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_load_pathological_file (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CommunityWindow *window;
  gint64 start;
  int fd;

  /* One of the shapes cmark 0.30.2 takes many seconds on. */
  for (guint i = 0; i < 70000; i++)
    g_string_append (text, "![[a]()");

  fd = g_file_open_tmp ("community-window-XXXXXX.md", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  window = window_load_file (path);
  assert_error_shown (window);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_USEC_PER_SEC);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

static void
test_shortcuts_built_on_demand (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();
  GtkShortcutsWindow *shortcuts;

  /* Not built with the window, to keep start-up short. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL));
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The test environment (tests/schemas) keeps every test away from the
 * real upstream: with the settings a test starts with, the app may only
 * reach loopback addresses, and does not refresh on its own. */
static void
test_settings_stay_local (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) sources = g_settings_get_strv (settings, "page-sources");

  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");
  g_assert_false (g_settings_get_boolean (settings, "auto-refresh"));

  for (guint i = 0; sources[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = g_uri_parse (sources[i], G_URI_FLAGS_NONE, &error);
      g_autoptr(GInetAddress) address = NULL;

      g_assert_no_error (error);
      address = g_inet_address_new_from_string (g_uri_get_host (uri));
      g_assert_nonnull (address);
      g_assert_true (g_inet_address_get_is_loopback (address));
    }
}

static GDateTime *
local_time (int day,
            int hour)
{
  return g_date_time_new_local (2024, 4, day, hour, 30, 0);
}

static void
assert_freshness (CommunityPageOrigin  origin,
                  int                  checked_day,
                  gboolean             offline,
                  const char          *expected)
{
  g_autoptr(GDateTime) now = local_time (26, 9);
  g_autoptr(GDateTime) checked = checked_day > 0 ? local_time (checked_day, 23) : NULL;
  g_autofree char *freshness = NULL;

  freshness = community_freshness_describe (origin, checked, now, offline);
  g_assert_cmpstr (freshness, ==, expected);
}

/* Days are calendar days in local time: a copy from 23:30 yesterday is
 * from yesterday at 9:30 today, not from today. */
static void
test_freshness (void)
{
  g_autoptr(GDateTime) now = local_time (26, 9);
  g_autoptr(GDateTime) three_days = local_time (23, 23);
  g_autofree char *offline = NULL;
  g_autofree char *bundled = NULL;

  assert_freshness (COMMUNITY_PAGE_ORIGIN_BUNDLED, 0, FALSE, "Bundled copy");
  assert_freshness (COMMUNITY_PAGE_ORIGIN_BUNDLED, 0, TRUE, "Bundled copy, offline");
  assert_freshness (COMMUNITY_PAGE_ORIGIN_CACHE, 26, FALSE, "Updated today");
  assert_freshness (COMMUNITY_PAGE_ORIGIN_CACHE, 25, FALSE, "Updated yesterday");
  assert_freshness (COMMUNITY_PAGE_ORIGIN_CACHE, 23, FALSE, "Updated 3 days ago");
  assert_freshness (COMMUNITY_PAGE_ORIGIN_CACHE, 23, TRUE, "Saved copy from 3 days ago, offline");
  assert_freshness (COMMUNITY_PAGE_ORIGIN_CACHE, 26, TRUE, "Saved copy from today, offline");

  offline = community_freshness_describe_offline (COMMUNITY_PAGE_ORIGIN_CACHE, three_days, now);
  g_assert_cmpstr (offline, ==, "Offline — saved copy from 3 days ago");
  bundled = community_freshness_describe_offline (COMMUNITY_PAGE_ORIGIN_BUNDLED, NULL, now);
  g_assert_cmpstr (bundled, ==, "Offline — bundled copy");
}

/* The first frame shows a full window of the page: the blocks built
 * before it reach past the bottom of the scrolled window, though the page
 * is not complete yet. Otherwise blocks would appear in view a moment
 * after the first frame. */
typedef struct
{
  const char *page;
  int         width;
  int         height;
} FirstScreenCase;

typedef struct
{
  GtkWidget *view;
  GtkWidget *scrolled;
  gboolean   painted;
  gboolean   complete;
  double     view_bottom;
  int        scrolled_height;
} FirstFrame;

static void
first_after_paint_cb (GdkFrameClock *clock,
                      FirstFrame    *frame)
{
  double x, y;

  if (frame->painted)
    return;
  frame->painted = TRUE;
  frame->complete = community_page_view_get_complete (COMMUNITY_PAGE_VIEW (frame->view));
  g_assert_true (gtk_widget_translate_coordinates (frame->view, frame->scrolled, 0,
                                                   gtk_widget_get_height (frame->view),
                                                   &x, &y));
  frame->view_bottom = y;
  frame->scrolled_height = gtk_widget_get_height (frame->scrolled);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_first_screen_fills_window (gconstpointer data)
{
  const FirstScreenCase *c = data;
  g_autoptr(CommunityPage) page = bundled_page (c->page);
  CommunityWindow *window = g_object_new (COMMUNITY_TYPE_WINDOW, NULL);
  FirstFrame frame = { 0 };
  GdkFrameClock *clock;
  gulong id;

  gtk_window_set_default_size (GTK_WINDOW (window), c->width, c->height);
  g_object_set (window, "page", page, NULL);
  frame.view = community_test_find_descendant (GTK_WIDGET (window), COMMUNITY_TYPE_PAGE_VIEW);
  frame.scrolled = gtk_widget_get_ancestor (frame.view, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (frame.view);
  g_assert_nonnull (frame.scrolled);

  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (first_after_paint_cb), &frame);
  community_test_wait_until (is_true, &frame.painted);
  g_signal_handler_disconnect (clock, id);

  g_test_message ("%s at %d×%d: the first screen reaches %.0f px of %d",
                  c->page, c->width, c->height, frame.view_bottom, frame.scrolled_height);
  g_assert_false (frame.complete);
  g_assert_cmpint (frame.scrolled_height, >, c->height / 2);
  g_assert_cmpfloat (frame.view_bottom, >=, frame.scrolled_height);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/community/window/title-from-page", test_title_from_page);
  g_test_add_func ("/community/window/copy-action", test_copy_action);

  g_test_add_func ("/community/window/shortcuts-on-demand", test_shortcuts_built_on_demand);
  g_test_add_func ("/community/window/load-file", test_load_file);
  g_test_add_func ("/community/window/load-missing-file", test_load_missing_file);
  g_test_add_func ("/community/window/load-pathological-file", test_load_pathological_file);
  g_test_add_func ("/community/window/settings-stay-local", test_settings_stay_local);
  g_test_add_func ("/community/page-info/freshness", test_freshness);
  {
    static const FirstScreenCase cases[] = {
      { "join.zh_CN.md", 720, 820 },
      { "join.en.md", 720, 820 },
      { "join.zh_CN.md", 1000, 1300 },
      { "join.en.md", 1000, 1300 },
      { "join.zh_CN.md", 400, 600 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = g_strdup_printf ("/community/window/first-screen/%s-%dx%d",
                                                 cases[i].page, cases[i].width, cases[i].height);
        g_test_add_data_func (path, &cases[i], test_first_screen_fills_window);
      }
  }

  return g_test_run ();
}
