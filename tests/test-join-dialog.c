/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-join-dialog.c: the Join dialog, the tier cards (their layout in
 * the window, and Join opening the dialog through the window), and the
 * page view with the join hooks (tier cards, the live QR code). */

#include "config.h"

#include <string.h>

#include "community-compat.h"
#include "community-join-dialog.h"
#include "community-join-view.h"
#include "community-qr-code.h"
#include "community-test-util.h"
#include "community-tier-card.h"
#include "community-window.h"

/* The payload of the bundled page's QR card, /images/qrcode/weixin-jpom66.jpg. */
#define SEED_PAYLOAD "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1"

static CommunityJoin *
join_for_file (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, path, NULL), &text, NULL, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (text, strlen (text));
  page = community_page_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return community_join_new (page);
}

static CommunityJoin *
seed_join (void)
{
  return join_for_file ("../data/pages/join.zh_CN.md");
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

#define DIALOG_CHILD(dialog, name) template_child ((dialog), COMMUNITY_TYPE_JOIN_DIALOG, (name))
#define CARD_CHILD(card, name) template_child ((card), COMMUNITY_TYPE_TIER_CARD, (name))

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* The text of step @n (from 1) of the dialog. */
static const char *
step_text (GtkWidget *dialog,
           guint      n)
{
  GtkWidget *step = gtk_widget_get_first_child (DIALOG_CHILD (dialog, "steps_box"));
  GtkWidget *number;

  for (guint i = 1; i < n; i++)
    step = gtk_widget_get_next_sibling (step);

  number = gtk_widget_get_first_child (step);
  g_assert_cmpuint (atoi (gtk_label_get_label (GTK_LABEL (number))), ==, n);
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (step))
                 == GTK_ACCESSIBLE_ROLE_LIST_ITEM);

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (number)));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
assert_row (GtkWidget  *dialog,
            const char *row_name,
            const char *button_name,
            const char *value)
{
  GtkWidget *row = DIALOG_CHILD (dialog, row_name);
  GVariant *target = gtk_actionable_get_action_target_value (DIALOG_CHILD (dialog, button_name));

  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, value);
  g_assert_cmpstr (gtk_actionable_get_action_name (DIALOG_CHILD (dialog, button_name)), ==,
                   "toast.copy");
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, value);
}

static void
test_dialog_paid (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *dialog = g_object_ref_sink (community_join_dialog_new (join, "付费社群"));
  GtkWidget *qr = gtk_widget_get_first_child (DIALOG_CHILD (dialog, "qr_box"));

  g_assert_cmpstr (community_join_dialog_get_title (COMMUNITY_JOIN_DIALOG (dialog)), ==,
                   "Join 付费社群");
  g_assert_cmpstr (adw_window_title_get_title (DIALOG_CHILD (dialog, "window_title")), ==,
                   "Join 付费社群");

  g_assert_true (COMMUNITY_IS_QR_CODE (qr));
  g_assert_cmpstr (community_qr_code_get_text (COMMUNITY_QR_CODE (qr)), ==, SEED_PAYLOAD);
  assert_contains (community_qr_code_get_description (COMMUNITY_QR_CODE (qr)), "jpom66");
  g_assert_false (gtk_widget_get_visible (DIALOG_CHILD (dialog, "no_qr_label")));

  assert_row (dialog, "wechat_id_row", "copy_wechat_id_button", "jpom66");
  assert_row (dialog, "remark_row", "copy_remark_button", "Jpom 付费社群");

  g_assert_cmpuint (count_children (DIALOG_CHILD (dialog, "steps_box")), ==, 3);
  assert_contains (step_text (dialog, 1), "jpom66");
  assert_contains (step_text (dialog, 2), "Jpom 付费社群");
  assert_contains (step_text (dialog, 3), "30元/月, 80元/季度, 300元/年");

  g_assert_finalize_object (dialog);
}

