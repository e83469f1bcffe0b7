/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-join-translated.c: the join model of a translation, whose words
 * come from the translation and whose facts come from the current page. */

#include "config.h"

#include "community-join.h"
#include "community-test-core.h"

static CommunityPage *
english_page (void)
{
  g_autoptr(GBytes) bytes = community_test_bundled_page ("en");
  g_autoptr(GError) error = NULL;
  CommunityPage *page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return page;
}

/* The join model of the bundled Chinese page with each @from replaced by
 * the string after it. */
#define chinese_join(...) community_test_join_take (community_test_edited_page (__VA_ARGS__))

static const CommunityTier *
tier (CommunityJoin *join,
      guint          i)
{
  return g_ptr_array_index (community_join_get_tiers (join), i);
}

static void
assert_prices (const CommunityTier *t,
               const char * const  *expected)
{
  g_assert_true (g_strv_equal ((const char * const *) t->prices, expected));
}

/* New prices, ID, QR and e-mail on the Chinese page reach the English
 * model; its names and anchors stay English. */
static void
test_facts_from_source (void)
{
  g_autoptr(CommunityJoin) source = chinese_join ("**30元/月**", "**40元/月**",
                                                  "`jpom66`", "`jpom88`",
                                                  "/images/qrcode/weixin-jpom66.jpg",
                                                  "/images/wx_qrcode2.png",
                                                  "bwcx_jzy@dromara.org", "help@example.org",
                                                  NULL);
  g_autoptr(CommunityPage) translation = english_page ();
  g_autoptr(CommunityJoin) join = community_join_new_translated (translation, source);
  const char * const paid[] = { "40元/月", "80元/季度", "300元/年", NULL };
  const char * const none[] = { NULL };
  const CommunityPageSection *section;

  g_assert_true (community_join_get_page (join) == translation);
  g_assert_true (community_join_is_complete (join));
  g_assert_cmpuint (community_join_get_tiers (join)->len, ==, 2);

  g_assert_cmpstr (tier (join, 0)->name, ==, "Paid Community");
  g_assert_cmpstr (tier (join, 0)->anchor, ==, "paid-community");
  g_assert_cmpstr (tier (join, 0)->remark, ==, "Jpom 付费社群");
  assert_prices (tier (join, 0), paid);
  section = community_page_find_section (translation, "paid-community");
  g_assert_nonnull (section);
  g_assert_true (tier (join, 0)->heading == section->node);
  g_assert_true (community_join_find_tier_for_heading (join, section->node) == tier (join, 0));

  g_assert_cmpstr (tier (join, 1)->name, ==, "Free Community");
  g_assert_cmpstr (tier (join, 1)->remark, ==, "Jpom 社群");
  assert_prices (tier (join, 1), none);

  g_assert_cmpstr (community_join_get_wechat_id (join), ==, "jpom88");
  g_assert_cmpstr (community_join_get_qr_image (join), ==, "/images/wx_qrcode2.png");
  g_assert_cmpstr (community_join_get_qr_payload (join), ==,
                   "https://u.wechat.com/MN30yMDXa-LRwrE5yqqOQcM");
  g_assert_cmpstr (community_join_get_email (join), ==, "help@example.org");
}

/* A tier the current page no longer has (its remark changed) is left
 * out; the others stay. */
static void
test_tier_gone (void)
{
  g_autoptr(CommunityJoin) source = chinese_join ("`Jpom 付费社群`", "`Jpom 付费群`", NULL);
  g_autoptr(CommunityPage) translation = english_page ();
  g_autoptr(CommunityJoin) join = community_join_new_translated (translation, source);

  g_assert_cmpuint (community_join_get_tiers (join)->len, ==, 1);
  g_assert_cmpstr (tier (join, 0)->name, ==, "Free Community");
  g_assert_true (community_join_is_complete (join));
}

/* No tier in common: incomplete, and said so. */
static void
test_no_tier_in_common (void)
{
  g_autoptr(CommunityJoin) source = chinese_join ("`Jpom 付费社群`", "`Jpom 付费群`",
                                                  "`Jpom 社群`", "`Jpom 群`", NULL);
  g_autoptr(CommunityPage) translation = english_page ();
  g_autoptr(CommunityJoin) join = community_join_new_translated (translation, source);

  g_assert_cmpuint (community_join_get_tiers (source)->len, ==, 2);
  g_assert_cmpuint (community_join_get_tiers (join)->len, ==, 0);
  g_assert_false (community_join_is_complete (join));
  g_assert_cmpuint (community_join_get_problems (join)->len, ==, 1);
}

/* The source's own gaps carry over: no e-mail there, none here. */
static void
test_source_incomplete (void)
{
  g_autoptr(CommunityJoin) source = chinese_join ("<a href=\"mailto:bwcx_jzy@dromara.org\">"
                                                  "bwcx_jzy@dromara.org</a>", "", NULL);
  g_autoptr(CommunityPage) translation = english_page ();
  g_autoptr(CommunityJoin) join = community_join_new_translated (translation, source);

  g_assert_false (community_join_is_complete (source));
  g_assert_false (community_join_is_complete (join));
  g_assert_null (community_join_get_email (join));
  g_assert_cmpuint (community_join_get_tiers (join)->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/join-translated/facts-from-source", test_facts_from_source);
  g_test_add_func ("/community/join-translated/tier-gone", test_tier_gone);
  g_test_add_func ("/community/join-translated/no-tier-in-common", test_no_tier_in_common);
  g_test_add_func ("/community/join-translated/source-incomplete", test_source_incomplete);

  return g_test_run ();
}
