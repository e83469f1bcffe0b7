/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search.c: the overview's results for a join model, and which
 * terms find them. Display-free; the D-Bus side is
 * test-search-provider.c. */

#include "config.h"

#include "community-search.h"
#include "community-test-core.h"

/* The join model of the bundled Chinese page with each @from replaced by
 * the string after it. */
#define chinese_join(...) community_test_join_take (community_test_edited_page (__VA_ARGS__))

/* The join model of the bundled Chinese page as it is. */
static CommunityJoin *
seed_join (void)
{
  return community_test_join_take (community_test_bundled_page ("zh_CN"));
}

static CommunityJoin *
english_join (CommunityJoin *source)
{
  g_autoptr(GBytes) bytes = community_test_bundled_page ("en");
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return community_join_new_translated (page, source);
}

static const CommunitySearchResult *
result_at (GPtrArray *results,
           guint      i)
{
  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

static const CommunitySearchResult *
find (GPtrArray  *results,
      const char *id)
{
  const CommunitySearchResult *result = community_search_results_find (results, id);

  if (result == NULL)
    g_error ("No result %s", id);
  return result;
}

/* The ids of @results that @query (split at spaces, as the shell does)
 * finds, joined by spaces. */
static char *
found (GPtrArray  *results,
       const char *query)
{
  g_auto(GStrv) terms = g_strsplit (query, " ", -1);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      const CommunitySearchResult *result = g_ptr_array_index (results, i);

      if (community_search_result_matches (result, (const char * const *) terms))
        g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", result->id);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define assert_found(results, query, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = found ((results), (query)); \
    g_assert_cmpstr (ids_, ==, (expected)); \
  } G_STMT_END

#define ALL "wechat-id join:付费社群 join:免费社群 email remark:付费社群 remark:免费社群"

/* The seed page's results, in the order the overview shows them, with
 * their texts from the page. */
static void
test_results (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  g_autoptr(GPtrArray) results = community_search_results_new (join);
  const CommunitySearchResult *result;

  g_assert_cmpuint (results->len, ==, 6);

  result = result_at (results, 0);
  g_assert_cmpstr (result->id, ==, "wechat-id");
  g_assert_cmpstr (result->name, ==, "Copy WeChat ID jpom66");
  g_assert_cmpint (result->action, ==, COMMUNITY_SEARCH_ACTION_COPY);
  g_assert_cmpstr (result->target, ==, "jpom66");
  g_assert_cmpstr (result->icon_name, ==, "edit-copy-symbolic");

  result = result_at (results, 1);
  g_assert_cmpstr (result->id, ==, "join:付费社群");
  g_assert_cmpstr (result->name, ==, "Join 付费社群");
  g_assert_cmpstr (result->description, ==, "Prices: 30元/月, 80元/季度, 300元/年");
  g_assert_cmpint (result->action, ==, COMMUNITY_SEARCH_ACTION_JOIN);
  g_assert_cmpstr (result->target, ==, "付费社群");
  g_assert_cmpstr (result->icon_name, ==, "system-users-symbolic");

  result = result_at (results, 2);
  g_assert_cmpstr (result->id, ==, "join:免费社群");
  g_assert_cmpstr (result->description, ==, "Prices: free");

  result = result_at (results, 3);
  g_assert_cmpstr (result->id, ==, "email");
  g_assert_cmpstr (result->name, ==, "E-mail the maintainers");
  g_assert_cmpstr (result->description, ==, "bwcx_jzy@dromara.org");
  g_assert_cmpint (result->action, ==, COMMUNITY_SEARCH_ACTION_EMAIL);
  g_assert_cmpstr (result->target, ==, "bwcx_jzy@dromara.org");
  g_assert_cmpstr (result->icon_name, ==, "mail-send-symbolic");

  result = result_at (results, 4);
  g_assert_cmpstr (result->id, ==, "remark:付费社群");
  g_assert_cmpstr (result->name, ==, "Copy remark Jpom 付费社群");
  g_assert_cmpstr (result->description, ==, "Write it when you add the assistant, to join 付费社群");
  g_assert_cmpint (result->action, ==, COMMUNITY_SEARCH_ACTION_COPY);
  g_assert_cmpstr (result->target, ==, "Jpom 付费社群");

  result = result_at (results, 5);
  g_assert_cmpstr (result->id, ==, "remark:免费社群");
  g_assert_cmpstr (result->target, ==, "Jpom 社群");

  g_assert_true (community_search_results_find (results, "remark:免费社群") == result);
  g_assert_null (community_search_results_find (results, "remark:"));
  g_assert_null (community_search_results_find (results, "join:paid-community"));
}

/* Everything comes from the page: another ID, remark, price and address
 * give other results. */
static void
test_from_page (void)
{
  g_autoptr(CommunityJoin) join = chinese_join ("`jpom66`", "`jpom88`",
                                                "`Jpom 付费社群`", "`Jpom 付费群`",
                                                "**30元/月**", "**40元/月**",
                                                "bwcx_jzy@dromara.org", "help@example.org",
                                                NULL);
  g_autoptr(GPtrArray) results = community_search_results_new (join);

  g_assert_cmpstr (find (results, "wechat-id")->name, ==, "Copy WeChat ID jpom88");
  g_assert_cmpstr (find (results, "wechat-id")->target, ==, "jpom88");
  g_assert_cmpstr (find (results, "remark:付费社群")->name, ==, "Copy remark Jpom 付费群");
  g_assert_cmpstr (find (results, "remark:付费社群")->target, ==, "Jpom 付费群");
  g_assert_cmpstr (find (results, "join:付费社群")->description, ==,
                   "Prices: 40元/月, 80元/季度, 300元/年");
  g_assert_cmpstr (find (results, "email")->target, ==, "help@example.org");
  assert_found (results, "jpom88", "wechat-id");
  assert_found (results, "jpom66", "");
  assert_found (results, "help@", "email");
}

/* A page without an address has no e-mail result; without an ID, no ID
 * result. */
static void
test_missing (void)
{
  g_autoptr(CommunityJoin) join = chinese_join ("`jpom66`", "jpom66",
                                                "mailto:bwcx_jzy@dromara.org", "https://example.org/",
                                                NULL);
  g_autoptr(GPtrArray) results = community_search_results_new (join);

  g_assert_null (community_join_get_wechat_id (join));
  g_assert_null (community_join_get_email (join));
  g_assert_null (community_search_results_find (results, "wechat-id"));
  g_assert_null (community_search_results_find (results, "email"));
  g_assert_cmpuint (results->len, ==, 4);
}

/* The English page's tier names and anchors, the Chinese page's remarks
 * and facts. */
static void
test_translated (void)
{
  g_autoptr(CommunityJoin) source = seed_join ();
  g_autoptr(CommunityJoin) join = english_join (source);
  g_autoptr(GPtrArray) results = community_search_results_new (join);

  g_assert_cmpuint (results->len, ==, 6);
  g_assert_cmpstr (result_at (results, 1)->id, ==, "join:paid-community");
  g_assert_cmpstr (result_at (results, 1)->name, ==, "Join Paid Community");
  g_assert_cmpstr (result_at (results, 1)->target, ==, "paid-community");
  g_assert_cmpstr (result_at (results, 2)->name, ==, "Join Free Community");
  g_assert_cmpstr (result_at (results, 4)->id, ==, "remark:paid-community");
  g_assert_cmpstr (result_at (results, 4)->name, ==, "Copy remark Jpom 付费社群");
  g_assert_cmpstr (result_at (results, 4)->description, ==,
                   "Write it when you add the assistant, to join Paid Community");

  /* Found by either language's words. */
  assert_found (results, "paid", "join:paid-community remark:paid-community");
  assert_found (results, "付费", "join:paid-community remark:paid-community");
}

/* The app's keywords, in both languages, find every result; matching
 * ignores case and width, and a term may be the start of a word. */
static void
test_keywords (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  g_autoptr(GPtrArray) results = community_search_results_new (join);
  const char * const queries[] = {
    "jpom", "JPOM", "Jp", "ＪＰＯＭ", "wechat", "wech", "WeChat", "weixin", "community",
    "join", "社群", "社区", "加群", "加入", "微信",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *ids = found (results, queries[i]);

      if (!g_str_equal (ids, ALL))
        g_error ("“%s” finds “%s”, not every result", queries[i], ids);
    }
}

/* Every term must find the result: more terms, fewer results. */
static void
test_every_term (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  g_autoptr(GPtrArray) results = community_search_results_new (join);

  assert_found (results, "jpom copy", "wechat-id remark:付费社群 remark:免费社群");
  assert_found (results, "jpom 复制", "wechat-id remark:付费社群 remark:免费社群");
  assert_found (results, "jpom remark", "remark:付费社群 remark:免费社群");
  assert_found (results, "微信 备注", "remark:付费社群 remark:免费社群");
  assert_found (results, "jpom id", "wechat-id");
  assert_found (results, "jpom66", "wechat-id");
  assert_found (results, "微信号", "wechat-id");
  assert_found (results, "jpom mail", "email");
  assert_found (results, "邮箱", "email");
  assert_found (results, "join 付费", "join:付费社群 remark:付费社群");
  assert_found (results, "免费", "join:免费社群 remark:免费社群");
  assert_found (results, "jpom weather", "");
}

/* Unrelated terms, single characters and no terms find nothing. */
static void
test_no_match (void)
{
  g_autoptr(CommunityJoin) join = seed_join ();
  g_autoptr(GPtrArray) results = community_search_results_new (join);
  const char * const none[] = { NULL };

  assert_found (results, "weather", "");
  assert_found (results, "calculator", "");
  assert_found (results, "天气", "");
  assert_found (results, "om", "");
  assert_found (results, "j", "");
  assert_found (results, "微", "");
  assert_found (results, "jpom j", "");
  g_assert_false (community_search_result_matches (result_at (results, 0), none));
  g_assert_false (community_search_result_matches (result_at (results, 0), NULL));
}

/* A page's bidi overrides (which reorder what the reader sees) reach
 * neither the overview's text nor the clipboard. */
static void
test_unsafe_text (void)
{
  g_autoptr(CommunityJoin) join = chinese_join ("`jpom66`", "`jpom\u202e66`",
                                                "`Jpom 社群`", "`Jpom\u202e 社群`",
                                                NULL);
  g_autoptr(GPtrArray) results = community_search_results_new (join);

  for (guint i = 0; i < results->len; i++)
    {
      const CommunitySearchResult *result = result_at (results, i);

      g_assert_null (g_utf8_strchr (result->name, -1, 0x202e));
      g_assert_null (g_utf8_strchr (result->description, -1, 0x202e));
      g_assert_null (g_utf8_strchr (result->target, -1, 0x202e));
    }
  g_assert_cmpstr (find (results, "wechat-id")->name, ==, "Copy WeChat ID jpom\xef\xbf\xbd" "66");
  g_assert_cmpstr (find (results, "remark:免费社群")->name, ==, "Copy remark Jpom\xef\xbf\xbd 社群");
}

/* A page's long text is cut to one line in the overview; the clipboard
 * gets it whole. */
static void
test_long_text (void)
{
  g_autofree char *long_id = g_strnfill (300, 'a');
  g_autofree char *code_span = g_strdup_printf ("`%s`", long_id);
  g_autoptr(CommunityJoin) join = chinese_join ("`jpom66`", code_span, NULL);
  g_autoptr(GPtrArray) results = community_search_results_new (join);
  const CommunitySearchResult *result = find (results, "wechat-id");
  g_autofree char *shown = g_strnfill (COMMUNITY_SEARCH_MAX_SHOWN_CHARS - 1, 'a');
  g_autofree char *expected = g_strdup_printf ("Copy WeChat ID %s…", shown);

  g_assert_cmpstr (community_join_get_wechat_id (join), ==, long_id);
  g_assert_cmpstr (result->target, ==, long_id);
  g_assert_cmpstr (result->name, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/search/results", test_results);
  g_test_add_func ("/community/search/from-page", test_from_page);
  g_test_add_func ("/community/search/missing", test_missing);
  g_test_add_func ("/community/search/translated", test_translated);
  g_test_add_func ("/community/search/keywords", test_keywords);
  g_test_add_func ("/community/search/every-term", test_every_term);
  g_test_add_func ("/community/search/no-match", test_no_match);
  g_test_add_func ("/community/search/unsafe-text", test_unsafe_text);
  g_test_add_func ("/community/search/long-text", test_long_text);

  return g_test_run ();
}
