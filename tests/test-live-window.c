/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-live-window.c: the application and its window following the live
 * page, against a docs tree served by a SoupServer on 127.0.0.1.
 *
 * Each case runs in a process of its own, with a cache directory of its
 * own (g_get_user_cache_dir () is read once per process) and the language
 * the case is about. The settings are the memory backend's: a case points
 * page-sources at its own server. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "community-application.h"
#include "community-bundled.h"
#include "community-compat.h"
#include "community-live-page.h"
#include "community-net-helper.h"
#include "community-notice-bar.h"
#include "community-notice-listing.h"
#include "community-page-view.h"
#include "community-qr-code.h"
#include "community-test-core.h"
#include "community-test-upstream.h"
#include "community-test-util.h"
#include "community-tier-card.h"
#include "community-window.h"

/* The payload the table gives /images/wx_qrcode.jpg, the edited page's
 * QR image; the bundled page's is another. */
#define EDITED_PAYLOAD "https://u.wechat.com/MP_PrhfdwmlBhmKp35BloEw"
#define WAIT_SECONDS 20
/* GitHub's list of the posts, as the upstream serves it. */
#define LISTING_PATH "/repos/bwcx-jzy/jpom-docs/contents/docs/_posts"
#define SEED_NAME    "项目暂停维护公告.md"
#define SEED_TEXT    "Announcement · 2026-02-05 · 项目暂停维护公告"

/* Pages. */

static GBytes *
bundled_page (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = community_bundled_chinese_page_bytes (&error);

  g_assert_no_error (error);
  return bytes;
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));

  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* The bundled page with the monthly price raised to 40元/月 and the QR
 * image of the earlier page, whose payload the table knows. */
static GBytes *
edited_page (void)
{
  g_autoptr(GBytes) bundled = bundled_page ();
  g_autofree char *text = g_strndup (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled));
  g_autofree char *priced = replace_once (text, "**30元/月**", "**40元/月**");
  char *edited = replace_once (priced, "/images/qrcode/weixin-jpom66.jpg", "/images/wx_qrcode.jpg");

  return g_bytes_new_take (edited, strlen (edited));
}

static CommunityTestUpstream *
upstream_new_edited (void)
{
  g_autoptr(GBytes) page = edited_page ();

  return community_test_upstream_new (page);
}

/* Settings: the memory backend, shared with the application. */

static void
set_settings (const char *source,
              gboolean    auto_refresh)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *sources[] = { source, NULL };

  /* The memory backend; the keyfile one where a case restarts the app. */
  g_assert_true (g_str_equal (g_getenv ("GSETTINGS_BACKEND"), "memory")
                 || g_str_equal (g_getenv ("GSETTINGS_BACKEND"), "keyfile"));
  g_settings_set_strv (settings, "page-sources", source != NULL ? sources : NULL);
  g_settings_set_boolean (settings, "auto-refresh", auto_refresh);
}

/* Waiting. */

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* The application. */

/* A case's checks, run in the application's main loop. */
typedef void (*Body) (CommunityApplication *app,
                      gpointer              data);

typedef struct
{
  CommunityApplication *app;
  Body                  body;
  gpointer              data;
  gboolean              done;
} Run;

static gboolean
run_body_cb (gpointer user_data)
{
  Run *run = user_data;
  GList *windows;

  run->body (run->app, run->data);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (run->app))) != NULL)
    gtk_window_destroy (windows->data);

  run->done = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

/* Runs the application as a launch with @option (or none) would, with
 * @source as its only page source, and @body once its window is up and
 * before its first frame. Afterwards the application, and with it the
 * live page and its connections to the upstream, must be gone. */
static void
run_application (const char *source,
                 gboolean    auto_refresh,
                 const char *option,
                 Body        body,
                 gpointer    data)
{
  char *argv[] = { (char *) "jpom-community", (char *) option, NULL };
  Run run = { NULL, body, data, FALSE };

  set_settings (source, auto_refresh);
  run.app = community_application_new ();
  /* Cases run one after the other, each in its own process; none needs
   * the session bus name. */
  g_application_set_flags (G_APPLICATION (run.app),
                           g_application_get_flags (G_APPLICATION (run.app)) | G_APPLICATION_NON_UNIQUE);

  /* Ahead of the frame clock (GDK_PRIORITY_REDRAW), so before the first
   * frame. */
  g_idle_add_full (G_PRIORITY_DEFAULT, run_body_cb, &run, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), option != NULL ? 2 : 1, argv), ==, 0);

  g_assert_true (run.done);
  g_assert_finalize_object (run.app);
}

static CommunityWindow *
application_window (CommunityApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (COMMUNITY_IS_WINDOW (window));
  return COMMUNITY_WINDOW (window);
}

/* What the window shows. */

/* The page view, built whole: the window builds the first screen at once
 * and the rest after the first frame. */
