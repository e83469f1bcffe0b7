/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The page engine's model: the seed page pinned exactly, and the rules of
 * containers, links, anchors, front matter and raw HTML. */
#include "config.h"

#include "community-anchor.h"
#include "community-html.h"
#include "community-inspect.h"
#include "community-links.h"
#include "community-node-private.h"
#include "community-page-loader.h"

static CommunityPage *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CommunityPage *page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static char *
dump (const char *text)
{
  g_autoptr(CommunityPage) page = parse (text);

  return community_node_dump (community_page_get_root (page));
}

static CommunityPage *
load_seed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "pages", "join.zh_CN.md", NULL);
  g_autoptr(GError) error = NULL;
  CommunityPage *page = community_page_load_file_sync (path, 10000, &error);

  g_assert_no_error (error);
  return page;
}

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

static guint
count_type (const CommunityNode *root,
            CommunityNodeType    type)
{
  guint n = 0;

  for (const CommunityNode *node = root; node; node = community_node_next_in (node, root))
    n += (node->type == type);
  return n;
}

static const CommunityNode *
nth_of_type (const CommunityNode *root,
             CommunityNodeType    type,
             guint                nth)
{
  for (const CommunityNode *node = root; node; node = community_node_next_in (node, root))
    if (node->type == type && nth-- == 0)
      return node;
  return NULL;
}

/* The seed page. */

static void
test_seed_counts (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
  const CommunityNode *root = community_page_get_root (page);
  static const char * const titles[] = { "温馨提示", "注意", "注意", "注意" };
  static const char * const types[] = { "tip", "tip", "danger", "danger" };
  const CommunityNode *danger;

  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_HEADING), ==, 9);
  /* Three bold prices in a list of their own, and the bold 转账. */
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_STRONG), ==, 11);
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_EMPH), ==, 1);
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_CODE), ==, 7);
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_LINK), ==, 5);
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_ITEM), ==, 20);
  /* The QR card is an <img> in a raw HTML block. */
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_IMAGE), ==, 1);
  g_assert_cmpstr (nth_of_type (root, COMMUNITY_NODE_IMAGE, 0)->url, ==,
                   "/images/qrcode/weixin-jpom66.jpg");
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_CONTAINER), ==, 4);
  g_assert_cmpuint (count_type (root, COMMUNITY_NODE_THEMATIC_BREAK), ==, 1);
  g_assert_cmpuint (community_page_get_warnings (page)->len, ==, 0);

  for (guint i = 0; i < 4; i++)
    {
      const CommunityNode *container = nth_of_type (root, COMMUNITY_NODE_CONTAINER, i);

      g_assert_cmpstr (container->info, ==, types[i]);
      g_assert_cmpstr (container->title, ==, titles[i]);
    }

  /* The break belongs to the first danger block, not to the page. */
  danger = nth_of_type (root, COMMUNITY_NODE_CONTAINER, 2);
  g_assert_cmpuint (count_type (danger, COMMUNITY_NODE_THEMATIC_BREAK), ==, 1);
  /* The first tip closes at the indented ":::" right after its list. */
  g_assert_true (nth_of_type (root, COMMUNITY_NODE_CONTAINER, 0)->next->type
                 == COMMUNITY_NODE_HEADING);
}

static void
test_seed_tree (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
  g_autofree char *tree = community_node_dump (community_page_get_root (page));

  compare_golden ("page-seed.tree", tree);
}

/* The golden JSON pins the page engine's part of --inspect; the join
 * model has tests of its own, so its member is left out here. */
static void
test_seed_inspect (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
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
  g_autoptr(CommunityPage) page = load_seed ();
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
  g_assert_cmpstr (nth_of_type (community_page_get_root (page),
                                COMMUNITY_NODE_HEADING, 4)->anchor, ==, "社群规则-2");
}

/* Front matter. */

