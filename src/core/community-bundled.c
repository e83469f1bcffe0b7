/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "community-bundled.h"

#include <string.h>

#define PAGE_ZH    RESOURCE_BASE "/pages/join.zh_CN.md"
#define PAGE_EN    RESOURCE_BASE "/pages/join.en.md"
#define PAGE_ZH_TW RESOURCE_BASE "/pages/join.zh_TW.md"

/* Whether @language is @locale, with or without a codeset or modifier
 * ("zh_TW", "zh_TW.UTF-8", "zh_TW@pinyin"). */
static gboolean
is_locale (const char *language,
           const char *locale)
{
  gsize length = strlen (locale);

  return strncmp (language, locale, length) == 0
         && (language[length] == '\0' || language[length] == '.' || language[length] == '@');
}

static gboolean
is_traditional_chinese (const char *language)
{
  /* Hong Kong reads Traditional characters too: one page serves both,
   * as po/ installs the zh_TW catalogue as zh_HK's. */
  return is_locale (language, "zh_TW") || is_locale (language, "zh_HK");
}

static gboolean
is_chinese (const char *language)
{
  /* zh, zh_CN, zh_SG, and any other Chinese locale without a page of its
   * own: Simplified text serves it better than English. */
  return g_str_equal (language, "zh") || g_str_has_prefix (language, "zh_");
}

static gboolean
is_english (const char *language)
{
  return g_str_equal (language, "en") || g_str_has_prefix (language, "en_");
}

static gboolean
resource_exists (const char *path)
{
  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                               NULL, NULL, NULL);
}

const char *
community_bundled_page_for_languages (const char * const *languages)
{
  g_return_val_if_fail (languages != NULL, NULL);

  /* The first language we have a page for wins; "C" ends the list. */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (is_traditional_chinese (languages[i]) && resource_exists (PAGE_ZH_TW))
        return PAGE_ZH_TW;
      if (is_chinese (languages[i]))
        return PAGE_ZH;
      if (is_english (languages[i]) || g_str_equal (languages[i], "C"))
        break;
    }

  return resource_exists (PAGE_EN) ? PAGE_EN : PAGE_ZH;
}

const char *
community_bundled_page_path (void)
{
  return community_bundled_page_for_languages (g_get_language_names ());
}

GBytes *
community_bundled_page_bytes (GError **error)
{
  return g_resources_lookup_data (community_bundled_page_path (),
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

GBytes *
community_bundled_chinese_page_bytes (GError **error)
{
  return g_resources_lookup_data (PAGE_ZH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

const char *
community_bundled_translation_path (void)
{
  const char *path = community_bundled_page_path ();

  return g_str_equal (path, PAGE_ZH) ? NULL : path;
}
