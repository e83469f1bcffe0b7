/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-i18n.c: the window in the language of the environment.
 *
 * meson runs this binary once per case in tests/meson.build, each with the
 * environment a reader of that language has and COMMUNITY_TEST_I18N naming
 * the case: zh_CN and en (LANGUAGE and LC_ALL), zh_TW (LANG=zh_TW.UTF-8
 * alone), zh_HK (LANG=zh_HK.UTF-8 alone, and with LANGUAGE=zh_HK:zh_TW),
 * with the catalogues compiled into the build tree. Each run checks the
 * bundled page, the window title, the page's headings as the
 * accessibility tree gives them, the Join dialog's steps and the menus in
 * that language. */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "community-bundled.h"
#include "community-join-dialog.h"
#include "community-live-page.h"
#include "community-notice-set.h"
#include "community-page-info.h"
#include "community-page-view.h"
#include "community-test-util.h"
#include "community-window.h"

#define N_HEADINGS 4

typedef struct
{
  const char *name;           /* COMMUNITY_TEST_I18N, as meson sets it */
  const char *language;       /* g_get_language_names ()[0] */
  const char *page;           /* the bundled page's resource path */
  const char *title;          /* the page's title, shown as the window's */
  const char *shortcuts;      /* the primary menu's Keyboard Shortcuts item */
  const char *menu_tooltip;   /* the primary menu button's tooltip */
  gboolean    translated;     /* whether labels differ from the msgids */
  /* Headings the window shows, and headings of another script that it
   * must not show. */
  const char *headings[N_HEADINGS];
  const char *foreign_headings[N_HEADINGS];
  /* The Join dialog's payment step for the paid tier: the locale's list
   * separator between the page's prices, and its quotation marks. */
  const char *pay_step;
} Expected;

#define SIMPLIFIED_HEADINGS { "付费社群", "免费社群", "社群规则", "社群失联？" }
#define TRADITIONAL_HEADINGS { "付費社群", "免費社群", "社群規則", "社群失聯？" }
#define TRADITIONAL_PAY_STEP \
  "小助手加您為好友後，請從 30元/月、80元/季度、300元/年 中選擇一種金額，" \
  "透過微信轉帳支付，詳見「付費社群」一節。"

static const Expected expectations[] = {
  { "zh_CN", "zh_CN", RESOURCE_BASE "/pages/join.zh_CN.md", "加入社群",
    "键盘快捷键(_K)", "主菜单", TRUE,
    SIMPLIFIED_HEADINGS, TRADITIONAL_HEADINGS,
    "添加上小助手后，请从 30元/月、80元/季度、300元/年 中选择一种金额，"
    "通过微信转账支付，详见“付费社群”一节。" },
  { "en", "en", RESOURCE_BASE "/pages/join.en.md", "Join the Community",
    "_Keyboard Shortcuts", "Main Menu", FALSE,
    { "Paid Community", "Free Community", "Community Rules", "Lost Contact with the Community?" },
    SIMPLIFIED_HEADINGS,
    "Once the assistant has added you, pay one of 30元/月, 80元/季度, 300元/年 "
    "by WeChat transfer, as the “Paid Community” section describes." },
  { "zh_TW", "zh_TW.UTF-8", RESOURCE_BASE "/pages/join.zh_TW.md", "加入社群",
    "鍵盤快捷鍵(_K)", "主選單", TRUE,
    TRADITIONAL_HEADINGS, SIMPLIFIED_HEADINGS, TRADITIONAL_PAY_STEP },
  /* No zh_HK catalogue nor page: the zh_TW ones, through po/'s link. */
  { "zh_HK", "zh_HK.UTF-8", RESOURCE_BASE "/pages/join.zh_TW.md", "加入社群",
    "鍵盤快捷鍵(_K)", "主選單", TRUE,
    TRADITIONAL_HEADINGS, SIMPLIFIED_HEADINGS, TRADITIONAL_PAY_STEP },
  /* LANGUAGE as some desktops set it for Hong Kong. */
  { "zh_HK-LANGUAGE", "zh_HK", RESOURCE_BASE "/pages/join.zh_TW.md", "加入社群",
    "鍵盤快捷鍵(_K)", "主選單", TRUE,
    TRADITIONAL_HEADINGS, SIMPLIFIED_HEADINGS, TRADITIONAL_PAY_STEP },
};

static const Expected *expected;
/* What setlocale (LC_ALL, "") gave, or NULL when the locale is missing. */
static char *env_locale;

/* Helpers. */

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

/* Checks a user-visible string: in Chinese it must not be left in English
 * (every translation has a Chinese character), in English it must be. */
