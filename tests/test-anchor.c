/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-anchor.c: VuePress anchors and the page's sections. */
#include "config.h"

#include <string.h>

#include "community-anchor.h"
#include "community-page.h"
#include "community-test-core.h"

static void
test_anchors_slugify (void)
{
  static const struct { const char *text; const char *slug; } cases[] = {
    { "付费社群", "付费社群" },
    { "社群失联？", "社群失联" },
    { "问题（一），答案：是！", "问题-一-答案-是" },
    { "Hello, World!", "hello-world" },
    { "  Spaces   and--dashes__ ", "spaces-and-dashes" },
    { "2022 年", "_2022-年" },
    { "Café “quoted”", "cafe-quoted" },
    { "C++ & Java", "c-java" },
    /* VuePress keeps CJK punctuation that NFKD leaves alone. */
    { "句号。", "句号。" },
    { "？？？", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = community_anchor_slugify (cases[i].text);

      g_assert_cmpstr (slug, ==, cases[i].slug);
    }
}

static void
test_anchors_unique (void)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const texts[] = { "社群规则", "社群规则", "社群规则-2", "社群规则", "A", "a" };
  static const char * const expected[] = { "社群规则", "社群规则-2", "社群规则-2-2", "社群规则-3", "a", "a-2" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *anchor = community_anchor_unique (used, texts[i]);

      g_assert_cmpstr (anchor, ==, expected[i]);
    }
}

static void
test_anchors_sections_top_level (void)
{
  g_autoptr(CommunityPage) page = community_test_parse ("# Title\n\n## One\n\n::: tip\n## Inside\n:::\n\n## One\n");
  GPtrArray *sections = community_page_get_sections (page);

  g_assert_cmpuint (sections->len, ==, 2);
  g_assert_cmpstr (((CommunityPageSection *) sections->pdata[0])->anchor, ==, "one");
  g_assert_cmpstr (((CommunityPageSection *) sections->pdata[1])->anchor, ==, "one-2");
  g_assert_cmpstr (community_test_nth_node (community_page_get_root (page), COMMUNITY_NODE_HEADING, 2)->anchor,
                   ==, "inside");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/anchor/slugify", test_anchors_slugify);
  g_test_add_func ("/community/anchor/unique", test_anchors_unique);
  g_test_add_func ("/community/anchor/sections-top-level", test_anchors_sections_top_level);

  return g_test_run ();
}