static CommunityPageView *
page_view (CommunityWindow *window)
{
  GtkWidget *view = community_test_find_descendant (GTK_WIDGET (window), COMMUNITY_TYPE_PAGE_VIEW);

  g_assert_nonnull (view);
  community_page_view_build_all (COMMUNITY_PAGE_VIEW (view));

  return COMMUNITY_PAGE_VIEW (view);
}

static CommunityTierCard *
paid_tier_card (CommunityWindow *window)
{
  GtkWidget *card = community_test_find_descendant (GTK_WIDGET (page_view (window)),
                                                    COMMUNITY_TYPE_TIER_CARD);

  g_assert_nonnull (card);
  g_assert_true (community_tier_is_paid (community_tier_card_get_tier (COMMUNITY_TIER_CARD (card))));
  return COMMUNITY_TIER_CARD (card);
}

static gboolean
card_shows_price (CommunityWindow *window,
                  const char      *price)
{
  return community_test_find_label (GTK_WIDGET (paid_tier_card (window)), price) != NULL;
}

static gboolean
shows_new_price_cb (gpointer data)
{
  return card_shows_price (data, "40元/月");
}

static const char *
qr_payload (CommunityWindow *window)
{
  GtkWidget *qr = community_test_find_descendant (GTK_WIDGET (page_view (window)),
                                                  COMMUNITY_TYPE_QR_CODE);

  g_assert_nonnull (qr);

  return community_qr_code_get_text (COMMUNITY_QR_CODE (qr));
}

/* A toast's text: a label in the toast overlay, outside its child. */
static GtkWidget *
find_toast (CommunityWindow *window,
            const char      *needle)
{
  GtkWidget *overlay = community_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *content = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = child != content ? community_test_find_label (child, needle) : NULL;

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  CommunityWindow *window;
  const char      *needle;
} ToastWait;

static gboolean
toast_shown_cb (gpointer data)
{
  ToastWait *wait = data;

  return find_toast (wait->window, wait->needle) != NULL;
}

static void
wait_for_toast (CommunityWindow *window,
                const char      *needle)
{
  ToastWait wait = { window, needle };

  wait_until (toast_shown_cb, &wait, needle);
}

static gboolean
is_banner (GtkWidget *widget)
{
  GType adw_banner = g_type_from_name ("AdwBanner");

  if (adw_banner != 0 && g_type_is_a (G_OBJECT_TYPE (widget), adw_banner))
    return TRUE;

  return GTK_IS_REVEALER (widget)
         && gtk_revealer_get_child (GTK_REVEALER (widget)) != NULL
         && gtk_widget_has_css_class (gtk_revealer_get_child (GTK_REVEALER (widget)),
                                      "community-banner");
}

static void
collect_banners (GtkWidget *widget,
                 GPtrArray *banners)
{
  if (is_banner (widget))
    g_ptr_array_add (banners, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_banners (child, banners);
}

/* The title of the revealed banner that contains @needle, or NULL. */
static const char *
revealed_banner (CommunityWindow *window,
                 const char      *needle)
{
  g_autoptr(GPtrArray) banners = g_ptr_array_new ();

  collect_banners (GTK_WIDGET (window), banners);
  g_assert_cmpuint (banners->len, >, 0);
  for (guint i = 0; i < banners->len; i++)
    {
      GtkWidget *banner = g_ptr_array_index (banners, i);
      const char *title = community_compat_banner_get_title (banner);

      if (community_compat_banner_get_revealed (banner) && title != NULL
          && strstr (title, needle) != NULL)
        return title;
    }

  return NULL;
}

static guint
count_revealed_banners (CommunityWindow *window)
{
  g_autoptr(GPtrArray) banners = g_ptr_array_new ();
  guint n = 0;

  collect_banners (GTK_WIDGET (window), banners);
  for (guint i = 0; i < banners->len; i++)
    n += community_compat_banner_get_revealed (g_ptr_array_index (banners, i));

  return n;
}

/* The page information view, opened from the window; its rows are
 * checked by the text they show. */
static GtkWidget *
open_page_info (CommunityWindow *window)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page-info", NULL));
  dialog = community_compat_get_visible_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);

  return dialog;
}

static void
assert_shows (GtkWidget  *widget,
              const char *text)
{
  if (community_test_find_label (widget, text) == NULL)
    g_error ("“%s” is not shown", text);
}

/* First frame. */

static void
first_paint_cb (GdkFrameClock *frame_clock,
                gint64        *painted_at)
{
  if (*painted_at == 0)
    *painted_at = g_get_monotonic_time ();
}

/* Cases. */

