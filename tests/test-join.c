/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-join.c: the join model, on the seed page and on edited copies. */

#include "config.h"

#include <string.h>

#include "community-inspect.h"
#include "community-join.h"

typedef struct
{
  const char *name;
  const char *anchor;
  const char *remark;
  const char *prices[4];  /* NULL-terminated */
} TierGolden;

/* The bundled page: three prices, in the order the page gives them. */
static const TierGolden bundled_tiers[] = {
  { "付费社群", "付费社群", "Jpom 付费社群", { "30元/月", "80元/季度", "300元/年", NULL } },
  { "免费社群", "免费社群", "Jpom 社群", { NULL } },
};

/* The older page that the edited copies in data/join-*.md come from. */
static const TierGolden seed_tiers[] = {
  { "付费社群", "付费社群", "Jpom 付费社群", { "20元/月", NULL } },
  { "免费社群", "免费社群", "Jpom 社群", { NULL } },
};

/* The bundled page's QR card, an <img> in raw HTML. */
#define BUNDLED_QR_IMAGE "/images/qrcode/weixin-jpom66.jpg"
#define BUNDLED_PAYLOAD "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1"

#define SEED_PAYLOAD "https://u.wechat.com/MP_PrhfdwmlBhmKp35BloEw"
#define SEED_EMAIL "bwcx_jzy@dromara.org"

static CommunityJoin *
join_for_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = community_page_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return community_join_new (page);
}

/* @path is relative to tests/ in the source tree. */
static CommunityJoin *
join_for_file (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, path, NULL), &text, NULL, &error);
  g_assert_no_error (error);

  return join_for_text (text);
}

static void
assert_tiers (CommunityJoin    *join,
              const TierGolden *golden,
              guint             n_golden)
{
  GPtrArray *tiers = community_join_get_tiers (join);

  g_assert_cmpuint (tiers->len, ==, n_golden);

  for (guint i = 0; i < n_golden; i++)
    {
      const CommunityTier *tier = g_ptr_array_index (tiers, i);

      g_assert_cmpstr (tier->name, ==, golden[i].name);
      g_assert_cmpstr (tier->anchor, ==, golden[i].anchor);
      g_assert_cmpstr (tier->remark, ==, golden[i].remark);
      g_assert_nonnull (tier->prices);
      g_assert_cmpstrv (tier->prices, golden[i].prices);
      g_assert_cmpint (community_tier_is_paid (tier), ==, golden[i].prices[0] != NULL);
      g_assert_nonnull (tier->heading);
      g_assert_cmpint (tier->heading->level, ==, 2);
      g_assert_true (community_join_find_tier (join, tier->anchor) == tier);
      g_assert_true (community_join_find_tier_for_heading (join, tier->heading) == tier);
    }
}

static void
assert_contact (CommunityJoin *join,
                const char    *wechat_id,
                const char    *qr_image,
                const char    *qr_payload,
                const char    *email)
{
  g_assert_cmpstr (community_join_get_wechat_id (join), ==, wechat_id);
  g_assert_cmpstr (community_join_get_qr_image (join), ==, qr_image);
  g_assert_cmpstr (community_join_get_qr_payload (join), ==, qr_payload);
  g_assert_cmpstr (community_join_get_email (join), ==, email);
}

