/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-changes.c: comparing two join models for the reader.
 *
 * Tiers are matched by anchor, then by remark, so a renamed heading with
 * the same remark is the same tier. Only what a reader acts on is named;
 * a reworded paragraph is not a change here. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-join-changes.h"

static const CommunityTier *
find_match (GPtrArray           *tiers,
            const CommunityTier *tier)
{
  for (guint i = 0; i < tiers->len; i++)
    {
      const CommunityTier *other = g_ptr_array_index (tiers, i);

      if (g_strcmp0 (other->anchor, tier->anchor) == 0)
        return other;
    }

  for (guint i = 0; i < tiers->len; i++)
    {
      const CommunityTier *other = g_ptr_array_index (tiers, i);

      if (g_strcmp0 (other->remark, tier->remark) == 0)
        return other;
    }

  return NULL;
}

/* The items of @strv that @other lacks, joined for reading. */
static char *
join_missing (const char * const *strv,
              const char * const *other)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) missing = NULL;

  for (guint i = 0; strv[i] != NULL; i++)
    if (!g_strv_contains (other, strv[i]))
      g_strv_builder_add (builder, strv[i]);

  missing = g_strv_builder_end (builder);
  /* Translators: between the items of a list, such as prices. */
  return g_strjoinv (C_("list separator", ", "), missing);
}

char *
community_join_describe_prices (const char * const *prices)
{
  if (prices == NULL || prices[0] == NULL)
    /* Translators: the prices of a tier that costs nothing. */
    return g_strdup (C_("prices", "free"));

  return g_strjoinv (C_("list separator", ", "), (GStrv) prices);
}

static guint
count_paid (GPtrArray *tiers)
{
  guint n = 0;

  for (guint i = 0; i < tiers->len; i++)
    n += community_tier_is_paid (g_ptr_array_index (tiers, i));

  return n;
}

/* "30元/月 → 40元/月" when prices were swapped for others; the whole
 * lists when prices were only added or only removed. */
static void
describe_prices (GPtrArray           *lines,
                 const CommunityTier *before,
                 const CommunityTier *after,
                 gboolean             name_tier)
{
  const char * const *old = (const char * const *) before->prices;
  const char * const *new = (const char * const *) after->prices;
  g_autofree char *removed = join_missing (old, new);
  g_autofree char *added = join_missing (new, old);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (*removed == '\0' && *added == '\0')
    return;

  if (*removed != '\0' && *added != '\0')
    {
      from = g_steal_pointer (&removed);
      to = g_steal_pointer (&added);
    }
  else
    {
      from = community_join_describe_prices (old);
      to = community_join_describe_prices (new);
    }

  if (name_tier)
    /* Translators: a tier's name, then its old and its new prices. */
    g_ptr_array_add (lines, g_strdup_printf (_("Prices of %s changed: %s → %s"),
                                             after->name, from, to));
  else
    /* Translators: old prices, then new prices. */
    g_ptr_array_add (lines, g_strdup_printf (_("Prices changed: %s → %s"), from, to));
}

static void
describe_tiers (GPtrArray     *lines,
                CommunityJoin *before,
                CommunityJoin *after)
{
  GPtrArray *old_tiers = community_join_get_tiers (before);
  GPtrArray *new_tiers = community_join_get_tiers (after);
  gboolean name_tier = count_paid (new_tiers) > 1;

  for (guint i = 0; i < new_tiers->len; i++)
    {
      const CommunityTier *tier = g_ptr_array_index (new_tiers, i);
      const CommunityTier *old = find_match (old_tiers, tier);

      if (old == NULL)
        {
          /* Translators: the name of a community tier new on the page. */
          g_ptr_array_add (lines, g_strdup_printf (_("New tier: %s"), tier->name));
          continue;
        }
      describe_prices (lines, old, tier, name_tier);
      if (g_strcmp0 (old->remark, tier->remark) != 0)
        /* Translators: a tier's name, then the old and the new remark to
         * write when adding the assistant on WeChat. */
        g_ptr_array_add (lines, g_strdup_printf (_("Remark for %s changed: %s → %s"),
                                                 tier->name, old->remark, tier->remark));
    }

  for (guint i = 0; i < old_tiers->len; i++)
    {
      const CommunityTier *tier = g_ptr_array_index (old_tiers, i);

      if (find_match (new_tiers, tier) == NULL)
        /* Translators: the name of a community tier no longer on the page. */
        g_ptr_array_add (lines, g_strdup_printf (_("Tier removed: %s"), tier->name));
    }
}

static const char *
or_none (const char *value)
{
  /* Translators: shown for a value the page no longer gives. */
  return value != NULL ? value : C_("value", "none");
}

static void
describe_contacts (GPtrArray     *lines,
                   CommunityJoin *before,
                   CommunityJoin *after)
{
  const char *old_id = community_join_get_wechat_id (before);
  const char *new_id = community_join_get_wechat_id (after);
  const char *old_qr = community_join_get_qr_payload (before);
  const char *new_qr = community_join_get_qr_payload (after);
  const char *old_email = community_join_get_email (before);
  const char *new_email = community_join_get_email (after);

  if (g_strcmp0 (old_id, new_id) != 0)
    /* Translators: the assistant's old and new WeChat ID. */
    g_ptr_array_add (lines, g_strdup_printf (_("WeChat ID changed: %s → %s"),
                                             or_none (old_id), or_none (new_id)));
  if (g_strcmp0 (old_qr, new_qr) != 0 && new_qr != NULL)
    g_ptr_array_add (lines, g_strdup (_("New WeChat QR code")));
  else if (g_strcmp0 (old_qr, new_qr) != 0)
    g_ptr_array_add (lines, g_strdup (_("The WeChat QR code is no longer available")));
  if (g_strcmp0 (old_email, new_email) != 0)
    /* Translators: the maintainers' old and new e-mail address. */
    g_ptr_array_add (lines, g_strdup_printf (_("E-mail changed: %s → %s"),
                                             or_none (old_email), or_none (new_email)));
}

GPtrArray *
community_join_describe_changes (CommunityJoin *before,
                                 CommunityJoin *after)
{
  GPtrArray *lines;

  g_return_val_if_fail (COMMUNITY_IS_JOIN (before), NULL);
  g_return_val_if_fail (COMMUNITY_IS_JOIN (after), NULL);

  lines = g_ptr_array_new_with_free_func (g_free);
  describe_tiers (lines, before, after);
  describe_contacts (lines, before, after);

  return lines;
}