static void
test_front_matter_seed (void)
{
  g_autoptr(CommunityPage) page = load_seed ();
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
  g_autoptr(CommunityPage) page = parse ("---\n"
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
  g_assert_cmpuint (count_type (community_page_get_root (page), COMMUNITY_NODE_PARAGRAPH), ==, 1);
}

static void
test_front_matter_unclosed (void)
{
  g_autoptr(CommunityPage) page = parse ("---\ntitle: x\n\nText\n");
  GPtrArray *warnings = community_page_get_warnings (page);

  g_assert_null (community_page_get_title (page));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "not closed"));
  /* The text is Markdown: "---" a thematic break, then two paragraphs. */
  g_assert_cmpuint (count_type (community_page_get_root (page), COMMUNITY_NODE_THEMATIC_BREAK), ==, 1);
  g_assert_cmpuint (count_type (community_page_get_root (page), COMMUNITY_NODE_PARAGRAPH), ==, 2);
}

static void
test_front_matter_none (void)
{
  g_autoptr(CommunityPage) page = parse ("# Title\n\ntitle: x\n");

  g_assert_null (community_page_get_title (page));
  g_assert_cmpuint (g_strv_length ((char **) community_page_get_front_matter_keys (page)), ==, 0);
  g_assert_cmpuint (community_page_get_warnings (page)->len, ==, 0);
}

/* Containers. */

typedef struct
{
  const char *markdown;
  const char *tree;
} Case;

static void
check_cases (const Case *cases,
             gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *tree = dump (cases[i].markdown);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].markdown);
      g_assert_cmpstr (tree, ==, cases[i].tree);
    }
}

