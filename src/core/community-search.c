/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-search.c: the overview's results for a join model.
 *
 * Everything a result says comes from the page: the WeChat ID, the
 * remarks, the tiers' names and prices, the address. Its words are those
 * texts, the words of its name and description, and fixed keywords in
 * both languages, so that a reader of either finds it whichever language
 * the app runs in. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "community-join-changes.h"
#include "community-search.h"
#include "community-text.h"

/* What finds every result: the app and what it is for. */
static const char * const app_keywords[] = {
  "jpom", "community", "join", "wechat", "weixin",
  "社群", "社区", "加群", "加入", "微信",
  NULL
};

static const char * const copy_keywords[] = { "copy", "复制", NULL };
static const char * const wechat_id_keywords[] = { "id", "微信号", "assistant", "小助手", NULL };
static const char * const remark_keywords[] = { "remark", "备注", NULL };
static const char * const email_keywords[] = {
  "email", "e-mail", "mail", "contact", "maintainers", "邮件", "邮箱", "联系", "维护者",
  NULL
};

static void
community_search_result_free (CommunitySearchResult *result)
{
  g_free (result->id);
  g_free (result->name);
  g_free (result->description);
  g_free (result->target);
  g_strfreev (result->words);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunitySearchResult, community_search_result_free)

/* Text as terms and words are compared: compatibility-normalized (a
 * full-width "ＪＰＯＭ" from a Chinese input method is "JPOM") and
 * case-folded. */
static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

/* Adds @text, folded, and each of its space-separated words. */
static void
add_words (GStrvBuilder *words,
           const char   *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) split = NULL;

  if (text == NULL)
    return;

  folded = fold (text);
  split = g_strsplit_set (folded, " \t\n", -1);
  g_strv_builder_add (words, folded);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0' && !g_str_equal (split[i], folded))
      g_strv_builder_add (words, split[i]);
}

static void
add_keywords (GStrvBuilder       *words,
              const char * const *keywords)
{
  for (guint i = 0; keywords[i] != NULL; i++)
    g_strv_builder_add (words, keywords[i]);
}

static char *
shown (const char *text)
{
  return community_text_make_safe (text, -1, COMMUNITY_TEXT_FLAGS_NONE,
                                   COMMUNITY_SEARCH_MAX_SHOWN_CHARS);
}

/* A result that takes @id, @name and @description, with the words of
 * its name and description and the app's keywords added to @words, where
 * the caller put its own. */
static CommunitySearchResult *
result_new (char                  *id,
            char                  *name,
            char                  *description,
            const char            *icon_name,
            CommunitySearchAction  action,
            const char            *target,
            GStrvBuilder          *words)
{
  CommunitySearchResult *result = g_new0 (CommunitySearchResult, 1);

  result->id = id;
  result->name = name;
  result->description = description;
  result->icon_name = icon_name;
  result->action = action;
  result->target = g_strdup (target);

  add_keywords (words, app_keywords);
  add_words (words, name);
  add_words (words, description);
  result->words = g_strv_builder_end (words);

  return result;
}

static CommunitySearchResult *
wechat_id_result_new (const char *wechat_id)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autofree char *safe_id = shown (wechat_id);

  add_keywords (words, copy_keywords);
  add_keywords (words, wechat_id_keywords);
  add_words (words, wechat_id);

  return result_new (g_strdup ("wechat-id"),
                     /* Translators: an overview search result; %s is the
                      * community assistant's WeChat ID, such as jpom66 */
                     g_strdup_printf (_("Copy WeChat ID %s"), safe_id),
                     /* Translators: the description under "Copy WeChat ID
                      * jpom66" in the overview's search results */
                     g_strdup (_("Search for it in WeChat to add the community assistant")),
                     "edit-copy-symbolic", COMMUNITY_SEARCH_ACTION_COPY, wechat_id, words);
}

/* The words of a tier, for its join and remark results alike: its name
 * and anchor (in the language shown) and its remark (always Chinese). */
static void
add_tier_words (GStrvBuilder        *words,
                const CommunityTier *tier)
{
  add_words (words, tier->name);
  add_words (words, tier->anchor);
  add_words (words, tier->remark);
}