static void
refresh_arrives (CommunityApplication *app,
                 gpointer              data)
{
  CommunityTestUpstream *upstream = data;
  CommunityWindow *window = application_window (app);
  CommunityLivePage *live_page;
  gint64 painted_at = 0;
  gulong handler;
  GtkWidget *toast;
  GtkWidget *info;

  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                              G_CALLBACK (first_paint_cb), &painted_at);

  /* At once: the bundled page, and nothing asked of the network yet. */
  live_page = community_window_get_live_page (window);
  g_assert_nonnull (live_page);
  g_assert_cmpint (community_live_page_get_origin (live_page), ==, COMMUNITY_PAGE_ORIGIN_BUNDLED);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "加入社群");
  g_assert_true (card_shows_price (window, "30元/月"));
  g_assert_cmpstr (qr_payload (window), !=, EDITED_PAYLOAD);
  g_assert_cmpuint (upstream->n_requests, ==, 0);

  /* The refresh arrives after the first frame, and swaps the page in. */
  wait_until (shows_new_price_cb, window, "the new price");
  g_assert_cmpint (painted_at, >, 0);
  g_assert_cmpuint (upstream->n_requests, >, 0);
  g_assert_cmpint (upstream->first_request, >, painted_at);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);

  g_assert_false (card_shows_price (window, "30元/月"));
  g_assert_cmpint (community_live_page_get_origin (live_page), ==, COMMUNITY_PAGE_ORIGIN_CACHE);
  g_assert_true (community_window_get_join (window) == community_live_page_get_join (live_page));
  g_assert_cmpstr (qr_payload (window), ==, EDITED_PAYLOAD);

  /* The toast names the change. */
  wait_for_toast (window, "40元/月");
  toast = find_toast (window, "40元/月");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (toast)), "30元/月"));
  g_test_message ("toast: %s", gtk_label_get_text (GTK_LABEL (toast)));

  /* Online and current: no notice. */
  g_assert_false (community_live_page_get_offline (community_window_get_live_page (window)));
  g_assert_cmpuint (count_revealed_banners (window), ==, 0);

  /* Where the page comes from, and how fresh it is. */
  info = open_page_info (window);
  assert_shows (info, upstream->root);
  assert_shows (info, "Updated today");
  assert_shows (info, community_live_page_get_sha256 (live_page));
}

static void
test_refresh_arrives (void)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();

  run_application (upstream->root, TRUE, NULL, refresh_arrives, upstream);
}

typedef struct
{
  GtkScrolledWindow *scrolled;
  GtkWidget         *section;
} InView;

static double
top_of (InView *in_view)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (in_view->section,
                                            gtk_scrolled_window_get_child (in_view->scrolled),
                                            &bounds));
  return bounds.origin.y;
}

static gboolean
section_at_top_cb (gpointer data)
{
  InView *in_view = data;

  return gtk_widget_get_mapped (in_view->section) && ABS (top_of (in_view)) < 1.0;
}

/* Scrolls the section to the top, once the page is laid out so far. */
static gboolean
scroll_to_section_cb (gpointer data)
{
  InView *in_view = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (in_view->scrolled);
  GtkWidget *viewport = gtk_scrolled_window_get_child (in_view->scrolled);
  graphene_rect_t bounds;

  if (section_at_top_cb (data))
    return TRUE;

  g_assert_true (gtk_widget_compute_bounds (in_view->section,
                                            gtk_viewport_get_child (GTK_VIEWPORT (viewport)),
                                            &bounds));
  if (bounds.origin.y <= gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  return FALSE;
}

static gboolean
is_mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
view_complete_cb (gpointer data)
{
  return community_page_view_get_complete (data);
}

static GtkWidget *
section_widget (CommunityWindow *window,
                const char      *heading)
{
  CommunityPageView *view = COMMUNITY_PAGE_VIEW (community_test_find_descendant (GTK_WIDGET (window),
                                                                                 COMMUNITY_TYPE_PAGE_VIEW));
  GPtrArray *sections = community_page_get_sections (community_window_get_page (window));

  wait_until (view_complete_cb, view, "the whole page");
  for (guint i = 0; i < sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);

      if (g_str_equal (section->heading, heading))
        return community_page_view_get_section_widget (view, section->anchor);
    }

  g_error ("No section %s", heading);
}

static void
swap_keeps_section_in_view (CommunityApplication *app,
                            gpointer              data)
{
  CommunityTestUpstream *upstream = data;
  CommunityWindow *window = application_window (app);
  GtkAdjustment *adjustment;
  InView in_view;

  /* Scroll "免费社群" (below the paid tier, whose prices change) to the top. */
  in_view.section = section_widget (window, "免费社群");
  in_view.scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (in_view.section,
                                                                   GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (in_view.scrolled);
  wait_until (is_mapped_cb, in_view.section, "the section to be shown");
  wait_until (scroll_to_section_cb, &in_view, "the section at the top");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);
  g_assert_cmpuint (upstream->n_requests, ==, 0);

  /* Refresh from the menu: the page is rebuilt with the new price. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  wait_until (shows_new_price_cb, window, "the new price");

  /* And the same section is at the top again. */
  in_view.section = section_widget (window, "免费社群");
  wait_until (section_at_top_cb, &in_view, "the section back at the top");
}

