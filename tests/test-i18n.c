/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-i18n.c: the window in the language of the environment.
 *
 * meson runs this binary twice, with LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 and
 * with LANGUAGE=en LC_ALL=en_US.UTF-8, and the catalogues compiled into the
 * build tree. Each run checks the bundled page, the window title and the
 * menus in that language. */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "community-bundled.h"
#include "community-live-page.h"
#include "community-page-info.h"
#include "community-test-util.h"
#include "community-window.h"

typedef struct
{
  const char *language;       /* LANGUAGE, as meson sets it */
  const char *page;           /* the bundled page's resource path */
  const char *title;          /* the page's title, shown as the window's */
  const char *shortcuts;      /* the primary menu's Keyboard Shortcuts item */
  const char *menu_tooltip;   /* the primary menu button's tooltip */
  gboolean    translated;     /* whether labels differ from the msgids */
} Expected;

static const Expected expectations[] = {
  { "zh_CN", RESOURCE_BASE "/pages/join.zh_CN.md", "加入社群",
    "键盘快捷键(_K)", "主菜单", TRUE },
  { "en", RESOURCE_BASE "/pages/join.en.md", "Join the Community",
    "_Keyboard Shortcuts", "Main Menu", FALSE },
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
    g_error ("“%s” is not translated to %s", text, expected->language);
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

static void
test_locale (void)
{
  const char *wanted = g_getenv ("LC_ALL");
  g_autofree char *name = NULL;

  /* gettext ignores LANGUAGE under the C locale: without the locale the
   * other checks would fail for a reason that has nothing to do with us. */
  if (wanted == NULL || g_str_equal (wanted, "C") || g_str_has_prefix (wanted, "C."))
    g_error ("gettext ignores LANGUAGE under the C locale: "
             "run with LC_ALL=zh_CN.UTF-8 or LC_ALL=en_US.UTF-8");

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
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget))
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

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("LANGUAGE");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() fixes the locale for reproducible tests; this test is
   * about the locale, so it takes the one meson sets in the environment,
   * with the catalogues meson compiles. */
  env_locale = community_test_use_environment_locale ();
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_strcmp0 (language, expectations[i].language) == 0)
      expected = &expectations[i];

  if (expected == NULL)
    g_error ("Run with LANGUAGE set to zh_CN or en, not %s",
             language != NULL ? language : "(unset)");

  g_test_add_func ("/community/i18n/locale", test_locale);
  g_test_add_func ("/community/i18n/bundled-page", test_bundled_page);
  g_test_add_func ("/community/i18n/window-title", test_window_title);
  g_test_add_func ("/community/i18n/primary-menu", test_primary_menu);
  g_test_add_func ("/community/i18n/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/community/i18n/page-info", test_page_info);

  status = g_test_run ();
  g_free (env_locale);

  return status;
}
