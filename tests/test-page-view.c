/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The page view renders the seed page natively: headings exposed as
 * headings, callouts, chips that copy, links under the policy, escaped
 * text, and the rest of the page after the first frame. */
#include "config.h"

#include <gtk/gtk.h>

#include "community-page-loader.h"
#include "community-page-markup.h"
#include "community-page-view.h"

static CommunityPage *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CommunityPage *page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return page;
}

static CommunityPage *
load_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "pages",
                                                 "join.zh_CN.md", NULL);
  g_autoptr(GError) error = NULL;
  CommunityPage *page = community_page_load_file_sync (path, 10000, &error);

  g_assert_no_error (error);
  return page;
}

static CommunityPageView *
view_for (CommunityPage *page)
{
  CommunityPageView *view = g_object_ref_sink (COMMUNITY_PAGE_VIEW (community_page_view_new ()));

  community_page_view_set_page (view, page);
  community_page_view_build_all (view);
  g_assert_true (community_page_view_get_complete (view));
  return view;
}

/* Every descendant of @root, depth first. */
static void
collect (GtkWidget *root,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      g_ptr_array_add (out, child);
      collect (child, out);
    }
}

static GPtrArray *
descendants (gpointer root)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (GTK_WIDGET (root), out);
  return out;
}

static guint
count_class (GPtrArray  *widgets,
             const char *css_class)
{
  guint n = 0;

  for (guint i = 0; i < widgets->len; i++)
    n += gtk_widget_has_css_class (widgets->pdata[i], css_class);
  return n;
}

static guint
count_labels_containing (GPtrArray  *widgets,
                         const char *markup)
{
  guint n = 0;

  for (guint i = 0; i < widgets->len; i++)
    {
      const char *label;

      if (!GTK_IS_LABEL (widgets->pdata[i]))
        continue;
      for (label = gtk_label_get_label (widgets->pdata[i]);
           (label = strstr (label, markup)) != NULL; label++)
        n++;
    }
  return n;
}

static void
test_seed_headings (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
  CommunityPageView *view = view_for (page);
  g_autoptr(GPtrArray) widgets = descendants (view);
  guint headings = 0, level2 = 0;

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkAccessible *accessible = widgets->pdata[i];

      if (gtk_accessible_get_accessible_role (accessible) != GTK_ACCESSIBLE_ROLE_HEADING)
        continue;
      headings++;
      g_assert_true (GTK_IS_LABEL (accessible));
      if (gtk_widget_has_css_class (widgets->pdata[i], "title-2"))
        {
          g_autofree char *mismatch =
            gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LEVEL, 2);

          g_assert_null (mismatch);
          level2++;
        }
    }
  g_assert_cmpuint (headings, ==, 9);
  g_assert_cmpuint (level2, ==, 5);
  g_assert_null (community_page_view_get_section_widget (view, "社群规则"));
  g_assert_nonnull (community_page_view_get_section_widget (view, "付费社群"));
  g_assert_nonnull (community_page_view_get_section_widget (view, "社群失联"));

  g_clear_pointer (&widgets, g_ptr_array_unref);
  g_assert_finalize_object (view);
}