static void
test_swap_keeps_section_in_view (void)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();

  run_application (upstream->root, FALSE, NULL, swap_keeps_section_in_view, upstream);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **store = user_data;

  *store = g_object_ref (result);
}

/* Writes the cache through a live page of its own, as an earlier run
 * would have, and returns the files that hold the page's bytes. */
static GPtrArray *
fill_cache (CommunityTestUpstream *upstream)
{
  g_autoptr(CommunityLivePage) live_page = community_live_page_new (NULL);
  g_autofree char *dir_path = g_build_filename (g_get_user_cache_dir (), "jpom-community", NULL);
  const char *sources[] = { upstream->root, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  gboolean changed = FALSE;
  const char *name;

  community_live_page_set_sources (live_page, sources);
  g_assert_true (community_live_page_load_local (live_page, &error));
  g_assert_no_error (error);
  community_live_page_refresh_async (live_page, COMMUNITY_REFRESH_FLAGS_NONE, NULL,
                                     store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (community_live_page_refresh_finish (live_page, result, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL)
          && strstr (contents, "**40元/月**") != NULL)
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
  g_assert_cmpuint (files->len, >, 0);

  return files;
}

static void
damage_file (const char *path,
             gboolean    truncate)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  char *price;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  if (truncate)
    {
      length /= 2;
    }
  else
    {
      /* Still a valid page, but not the one whose sha256 was saved. */
      price = strstr (contents, "**40元/月**");
      price[2] = '5';
    }
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
damaged_cache_ignored (CommunityApplication *app,
                       gpointer              data)
{
  CommunityWindow *window = application_window (app);
  CommunityLivePage *live_page = community_window_get_live_page (window);
  const char *problem;

  /* The bundled page, never the damaged copy; and the app says so. */
  g_assert_cmpint (community_live_page_get_origin (live_page), ==, COMMUNITY_PAGE_ORIGIN_BUNDLED);
  g_assert_true (card_shows_price (window, "30元/月"));
  g_assert_false (card_shows_price (window, "40元/月"));
  g_assert_false (card_shows_price (window, "50元/月"));
  problem = community_live_page_get_cache_problem (live_page);
  g_assert_nonnull (problem);
  wait_for_toast (window, problem);
}

static void
assert_damaged_cache_ignored (gboolean truncate)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();
  g_autoptr(GPtrArray) files = fill_cache (upstream);

  for (guint i = 0; i < files->len; i++)
    damage_file (g_ptr_array_index (files, i), truncate);

  run_application (upstream->root, FALSE, NULL, damaged_cache_ignored, NULL);
}

static void
test_truncated_cache (void)
{
  assert_damaged_cache_ignored (TRUE);
}

static void
test_tampered_cache (void)
{
  assert_damaged_cache_ignored (FALSE);
}

static void
english_out_of_date (CommunityApplication *app,
                     gpointer              data)
{
  CommunityWindow *window = application_window (app);
  const char *notice;

  /* The translation was made from the bundled page: it is shown, with
   * the prices of the Chinese page and no notice. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Join the Community");
  g_assert_true (card_shows_price (window, "30元/月"));
  g_assert_cmpuint (count_revealed_banners (window), ==, 0);

  /* The current page is another one: the Chinese page with a notice. */
  wait_until (shows_new_price_cb, window, "the new price");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "加入社群");
  notice = revealed_banner (window, "out of date");
  g_assert_nonnull (notice);
  g_test_message ("notice: %s", notice);

  /* Read anyway: the translation, with the current prices, and a notice
   * that it may be out of date. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.read-translation", NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Join the Community");
  g_assert_true (card_shows_price (window, "40元/月"));
  g_assert_cmpstr (community_tier_card_get_tier (paid_tier_card (window))->prices[0], ==, "40元/月");
  g_assert_nonnull (revealed_banner (window, "may be out of date"));

  /* And back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.read-current-page", NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "加入社群");
}

static void
test_english_out_of_date (void)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();

  run_application (upstream->root, TRUE, NULL, english_out_of_date, NULL);
}

/* The translation read anyway shows the current page's QR code, not the
 * one of the page it was made from. */
static void
english_qr_current (CommunityApplication *app,
                    gpointer              data)
{
  CommunityWindow *window = application_window (app);

  wait_until (shows_new_price_cb, window, "the new price");
  g_assert_cmpstr (qr_payload (window), ==, EDITED_PAYLOAD);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.read-translation", NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Join the Community");
  g_assert_cmpstr (qr_payload (window), ==, EDITED_PAYLOAD);
}

static void
test_english_qr_current (void)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();

  run_application (upstream->root, TRUE, NULL, english_qr_current, NULL);
}

/* Traditional Chinese readers: the translation while it translates the
 * current page; then the current Simplified page, with the same notice as
 * English readers get, in their language, and the translation on request. */

static const char *
paid_tier_name (CommunityWindow *window)
{
  return community_tier_card_get_tier (paid_tier_card (window))->name;
}