static void
test_dialog_free (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *dialog = g_object_ref_sink (community_join_dialog_new (join, "免费社群"));

  g_assert_cmpstr (community_join_dialog_get_title (COMMUNITY_JOIN_DIALOG (dialog)), ==,
                   "Join 免费社群");
  assert_row (dialog, "remark_row", "copy_remark_button", "Jpom 社群");
  /* No prices, so nothing to pay. */
  g_assert_cmpuint (count_children (DIALOG_CHILD (dialog, "steps_box")), ==, 2);
  assert_contains (step_text (dialog, 2), "Jpom 社群");

  g_assert_finalize_object (dialog);
}

static void
test_dialog_several_prices (void)
{
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-prices-list.md");
  GtkWidget *dialog = g_object_ref_sink (community_join_dialog_new (join, "付费社群"));

  assert_contains (step_text (dialog, 3), "20元/月, 50元/季度, 180元/年");

  g_assert_finalize_object (dialog);
}

static void
test_dialog_unknown_image (void)
{
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-unknown-image.md");
  GtkWidget *dialog = g_object_ref_sink (community_join_dialog_new (join, "付费社群"));

  /* No QR code, a clear message, and the ID to search for instead. */
  g_assert_null (gtk_widget_get_first_child (DIALOG_CHILD (dialog, "qr_box")));
  g_assert_true (gtk_widget_get_visible (DIALOG_CHILD (dialog, "no_qr_label")));
  assert_row (dialog, "wechat_id_row", "copy_wechat_id_button", "jpom66");
  assert_contains (step_text (dialog, 1), "Search WeChat for the ID jpom66");

  g_assert_finalize_object (dialog);
}

/* Presented over a window. */

static gboolean
is_null (gpointer pointer_location)
{
  return *(gpointer *) pointer_location == NULL;
}

static GtkWidget *
presented_dialog_new (CommunityJoin *join,
                      const char    *anchor,
                      GtkWidget    **window_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *content;

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 800);
  gtk_window_present (GTK_WINDOW (window));
  content = community_join_dialog_present (window, join, anchor);
  g_assert_true (COMMUNITY_IS_JOIN_DIALOG (content));
  *window_out = window;

  return content;
}

/* Closes the dialog of @content and waits until it is gone. */
static void
close_presented (GtkWidget *content,
                 GtkWidget *window)
{
  g_object_add_weak_pointer (G_OBJECT (content), (gpointer *) &content);
  community_compat_close_dialog (content);
  community_test_wait_until (is_null, &content);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Copy, read back from the clipboard as a paste would. */

static void
assert_button_copies (GtkWidget  *dialog,
                      const char *button_name,
                      const char *expected)
{
  g_autofree char *text = NULL;

  /* "clicked" rather than gtk_widget_activate (), which on a shown button
   * clicks only after a visual delay. */
  g_signal_emit_by_name (DIALOG_CHILD (dialog, button_name), "clicked");
  text = community_test_read_clipboard_text (gtk_widget_get_clipboard (dialog));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_dialog_copy (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *window;
  GtkWidget *dialog = presented_dialog_new (join, "付费社群", &window);

  assert_button_copies (dialog, "copy_wechat_id_button", "jpom66");
  assert_button_copies (dialog, "copy_remark_button", "Jpom 付费社群");

  close_presented (dialog, window);
}

/* The Copy Image button under the QR code puts the code on the clipboard
 * as an image, at a whole number of pixels per module. */
static void
test_dialog_copy_image (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *window;
  GtkWidget *dialog = presented_dialog_new (join, "付费社群", &window);
  GtkWidget *qr_box = DIALOG_CHILD (dialog, "qr_box");
  GtkWidget *buttons = gtk_widget_get_last_child (qr_box);
  GtkWidget *copy = gtk_widget_get_first_child (buttons);
  g_autoptr(GdkTexture) texture = NULL;
  CommunityQrMatrix *matrix;

  matrix = community_qr_code_get_matrix (COMMUNITY_QR_CODE (gtk_widget_get_first_child (qr_box)));
  g_assert_nonnull (matrix);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "_Copy Image");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_next_sibling (copy))), ==,
                   "_Save Image As…");

  g_signal_emit_by_name (copy, "clicked");
  texture = community_test_read_clipboard_texture (gtk_widget_get_clipboard (dialog));

  g_assert_cmpint (gdk_texture_get_width (texture) % community_qr_matrix_get_width (matrix), ==, 0);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gdk_texture_get_height (texture));

  close_presented (dialog, window);
}