static CommunitySearchResult *
join_result_new (const CommunityTier *tier)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autofree char *safe_name = shown (tier->name);
  g_autofree char *prices = community_join_describe_prices ((const char * const *) tier->prices);
  g_autofree char *safe_prices = shown (prices);

  add_tier_words (words, tier);
  add_words (words, prices);

  return result_new (g_strconcat ("join:", tier->anchor, NULL),
                     /* Translators: an overview search result that opens
                      * the Join dialog; %s is a tier such as "付费社群" */
                     g_strdup_printf (_("Join %s"), safe_name),
                     /* Translators: the description of a tier in the
                      * overview's search results; %s is its prices, such
                      * as "30元/月, 80元/季度", or "free" */
                     g_strdup_printf (_("Prices: %s"), safe_prices),
                     "system-users-symbolic", COMMUNITY_SEARCH_ACTION_JOIN, tier->anchor, words);
}

static CommunitySearchResult *
remark_result_new (const CommunityTier *tier)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autofree char *safe_remark = shown (tier->remark);
  g_autofree char *safe_name = shown (tier->name);

  add_keywords (words, copy_keywords);
  add_keywords (words, remark_keywords);
  add_tier_words (words, tier);

  return result_new (g_strconcat ("remark:", tier->anchor, NULL),
                     /* Translators: an overview search result; %s is the
                      * remark to write when adding the assistant, such as
                      * "Jpom 付费社群" */
                     g_strdup_printf (_("Copy remark %s"), safe_remark),
                     /* Translators: the description under "Copy remark
                      * Jpom 付费社群" in the overview's search results; %s
                      * is a tier such as "付费社群" */
                     g_strdup_printf (_("Write it when you add the assistant, to join %s"),
                                      safe_name),
                     "edit-copy-symbolic", COMMUNITY_SEARCH_ACTION_COPY, tier->remark, words);
}

static CommunitySearchResult *
email_result_new (const char *address)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

  add_keywords (words, email_keywords);

  return result_new (g_strdup ("email"),
                     /* Translators: an overview search result that opens
                      * an e-mail to the maintainers */
                     g_strdup (_("E-mail the maintainers")),
                     shown (address),
                     "mail-send-symbolic", COMMUNITY_SEARCH_ACTION_EMAIL, address, words);
}

GPtrArray *
community_search_results_new (CommunityJoin *join)
{
  GPtrArray *results;
  GPtrArray *tiers;

  g_return_val_if_fail (COMMUNITY_IS_JOIN (join), NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) community_search_result_free);
  tiers = community_join_get_tiers (join);

  if (community_join_get_wechat_id (join) != NULL)
    g_ptr_array_add (results, wechat_id_result_new (community_join_get_wechat_id (join)));
  for (guint i = 0; i < tiers->len; i++)
    g_ptr_array_add (results, join_result_new (g_ptr_array_index (tiers, i)));
  if (community_join_get_email (join) != NULL)
    g_ptr_array_add (results, email_result_new (community_join_get_email (join)));
  for (guint i = 0; i < tiers->len; i++)
    g_ptr_array_add (results, remark_result_new (g_ptr_array_index (tiers, i)));

  return results;
}

const CommunitySearchResult *
community_search_results_find (GPtrArray  *results,
                               const char *id)
{
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < results->len; i++)
    {
      const CommunitySearchResult *result = g_ptr_array_index (results, i);

      if (g_str_equal (result->id, id))
        return result;
    }

  return NULL;
}

/* @term and @word are folded. */
static gboolean
word_matches (const char *word,
              const char *term)
{
  return g_str_has_prefix (word, term)
         || (!g_str_is_ascii (term) && strstr (word, term) != NULL);
}

static gboolean
term_matches (const CommunitySearchResult *result,
              const char                  *term)
{
  g_autofree char *folded = fold (term);

  if (g_utf8_strlen (folded, -1) < COMMUNITY_SEARCH_MIN_TERM_CHARS)
    return FALSE;

  for (guint i = 0; result->words[i] != NULL; i++)
    if (word_matches (result->words[i], folded))
      return TRUE;

  return FALSE;
}

gboolean
community_search_result_matches (const CommunitySearchResult *result,
                                 const char * const          *terms)
{
  g_return_val_if_fail (result != NULL, FALSE);

  if (terms == NULL || terms[0] == NULL)
    return FALSE;

  for (guint i = 0; terms[i] != NULL; i++)
    if (!term_matches (result, terms[i]))
      return FALSE;

  return TRUE;
}
