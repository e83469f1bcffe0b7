/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-html.c: raw HTML reduced to text, links and images, never
 * rendered. */
#include "config.h"

#include <string.h>

#include "community-html.h"
#include "community-test-core.h"

static void
test_html_inline (void)
{
  static const CommunityTestTreeCase cases[] = {
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

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

static void
test_html_block (void)
{
  static const CommunityTestTreeCase cases[] = {
    { "<p style=\"text-align:center\"><img src=\"/images/qrcode/weixin-jpom66.jpg\" style=\"width:200px\" /></p>\n",
      "document\n  paragraph\n    image url=\"/images/qrcode/weixin-jpom66.jpg\" raw_url=\"/images/qrcode/weixin-jpom66.jpg\" text=\"\"\n" },
    { "<div>\n  One &lt;two&gt;\n  <script>alert(1)</script>\n  <p>Three <a href=\"https://x.org\">x</a></p>\n</div>\n",
      "document\n  paragraph\n    text text=\"One <two>\"\n  paragraph\n    text text=\"Three \"\n"
      "    link url=\"https://x.org\" raw_url=\"https://x.org\"\n      text text=\"x\"\n" },
    { "<!-- only a comment -->\n", "document\n" },
    { "<hr>\n", "document\n  thematic_break\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/html/inline", test_html_inline);
  g_test_add_func ("/community/html/block", test_html_block);
  g_test_add_func ("/community/html/tokenizer", test_html_tokenizer);

  return g_test_run ();
}
