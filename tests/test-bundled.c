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

  assert_page_for (zh_cn, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (zh_sg, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (zh, RESOURCE_BASE "/pages/join.zh_CN.md");
}

/* Taiwan and Hong Kong get the Traditional Chinese page, as
 * g_get_language_names () spells their locales. */
static void
test_traditional_chinese_locales (void)
{
  const char *zh_tw[] = { "zh_TW.UTF-8", "zh_TW", "zh.UTF-8", "zh", "C", NULL };
  const char *zh_hk[] = { "zh_HK.UTF-8", "zh_HK", "zh.UTF-8", "zh", "C", NULL };
  const char *zh_hk_big5[] = { "zh_HK.BIG5-HKSCS", "zh_HK", "zh", "C", NULL };
  const char *zh_tw_modifier[] = { "zh_TW@pinyin", "zh", "C", NULL };
  /* Not Taiwan's locale, though it starts with its name. */
  const char *zh_twx[] = { "zh_TWX", "zh", "C", NULL };
  /* LANGUAGE=zh_HK:zh_TW, as some desktops set it for Hong Kong. */
  const char *hk_then_tw[] = { "zh_HK", "zh", "zh_TW", "zh", "C", NULL };

  assert_page_for (zh_tw, RESOURCE_BASE "/pages/join.zh_TW.md");
  assert_page_for (zh_hk, RESOURCE_BASE "/pages/join.zh_TW.md");
  assert_page_for (zh_hk_big5, RESOURCE_BASE "/pages/join.zh_TW.md");
  assert_page_for (zh_tw_modifier, RESOURCE_BASE "/pages/join.zh_TW.md");
  assert_page_for (zh_twx, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (hk_then_tw, RESOURCE_BASE "/pages/join.zh_TW.md");
}

static void
test_first_language_wins (void)
{
  const char *de_zh[] = { "de_DE", "de", "zh_CN", "zh", "C", NULL };
  const char *en_zh[] = { "en_GB", "en", "zh_CN", "zh", "C", NULL };
  const char *cn_tw[] = { "zh_CN", "zh", "zh_TW", "zh", "C", NULL };
  const char *de_tw[] = { "de_DE", "de", "zh_TW", "zh", "C", NULL };
  const char *en_tw[] = { "en_US", "en", "zh_TW", "zh", "C", NULL };

  assert_page_for (de_zh, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (cn_tw, RESOURCE_BASE "/pages/join.zh_CN.md");
  assert_page_for (de_tw, RESOURCE_BASE "/pages/join.zh_TW.md");
  assert_page_for (en_tw, RESOURCE_BASE "/pages/join.en.md");
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

/* A Simplified Chinese UI gets no translation; Taiwan and Hong Kong get
 * the Traditional Chinese one, any other the English one. */
static void
test_translation_path (void)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_null (community_bundled_translation_path ());

  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  g_assert_cmpstr (community_bundled_translation_path (), ==,
                   RESOURCE_BASE "/pages/join.zh_TW.md");

  g_setenv ("LANGUAGE", "zh_HK", TRUE);
  g_assert_cmpstr (community_bundled_translation_path (), ==,
                   RESOURCE_BASE "/pages/join.zh_TW.md");

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
  g_test_add_func ("/community/bundled/traditional-chinese-locales",
                   test_traditional_chinese_locales);
  g_test_add_func ("/community/bundled/first-language-wins", test_first_language_wins);
  g_test_add_func ("/community/bundled/verbatim", test_bundled_page_is_verbatim);
  g_test_add_func ("/community/bundled/translation-path", test_translation_path);

  return g_test_run ();
}