static void
assert_no_warnings (CommunityJoin *join)
{
  GPtrArray *warnings = community_join_get_warnings (join);

  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("unexpected warning: %s", (char *) g_ptr_array_index (warnings, i));
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* Each warning in @needles shows up, and there are no others. */
static void
assert_warnings (CommunityJoin      *join,
                 const char * const *needles)
{
  GPtrArray *warnings = community_join_get_warnings (join);

  g_assert_cmpuint (warnings->len, ==, g_strv_length ((GStrv) needles));

  for (guint i = 0; needles[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < warnings->len && !found; j++)
        found = strstr (g_ptr_array_index (warnings, j), needles[i]) != NULL;
      if (!found)
        g_error ("no warning mentions “%s”", needles[i]);
    }
}

static void
test_seed (void)
{
  static const char * const paid_prices[] = { "30元/月", "80元/季度", "300元/年", NULL };
  g_autoptr(CommunityJoin) join = join_for_file ("../data/pages/join.zh_CN.md");
  const CommunityTier *paid = NULL;

  assert_tiers (join, bundled_tiers, G_N_ELEMENTS (bundled_tiers));
  assert_contact (join, "jpom66", BUNDLED_QR_IMAGE, BUNDLED_PAYLOAD, SEED_EMAIL);

  /* 付费社群 gives its three prices in the page's order, and the payload
   * is the one the QR card's image stands for. */
  paid = community_join_find_tier (join, "付费社群");
  g_assert_nonnull (paid);
  g_assert_cmpstrv (paid->prices, paid_prices);
  g_assert_true (community_tier_is_paid (paid));
  g_assert_cmpstr (community_qr_payload_lookup (community_join_get_qr_image (join)), ==,
                   BUNDLED_PAYLOAD);
  assert_no_warnings (join);
  g_assert_true (community_join_is_complete (join));
  g_assert_nonnull (community_join_get_page (join));
  g_assert_null (community_join_find_tier (join, "加入社群"));
}

static void
test_bundled_english (void)
{
  static const TierGolden tiers[] = {
    { "Paid Community", "paid-community", "Jpom 付费社群",
      { "30元/月", "80元/季度", "300元/年", NULL } },
    { "Free Community", "free-community", "Jpom 社群", { NULL } },
  };
  g_autoptr(CommunityJoin) join = join_for_file ("../data/pages/join.en.md");

  /* "(CNY 30 per month)" after each price is a gloss, not another price. */
  assert_tiers (join, tiers, G_N_ELEMENTS (tiers));
  assert_contact (join, "jpom66", BUNDLED_QR_IMAGE, BUNDLED_PAYLOAD, SEED_EMAIL);
  assert_no_warnings (join);
  g_assert_true (community_join_is_complete (join));
}

static void
test_english_prices (void)
{
  static const TierGolden tiers[] = {
    { "Paid Community", "paid-community", "Jpom 付费社群", { "¥20/month", NULL } },
    { "Free Community", "free-community", "Jpom 社群", { NULL } },
  };
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-en.md");

  /* "WeChat" names WeChat; "**¥20 transfer**" is an instruction, not a price. */
  assert_tiers (join, tiers, G_N_ELEMENTS (tiers));
  assert_contact (join, "jpom66", "/images/wx_qrcode.jpg", SEED_PAYLOAD, SEED_EMAIL);
  assert_no_warnings (join);
}

static void
test_prices_list (void)
{
  static const TierGolden tiers[] = {
    { "付费社群", "付费社群", "Jpom 付费社群", { "20元/月", "50元/季度", "180元/年", NULL } },
    { "免费社群", "免费社群", "Jpom 社群", { NULL } },
  };
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-prices-list.md");

  assert_tiers (join, tiers, G_N_ELEMENTS (tiers));
  assert_contact (join, "jpom66", "/images/wx_qrcode.jpg", SEED_PAYLOAD, SEED_EMAIL);
  assert_no_warnings (join);
}

static void
test_price_bare (void)
{
  static const TierGolden tiers[] = {
    { "付费社群", "付费社群", "Jpom 付费社群", { "20元", NULL } },
    { "免费社群", "免费社群", "Jpom 社群", { NULL } },
  };
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-price-bare.md");

  /* "付费金额：**20元**" is a price; "请发起**25元**转账" is not. */
  assert_tiers (join, tiers, G_N_ELEMENTS (tiers));
  assert_no_warnings (join);
}

static void
test_qr_in_html (void)
{
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-qr-html.md");

  assert_tiers (join, seed_tiers, G_N_ELEMENTS (seed_tiers));
  assert_contact (join, "jpom66", "/images/qrcode/weixin-jpom66.jpg",
                  "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1", SEED_EMAIL);
  assert_no_warnings (join);
}

static void
test_unknown_image (void)
{
  static const char * const warnings[] = { "/images/wx_qrcode_2025.jpg", NULL };
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-unknown-image.md");

  /* No payload to regenerate, but the ID and the e-mail are still there. */
  assert_tiers (join, seed_tiers, G_N_ELEMENTS (seed_tiers));
  assert_contact (join, "jpom66", "/images/wx_qrcode_2025.jpg", NULL, SEED_EMAIL);
  assert_warnings (join, warnings);
  g_assert_cmpuint (community_join_get_problems (join)->len, ==, 0);
  g_assert_true (community_join_is_complete (join));
}

static void
test_id_changed (void)
{
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-id-changed.md");

  assert_tiers (join, seed_tiers, G_N_ELEMENTS (seed_tiers));
  assert_contact (join, "jpom_helper", "/images/wx_qrcode.jpg", SEED_PAYLOAD, SEED_EMAIL);
  assert_no_warnings (join);
}

static void
test_tier_removed (void)
{
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-tier-removed.md");

  /* The free tier's remark item is still there, but names no section. */
  assert_tiers (join, seed_tiers, 1);
  assert_contact (join, "jpom66", "/images/wx_qrcode.jpg", SEED_PAYLOAD, SEED_EMAIL);
  assert_no_warnings (join);
  g_assert_null (community_join_find_tier (join, "免费社群"));
}

static void
test_incomplete (void)
{
  static const char * const warnings[] = { "tier", "WeChat ID", "mailto:", NULL };
  g_autoptr(CommunityJoin) join = join_for_file ("data/join-incomplete.md");

  assert_tiers (join, NULL, 0);
  assert_contact (join, NULL, "/images/wx_qrcode.jpg", SEED_PAYLOAD, NULL);
  assert_warnings (join, warnings);
  g_assert_cmpuint (community_join_get_problems (join)->len, ==, 3);
  g_assert_false (community_join_is_complete (join));
}

static void
test_longest_heading (void)
{
  static const TierGolden tiers[] = {
    { "社群", "社群", "B", { NULL } },
    { "付费社群", "付费社群", "A", { NULL } },
  };
  g_autoptr(CommunityJoin) join = NULL;

  /* 付费社群 contains 社群: the item means the longer one. */
  join = join_for_text ("## 社群\n\n## 付费社群\n\n"
                        "- 备注：`A` 表示您期望加入付费社群\n"
                        "- 备注：`B` 表示您期望加入社群\n");
  assert_tiers (join, tiers, G_N_ELEMENTS (tiers));
}

static void
test_first_remark_wins (void)
{
  static const TierGolden tiers[] = {
    { "Free", "free", "first", { NULL } },
  };
  g_autoptr(CommunityJoin) join = NULL;

  /* A code span alone names nothing; a nested list is not the item's text. */
  join = join_for_text ("## Free\n\n"
                        "- `rule about Free`\n"
                        "- remark `first` for free\n"
                        "  - nested `x` free\n"
                        "- remark `second` for free\n");
  assert_tiers (join, tiers, G_N_ELEMENTS (tiers));
}

static void
test_wechat_id (void)
{
  g_autoptr(CommunityJoin) before = NULL;
  g_autoptr(CommunityJoin) remark = NULL;
  g_autoptr(CommunityJoin) later = NULL;

  /* A code span before the word is not the ID. */
  before = join_for_text ("`abc` 是微信号\n");
  g_assert_null (community_join_get_wechat_id (before));

  /* A remark with a space is not an ID; the next code span is. */
  remark = join_for_text ("微信备注：`Jpom 社群`，微信号：`jpom66`\n");
  g_assert_cmpstr (community_join_get_wechat_id (remark), ==, "jpom66");

  /* The word counts across soft breaks and inside emphasis. */
  later = join_for_text ("Text `x`.\n\nAdd us on *wechat*:\n`jpom66`\n");
  g_assert_cmpstr (community_join_get_wechat_id (later), ==, "jpom66");
}

static void
test_email_autolink (void)
{
  g_autoptr(CommunityJoin) join = join_for_text ("[site](https://jpom.top/) <a@example.org>\n");

  g_assert_cmpstr (community_join_get_email (join), ==, "a@example.org");
}

static void
test_payload_lookup (void)
{
  g_assert_cmpstr (community_qr_payload_lookup ("/images/wx_qrcode.jpg"), ==, SEED_PAYLOAD);
  g_assert_cmpstr (community_qr_payload_lookup ("/images/qrcode/weixin-jpom66.jpg"), ==,
                   "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1");
  g_assert_cmpstr (community_qr_payload_lookup ("/images/wx_qrcode2.png"), ==,
                   "https://u.wechat.com/MN30yMDXa-LRwrE5yqqOQcM");
  /* A cache-busting query or a fragment does not change the image. */
  g_assert_cmpstr (community_qr_payload_lookup ("/images/wx_qrcode.jpg?v=2"), ==, SEED_PAYLOAD);
  g_assert_null (community_qr_payload_lookup ("/images/wx_qrcode.png"));
  g_assert_null (community_qr_payload_lookup (""));
}

/* --inspect: the "join" member and the exit status. */

static int
inspect_file (const char  *path,
              char       **err_text)
{
  g_autofree char *out_buf = NULL;
  char *err_buf = NULL;
  size_t out_len = 0, err_len = 0;
  FILE *out = open_memstream (&out_buf, &out_len);
  FILE *err = open_memstream (&err_buf, &err_len);
  int status = community_inspect_run (g_test_get_filename (G_TEST_DIST, path, NULL), out, err);

  fclose (out);
  fclose (err);
  *err_text = err_buf;
  return status;
}

static JsonObject *
inspect_join_member (const char *path,
                     JsonNode  **root)
{
  g_autoptr(CommunityJoin) join = join_for_file (path);

  *root = community_inspect_build (community_join_get_page (join), NULL);
  return json_object_get_object_member (json_node_get_object (*root), "join");
}

static void
test_inspect_seed (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *join = inspect_join_member ("../data/pages/join.zh_CN.md", &root);
  JsonArray *tiers = json_object_get_array_member (join, "tiers");
  JsonObject *paid = json_array_get_object_element (tiers, 0);
  JsonObject *free_tier = json_array_get_object_element (tiers, 1);
  JsonArray *paid_prices = json_object_get_array_member (paid, "prices");
  g_autofree char *err = NULL;

  g_assert_true (json_object_get_boolean_member (join, "complete"));
  g_assert_cmpuint (json_array_get_length (tiers), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (paid, "name"), ==, "付费社群");
  g_assert_cmpstr (json_object_get_string_member (paid, "anchor"), ==, "付费社群");
  g_assert_cmpstr (json_object_get_string_member (paid, "remark"), ==, "Jpom 付费社群");
  g_assert_cmpuint (json_array_get_length (paid_prices), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (paid_prices, 0), ==, "30元/月");
  g_assert_cmpstr (json_array_get_string_element (paid_prices, 1), ==, "80元/季度");
  g_assert_cmpstr (json_array_get_string_element (paid_prices, 2), ==, "300元/年");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (free_tier, "prices")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (join, "wechat_id"), ==, "jpom66");
  g_assert_cmpstr (json_object_get_string_member (join, "qr_image"), ==, BUNDLED_QR_IMAGE);
  g_assert_cmpstr (json_object_get_string_member (join, "qr_payload"), ==, BUNDLED_PAYLOAD);
  g_assert_cmpstr (json_object_get_string_member (join, "email"), ==, SEED_EMAIL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (join, "warnings")), ==, 0);

  g_assert_cmpint (inspect_file ("../data/pages/join.zh_CN.md", &err), ==, COMMUNITY_INSPECT_OK);
  g_assert_cmpstr (err, ==, "");
}