/* The dialog is the one shown over the window, titled for the tier, and
 * (where it is a window of its own) modal. */
static void
test_dialog_present (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *window;
  GtkWidget *content = presented_dialog_new (join, "付费社群", &window);
  GtkWidget *dialog = community_compat_get_visible_dialog (GTK_WINDOW (window));
  g_autofree char *title = NULL;

  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_is_ancestor (content, dialog));
  g_object_get (dialog, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Join 付费社群");
  if (GTK_IS_WINDOW (dialog))
    {
      g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
    }

  close_presented (content, window);
}

static gboolean
is_escape (GtkShortcut *shortcut)
{
  GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

  return GTK_IS_KEYVAL_TRIGGER (trigger)
         && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape
         && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0;
}

/* The dialog's Escape shortcut, as the key handling sees it. */
static GtkShortcut *
find_escape_shortcut (GtkWidget *dialog)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (is_escape (shortcut))
            return g_steal_pointer (&shortcut);
        }
    }

  return NULL;
}

static void
test_dialog_escape_closes (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *window;
  GtkWidget *content = presented_dialog_new (join, "付费社群", &window);
  GtkWidget *dialog = community_compat_get_visible_dialog (GTK_WINDOW (window));
  g_autoptr(GtkShortcut) shortcut = find_escape_shortcut (dialog);

  g_assert_nonnull (shortcut);
  g_object_add_weak_pointer (G_OBJECT (content), (gpointer *) &content);
  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, dialog, NULL);

  /* Closed: the dialog and its content are gone. */
  community_test_wait_until (is_null, &content);
  g_assert_null (community_compat_get_visible_dialog (GTK_WINDOW (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tier cards. */

static void
test_card_paid (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *card = g_object_ref_sink (community_tier_card_new (join, "付费社群"));
  GtkWidget *heading = CARD_CHILD (card, "heading_label");
  GtkWidget *prices = CARD_CHILD (card, "prices_box");
  static const char * const expected_prices[] = { "30元/月", "80元/季度", "300元/年" };

  g_assert_true (gtk_widget_has_css_class (card, "card"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (heading)), ==, "付费社群");
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (heading))
                 == GTK_ACCESSIBLE_ROLE_HEADING);

  /* One chip per price, in the page's order. */
  g_assert_true (gtk_widget_get_visible (prices));
  for (guint i = 0; i < G_N_ELEMENTS (expected_prices); i++)
    {
      GtkFlowBoxChild *chip = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (prices), i);

      g_assert_nonnull (chip);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_flow_box_child_get_child (chip))), ==,
                       expected_prices[i]);
    }
  g_assert_null (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (prices),
                                                  G_N_ELEMENTS (expected_prices)));

  /* Join asks the window for the dialog of this tier. */
  g_assert_cmpstr (gtk_actionable_get_action_name (CARD_CHILD (card, "join_button")), ==,
                   "win.join-tier");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (
                     CARD_CHILD (card, "join_button")), NULL), ==, "付费社群");
  g_assert_true (community_tier_card_get_tier (COMMUNITY_TIER_CARD (card))
                 == community_join_find_tier (join, "付费社群"));

  g_assert_finalize_object (card);
}

static void
test_card_free (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *card = g_object_ref_sink (community_tier_card_new (join, "免费社群"));
  GtkWidget *content = gtk_label_new ("content");

  g_assert_false (gtk_widget_get_visible (CARD_CHILD (card, "prices_box")));
  community_tier_card_append (COMMUNITY_TIER_CARD (card), content);
  g_assert_true (gtk_widget_get_parent (content) == CARD_CHILD (card, "content_box"));

  g_assert_finalize_object (card);
}

