/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-mailto.c: building and reading RFC 6068 mailto: URIs. */

#include "config.h"

#include <string.h>

#include "community-mailto.h"
#include "community-text.h"

/* RFC 6068 lets "to" and header values carry, unescaped, only RFC 3986's
 * unreserved characters (which g_uri_escape_string() never escapes) and its
 * own "some-delims": ! $ ' ( ) * + , ; : @. Everything else is escaped,
 * UTF-8 byte by byte: '%', the '?' that starts the header fields, the '&'
 * and '=' that separate them, '#' (a fragment), '/', brackets, spaces
 * (as %20, never '+') and every non-ASCII byte.
 *
 * Two of the some-delims are escaped all the same, since the RFC allows it
 * (a pct-encoded octet is always a qchar) and it is safer:
 *  - '+', because many mail programs decode mailto: URIs as HTML form data
 *    and would turn a literal '+' into a space;
 *  - ',' inside the address, because "to" is a comma-separated list and a
 *    comma there would split one address into two. In a subject a comma
 *    means nothing special and stays readable. */
#define ADDRESS_ALLOWED "!$'()*;:@"
#define HFVALUE_ALLOWED "!$'()*,;:@"

/* RFC 6068 section 5: line breaks in a body are CRLF, sent as %0D%0A. */
static char *
crlf_line_breaks (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\r' || *p == '\n')
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
append_hfield (GString    *uri,
               const char *name,
               const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;

  escaped = g_uri_escape_string (value, HFVALUE_ALLOWED, FALSE);
  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append_printf (uri, "%s=%s", name, escaped);
}

char *
community_mailto_build (const char *address,
                        const char *subject,
                        const char *body)
{
  g_autofree char *escaped_address = NULL;
  g_autofree char *crlf_body = NULL;
  GString *uri;

  g_return_val_if_fail (address != NULL, NULL);

  escaped_address = g_uri_escape_string (address, ADDRESS_ALLOWED, FALSE);
  uri = g_string_new ("mailto:");
  g_string_append (uri, escaped_address);

  append_hfield (uri, "subject", subject);
  if (body != NULL)
    crlf_body = crlf_line_breaks (body);
  append_hfield (uri, "body", crlf_body);

  return g_string_free (uri, FALSE);
}

/* Characters that some mail program reads as list or header syntax once
 * the address is decoded: a comma (%2C) would split it into two, a
 * semicolon or angle brackets would do the same in others. */
#define ADDRESS_SPECIALS ",;<>\"()[]\\:"

/* One address: exactly one '@' with text on both sides, and no space,
 * control, bidi character or list syntax anywhere. */
static gboolean
is_plausible_address (const char *address)
{
  const char *at = strchr (address, '@');

  if (at == NULL || at == address || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = address; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || community_text_is_unsafe_char (c, COMMUNITY_TEXT_FLAGS_NONE)
          || (c < 0x80 && strchr (ADDRESS_SPECIALS, (int) c) != NULL))
        return FALSE;
    }

  return TRUE;
}

char *
community_mailto_parse_address (const char *uri)
{
  static const char scheme[] = "mailto:";
  g_autofree char *to = NULL;
  g_autofree char *address = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  if (g_ascii_strncasecmp (uri, scheme, strlen (scheme)) != 0)
    return NULL;

  /* The "to" part ends at the header fields; keep its first address. */
  to = g_strndup (uri + strlen (scheme), strcspn (uri + strlen (scheme), "?,#"));
  address = g_uri_unescape_string (g_strstrip (to), NULL);

  if (address == NULL || !g_utf8_validate (address, -1, NULL)
      || !is_plausible_address (address))
    return NULL;

  return g_steal_pointer (&address);
}