static void
test_seed_blocks (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
  CommunityPageView *view = view_for (page);
  g_autoptr(GPtrArray) widgets = descendants (view);
  guint separators_in_danger = 0;

  g_assert_cmpuint (count_class (widgets, "community-callout"), ==, 4);
  g_assert_cmpuint (count_class (widgets, "community-callout-tip"), ==, 2);
  g_assert_cmpuint (count_class (widgets, "community-callout-danger"), ==, 2);
  g_assert_cmpuint (count_class (widgets, "community-blockquote"), ==, 1);
  /* 7 lists: 2 + 2 + 3 (the prices) + 2 + 4 + 5 + 2 items. */
  g_assert_cmpuint (count_class (widgets, "community-list"), ==, 7);
  g_assert_cmpuint (count_class (widgets, "community-list-marker"), ==, 20);
  /* 7 code spans, each a chip that copies. */
  g_assert_cmpuint (count_labels_containing (widgets, "href=\"copy:"), ==, 7);
  /* The 4 site links (the 2 "服务说明" among them) and the mailto link
   * open; no ".md" target is left on the page. */
  g_assert_cmpuint (count_labels_containing (widgets, "<a href=\"https://jpom.top/pages/"), ==, 4);
  g_assert_cmpuint (count_labels_containing (widgets, "<a href=\"https://jpom.top/pages/praise/\""), ==, 1);
  g_assert_cmpuint (count_labels_containing (widgets,
                                             "<a href=\"https://jpom.top/pages/enterprise-service/\""),
                    ==, 1);
  g_assert_cmpuint (count_labels_containing (widgets, "<a href=\"mailto:bwcx_jzy@dromara.org\""), ==, 1);
  g_assert_cmpuint (count_labels_containing (widgets, ".md"), ==, 0);
  /* 11 bold runs: the 3 prices among them. */
  g_assert_cmpuint (count_labels_containing (widgets, "<b>"), ==, 11);
  g_assert_cmpuint (count_labels_containing (widgets, "<b>30元/月</b>"), ==, 1);
  g_assert_cmpuint (count_labels_containing (widgets, "<i>"), ==, 1);

  for (guint i = 0; i < widgets->len; i++)
    if (GTK_IS_SEPARATOR (widgets->pdata[i]))
      {
        GtkWidget *parent = gtk_widget_get_parent (widgets->pdata[i]);

        g_assert_true (gtk_widget_has_css_class (parent, "community-callout-danger"));
        separators_in_danger++;
      }
  g_assert_cmpuint (separators_in_danger, ==, 1);

  g_clear_pointer (&widgets, g_ptr_array_unref);
  g_assert_finalize_object (view);
}

static GtkLabel *
first_label (gpointer root)
{
  g_autoptr(GPtrArray) widgets = descendants (root);

  for (guint i = 0; i < widgets->len; i++)
    if (GTK_IS_LABEL (widgets->pdata[i]))
      return widgets->pdata[i];
  return NULL;
}

static void
test_escaping (void)
{
  g_autoptr(CommunityPage) page =
    parse ("1 < 2 && 3 > 2 \\<span foreground=\"red\"> &lt;i&gt; `<b>&amp;</b>`"
           " <span foreground=\"red\">raw</span>\n");
  CommunityPageView *view = view_for (page);
  GtkLabel *label = first_label (view);

  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "1 < 2 && 3 > 2 <span foreground=\"red\"> <i> \u2009<b>&amp;</b>\u2009 raw");
  /* The raw tag is dropped, not applied: no red anywhere. */
  g_assert_null (strstr (gtk_label_get_label (label), "foreground=\"red\">raw"));
  g_assert_finalize_object (view);
}

static void
copy_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  char **copied = user_data;

  g_free (*copied);
  *copied = g_variant_dup_string (parameter, NULL);
}

/* Code chips are monospace unless every character is wide East Asian
 * text, which looks the same in the page's own family. */
static void
test_code_font (void)
{
  g_autoptr(CommunityPage) page =
    parse ("`jpom66` `Jpom 付费社群` `付费社群中我们会尽量答复每一个人的疑问` [`a b`](https://jpom.top/) [`社群`](https://jpom.top/)\n");
  const CommunityNode *paragraph = community_page_get_root (page)->first_child;
  g_autofree char *markup = community_page_markup_build (paragraph);
  g_auto(GStrv) chips = g_strsplit (markup, "<a href=\"copy:", -1);

  /* Three chips: the text before the first, then one piece each. */
  g_assert_cmpuint (g_strv_length (chips), ==, 4);
  g_assert_nonnull (strstr (chips[1], "font_family=\"monospace\""));
  g_assert_nonnull (strstr (chips[2], "font_family=\"monospace\""));
  g_assert_null (strstr (chips[3], "font_family"));
  g_assert_nonnull (strstr (chips[3], "\u2009付费社群中我们会尽量答复每一个人的疑问\u2009"));
  /* Inside a link: <tt> only where monospace matters. */
  g_assert_nonnull (strstr (chips[3], "<tt>a b</tt>"));
  g_assert_null (strstr (chips[3], "<tt>社群</tt>"));
  g_assert_nonnull (strstr (chips[3], ">社群</a>"));
}