static void
assert_in_language (const char *text)
{
  g_assert_nonnull (text);
  if (expected->translated && is_ascii (text))
    g_error ("“%s” is not translated to %s", text, expected->name);
  if (!expected->translated && !is_ascii (text))
    g_error ("“%s” is not English", text);
}

static CommunityWindow *
window_new_with_bundled_page (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CommunityWindow *window;

  bytes = community_bundled_page_bytes (&error);
  g_assert_no_error (error);
  page = community_page_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  window = g_object_new (COMMUNITY_TYPE_WINDOW, "page", page, NULL);

  return window;
}

static void
destroy_window (CommunityWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (window);
}

/* Collects the "label" attribute of every item of @model, sections and
 * submenus included. */
static void
collect_labels (GMenuModel *model,
                GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      char *label = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, label);

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          collect_labels (link, labels);
        }
    }
}

/* Tests. */

/* The locale the environment asks for, as setlocale () reads it. */
static const char *
wanted_locale (void)
{
  const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }

  return NULL;
}

static void
test_locale (void)
{
  const char *wanted = wanted_locale ();
  g_autofree char *name = NULL;

  /* gettext ignores LANGUAGE under the C locale: without the locale the
   * other checks would fail for a reason that has nothing to do with us. */
  if (wanted == NULL || g_str_equal (wanted, "C") || g_str_has_prefix (wanted, "C."))
    g_error ("gettext ignores LANGUAGE under the C locale: "
             "run with LC_ALL or LANG set to zh_CN.UTF-8, en_US.UTF-8, zh_TW.UTF-8 or zh_HK.UTF-8");

  name = g_strndup (wanted, strcspn (wanted, "."));
  if (env_locale == NULL)
    g_error ("The locale %s is not installed: generate it with "
             "“localedef -i %s -f UTF-8 %s” (tools/install-deps.sh does)",
             wanted, name, wanted);

  g_assert_cmpstr (g_get_language_names ()[0], ==, expected->language);
}

static void
test_bundled_page (void)
{
  g_assert_cmpstr (community_bundled_page_path (), ==, expected->page);
}

static void
test_window_title (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();
  AdwWindowTitle *window_title;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected->title);

  window_title = ADW_WINDOW_TITLE (community_test_find_descendant (GTK_WIDGET (window),
                                                    ADW_TYPE_WINDOW_TITLE));
  g_assert_nonnull (window_title);
  g_assert_cmpstr (adw_window_title_get_title (window_title), ==, expected->title);

  destroy_window (window);
}

/* The text of every heading in @widget, in the order of the accessibility
 * tree: the widgets whose accessible role is "heading" (the page's own and
 * the tier cards'), and their accessible name, a label's text. */
static void
collect_headings (GtkWidget *widget,
                  GPtrArray *headings)
{
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_HEADING)
    {
      g_assert_true (GTK_IS_LABEL (widget));
      g_ptr_array_add (headings, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_headings (child, headings);
}

static void
test_headings (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();
  g_autoptr(GPtrArray) headings = g_ptr_array_new ();
  CommunityPageView *view;

  gtk_window_present (GTK_WINDOW (window));
  view = COMMUNITY_PAGE_VIEW (community_test_find_descendant (GTK_WIDGET (window),
                                                              COMMUNITY_TYPE_PAGE_VIEW));
  g_assert_nonnull (view);
  /* The view builds the first screen first; the rest now. */
  community_page_view_build_all (view);
  collect_headings (GTK_WIDGET (window), headings);
  g_assert_cmpuint (headings->len, >=, N_HEADINGS);

  for (guint i = 0; i < N_HEADINGS; i++)
    {
      if (!g_ptr_array_find_with_equal_func (headings, expected->headings[i], g_str_equal, NULL))
        g_error ("No heading reads “%s”", expected->headings[i]);
      if (g_ptr_array_find_with_equal_func (headings, expected->foreign_headings[i], g_str_equal, NULL))
        g_error ("A heading reads “%s”, not in the language of %s",
                 expected->foreign_headings[i], expected->name);
    }
  for (guint i = 0; i < headings->len; i++)
    assert_in_language (g_ptr_array_index (headings, i));

  destroy_window (window);
}

/* The steps of a Join dialog: the text of each list item's label after
 * its number. */
static void
collect_steps (GtkWidget *dialog,
               GPtrArray *steps)
{
  GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (dialog, COMMUNITY_TYPE_JOIN_DIALOG,
                                                              "steps_box"));

  g_assert_nonnull (box);
  for (GtkWidget *step = gtk_widget_get_first_child (box);
       step != NULL;
       step = gtk_widget_get_next_sibling (step))
    {
      GtkWidget *text = gtk_widget_get_next_sibling (gtk_widget_get_first_child (step));

      g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (step))
                     == GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      g_assert_true (GTK_IS_LABEL (text));
      g_ptr_array_add (steps, (gpointer) gtk_label_get_text (GTK_LABEL (text)));
    }
}

