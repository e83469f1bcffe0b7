/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-page.c: the page engine's model, the seed page pinned exactly:
 * counts, the tree and --inspect against golden files, and sections. The
 * rules of each part have tests of their own (test-front-matter.c,
 * test-containers.c, test-links.c, test-html.c, test-anchor.c). */
#include "config.h"

#include "community-inspect.h"
#include "community-node-private.h"
#include "community-page-loader.h"
#include "community-test-core.h"

static char *
read_golden (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* COMMUNITY_UPDATE_GOLDEN=1 rewrites the golden files from the code; the
 * diff is then reviewed like any other change. */
static void
compare_golden (const char *name,
                const char *actual)
{
  g_autofree char *expected = NULL;

  if (g_getenv ("COMMUNITY_UPDATE_GOLDEN") != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

      g_assert_true (g_file_set_contents (path, actual, -1, NULL));
    }
  expected = read_golden (name);
  g_assert_cmpstr (actual, ==, expected);
}

/* The seed page. */

static void
test_seed_counts (void)
{
  g_autoptr(CommunityPage) page = community_test_seed_page ();
  const CommunityNode *root = community_page_get_root (page);
  static const char * const titles[] = { "温馨提示", "注意", "注意", "注意" };
  static const char * const types[] = { "tip", "tip", "danger", "danger" };
  const CommunityNode *danger;

  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_HEADING), ==, 9);
  /* Three bold prices in a list of their own, and the bold 转账. */
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_STRONG), ==, 11);
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_EMPH), ==, 1);
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_CODE), ==, 7);
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_LINK), ==, 5);
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_ITEM), ==, 20);
  /* The QR card is an <img> in a raw HTML block. */
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_IMAGE), ==, 1);
  g_assert_cmpstr (community_test_nth_node (root, COMMUNITY_NODE_IMAGE, 0)->url, ==,
                   "/images/qrcode/weixin-jpom66.jpg");
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_CONTAINER), ==, 4);
  g_assert_cmpuint (community_test_count_nodes (root, COMMUNITY_NODE_THEMATIC_BREAK), ==, 1);
  g_assert_cmpuint (community_page_get_warnings (page)->len, ==, 0);

  for (guint i = 0; i < 4; i++)
    {
      const CommunityNode *container = community_test_nth_node (root, COMMUNITY_NODE_CONTAINER, i);

      g_assert_cmpstr (container->info, ==, types[i]);
      g_assert_cmpstr (container->title, ==, titles[i]);
    }

  /* The break belongs to the first danger block, not to the page. */
  danger = community_test_nth_node (root, COMMUNITY_NODE_CONTAINER, 2);
  g_assert_cmpuint (community_test_count_nodes (danger, COMMUNITY_NODE_THEMATIC_BREAK), ==, 1);
  /* The first tip closes at the indented ":::" right after its list. */
  g_assert_true (community_test_nth_node (root, COMMUNITY_NODE_CONTAINER, 0)->next->type
                 == COMMUNITY_NODE_HEADING);
}

static void
test_seed_tree (void)
{
  g_autoptr(CommunityPage) page = community_test_seed_page ();
  g_autofree char *tree = community_node_dump (community_page_get_root (page));

  compare_golden ("page-seed.tree", tree);
}

/* The golden JSON pins the page engine's part of --inspect; the join
 * model has tests of its own, so its member is left out here. */
static void
test_seed_inspect (void)
{
  g_autoptr(CommunityPage) page = community_test_seed_page ();
  g_autoptr(JsonNode) root = community_inspect_build (page, NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *with_newline = NULL;

  json_object_remove_member (json_node_get_object (root), "join");
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  with_newline = g_strconcat (text, "\n", NULL);
  compare_golden ("page-seed.json", with_newline);
}

static void
test_seed_sections (void)
{
  g_autoptr(CommunityPage) page = community_test_seed_page ();
  GPtrArray *sections = community_page_get_sections (page);
  static const char * const anchors[] = {
    "付费社群", "免费社群", "加入社群", "最后的建议", "社群失联",
  };

  g_assert_cmpuint (sections->len, ==, G_N_ELEMENTS (anchors));
  for (guint i = 0; i < sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);

      g_assert_cmpstr (section->anchor, ==, anchors[i]);
      g_assert_true (section->node->type == COMMUNITY_NODE_HEADING);
      g_assert_true (community_page_find_section (page, anchors[i]) == section);
    }
  g_assert_cmpstr (community_test_nth_node (community_page_get_root (page),
                                COMMUNITY_NODE_HEADING, 4)->anchor, ==, "社群规则-2");
}

/* Text that looks like markup stays text in the model; the renderer
 * escapes it (tests/test-page-view.c). */
static void
test_escaping_model (void)
{
  g_autofree char *tree = community_test_dump_tree ("1 < 2 & `<span foreground=\"red\">` \\<b>\n");

  g_assert_cmpstr (tree, ==,
                   "document\n  paragraph\n    text text=\"1 < 2 & \"\n"
                   "    code text=\"<span foreground=\\\"red\\\">\"\n    text text=\" <b>\"\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/page/seed/counts", test_seed_counts);
  g_test_add_func ("/community/page/seed/tree", test_seed_tree);
  g_test_add_func ("/community/page/seed/inspect", test_seed_inspect);
  g_test_add_func ("/community/page/seed/sections", test_seed_sections);
  g_test_add_func ("/community/page/escaping-model", test_escaping_model);

  return g_test_run ();
}