static void
test_inspect_incomplete (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *join = inspect_join_member ("data/join-incomplete.md", &root);
  g_autofree char *err = NULL;

  g_assert_false (json_object_get_boolean_member (join, "complete"));
  g_assert_true (json_object_get_null_member (join, "wechat_id"));
  g_assert_true (json_object_get_null_member (join, "email"));

  /* Exit 1, with one line for each thing the app cannot do without. */
  g_assert_cmpint (inspect_file ("data/join-incomplete.md", &err), ==,
                   COMMUNITY_INSPECT_INCOMPLETE);
  g_assert_nonnull (strstr (err, "No community tier"));
  g_assert_nonnull (strstr (err, "No WeChat ID"));
  g_assert_nonnull (strstr (err, "No e-mail"));
}

static void
test_inspect_unknown_image (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *join = inspect_join_member ("data/join-unknown-image.md", &root);
  g_autofree char *err = NULL;

  /* A warning, but the app can still help: exit 0. */
  g_assert_true (json_object_get_boolean_member (join, "complete"));
  g_assert_true (json_object_get_null_member (join, "qr_payload"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (join, "warnings")), ==, 1);
  g_assert_cmpint (inspect_file ("data/join-unknown-image.md", &err), ==, COMMUNITY_INSPECT_OK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/join/seed", test_seed);
  g_test_add_func ("/community/join/bundled-english", test_bundled_english);
  g_test_add_func ("/community/join/english-prices", test_english_prices);
  g_test_add_func ("/community/join/prices-list", test_prices_list);
  g_test_add_func ("/community/join/price-bare", test_price_bare);
  g_test_add_func ("/community/join/qr-in-html", test_qr_in_html);
  g_test_add_func ("/community/join/unknown-image", test_unknown_image);
  g_test_add_func ("/community/join/id-changed", test_id_changed);
  g_test_add_func ("/community/join/tier-removed", test_tier_removed);
  g_test_add_func ("/community/join/incomplete", test_incomplete);
  g_test_add_func ("/community/join/longest-heading", test_longest_heading);
  g_test_add_func ("/community/join/first-remark-wins", test_first_remark_wins);
  g_test_add_func ("/community/join/wechat-id", test_wechat_id);
  g_test_add_func ("/community/join/email-autolink", test_email_autolink);
  g_test_add_func ("/community/join/payload-lookup", test_payload_lookup);
  g_test_add_func ("/community/join/inspect-seed", test_inspect_seed);
  g_test_add_func ("/community/join/inspect-incomplete", test_inspect_incomplete);
  g_test_add_func ("/community/join/inspect-unknown-image", test_inspect_unknown_image);

  return g_test_run ();
}