/* The Join dialog of the paid tier, as the window's page gives it: its
 * title and steps in the language, the remark as the Chinese page has it,
 * the prices joined the locale's way. */
static void
test_join_steps (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();
  CommunityJoin *join = community_window_get_join (window);
  const CommunityTier *paid = g_ptr_array_index (community_join_get_tiers (join), 0);
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  GtkWidget *dialog;

  g_assert_true (community_tier_is_paid (paid));
  g_assert_cmpstr (paid->name, ==, expected->headings[0]);
  dialog = g_object_ref_sink (community_join_dialog_new (join, paid->anchor));

  assert_in_language (community_join_dialog_get_title (COMMUNITY_JOIN_DIALOG (dialog)));
  g_assert_nonnull (strstr (community_join_dialog_get_title (COMMUNITY_JOIN_DIALOG (dialog)),
                            expected->headings[0]));
  collect_steps (dialog, steps);
  g_assert_cmpuint (steps->len, ==, 3);
  /* In English only the first step has no Chinese in it: the remark and
   * the prices are the page's. */
  for (guint i = 0; i < (expected->translated ? steps->len : 1); i++)
    assert_in_language (g_ptr_array_index (steps, i));
  g_assert_nonnull (strstr (g_ptr_array_index (steps, 1), "Jpom 付费社群"));
  g_assert_cmpstr (g_ptr_array_index (steps, 2), ==, expected->pay_step);

  g_assert_finalize_object (dialog);
  destroy_window (window);
}

/* A toast's text and the launcher's action, through gettext itself. */
static void
test_catalogue (void)
{
  const struct { const char *msgid; const char *zh_CN; const char *zh_TW; } strings[] = {
    { "Copied to clipboard", "已复制到剪贴板", "已複製到剪貼簿" },
    { "Copy the Assistant's WeChat ID", "复制小助手微信号", "複製小助手微信號" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *want = strings[i].msgid;

      if (g_str_equal (expected->page, RESOURCE_BASE "/pages/join.zh_CN.md"))
        want = strings[i].zh_CN;
      else if (g_str_equal (expected->page, RESOURCE_BASE "/pages/join.zh_TW.md"))
        want = strings[i].zh_TW;
      g_assert_cmpstr (_(strings[i].msgid), ==, want);
    }
}

/* The launcher's entry and actions, as a desktop reads the built desktop
 * file: the Name of each group in the reader's languages. */
static void
test_desktop_file (void)
{
  const struct { const char *group; const char *zh_CN; const char *zh_TW; const char *en; } names[] = {
    { "Desktop Entry", "Jpom 社群", "Jpom 社群", "Jpom Community" },
    { "Desktop Action copy-wechat-id", "复制小助手微信号", "複製小助手微信號",
      "Copy the Assistant's WeChat ID" },
    { "Desktop Action email", "发送邮件联系维护者", "寄電子郵件給維護者", "Email the Maintainers" },
  };
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = g_build_filename (g_getenv ("TOP_BUILDDIR"), "data",
                                            APPLICATION_ID ".desktop", NULL);
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_key_file_get_locale_string (key_file, names[i].group, "Name",
                                                            NULL, &error);
      const char *want = names[i].en;

      g_assert_no_error (error);
      if (g_str_equal (expected->page, RESOURCE_BASE "/pages/join.zh_CN.md"))
        want = names[i].zh_CN;
      else if (g_str_equal (expected->page, RESOURCE_BASE "/pages/join.zh_TW.md"))
        want = names[i].zh_TW;
      g_assert_cmpstr (name, ==, want);
    }
}

static void
test_primary_menu (void)
{
  CommunityWindow *window = g_object_new (COMMUNITY_TYPE_WINDOW, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkMenuButton *button;
  GMenuModel *model;

  button = GTK_MENU_BUTTON (community_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==,
                   expected->menu_tooltip);

  /* The menu is built when it first opens. */
  g_assert_null (gtk_menu_button_get_menu_model (button));
  gtk_window_present (GTK_WINDOW (window));
  gtk_menu_button_popup (button);
  model = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (model);
  collect_labels (model, labels);
  g_assert_cmpuint (labels->len, >, 0);

  g_assert_true (g_ptr_array_find_with_equal_func (labels, expected->shortcuts,
                                                   g_str_equal, NULL));
  for (guint i = 0; i < labels->len; i++)
    assert_in_language (g_ptr_array_index (labels, i));

  destroy_window (window);
}

static void
collect_shortcut_titles (GtkWidget *widget,
                         GPtrArray *titles)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) || GTK_IS_SHORTCUTS_GROUP (widget))
    {
      char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      g_ptr_array_add (titles, title);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcut_titles (child, titles);
}

