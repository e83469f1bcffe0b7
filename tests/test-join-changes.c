/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-join-changes.c: the lines that tell a reader what a new page
 * changed, on edited copies of the bundled page. */

#include "config.h"

#include "community-join-changes.h"
#include "community-test-core.h"

/* The join model of the bundled page with each @from replaced by the
 * string after it. */
#define edited_join(...) community_test_join_take (community_test_edited_page (__VA_ARGS__))

static CommunityJoin *
bundled_join (void)
{
  return community_test_join_take (community_test_bundled_page ("zh_CN"));
}

static void
assert_changes (CommunityJoin      *before,
                CommunityJoin      *after,
                const char * const *expected)
{
  g_autoptr(GPtrArray) lines = community_join_describe_changes (before, after);

  for (guint i = 0; i < lines->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (lines, i));

  g_assert_cmpuint (lines->len, ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstr (g_ptr_array_index (lines, i), ==, expected[i]);
}

static void
test_nothing (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  /* Reworded text is not a change a reader acts on. */
  g_autoptr(CommunityJoin) after = edited_join ("金额会不定期调整", "金额会调整", NULL);
  const char *none[] = { NULL };

  assert_changes (before, after, none);
}

static void
test_price (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  g_autoptr(CommunityJoin) after = edited_join ("**30元/月**", "**40元/月**", NULL);
  const char *expected[] = { "Prices changed: 30元/月 → 40元/月", NULL };

  assert_changes (before, after, expected);
}

static void
test_price_added (void)
{
  g_autoptr(CommunityJoin) before = edited_join ("- **300元/年**\n", "", NULL);
  g_autoptr(CommunityJoin) after = bundled_join ();
  const char *expected[] = {
    "Prices changed: 30元/月, 80元/季度 → 30元/月, 80元/季度, 300元/年",
    NULL,
  };

  assert_changes (before, after, expected);
}

static void
test_remark (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  g_autoptr(CommunityJoin) after = edited_join ("`Jpom 付费社群`", "`Jpom 付费群`", NULL);
  const char *expected[] = { "Remark for 付费社群 changed: Jpom 付费社群 → Jpom 付费群", NULL };

  assert_changes (before, after, expected);
}

static void
test_wechat_id (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  g_autoptr(CommunityJoin) after = edited_join ("`jpom66`", "`jpom88`", NULL);
  const char *expected[] = { "WeChat ID changed: jpom66 → jpom88", NULL };

  assert_changes (before, after, expected);
}

static void
test_qr (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  g_autoptr(CommunityJoin) after = edited_join ("/images/qrcode/weixin-jpom66.jpg",
                                                "/images/wx_qrcode2.png", NULL);
  g_autoptr(CommunityJoin) unknown = edited_join ("/images/qrcode/weixin-jpom66.jpg",
                                                  "/images/unknown.png", NULL);
  const char *expected[] = { "New WeChat QR code", NULL };
  const char *gone[] = { "The WeChat QR code is no longer available", NULL };

  assert_changes (before, after, expected);
  assert_changes (before, unknown, gone);
}

static void
test_email (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  g_autoptr(CommunityJoin) after = edited_join ("bwcx_jzy@dromara.org", "help@example.org", NULL);
  const char *expected[] = { "E-mail changed: bwcx_jzy@dromara.org → help@example.org", NULL };

  assert_changes (before, after, expected);
}

/* Without a heading to name, "免费社群" is no tier any more. */
static void
test_tier_removed_and_added (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  g_autoptr(CommunityJoin) after = edited_join ("## 免费社群", "## 交流群", NULL);
  const char *removed[] = { "Tier removed: 免费社群", NULL };
  const char *added[] = { "New tier: 免费社群", NULL };

  assert_changes (before, after, removed);
  assert_changes (after, before, added);
}

/* Several changes at once, tiers first, in page order. */
static void
test_several (void)
{
  g_autoptr(CommunityJoin) before = bundled_join ();
  g_autoptr(CommunityJoin) after = edited_join ("**30元/月**", "**35元/月**",
                                                "**300元/年**", "**320元/年**",
                                                "`jpom66`", "`jpom99`",
                                                "/images/qrcode/weixin-jpom66.jpg",
                                                "/images/wx_qrcode.jpg",
                                                NULL);
  const char *expected[] = {
    "Prices changed: 30元/月, 300元/年 → 35元/月, 320元/年",
    "WeChat ID changed: jpom66 → jpom99",
    "New WeChat QR code",
    NULL,
  };

  assert_changes (before, after, expected);
}

/* With two paid tiers, a price line names its tier. */
static void
test_two_paid_tiers (void)
{
  g_autoptr(CommunityJoin) before = edited_join ("**但是如果需要", "**10元/月**\n\n**但是如果需要", NULL);
  g_autoptr(CommunityJoin) after = edited_join ("**但是如果需要", "**12元/月**\n\n**但是如果需要", NULL);
  const char *expected[] = { "Prices of 免费社群 changed: 10元/月 → 12元/月", NULL };

  g_assert_cmpuint (community_join_get_tiers (after)->len, ==, 2);
  assert_changes (before, after, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/join-changes/nothing", test_nothing);
  g_test_add_func ("/community/join-changes/price", test_price);
  g_test_add_func ("/community/join-changes/price-added", test_price_added);
  g_test_add_func ("/community/join-changes/remark", test_remark);
  g_test_add_func ("/community/join-changes/wechat-id", test_wechat_id);
  g_test_add_func ("/community/join-changes/qr", test_qr);
  g_test_add_func ("/community/join-changes/email", test_email);
  g_test_add_func ("/community/join-changes/tier-removed-and-added", test_tier_removed_and_added);
  g_test_add_func ("/community/join-changes/several", test_several);
  g_test_add_func ("/community/join-changes/two-paid-tiers", test_two_paid_tiers);

  return g_test_run ();
}
