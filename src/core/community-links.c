/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "community-links.h"

/* Whether the byte at @p may stay as it is in a URI. Everything else
 * (spaces, UTF-8, quotes, angle brackets, a '%' that starts no escape) is
 * percent-encoded, as browsers do. */
static gboolean
uri_byte_ok (const guchar *p)
{
  if (*p == '%')
    return g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]);

  return g_ascii_isalnum (*p) || strchr ("-._~:/?#[]@!$&'()*+,;=", *p) != NULL;
}

static char *
escape_uri (const char *raw)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) raw; *p != '\0'; p++)
    {
      if (uri_byte_ok (p))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_control (const char *s)
{
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7F)
      return TRUE;

  return FALSE;
}

/* "foo.md", "foo.MD#x", "dir/foo.md?y": a Markdown source file. */
static gboolean
is_markdown_path (const char *target)
{
  gsize len = strcspn (target, "?#");

  return len >= 3 && g_ascii_strncasecmp (target + len - 3, ".md", 3) == 0;
}

/* The scheme in lower case, or NULL; GLib 2.74 keeps the case. */
static char *
parse_scheme (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL ? g_ascii_strdown (scheme, -1) : NULL;
}

static gboolean
scheme_opens (const char *scheme)
{
  return g_strcmp0 (scheme, "http") == 0
         || g_strcmp0 (scheme, "https") == 0
         || g_strcmp0 (scheme, "mailto") == 0;
}

gboolean
community_link_opens (const char *uri)
{
  g_autofree char *scheme = NULL;
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL)
    return FALSE;

  scheme = parse_scheme (uri);
  if (!scheme_opens (scheme))
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return FALSE;
  if (g_str_equal (scheme, "mailto"))
    return *g_uri_get_path (parsed) != '\0';

  return g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0';
}

static char *
resolve_absolute (const char *target)
{
  g_autofree char *escaped = escape_uri (target);

  return community_link_opens (escaped) ? g_steal_pointer (&escaped) : NULL;
}

/* "/pages/x/" resolves against the site, "#anchor" and "x/" against the
 * page's permalink on the site. */
static char *
resolve_on_site (const char *target,
                 const char *permalink)
{
  g_autofree char *escaped = escape_uri (target);
  g_autofree char *base_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *resolved = NULL;

  /* "//host/x" names another host without a scheme; refuse it. */
  if (g_str_has_prefix (target, "//"))
    return NULL;
  if (target[0] == '/')
    {
      resolved = g_strconcat (COMMUNITY_SITE_URL, escaped, NULL);
      return resolve_absolute (resolved);
    }
  if (permalink == NULL || permalink[0] != '/')
    return NULL;

  base_path = escape_uri (permalink);
  base = g_strconcat (COMMUNITY_SITE_URL, base_path, NULL);
  resolved = g_uri_resolve_relative (base, escaped, G_URI_FLAGS_ENCODED, NULL);

  return resolved != NULL ? resolve_absolute (resolved) : NULL;
}

char *
community_link_resolve (const char *raw,
                        const char *permalink)
{
  g_autofree char *target = NULL;
  g_autofree char *scheme = NULL;

  if (raw == NULL)
    return NULL;

  target = g_strstrip (g_strdup (raw));
  if (*target == '\0' || has_control (target))
    return NULL;

  scheme = parse_scheme (target);
  if (scheme != NULL)
    return scheme_opens (scheme) ? resolve_absolute (target) : NULL;

  /* A colon before any '/' that is not a scheme ("java script:x") is not
   * a path either; refuse it rather than guess. */
  if (strcspn (target, ":") < strcspn (target, "/?#"))
    return NULL;
  if (is_markdown_path (target))
    return NULL;

  return resolve_on_site (target, permalink);
}