/* The shortcuts window the window's Keyboard Shortcuts opens. */
static void
test_shortcuts_window (void)
{
  CommunityWindow *window = window_new_with_bundled_page ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *shortcuts;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  shortcuts = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_nonnull (shortcuts);

  /* The titles carry a "shortcut window" context. The window shows each
   * shortcut twice (its list and its search results): five shortcuts and
   * their group. */
  collect_shortcut_titles (shortcuts, titles);
  for (guint i = 0; i < titles->len; i++)
    {
      assert_in_language (g_ptr_array_index (titles, i));
      g_hash_table_add (distinct, g_ptr_array_index (titles, i));
    }
  g_assert_cmpuint (g_hash_table_size (distinct), ==, 6);

  gtk_window_destroy (GTK_WINDOW (shortcuts));
  destroy_window (window);
}

static void
collect_row_titles (GtkWidget *widget,
                    GPtrArray *titles)
{
  /* A notice's row is titled with the post's own title, which is the
   * site's text, not the app's. */
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget)
      && !gtk_widget_has_css_class (widget, "community-notice"))
    g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_titles (child, titles);
}

/* The page information view names its rows in the language; the page's
 * own sha256 is a name, not a word to translate. */
static void
test_page_info (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_dir_make_tmp ("test-i18n-XXXXXX", &error);
  g_autoptr(CommunityLivePage) live_page = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkWidget *info;

  g_assert_no_error (error);
  live_page = community_live_page_new (cache);
  g_assert_true (community_live_page_load_local (live_page, &error));
  g_assert_no_error (error);

  info = g_object_ref_sink (community_page_info_new (live_page));
  collect_row_titles (info, titles);
  g_assert_cmpuint (titles->len, >=, 3);
  for (guint i = 0; i < titles->len; i++)
    if (!g_str_equal (g_ptr_array_index (titles, i), "SHA-256"))
      assert_in_language (g_ptr_array_index (titles, i));

  g_assert_finalize_object (info);
  g_rmdir (cache);
}

/* The notice over the page: a label in the language, then the date and
 * the post's title as the site gives it ("Announcement · 2026-02-05 ·
 * 项目暂停维护公告" in English). */
static void
test_notice_label (void)
{
  g_autoptr(GPtrArray) seed = community_notice_set_new_seed ();
  CommunityNotice *notice = ((CommunityNoticeEntry *) g_ptr_array_index (seed, 0))->notice;
  g_autofree char *text = community_notice_describe (notice);
  g_auto(GStrv) parts = g_strsplit (text, " · ", -1);

  g_test_message ("%s", text);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  assert_in_language (parts[0]);
  g_assert_cmpstr (parts[0], ==, expected->translated ? "公告" : "Announcement");
  g_assert_cmpstr (parts[1], ==, "2026-02-05");
  g_assert_cmpstr (parts[2], ==, "项目暂停维护公告");
}

int
main (int   argc,
      char *argv[])
{
  const char *name = g_getenv ("COMMUNITY_TEST_I18N");
  int status;

  /* The test accessibility backend: the tests read roles over it. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() fixes the locale for reproducible tests; this test is
   * about the locale, so it takes the one meson sets in the environment,
   * with the catalogues meson compiles. */
  env_locale = community_test_use_environment_locale ();
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_strcmp0 (name, expectations[i].name) == 0)
      expected = &expectations[i];

  if (expected == NULL)
    g_error ("Run with COMMUNITY_TEST_I18N set to a case of tests/meson.build, not %s",
             name != NULL ? name : "(unset)");

  g_test_add_func ("/community/i18n/locale", test_locale);
  g_test_add_func ("/community/i18n/bundled-page", test_bundled_page);
  g_test_add_func ("/community/i18n/catalogue", test_catalogue);
  g_test_add_func ("/community/i18n/desktop-file", test_desktop_file);
  g_test_add_func ("/community/i18n/window-title", test_window_title);
  g_test_add_func ("/community/i18n/headings", test_headings);
  g_test_add_func ("/community/i18n/join-steps", test_join_steps);
  g_test_add_func ("/community/i18n/primary-menu", test_primary_menu);
  g_test_add_func ("/community/i18n/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/community/i18n/page-info", test_page_info);
  g_test_add_func ("/community/i18n/notice-label", test_notice_label);

  status = g_test_run ();
  g_free (env_locale);

  return status;
}
