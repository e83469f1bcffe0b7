/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-containers.c: vdoing containers "::: TYPE TITLE" ... ":::",
 * split out before cmark parses the text. */
#include "config.h"

#include <string.h>

#include "community-page.h"
#include "community-test-core.h"

static void
test_containers_opening (void)
{
  static const CommunityTestTreeCase cases[] = {
    { ":::tip 温馨提示\nA\n:::\n",
      "document\n  container info=\"tip\" title=\"温馨提示\"\n    paragraph\n      text text=\"A\"\n" },
    { "::: tip 注意\nA\n:::\n",
      "document\n  container info=\"tip\" title=\"注意\"\n    paragraph\n      text text=\"A\"\n" },
    /* The type word must end at a space or the end of the line. */
    { ":::tip温馨提示\nA\n:::\n",
      "document\n  paragraph\n    text text=\":::tip温馨提示\"\n    soft_break\n    text text=\"A\"\n    soft_break\n    text text=\":::\"\n" },
    /* Up to three spaces before the colons, more colons allowed. */
    { "   :::: warning  Two  words \nA\n::::\n",
      "document\n  container info=\"warning\" title=\"Two  words\"\n    paragraph\n      text text=\"A\"\n" },
    /* No type, no container. */
    { "::: 注意\n",
      "document\n  paragraph\n    text text=\"::: 注意\"\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_default_titles (void)
{
  static const CommunityTestTreeCase cases[] = {
    { "::: tip\nA\n:::\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    paragraph\n      text text=\"A\"\n" },
    { "::: danger\n:::\n", "document\n  container info=\"danger\" title=\"Danger\"\n" },
    { "::: warning\n:::\n", "document\n  container info=\"warning\" title=\"Warning\"\n" },
    { "::: note\n:::\n", "document\n  container info=\"note\" title=\"Note\"\n" },
    { "::: details\n:::\n", "document\n  container info=\"details\" title=\"Details\"\n" },
    { "::: right\n:::\n", "document\n  container info=\"right\"\n" },
    { "::: center\n:::\n", "document\n  container info=\"center\"\n" },
    { "::: theorem Pythagoras\n:::\n", "document\n  container info=\"theorem\" title=\"Pythagoras\"\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_closing (void)
{
  static const CommunityTestTreeCase cases[] = {
    /* An indented closing marker right after a list closes the container
     * instead of continuing the list item. */
    { ":::tip\n- a\n- b\n  :::\nAfter\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    list ordered=0 start=0 tight=1\n"
      "      item\n        paragraph\n          text text=\"a\"\n"
      "      item\n        paragraph\n          text text=\"b\"\n"
      "  paragraph\n    text text=\"After\"\n" },
    /* Four spaces is too many: the marker is text. */
    { "::: tip\nA\n    :::\n:::\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    paragraph\n      text text=\"A\"\n"
      "      soft_break\n      text text=\":::\"\n" },
    /* A closing marker needs as many colons as the opening one. */
    { ":::: tip\n:::\n::::\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    paragraph\n      text text=\":::\"\n" },
    /* A stray closing marker outside any container is text. */
    { ":::\n", "document\n  paragraph\n    text text=\":::\"\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_nesting (void)
{
  static const CommunityTestTreeCase cases[] = {
    { ":::: details Outer\nA\n::: tip Inner\nB\n:::\nC\n::::\n",
      "document\n  container info=\"details\" title=\"Outer\"\n    paragraph\n      text text=\"A\"\n"
      "    container info=\"tip\" title=\"Inner\"\n      paragraph\n        text text=\"B\"\n"
      "    paragraph\n      text text=\"C\"\n" },
    { "::: tip\n::: danger\nX\n:::\n:::\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    container info=\"danger\" title=\"Danger\"\n"
      "      paragraph\n        text text=\"X\"\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_unclosed (void)
{
  g_autoptr(CommunityPage) page = community_test_parse ("Intro\n\n::: warning Careful\nText\n");
  GPtrArray *warnings = community_page_get_warnings (page);
  const CommunityNode *container = community_test_nth_node (community_page_get_root (page),
                                                COMMUNITY_NODE_CONTAINER, 0);

  g_assert_nonnull (container);
  g_assert_cmpuint (community_test_count_nodes (container, COMMUNITY_NODE_PARAGRAPH), ==, 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "line 3"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "warning"));
}

static void
test_containers_fenced_code (void)
{
  static const CommunityTestTreeCase cases[] = {
    { "```md\n::: tip\n:::\n```\n",
      "document\n  code_block info=\"md\" text=\"::: tip\\n:::\"\n" },
    { "::: tip\n~~~~\n:::\n~~~~\n:::\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    code_block text=\":::\"\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_unknown (void)
{
  static const CommunityTestTreeCase cases[] = {
    { "::: cardList\nA\n:::\n",
      "document\n  container info=\"cardList\"\n    paragraph\n      text text=\"A\"\n" },
    { "::: frobnicate Title\nA\n:::\n",
      "document\n  container info=\"frobnicate\" title=\"Title\"\n    paragraph\n      text text=\"A\"\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/containers/opening", test_containers_opening);
  g_test_add_func ("/community/containers/default-titles", test_containers_default_titles);
  g_test_add_func ("/community/containers/closing", test_containers_closing);
  g_test_add_func ("/community/containers/nesting", test_containers_nesting);
  g_test_add_func ("/community/containers/unclosed", test_containers_unclosed);
  g_test_add_func ("/community/containers/fenced-code", test_containers_fenced_code);
  g_test_add_func ("/community/containers/unknown", test_containers_unknown);

  return g_test_run ();
}