/* The app's window showing the seed page at a width, laid out. */

static CommunityPage *
seed_page (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CommunityPage *page;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "..", "data", "pages",
                                            "join.zh_CN.md", NULL),
                       &text, NULL, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (text, strlen (text));
  page = community_page_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return page;
}

typedef struct
{
  guint frames;
  guint wanted;
} FrameCount;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  FrameCount *count = user_data;

  count->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer count)
{
  return ((FrameCount *) count)->frames >= ((FrameCount *) count)->wanted;
}

/* Iterates until @widget has drawn @n frames, so that what it shows has
 * been measured and allocated for real. */
static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  FrameCount count = { 0, n };
  guint tick_id = gtk_widget_add_tick_callback (widget, count_frame_cb, &count, NULL);

  community_test_wait_until (enough_frames, &count);
  gtk_widget_remove_tick_callback (widget, tick_id);
}

static GtkWidget *
seed_window_new (int width)
{
  g_autoptr(CommunityPage) page = seed_page ();
  CommunityWindow *window = g_object_new (COMMUNITY_TYPE_WINDOW, NULL);
  GtkWidget *view;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  g_object_set (window, "page", page, NULL);
  view = community_test_find_descendant (GTK_WIDGET (window), COMMUNITY_TYPE_PAGE_VIEW);
  g_assert_nonnull (view);
  community_page_view_build_all (COMMUNITY_PAGE_VIEW (view));

  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 3);
  /* The window's size includes its client-side frame, if any. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, width - 24);

  return GTK_WIDGET (window);
}

static GtkWidget *
window_card (GtkWidget  *window,
             const char *anchor)
{
  GtkWidget *view = community_test_find_descendant (window, COMMUNITY_TYPE_PAGE_VIEW);
  GtkWidget *card = community_page_view_get_section_widget (COMMUNITY_PAGE_VIEW (view), anchor);

  g_assert_true (COMMUNITY_IS_TIER_CARD (card));
  return card;
}

/* Join on a card in the app's window: the window opens the dialog for
 * that tier of the page it shows. */
static void
test_card_join_opens_dialog (void)
{
  GtkWidget *window = seed_window_new (720);
  GtkWidget *card = window_card (window, "免费社群");
  GtkWidget *dialog;
  GtkWidget *content;

  g_assert_null (community_compat_get_visible_dialog (GTK_WINDOW (window)));
  g_signal_emit_by_name (CARD_CHILD (card, "join_button"), "clicked");

  dialog = community_compat_get_visible_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  content = community_test_find_descendant (dialog, COMMUNITY_TYPE_JOIN_DIALOG);
  g_assert_nonnull (content);
  g_assert_cmpstr (community_join_dialog_get_anchor (COMMUNITY_JOIN_DIALOG (content)), ==,
                   "免费社群");
  g_assert_true (community_join_dialog_get_join (COMMUNITY_JOIN_DIALOG (content))
                 == community_window_get_join (COMMUNITY_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a widget is, for a failure message. */
static char *
describe (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget),
                            gtk_label_get_text (GTK_LABEL (widget)));

  return g_strdup_printf ("%s (%s)", G_OBJECT_TYPE_NAME (widget),
                          gtk_widget_get_css_name (widget));
}

/* The widgets the user sees inside @root: visible, not in a popover. */
static void
collect_shown (GtkWidget *root,
               GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || GTK_IS_NATIVE (child))
        continue;

      g_ptr_array_add (out, child);
      collect_shown (child, out);
    }
}

static gboolean
rects_overlap (const graphene_rect_t *a,
               const graphene_rect_t *b)
{
  graphene_rect_t overlap;

  return graphene_rect_intersection (a, b, &overlap)
         && overlap.size.width > 0 && overlap.size.height > 0;
}