static void
traditional_out_of_date (CommunityApplication *app,
                         gpointer              data)
{
  CommunityWindow *window = application_window (app);

  g_assert_cmpstr (paid_tier_name (window), ==, "付費社群");
  g_assert_true (card_shows_price (window, "30元/月"));
  g_assert_cmpuint (count_revealed_banners (window), ==, 0);

  wait_until (shows_new_price_cb, window, "the new price");
  g_assert_cmpstr (paid_tier_name (window), ==, "付费社群");
  g_assert_nonnull (revealed_banner (window, "翻譯已過時 — 正在顯示目前的簡體中文頁面"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.read-translation", NULL));
  g_assert_cmpstr (paid_tier_name (window), ==, "付費社群");
  g_assert_true (card_shows_price (window, "40元/月"));
  g_assert_nonnull (revealed_banner (window, "翻譯可能已過時"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.read-current-page", NULL));
  g_assert_cmpstr (paid_tier_name (window), ==, "付费社群");
}

static void
test_traditional_out_of_date (void)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  /* The notice in the reader's language: the build tree's catalogues,
   * and the environment's locale (C.UTF-8, where gettext follows
   * LANGUAGE), which gtk_test_init () set aside. */
  g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  run_application (upstream->root, TRUE, NULL, traditional_out_of_date, NULL);
}

static gboolean
is_offline_cb (gpointer data)
{
  return community_live_page_get_offline (community_window_get_live_page (data));
}

static void
unreachable (CommunityApplication *app,
             gpointer              data)
{
  CommunityWindow *window = application_window (app);
  const char *why;
  GtkWidget *info;

  /* An automatic refresh that reaches nobody says so only in the notice. */
  wait_until (is_offline_cb, window, "the offline notice");
  g_assert_nonnull (revealed_banner (window, "Offline — bundled copy"));
  why = community_live_page_get_last_error (community_window_get_live_page (window));
  g_assert_nonnull (why);
  g_assert_null (find_toast (window, why));

  /* Asked for, it says why. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  wait_for_toast (window, why);

  /* The page information says it too. */
  info = open_page_info (window);
  assert_shows (info, "Bundled copy, offline");
  assert_shows (info, why);
}

static void
test_unreachable (void)
{
  g_autoptr(CommunityTestUpstream) upstream = community_test_upstream_new (NULL);
  g_autofree char *dead_root = g_strdup (upstream->root);

  /* A port where nothing listens any more. */
  g_clear_pointer (&upstream, community_test_upstream_free);
  run_application (dead_root, TRUE, NULL, unreachable, NULL);
}

static void
refused (CommunityApplication *app,
         gpointer              data)
{
  CommunityWindow *window = application_window (app);

  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  wait_for_toast (window, "the page shown is kept");
  g_assert_nonnull (find_toast (window, community_live_page_get_last_error (community_window_get_live_page (window))));
  g_assert_true (card_shows_price (window, "30元/月"));
  g_assert_false (community_live_page_get_offline (community_window_get_live_page (window)));
}

static void
test_refused (void)
{
  g_autoptr(GBytes) bad = g_bytes_new_static ("# Nothing here\n\nNo tiers.\n", 26);
  g_autoptr(CommunityTestUpstream) upstream = community_test_upstream_new (bad);

  run_application (upstream->root, FALSE, NULL, refused, NULL);
}

static gboolean
seconds_passed_cb (gpointer data)
{
  return g_get_monotonic_time () > *(gint64 *) data;
}

static void
offline_option (CommunityApplication *app,
                gpointer              data)
{
  CommunityTestUpstream *upstream = data;
  CommunityWindow *window = application_window (app);
  gint64 later = g_get_monotonic_time () + 3 * G_USEC_PER_SEC / 2;

  /* Well after the first frame: nothing was fetched. */
  wait_until (seconds_passed_cb, &later, "a while");
  g_assert_cmpuint (upstream->n_requests, ==, 0);
  g_assert_true (community_live_page_get_offline (community_window_get_live_page (window)));
  g_assert_nonnull (revealed_banner (window, "Offline — bundled copy"));

  /* Nor does Refresh fetch anything. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "refresh"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  later = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  wait_until (seconds_passed_cb, &later, "a while");
  g_assert_cmpuint (upstream->n_requests, ==, 0);
}

/* --offline: no network in this run, though a refresh is due and the
 * settings ask for one. */
static void
test_offline_option (void)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();

  run_application (upstream->root, TRUE, "--offline", offline_option, upstream);
}

/* Text that came from outside, in a toast: shown as it is, never read
 * as markup (which made bold text and a file:// link of an image path,
 * and an empty toast of a payload with "&"). */

static void
refresh_to_toast (CommunityApplication *app,
                  CommunityTestUpstream             *upstream,
                  GBytes               *page,
                  const char           *literal)
{
  CommunityWindow *window = application_window (app);
  GtkWidget *toast;

  g_clear_pointer (&upstream->page, g_bytes_unref);
  upstream->page = g_bytes_ref (page);
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  wait_for_toast (window, literal);
  toast = find_toast (window, literal);
  g_test_message ("toast: %s", gtk_label_get_text (GTK_LABEL (toast)));
  /* No link was made of it. */
  g_assert_null (gtk_label_get_current_uri (GTK_LABEL (toast)));
}

static void
remote_text_not_markup (CommunityApplication *app,
                        gpointer              data)
{
  CommunityTestUpstream *upstream = data;
  const char *payload = "https://example.com/?a=1&b=2";
  g_autoptr(GBytes) image_path = community_test_edited_page ("/images/qrcode/weixin-jpom66.jpg",
    "/images/qrcode/&lt;big&gt;&lt;b&gt;ALERT&lt;/b&gt;&lt;/big&gt; "
    "&lt;a href='file:///etc/passwd'&gt;reverify-now&lt;/a&gt;.png", NULL);
  g_autoptr(GBytes) remark = community_test_edited_page ("/images/qrcode/weixin-jpom66.jpg",
                                                    "/images/wx_qrcode.jpg",
                                                    "`Jpom 付费社群`", "`Jpom <b>付费</b> & 社群`",
                                                    NULL);
  g_autoptr(GBytes) not_wechat = community_test_edited_page ("/images/qrcode/weixin-jpom66.jpg",
                                                        "/images/qrcode/other.png", NULL);
  g_autoptr(GBytes) png = community_test_qr_png (payload);

  refresh_to_toast (app, upstream, image_path,
                    "<big><b>ALERT</b></big> <a href='file:///etc/passwd'>reverify-now</a>");
  refresh_to_toast (app, upstream, remark, "→ Jpom <b>付费</b> & 社群");
  g_hash_table_insert (upstream->files, g_strdup (".vuepress/public/images/qrcode/other.png"),
                       g_bytes_ref (png));
  refresh_to_toast (app, upstream, not_wechat, payload);
}

static void
test_remote_text_not_markup (void)
{
  g_autoptr(CommunityTestUpstream) upstream = community_test_upstream_new (NULL);

  run_application (upstream->root, FALSE, NULL, remote_text_not_markup, upstream);
}

/* The community's notices. */

/* The upstream's list of posts: each post of @posts (name, text pairs,
 * NULL-ended) is served under _posts/ and listed with its blob hash;
 * @extra is appended to the list as it is. The notice sources point at
 * it. */
static void
serve_posts (CommunityTestUpstream *upstream,
             const char            *extra,
             const char            *first_name,
             ...)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *base = g_strndup (upstream->root, strlen (upstream->root) - strlen ("/docs/"));
  g_autofree char *listing = g_strconcat (base, LISTING_PATH, "?ref=main", NULL);
  const char *listings[] = { listing, NULL };
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *text = va_arg (args, const char *);
      GBytes *bytes = g_bytes_new (text, strlen (text));
      g_autofree char *sha = community_notice_listing_blob_sha (bytes);

      g_hash_table_insert (upstream->files, g_strconcat ("_posts/", name, NULL), bytes);
      g_string_append_printf (json, "%s{\"name\": \"%s\", \"type\": \"file\", \"size\": %"
                              G_GSIZE_FORMAT ", \"sha\": \"%s\"}", json->len > 1 ? ", " : "",
                              name, g_bytes_get_size (bytes), sha);
    }
  va_end (args);
  if (extra != NULL)
    g_string_append_printf (json, "%s%s", json->len > 1 ? ", " : "", extra);
  g_string_append (json, "]");
  g_hash_table_insert (upstream->files, g_strdup (LISTING_PATH),
                       g_bytes_new (json->str, json->len));
  g_settings_set_strv (settings, "notice-sources", listings);
}

static CommunityNoticeBar *
notice_bar (CommunityWindow *window)
{
  GtkWidget *bar = community_test_find_descendant (GTK_WIDGET (window), COMMUNITY_TYPE_NOTICE_BAR);

  g_assert_nonnull (bar);
  return COMMUNITY_NOTICE_BAR (bar);
}

static gboolean
bar_revealed (CommunityNoticeBar *bar)
{
  GtkWidget *revealer = community_test_find_descendant (GTK_WIDGET (bar), GTK_TYPE_REVEALER);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer))
         && community_notice_bar_get_notice (bar) != NULL;
}

