/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-links.c: the link policy: permalinks, relative pages, and which
 * schemes open. */
#include "config.h"

#include <string.h>

#include "community-links.h"
#include "community-test-core.h"

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
  static const CommunityTestTreeCase cases[] = {
    { "[a](javascript:alert(1)) [b](/pages/x/)\n",
      "document\n  paragraph\n    link raw_url=\"javascript:alert(1)\"\n      text text=\"a\"\n"
      "    text text=\" \"\n    link url=\"https://jpom.top/pages/x/\" raw_url=\"/pages/x/\"\n      text text=\"b\"\n" },
    { "<https://jpom.top>\n",
      "document\n  paragraph\n    link url=\"https://jpom.top\" raw_url=\"https://jpom.top\"\n      text text=\"https://jpom.top\"\n" },
  };

  community_test_check_trees (cases, G_N_ELEMENTS (cases));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/links/policy", test_links_policy);
  g_test_add_func ("/community/links/no-permalink", test_links_no_permalink);
  g_test_add_func ("/community/links/in-page", test_links_in_page);

  return g_test_run ();
}