/* @widget, which is not empty, lies inside its parent. */
static void
assert_inside_parent (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_rect_t bounds, parent_rect;
  g_autofree char *child_name = NULL;
  g_autofree char *parent_name = NULL;

  g_assert_true (gtk_widget_compute_bounds (widget, parent, &bounds));
  graphene_rect_init (&parent_rect, 0, 0,
                      gtk_widget_get_width (parent), gtk_widget_get_height (parent));
  if (bounds.size.width <= 0 || bounds.size.height <= 0
      || graphene_rect_contains_rect (&parent_rect, &bounds))
    return;

  child_name = describe (widget);
  parent_name = describe (parent);
  g_error ("%s at %g,%g %gx%g lies outside %s (%dx%d)", child_name,
           bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
           parent_name, gtk_widget_get_width (parent), gtk_widget_get_height (parent));
}

/* Each widget lies inside its parent, and no two widgets of which neither
 * holds the other share a pixel: nothing in the card is drawn over
 * anything else. */
static void
assert_no_overlap (GtkWidget *card)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  g_autofree graphene_rect_t *bounds = NULL;

  collect_shown (card, widgets);
  g_assert_cmpuint (widgets->len, >, 10);
  bounds = g_new (graphene_rect_t, widgets->len);

  for (guint i = 0; i < widgets->len; i++)
    {
      assert_inside_parent (g_ptr_array_index (widgets, i));
      g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (widgets, i), card, &bounds[i]));
    }

  for (guint i = 0; i < widgets->len; i++)
    for (guint j = i + 1; j < widgets->len; j++)
      {
        GtkWidget *a = g_ptr_array_index (widgets, i);
        GtkWidget *b = g_ptr_array_index (widgets, j);
        g_autofree char *a_name = NULL;
        g_autofree char *b_name = NULL;

        if (gtk_widget_is_ancestor (a, b) || gtk_widget_is_ancestor (b, a)
            || !rects_overlap (&bounds[i], &bounds[j]))
          continue;

        a_name = describe (a);
        b_name = describe (b);
        g_error ("%s (y %g to %g) overlaps %s (y %g to %g)",
                 a_name, bounds[i].origin.y, bounds[i].origin.y + bounds[i].size.height,
                 b_name, bounds[j].origin.y, bounds[j].origin.y + bounds[j].size.height);
      }
}

/* The cards in the app's window at its default width and at the
 * narrowest it allows: the paid card's three price chips once took the
 * height of one row while laid out in three, over the callout below. */