static gboolean
bar_shows_new_notice_cb (gpointer data)
{
  const char *text = community_notice_bar_get_text (data);

  return text != NULL && strstr (text, "新的公告") != NULL;
}

/* A new announcement, listed and posted upstream, appears over the page
 * of a running window, its title as text; Page Information lists every
 * notice and names what was refused. */
static void
notice_arrives (CommunityApplication *app,
                gpointer              data)
{
  CommunityTestUpstream *upstream = data;
  CommunityWindow *window = application_window (app);
  CommunityNoticeBar *bar = notice_bar (window);
  GtkWidget *label;
  GtkWidget *info;

  /* At once, before the first frame: the bundled notice. */
  g_assert_true (bar_revealed (bar));
  g_assert_cmpstr (community_notice_bar_get_text (bar), ==, SEED_TEXT);
  g_assert_cmpuint (upstream->n_requests, ==, 0);

  wait_until (bar_shows_new_notice_cb, bar, "the new notice over the page");
  g_assert_true (bar_revealed (bar));
  label = community_test_find_label (GTK_WIDGET (bar), "新的公告");
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Announcement · 2026-11-30 · <b>新的公告</b> <a href='file:///etc/passwd'>x</a>");
  g_assert_null (gtk_label_get_current_uri (GTK_LABEL (label)));
  g_assert_cmpstr (community_notice_bar_get_notice (bar)->url, ==, "https://jpom.top/pages/new/");

  info = open_page_info (window);
  assert_shows (info, "<b>新的公告</b> <a href='file:///etc/passwd'>x</a>");
  assert_shows (info, "项目暂停维护公告");
  assert_shows (info, "“../evil.md” is not the name of a post");
  assert_shows (info, "“images” is not a file");
}