static void
test_copy_chip (void)
{
  g_autoptr(CommunityPage) page = parse ("微信：`jpom66`，备注：`Jpom 付费社群`\n");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) copy = g_simple_action_new ("copy", G_VARIANT_TYPE_STRING);
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  CommunityPageView *view = view_for (page);
  g_autofree char *copied = NULL;
  gboolean handled = FALSE;
  GtkLabel *label;

  g_signal_connect (copy, "activate", G_CALLBACK (copy_cb), &copied);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (copy));
  gtk_widget_insert_action_group (box, "toast", G_ACTION_GROUP (group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  label = first_label (view);

  g_signal_emit_by_name (label, "activate-link", "copy:Jpom%20%E4%BB%98%E8%B4%B9%E7%A4%BE%E7%BE%A4", &handled);
  g_assert_true (handled);
  g_assert_cmpstr (copied, ==, "Jpom 付费社群");
  g_assert_nonnull (strstr (gtk_label_get_label (label), "href=\"copy:jpom66\""));

  /* A target outside the policy never opens, even if it reached a label. */
  handled = FALSE;
  g_signal_emit_by_name (label, "activate-link", "javascript:alert(1)", &handled);
  g_assert_true (handled);

  gtk_box_remove (GTK_BOX (box), GTK_WIDGET (view));
  g_assert_finalize_object (view);
  g_object_unref (box);
}

static void
test_link_tooltip (void)
{
  g_autoptr(CommunityPage) page = parse ("[站点](/pages/0facbd/) [说明](00.x/00.y.md) [坏](javascript:alert(1))\n");
  CommunityPageView *view = view_for (page);
  GtkLabel *label = first_label (view);

  g_assert_cmpstr (gtk_label_get_label (label), ==,
                   "<a href=\"https://jpom.top/pages/0facbd/\" title=\"https://jpom.top/pages/0facbd/\">站点</a> 说明 坏");
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (label)));
  g_assert_finalize_object (view);
}

static void
test_containers (void)
{
  g_autoptr(CommunityPage) page =
    parse ("::: details More\nHidden\n:::\n\n::: right\nRight\n:::\n\n"
           "::: center\nCentre\n:::\n\n::: cardList\nPlain\n:::\n\n"
           "::: warning\nCareful\n:::\n\n![alt text](/images/x.png)\n\n```c\nint x;\n```\n");
  CommunityPageView *view = view_for (page);
  g_autoptr(GPtrArray) widgets = descendants (view);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));

  g_assert_true (GTK_IS_EXPANDER (child));
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (child)), ==, "More");
  child = gtk_widget_get_next_sibling (child);
  g_assert_cmpfloat (gtk_label_get_xalign (first_label (child)), ==, 1.0f);
  child = gtk_widget_get_next_sibling (child);
  g_assert_cmpfloat (gtk_label_get_xalign (first_label (child)), ==, 0.5f);
  child = gtk_widget_get_next_sibling (child);
  g_assert_false (gtk_widget_has_css_class (child, "community-callout"));
  child = gtk_widget_get_next_sibling (child);
  g_assert_true (gtk_widget_has_css_class (child, "community-callout-warning"));
  /* The default title, in the UI language (C here). */
  g_assert_cmpstr (gtk_label_get_text (first_label (child)), ==, "Warning");
  child = gtk_widget_get_next_sibling (child);
  g_assert_true (gtk_widget_has_css_class (child, "community-image"));
  g_assert_cmpstr (gtk_label_get_text (first_label (child)), ==, "alt text");
  child = gtk_widget_get_next_sibling (child);
  g_assert_true (gtk_widget_has_css_class (child, "community-code"));
  g_assert_cmpstr (gtk_label_get_text (first_label (child)), ==, "int x;");

  g_clear_pointer (&widgets, g_ptr_array_unref);
  g_assert_finalize_object (view);
}

