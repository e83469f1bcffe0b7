/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-front-matter.c: YAML front matter between "---" lines: what a
 * page gives, and what it warns about. */
#include "config.h"

#include <string.h>

#include "community-page.h"
#include "community-test-core.h"

static void
test_front_matter_seed (void)
{
  g_autoptr(CommunityPage) page = community_test_seed_page ();
  const char * const *keys = community_page_get_front_matter_keys (page);
  const char * const expected[] = { "title", "date", "permalink", "tags", "categories", NULL };

  g_assert_cmpstrv (keys, expected);
  g_assert_cmpstr (community_page_get_title (page), ==, "加入社群");
  g_assert_cmpstr (community_page_get_front_matter (page, "date"), ==, "2022-06-11 17:46:54");
  g_assert_cmpstr (community_page_get_front_matter (page, "permalink"), ==, "/pages/praise/join/");
  g_assert_cmpstr (community_page_get_front_matter (page, "categories"), ==, "docs\n赞赏");
  g_assert_cmpstr (community_page_get_front_matter_list (page, "tags")[0], ==, "社群");
  g_assert_null (community_page_get_front_matter_list (page, "title"));
}

static void
test_front_matter_forms (void)
{
  g_autoptr(CommunityPage) page = community_test_parse ("---\n"
                                         "title:   \"Quoted: yes\"  \n"
                                         "# a comment\n"
                                         "sidebar: auto # trailing comment\n"
                                         "tags: [a, 'b c']\n"
                                         "article: false\n"
                                         "author:\n"
                                         "  name: X\n"
                                         "  link: https://x\n"
                                         "description: |\n"
                                         "  line one\n"
                                         "  line two\n"
                                         "---\n"
                                         "Body\n");
  const char * const *tags = community_page_get_front_matter_list (page, "tags");

  g_assert_cmpstr (community_page_get_title (page), ==, "Quoted: yes");
  g_assert_cmpstr (community_page_get_front_matter (page, "sidebar"), ==, "auto");
  g_assert_cmpstr (tags[0], ==, "a");
  g_assert_cmpstr (tags[1], ==, "b c");
  g_assert_cmpstr (community_page_get_front_matter (page, "article"), ==, "false");
  g_assert_cmpstr (community_page_get_front_matter (page, "author"), ==, "name: X\nlink: https://x");
  g_assert_cmpstr (community_page_get_front_matter (page, "description"), ==, "line one\nline two");
  g_assert_cmpuint (community_test_count_nodes (community_page_get_root (page), COMMUNITY_NODE_PARAGRAPH), ==, 1);
}

static void
test_front_matter_unclosed (void)
{
  g_autoptr(CommunityPage) page = community_test_parse ("---\ntitle: x\n\nText\n");
  GPtrArray *warnings = community_page_get_warnings (page);

  g_assert_null (community_page_get_title (page));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "not closed"));
  /* The text is Markdown: "---" a thematic break, then two paragraphs. */
  g_assert_cmpuint (community_test_count_nodes (community_page_get_root (page), COMMUNITY_NODE_THEMATIC_BREAK), ==, 1);
  g_assert_cmpuint (community_test_count_nodes (community_page_get_root (page), COMMUNITY_NODE_PARAGRAPH), ==, 2);
}

static void
test_front_matter_none (void)
{
  g_autoptr(CommunityPage) page = community_test_parse ("# Title\n\ntitle: x\n");

  g_assert_null (community_page_get_title (page));
  g_assert_cmpuint (g_strv_length ((char **) community_page_get_front_matter_keys (page)), ==, 0);
  g_assert_cmpuint (community_page_get_warnings (page)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/front-matter/seed", test_front_matter_seed);
  g_test_add_func ("/community/front-matter/forms", test_front_matter_forms);
  g_test_add_func ("/community/front-matter/unclosed", test_front_matter_unclosed);
  g_test_add_func ("/community/front-matter/none", test_front_matter_none);

  return g_test_run ();
}