static void
test_containers_opening (void)
{
  static const Case cases[] = {
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

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_default_titles (void)
{
  static const Case cases[] = {
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

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_closing (void)
{
  static const Case cases[] = {
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

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_nesting (void)
{
  static const Case cases[] = {
    { ":::: details Outer\nA\n::: tip Inner\nB\n:::\nC\n::::\n",
      "document\n  container info=\"details\" title=\"Outer\"\n    paragraph\n      text text=\"A\"\n"
      "    container info=\"tip\" title=\"Inner\"\n      paragraph\n        text text=\"B\"\n"
      "    paragraph\n      text text=\"C\"\n" },
    { "::: tip\n::: danger\nX\n:::\n:::\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    container info=\"danger\" title=\"Danger\"\n"
      "      paragraph\n        text text=\"X\"\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_unclosed (void)
{
  g_autoptr(CommunityPage) page = parse ("Intro\n\n::: warning Careful\nText\n");
  GPtrArray *warnings = community_page_get_warnings (page);
  const CommunityNode *container = nth_of_type (community_page_get_root (page),
                                                COMMUNITY_NODE_CONTAINER, 0);

  g_assert_nonnull (container);
  g_assert_cmpuint (count_type (container, COMMUNITY_NODE_PARAGRAPH), ==, 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "line 3"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "warning"));
}

static void
test_containers_fenced_code (void)
{
  static const Case cases[] = {
    { "```md\n::: tip\n:::\n```\n",
      "document\n  code_block info=\"md\" text=\"::: tip\\n:::\"\n" },
    { "::: tip\n~~~~\n:::\n~~~~\n:::\n",
      "document\n  container info=\"tip\" title=\"Tip\"\n    code_block text=\":::\"\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_containers_unknown (void)
{
  static const Case cases[] = {
    { "::: cardList\nA\n:::\n",
      "document\n  container info=\"cardList\"\n    paragraph\n      text text=\"A\"\n" },
    { "::: frobnicate Title\nA\n:::\n",
      "document\n  container info=\"frobnicate\" title=\"Title\"\n    paragraph\n      text text=\"A\"\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* The link policy. */

static void
test_links_policy (void)
{
  static const struct { const char *raw; const char *expected; } cases[] = {
    { "/pages/0facbd/", "https://jpom.top/pages/0facbd/" },
    { " /pages/a b/ ", "https://jpom.top/pages/a%20b/" },
    { "/pages/社群/", "https://jpom.top/pages/%E7%A4%BE%E7%BE%A4/" },
    { "https://gitee.com/dromara/Jpom", "https://gitee.com/dromara/Jpom" },
    { "HTTP://example.com/a?b=c#d", "HTTP://example.com/a?b=c#d" },
    { "mailto:bwcx_jzy@dromara.org", "mailto:bwcx_jzy@dromara.org" },
    { "#付费社群", "https://jpom.top/pages/praise/join/#%E4%BB%98%E8%B4%B9%E7%A4%BE%E7%BE%A4" },
    { "other/", "https://jpom.top/pages/praise/join/other/" },
    { "00.赞赏支持/00.个人赞赏.md", NULL },
    { "../x.MD#part", NULL },
    { "/docs/x.md", NULL },
    { "javascript:alert(1)", NULL },
    { " JavaScript:alert(1)", NULL },
    { "java\tscript:alert(1)", NULL },
    { "file:///etc/passwd", NULL },
    { "data:text/html,<b>x</b>", NULL },
    { "ftp://example.com/", NULL },
    { "//evil.example/x", NULL },
    { "http://", NULL },
    { "mailto:", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = community_link_resolve (cases[i].raw, "/pages/praise/join/");

      g_test_message ("%s", cases[i].raw);
      g_assert_cmpstr (resolved, ==, cases[i].expected);
    }
}

static void
test_links_no_permalink (void)
{
  g_autofree char *anchor = community_link_resolve ("#x", NULL);
  g_autofree char *relative = community_link_resolve ("x/", NULL);
  g_autofree char *site = community_link_resolve ("/pages/x/", NULL);

  g_assert_null (anchor);
  g_assert_null (relative);
  g_assert_cmpstr (site, ==, "https://jpom.top/pages/x/");
  g_assert_true (community_link_opens ("https://jpom.top/"));
  g_assert_false (community_link_opens ("javascript:x"));
  g_assert_false (community_link_opens (NULL));
}

static void
test_links_in_page (void)
{
  static const Case cases[] = {
    { "[a](javascript:alert(1)) [b](/pages/x/)\n",
      "document\n  paragraph\n    link raw_url=\"javascript:alert(1)\"\n      text text=\"a\"\n"
      "    text text=\" \"\n    link url=\"https://jpom.top/pages/x/\" raw_url=\"/pages/x/\"\n      text text=\"b\"\n" },
    { "<https://jpom.top>\n",
      "document\n  paragraph\n    link url=\"https://jpom.top\" raw_url=\"https://jpom.top\"\n      text text=\"https://jpom.top\"\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* Raw HTML. */

static void
test_html_inline (void)
{
  static const Case cases[] = {
    { "Mail <a href=\"mailto:a@b.org\">a@b.org</a> now\n",
      "document\n  paragraph\n    text text=\"Mail \"\n"
      "    link url=\"mailto:a@b.org\" raw_url=\"mailto:a@b.org\"\n      text text=\"a@b.org\"\n"
      "    text text=\" now\"\n" },
    { "<span style=\"color:red\">red</span> &amp; <b>bold</b><br>next\n",
      "document\n  paragraph\n    text text=\"red & bold\"\n    line_break\n    text text=\"next\"\n" },
    { "x <a href='javascript:alert(1)'>bad</a>\n",
      "document\n  paragraph\n    text text=\"x \"\n    link raw_url=\"javascript:alert(1)\"\n      text text=\"bad\"\n" },
    { "An <img src=\"/images/a.png\" alt=\"A &amp; B\"> image\n",
      "document\n  paragraph\n    text text=\"An \"\n    image url=\"/images/a.png\" raw_url=\"/images/a.png\" text=\"A & B\"\n"
      "    text text=\" image\"\n" },
    /* An <a> left open closes with its paragraph. */
    { "<a href=\"/pages/x/\">open\n\nnext\n",
      "document\n  paragraph\n    link url=\"https://jpom.top/pages/x/\" raw_url=\"/pages/x/\"\n      text text=\"open\"\n"
      "  paragraph\n    text text=\"next\"\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_block (void)
{
  static const Case cases[] = {
    { "<p style=\"text-align:center\"><img src=\"/images/qrcode/weixin-jpom66.jpg\" style=\"width:200px\" /></p>\n",
      "document\n  paragraph\n    image url=\"/images/qrcode/weixin-jpom66.jpg\" raw_url=\"/images/qrcode/weixin-jpom66.jpg\" text=\"\"\n" },
    { "<div>\n  One &lt;two&gt;\n  <script>alert(1)</script>\n  <p>Three <a href=\"https://x.org\">x</a></p>\n</div>\n",
      "document\n  paragraph\n    text text=\"One <two>\"\n  paragraph\n    text text=\"Three \"\n"
      "    link url=\"https://x.org\" raw_url=\"https://x.org\"\n      text text=\"x\"\n" },
    { "<!-- only a comment -->\n", "document\n" },
    { "<hr>\n", "document\n  thematic_break\n" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_html_tokenizer (void)
{
  g_autoptr(GPtrArray) tokens = community_html_tokenize ("a < b <a href=x title=\"&quot;q&quot;\" hidden>t</a><!-- c --><br/>&#x4E2D;&#20013;&bogus;");
  const CommunityHtmlToken *a;

  g_assert_cmpuint (tokens->len, ==, 7);
  g_assert_cmpstr (((CommunityHtmlToken *) tokens->pdata[0])->text, ==, "a < b ");
  a = tokens->pdata[1];
  g_assert_cmpstr (a->name, ==, "a");
  g_assert_cmpstr (community_html_token_get_attr (a, "href"), ==, "x");
  g_assert_cmpstr (community_html_token_get_attr (a, "title"), ==, "\"q\"");
  g_assert_cmpstr (community_html_token_get_attr (a, "hidden"), ==, "");
  g_assert_true (((CommunityHtmlToken *) tokens->pdata[3])->type == COMMUNITY_HTML_CLOSE);
  g_assert_true (((CommunityHtmlToken *) tokens->pdata[4])->type == COMMUNITY_HTML_OTHER);
  g_assert_true (((CommunityHtmlToken *) tokens->pdata[5])->self_closing);
  g_assert_cmpstr (((CommunityHtmlToken *) tokens->pdata[6])->text, ==, "中中&bogus;");
}

/* Text that looks like markup stays text in the model; the renderer
 * escapes it (tests/test-page-view.c). */
static void
test_escaping_model (void)
{
  g_autofree char *tree = dump ("1 < 2 & `<span foreground=\"red\">` \\<b>\n");

  g_assert_cmpstr (tree, ==,
                   "document\n  paragraph\n    text text=\"1 < 2 & \"\n"
                   "    code text=\"<span foreground=\\\"red\\\">\"\n    text text=\" <b>\"\n");
}

/* Anchors. */

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
  g_autoptr(CommunityPage) page = parse ("# Title\n\n## One\n\n::: tip\n## Inside\n:::\n\n## One\n");
  GPtrArray *sections = community_page_get_sections (page);

  g_assert_cmpuint (sections->len, ==, 2);
  g_assert_cmpstr (((CommunityPageSection *) sections->pdata[0])->anchor, ==, "one");
  g_assert_cmpstr (((CommunityPageSection *) sections->pdata[1])->anchor, ==, "one-2");
  g_assert_cmpstr (nth_of_type (community_page_get_root (page), COMMUNITY_NODE_HEADING, 2)->anchor,
                   ==, "inside");
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
  g_test_add_func ("/community/page/front-matter/seed", test_front_matter_seed);
  g_test_add_func ("/community/page/front-matter/forms", test_front_matter_forms);
  g_test_add_func ("/community/page/front-matter/unclosed", test_front_matter_unclosed);
  g_test_add_func ("/community/page/front-matter/none", test_front_matter_none);
  g_test_add_func ("/community/page/containers/opening", test_containers_opening);
  g_test_add_func ("/community/page/containers/default-titles", test_containers_default_titles);
  g_test_add_func ("/community/page/containers/closing", test_containers_closing);
  g_test_add_func ("/community/page/containers/nesting", test_containers_nesting);
  g_test_add_func ("/community/page/containers/unclosed", test_containers_unclosed);
  g_test_add_func ("/community/page/containers/fenced-code", test_containers_fenced_code);
  g_test_add_func ("/community/page/containers/unknown", test_containers_unknown);
  g_test_add_func ("/community/page/links/policy", test_links_policy);
  g_test_add_func ("/community/page/links/no-permalink", test_links_no_permalink);
  g_test_add_func ("/community/page/links/in-page", test_links_in_page);
  g_test_add_func ("/community/page/html/inline", test_html_inline);
  g_test_add_func ("/community/page/html/block", test_html_block);
  g_test_add_func ("/community/page/html/tokenizer", test_html_tokenizer);
  g_test_add_func ("/community/page/escaping/model", test_escaping_model);
  g_test_add_func ("/community/page/anchors/slugify", test_anchors_slugify);
  g_test_add_func ("/community/page/anchors/unique", test_anchors_unique);
  g_test_add_func ("/community/page/anchors/sections-top-level", test_anchors_sections_top_level);

  return g_test_run ();
}
