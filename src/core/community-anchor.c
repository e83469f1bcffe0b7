/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "community-anchor.h"

/* The characters VuePress's slugify turns into a separator, besides white
 * space: its rSpecial class. */
static gboolean
is_special (gunichar c)
{
  static const char ascii[] = "~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/";

  if (c < 0x80)
    return c != 0 && strchr (ascii, (int) c) != NULL;

  return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

static gboolean
is_dropped (gunichar c)
{
  return c < 0x20 || (c >= 0x0300 && c <= 0x036F);
}

static void
collapse_into (GString    *out,
               const char *normalized)
{
  gboolean pending_dash = FALSE;

  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dropped (c))
        continue;
      if (is_special (c) || g_unichar_isspace (c))
        {
          pending_dash = TRUE;
          continue;
        }
      /* Separators at the start are dropped, between words one '-'. */
      if (pending_dash && out->len > 0)
        g_string_append_c (out, '-');
      pending_dash = FALSE;
      g_string_append_unichar (out, c);
    }
}

char *
community_anchor_slugify (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return g_strdup ("");

  collapse_into (out, normalized);
  if (g_ascii_isdigit (out->str[0]))
    g_string_prepend_c (out, '_');

  return g_utf8_strdown (out->str, -1);
}

char *
community_anchor_unique (GHashTable *used,
                         const char *text)
{
  g_autofree char *slug = NULL;
  char *unique;
  guint next;

  g_return_val_if_fail (used != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  slug = community_anchor_slugify (text);
  if (!g_hash_table_contains (used, slug))
    {
      g_hash_table_insert (used, g_strdup (slug), GUINT_TO_POINTER (2));
      return g_steal_pointer (&slug);
    }

  /* Each slug remembers the next suffix to try, so a page of a thousand
   * equal headings does not test every suffix again for each of them. */
  next = MAX (2, GPOINTER_TO_UINT (g_hash_table_lookup (used, slug)));
  unique = g_strdup_printf ("%s-%u", slug, next);
  while (g_hash_table_contains (used, unique))
    {
      g_free (unique);
      unique = g_strdup_printf ("%s-%u", slug, ++next);
    }
  g_hash_table_insert (used, g_strdup (slug), GUINT_TO_POINTER (next + 1));
  g_hash_table_insert (used, g_strdup (unique), GUINT_TO_POINTER (2));

  return unique;
}