static void
test_notice_arrives (void)
{
  g_autoptr(CommunityTestUpstream) upstream = upstream_new_edited ();
  g_autoptr(GBytes) seed = g_resources_lookup_data ("/top/jpom/Community/notices/" SEED_NAME,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *seed_text = g_strndup (g_bytes_get_data (seed, NULL), g_bytes_get_size (seed));

  serve_posts (upstream,
               "{\"name\": \"../evil.md\", \"type\": \"file\", \"size\": 1, "
               "\"sha\": \"ce013625030ba8dba906f756967f9e9ca394464a\"}, "
               "{\"name\": \"images\", \"type\": \"dir\", \"size\": 0, "
               "\"sha\": \"ce013625030ba8dba906f756967f9e9ca394464a\"}",
               SEED_NAME, seed_text,
               "2026-11-30-new.md", "---\ntitle: <b>新的公告</b> <a href='file:///etc/passwd'>x</a>\n"
               "date: 2026-11-30 12:00:00\npermalink: /pages/new/\ntags:\n  - 公告\n---\n\nBody.\n",
               NULL);
  run_application (upstream->root, TRUE, NULL, notice_arrives, upstream);
}

/* Dismissed, the notice leaves the page, and stays away after a
 * restart (the keyfile settings backend: another process). */
static void
notice_dismissed (CommunityApplication *app,
                  gpointer              data)
{
  CommunityWindow *window = application_window (app);
  CommunityNoticeBar *bar = notice_bar (window);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) dismissed = NULL;

  g_assert_true (bar_revealed (bar));
  g_assert_cmpstr (community_notice_bar_get_text (bar), ==, SEED_TEXT);
  g_action_group_activate_action (G_ACTION_GROUP (app), "dismiss-notice",
                                  g_variant_new_string (SEED_NAME));
  g_assert_false (bar_revealed (bar));

  dismissed = g_settings_get_strv (settings, "dismissed-notices");
  g_assert_true (g_strv_contains ((const char * const *) dismissed, SEED_NAME));
  g_settings_sync ();
}

static void
notice_stays_dismissed (CommunityApplication *app,
                        gpointer              data)
{
  CommunityWindow *window = application_window (app);
  GtkWidget *info;

  g_assert_false (bar_revealed (notice_bar (window)));
  info = open_page_info (window);
  assert_shows (info, "项目暂停维护公告");
  assert_shows (info, "2026-02-05 · dismissed");
}

static void
test_notice_dismissed (void)
{
  gboolean first = g_strcmp0 (g_getenv ("COMMUNITY_TEST_RUN"), "1") == 0;

  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "keyfile");
  run_application (NULL, FALSE, "--offline", first ? notice_dismissed : notice_stays_dismissed,
                   NULL);
}

/* The brightness (0 to 255) of @texture's pixel at @x, @y. */
static guint
brightness_at (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guint32 *pixels = g_new (guint32, width * gdk_texture_get_height (texture));
  guint32 pixel;

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  pixel = pixels[y * width + x];
  return (((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff)) / 3;
}

/* The darkest and lightest pixels of @texture. */
static void
brightness_range (GdkTexture *texture,
                  guint      *darkest,
                  guint      *lightest)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);

  *darkest = 255;
  *lightest = 0;
  for (int y = 0; y < height; y += 2)
    for (int x = 0; x < width; x += 2)
      {
        guint value = brightness_at (texture, x, y);

        *darkest = MIN (*darkest, value);
        *lightest = MAX (*lightest, value);
      }
}

static gboolean
narrow_cb (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (notice_bar (data)));

  return gtk_widget_get_mapped (GTK_WIDGET (data)) && width > 0 && width <= 360;
}