static GtkWidget *
image_hook (CommunityPageView   *view,
            const CommunityNode *image,
            gpointer             user_data)
{
  /* The seed page's QR card, an <img> in raw HTML. */
  return g_str_equal (image->url, "/images/qrcode/weixin-jpom66.jpg") ? gtk_label_new ("QR") : NULL;
}

static GtkWidget *
section_hook (CommunityPageView          *view,
              const CommunityPageSection *section,
              GtkWidget                  *content,
              gpointer                    user_data)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  (*(guint *) user_data)++;
  gtk_widget_add_css_class (frame, "test-card");
  gtk_frame_set_child (GTK_FRAME (frame), content);
  return frame;
}

static void
test_hooks (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
  CommunityPageView *view = g_object_ref_sink (COMMUNITY_PAGE_VIEW (community_page_view_new ()));
  g_autoptr(GPtrArray) widgets = NULL;
  guint sections = 0;
  gboolean found_qr = FALSE;

  community_page_view_set_image_func (view, image_hook, NULL, NULL);
  community_page_view_set_section_func (view, section_hook, &sections, NULL);
  community_page_view_set_page (view, page);
  community_page_view_build_all (view);

  widgets = descendants (view);
  g_assert_cmpuint (sections, ==, 5);
  g_assert_cmpuint (count_class (widgets, "test-card"), ==, 5);
  g_assert_true (gtk_widget_has_css_class (community_page_view_get_section_widget (view, "加入社群"),
                                           "test-card"));
  for (guint i = 0; i < widgets->len; i++)
    found_qr |= GTK_IS_LABEL (widgets->pdata[i])
                && g_str_equal (gtk_label_get_text (widgets->pdata[i]), "QR");
  g_assert_true (found_qr);

  g_clear_pointer (&widgets, g_ptr_array_unref);
  g_assert_finalize_object (view);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
give_up_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The first screen is built at once, the rest after the first frame,
 * without anyone asking. */
static void
test_progressive (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  CommunityPageView *view = g_object_ref (COMMUNITY_PAGE_VIEW (community_page_view_new ()));
  gboolean complete = FALSE, gave_up = FALSE;
  guint first_screen = 0, all = 0;
  guint timeout;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 700);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  g_signal_connect (view, "notify::complete", G_CALLBACK (notify_cb), &complete);

  community_page_view_set_page (view, page);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c; c = gtk_widget_get_next_sibling (c))
    first_screen++;
  g_assert_false (community_page_view_get_complete (view));
  g_assert_cmpuint (first_screen, >, 0);

  gtk_window_present (GTK_WINDOW (window));
  timeout = g_timeout_add_seconds (20, give_up_cb, &gave_up);
  while (!complete && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gave_up);
  g_source_remove (timeout);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c; c = gtk_widget_get_next_sibling (c))
    all++;
  g_assert_cmpuint (all, >, first_screen);
  g_assert_true (community_page_view_get_complete (view));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  /* The test accessibility backend, so that heading levels can be read
   * back with gtk_test_accessible_check_property(). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/page/view/seed-headings", test_seed_headings);
  g_test_add_func ("/community/page/view/seed-blocks", test_seed_blocks);
  g_test_add_func ("/community/page/view/escaping", test_escaping);
  g_test_add_func ("/community/page/view/copy-chip", test_copy_chip);
  g_test_add_func ("/community/page/view/code-font", test_code_font);
  g_test_add_func ("/community/page/view/link-tooltip", test_link_tooltip);
  g_test_add_func ("/community/page/view/containers", test_containers);
  g_test_add_func ("/community/page/view/hooks", test_hooks);
  g_test_add_func ("/community/page/view/progressive", test_progressive);

  return g_test_run ();
}
