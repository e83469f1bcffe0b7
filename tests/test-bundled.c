/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "community-bundled.h"

static void
assert_page_for (const char * const *languages,
                 const char         *expected)
{
  g_assert_cmpstr (community_bundled_page_for_languages (languages), ==, expected);
}

static void
test_chinese_locales (void)
{
  const char *zh_cn[] = { "zh_CN.UTF-8", "zh_CN", "zh", "C", NULL };
  const char *zh_sg[] = { "zh_SG", "zh", "C", NULL };
  const char *zh[] = { "zh", "C", NULL };
  const char *zh_tw[] = { "zh_TW.UTF-8", "zh_TW", "zh", "C", NULL };
  const char *zh_hk[] = { "zh_HK", "zh", "C", NULL };

  assert_page_for (zh_cn, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (zh_sg, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (zh, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (zh_tw, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (zh_hk, RESOURCE_BASE "/pages/join.zh_CN.md");
}

static void
test_first_language_wins (void)
{
  const char *de_zh[] = { "de_DE", "de", "zh_CN", "zh", "C", NULL };
  const char *en_zh[] = { "en_GB", "en", "zh_CN", "zh", "C", NULL };

  assert_page_for (de_zh, RESOURCE_BASE "/pages/join.zh_CN.md");
  g_assert_cmpstr (community_bundled_page_for_languages (en_zh), !=,
                   RESOURCE_BASE "/pages/join.zh_CN.md");
}

static void
test_bundled_page_is_verbatim (void)
{
  g_autoptr(GBytes) bundled = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gsize length;

  bundled = community_bundled_chinese_page_bytes (&error);
  g_assert_no_error (error);

  path = g_test_get_filename (G_TEST_DIST, "..", "data", "pages", "join.zh_CN.md", NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  g_assert_cmpmem (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled),
                   contents, length);
}

/* A Chinese UI gets no translation; any other gets the English one. */
static void
test_translation_path (void)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_null (community_bundled_translation_path ());

  g_setenv ("LANGUAGE", "de:en", TRUE);
  g_assert_cmpstr (community_bundled_translation_path (), ==,
                   RESOURCE_BASE "/pages/join.en.md");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/bundled/chinese-locales", test_chinese_locales);
  g_test_add_func ("/community/bundled/first-language-wins", test_first_language_wins);
  g_test_add_func ("/community/bundled/verbatim", test_bundled_page_is_verbatim);
  g_test_add_func ("/community/bundled/translation-path", test_translation_path);

  return g_test_run ();
}
