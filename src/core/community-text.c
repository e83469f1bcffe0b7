/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-text.c: replacing what a label or a terminal would act on. */
#include "config.h"

#include <string.h>

#include "community-text.h"

gboolean
community_text_is_unsafe_char (gunichar           c,
                               CommunityTextFlags flags)
{
  if (c == '\n' || c == '\t')
    return !(flags & COMMUNITY_TEXT_FLAGS_KEEP_LAYOUT);
  /* C0, DEL and C1: ESC starts every terminal sequence, and U+009B
   * (CSI) and U+009D (OSC) do the same on terminals that read C1. */
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return TRUE;

  switch (c)
    {
    case 0x061C:                    /* Arabic letter mark */
    case 0x200E: case 0x200F:       /* left-to-right and right-to-left marks */
    case 0x202A: case 0x202B:       /* embeddings */
    case 0x202C:                    /* pop directional formatting */
    case 0x202D: case 0x202E:       /* overrides */
    case 0x2066: case 0x2067:       /* isolates */
    case 0x2068: case 0x2069:       /* first strong isolate, pop isolate */
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
community_text_is_safe (const char         *text,
                        CommunityTextFlags  flags)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (community_text_is_unsafe_char (g_utf8_get_char (p), flags))
      return FALSE;

  return TRUE;
}

char *
community_text_make_safe (const char         *text,
                          gssize              length,
                          CommunityTextFlags  flags,
                          guint               max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint chars = 0;

  g_return_val_if_fail (text != NULL, NULL);

  /* Each invalid sequence becomes U+FFFD. */
  valid = g_utf8_make_valid (text, length);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && ++chars == max_chars && *g_utf8_next_char (p) != '\0')
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, community_text_is_unsafe_char (c, flags)
                                    ? COMMUNITY_TEXT_REPLACEMENT : c);
    }

  return g_string_free (out, FALSE);
}

void
community_text_print_line (FILE       *out,
                           const char *line)
{
  g_autofree char *safe = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (line != NULL);

  safe = community_text_make_safe (line, -1, COMMUNITY_TEXT_FLAGS_NONE, 0);
  fprintf (out, "%s\n", safe);
}