static void
assert_inside (GtkWidget *child,
               GtkWidget *parent)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (child, parent, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (parent));
  g_assert_cmpfloat (bounds.size.width, >, 0);
}

/* At 360 px the notice wraps and keeps both buttons; it is drawn in the
 * light and the dark style, its text readable on its background. */
static void
notice_narrow_dark (CommunityApplication *app,
                    gpointer              data)
{
  CommunityWindow *window = application_window (app);
  GtkWidget *bar = GTK_WIDGET (notice_bar (window));
  GtkWidget *label = community_test_find_label (bar, "项目暂停维护公告");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  gint64 later;
  int natural = 0;
  guint darkest, lightest;

  wait_until (narrow_cb, window, "the window at 360 px");
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("at %d px: the text %d px wide of %d, %d px high", gtk_widget_get_width (bar),
                  gtk_widget_get_width (label), natural, gtk_widget_get_height (label));
  g_assert_cmpint (gtk_widget_get_width (label), <, natural);
  for (GtkWidget *button = community_test_find_descendant (bar, GTK_TYPE_BUTTON);
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    if (GTK_IS_BUTTON (button))
      assert_inside (button, bar);

  light = community_test_render_widget (bar);
  brightness_range (light, &darkest, &lightest);
  g_test_message ("light: %dx%d, background %u, text %u", gdk_texture_get_width (light),
                  gdk_texture_get_height (light), brightness_at (light, 2, 2), darkest);
  g_assert_cmpuint (brightness_at (light, 2, 2), >, 150);
  g_assert_cmpuint (darkest, <, 90);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  later = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  wait_until (seconds_passed_cb, &later, "the dark style");
  dark = community_test_render_widget (bar);
  brightness_range (dark, &darkest, &lightest);
  g_test_message ("dark: background %u, text %u", brightness_at (dark, 2, 2), lightest);
  g_assert_cmpuint (brightness_at (dark, 2, 2), <, 100);
  g_assert_cmpuint (lightest, >, 180);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_notice_narrow_dark (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  /* The width the window opens with, as a user left it. */
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 640);
  run_application (NULL, FALSE, "--offline", notice_narrow_dark, NULL);
}

/* Running the cases, each in a process of its own. */

typedef struct
{
  const char *path;
  const char *language;
  GTestFunc   func;
  guint       runs;      /* 0: one run; else that many, one process each,
                          * with settings kept on disk between them */
} Case;

static const Case cases[] = {
  { "/community/live-window/refresh-arrives", "zh_CN", test_refresh_arrives },
  { "/community/live-window/keeps-section-in-view", "zh_CN", test_swap_keeps_section_in_view },
  { "/community/live-window/truncated-cache", "zh_CN", test_truncated_cache },
  { "/community/live-window/tampered-cache", "zh_CN", test_tampered_cache },
  { "/community/live-window/english-out-of-date", "en", test_english_out_of_date },
  { "/community/live-window/unreachable", "en", test_unreachable },
  { "/community/live-window/refused", "en", test_refused },
  { "/community/live-window/offline-option", "en", test_offline_option },
  { "/community/live-window/english-qr-current", "en", test_english_qr_current },
  { "/community/live-window/remote-text-not-markup", "en", test_remote_text_not_markup },
  { "/community/live-window/traditional-out-of-date", "zh_TW", test_traditional_out_of_date },
  { "/community/live-window/notice-arrives", "zh_CN", test_notice_arrives },
  { "/community/live-window/notice-dismissed", "en", test_notice_dismissed, 2 },
  { "/community/live-window/notice-narrow-dark", "en", test_notice_narrow_dark },
};

/* A case that restarts the application: each run a process of its own,
 * the settings in a key file under the case's folder. */
static void
run_restarted (const Case *test_case,
               const char *cache)
{
  g_autofree char *config = g_build_filename (cache, "config", NULL);

  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  for (guint run = 1; run <= test_case->runs; run++)
    {
      g_autofree char *number = g_strdup_printf ("%u", run);

      g_setenv ("COMMUNITY_TEST_RUN", number, TRUE);
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (!g_test_trap_has_passed ())
        break;
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_unsetenv ("XDG_CONFIG_HOME");
  g_unsetenv ("COMMUNITY_TEST_RUN");
  community_test_remove_tree (cache);
  g_test_trap_assert_passed ();
}

static void
run_case (gconstpointer data)
{
  const Case *test_case = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;

  if (g_test_subprocess ())
    {
      test_case->func ();
      return;
    }

  cache = g_dir_make_tmp ("test-live-window-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("LANGUAGE", test_case->language, TRUE);

  if (test_case->runs == 0)
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      community_test_remove_tree (cache);
      g_test_trap_assert_passed ();
      return;
    }

  run_restarted (test_case, cache);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  community_net_helper_set_path (g_getenv ("COMMUNITY_TEST_NET_HELPER"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);

  return g_test_run ();
}