static void
test_card_layout (gconstpointer data)
{
  GtkWidget *window = seed_window_new (GPOINTER_TO_INT (data));
  GtkWidget *paid = window_card (window, "付费社群");

  /* The three chips are there to be checked. */
  g_assert_nonnull (gtk_flow_box_get_child_at_index (CARD_CHILD (paid, "prices_box"), 2));
  assert_no_overlap (paid);
  assert_no_overlap (window_card (window, "免费社群"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The page view with the join hooks. */

static GtkWidget *
joined_view_new (CommunityJoin *join)
{
  GtkWidget *view = g_object_ref_sink (community_page_view_new ());

  community_join_view_install (COMMUNITY_PAGE_VIEW (view), join);
  community_page_view_set_page (COMMUNITY_PAGE_VIEW (view), community_join_get_page (join));
  community_page_view_build_all (COMMUNITY_PAGE_VIEW (view));

  return view;
}

static void
assert_view_qr_code (GtkWidget  *view,
                     const char *payload)
{
  GtkWidget *qr = community_test_find_descendant (view, COMMUNITY_TYPE_QR_CODE);

  g_assert_nonnull (qr);
  g_assert_cmpstr (community_qr_code_get_text (COMMUNITY_QR_CODE (qr)), ==, payload);
  assert_contains (community_qr_code_get_description (COMMUNITY_QR_CODE (qr)), "jpom66");
}

static void
test_view_seed (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  GtkWidget *view = joined_view_new (join);
  GtkWidget *paid = community_page_view_get_section_widget (COMMUNITY_PAGE_VIEW (view), "付费社群");
  GtkWidget *other = community_page_view_get_section_widget (COMMUNITY_PAGE_VIEW (view), "加入社群");

  /* Tier sections are cards holding the section's content; the others
   * stay as they were. */
  g_assert_true (COMMUNITY_IS_TIER_CARD (paid));
  g_assert_cmpstr (community_tier_card_get_anchor (COMMUNITY_TIER_CARD (paid)), ==, "付费社群");
  g_assert_true (gtk_widget_get_first_child (CARD_CHILD (paid, "content_box")) != NULL);
  g_assert_true (COMMUNITY_IS_TIER_CARD (community_page_view_get_section_widget (
                   COMMUNITY_PAGE_VIEW (view), "免费社群")));
  g_assert_nonnull (other);
  g_assert_false (COMMUNITY_IS_TIER_CARD (other));

  assert_view_qr_code (view, SEED_PAYLOAD);
  g_assert_finalize_object (view);
}

static void
test_view_qr_in_html (void)
{
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-qr-html.md");
  GtkWidget *view = joined_view_new (join);

  assert_view_qr_code (view, "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1");
  g_assert_finalize_object (view);
}

/* A page shown with the join model of another (a translation with the
 * current Chinese page's model): the QR code is the model's. */
static void
test_view_qr_of_join (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  g_autoptr(CommunityJoin) older = join_for_file ("data/join-id-changed.md");
  GtkWidget *view = g_object_ref_sink (community_page_view_new ());

  g_assert_cmpstr (community_join_get_qr_payload (older), !=, SEED_PAYLOAD);
  community_join_view_install (COMMUNITY_PAGE_VIEW (view), join);
  community_page_view_set_page (COMMUNITY_PAGE_VIEW (view), community_join_get_page (older));
  community_page_view_build_all (COMMUNITY_PAGE_VIEW (view));

  assert_view_qr_code (view, SEED_PAYLOAD);
  g_assert_finalize_object (view);
}

static void
test_view_unknown_image (void)
{
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-unknown-image.md");
  GtkWidget *view = joined_view_new (join);

  /* No payload: the view's default (the alt text), no blank QR code. */
  g_assert_null (community_test_find_descendant (view, COMMUNITY_TYPE_QR_CODE));
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/community/join-dialog/paid", test_dialog_paid);
  g_test_add_func ("/community/join-dialog/free", test_dialog_free);
  g_test_add_func ("/community/join-dialog/several-prices", test_dialog_several_prices);
  g_test_add_func ("/community/join-dialog/unknown-image", test_dialog_unknown_image);
  g_test_add_func ("/community/join-dialog/copy", test_dialog_copy);
  g_test_add_func ("/community/join-dialog/copy-image", test_dialog_copy_image);
  g_test_add_func ("/community/join-dialog/present", test_dialog_present);
  g_test_add_func ("/community/join-dialog/escape-closes", test_dialog_escape_closes);
  g_test_add_func ("/community/tier-card/paid", test_card_paid);
  g_test_add_func ("/community/tier-card/free", test_card_free);
  g_test_add_func ("/community/tier-card/join-opens-dialog", test_card_join_opens_dialog);
  g_test_add_data_func ("/community/tier-card/layout-720", GINT_TO_POINTER (720),
                        test_card_layout);
  g_test_add_data_func ("/community/tier-card/layout-360", GINT_TO_POINTER (360),
                        test_card_layout);
  g_test_add_func ("/community/join-view/seed", test_view_seed);
  g_test_add_func ("/community/join-view/qr-in-html", test_view_qr_in_html);
  g_test_add_func ("/community/join-view/qr-of-join", test_view_qr_of_join);
  g_test_add_func ("/community/join-view/unknown-image", test_view_unknown_image);

  return g_test_run ();
}
