/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "community-html.h"

typedef struct
{
  const char *name;
  gunichar    value;
} Entity;

/* The entities pages actually use; anything else stays as written. */
static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
  { "apos", '\'' }, { "nbsp", 0xA0 }, { "copy", 0xA9 }, { "reg", 0xAE },
  { "trade", 0x2122 }, { "hellip", 0x2026 }, { "mdash", 0x2014 },
  { "ndash", 0x2013 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
  { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "middot", 0xB7 },
  { "times", 0xD7 }, { "laquo", 0xAB }, { "raquo", 0xBB },
  { "yen", 0xA5 }, { "emsp", 0x2003 }, { "ensp", 0x2002 },
};

static void
token_free (gpointer data)
{
  CommunityHtmlToken *token = data;

  g_free (token->text);
  g_free (token->name);
  g_strfreev (token->attrs);
  g_free (token);
}

static gunichar
lookup_named (const char *name,
              gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == len
        && strncmp (entities[i].name, name, len) == 0)
      return entities[i].value;

  return 0;
}

static gboolean
valid_char (guint64 c)
{
  return c > 0 && c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
}

/* Decodes the entity at @p (which points at '&'). Returns the number of
 * bytes it spans, or 0 when it is not an entity. */
static gsize
decode_one (const char *p,
            const char *end,
            gunichar   *out)
{
  const char *q = p + 1;
  guint64 value = 0;
  int base = 10;

  if (q < end && *q == '#')
    {
      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          base = 16;
          q++;
        }
      for (const char *start = q; q < end && g_ascii_isxdigit (*q); q++)
        {
          if (base == 10 && !g_ascii_isdigit (*q))
            break;
          if (q - start < 8)
            value = value * base + g_ascii_xdigit_value (*q);
        }
      if (q >= end || *q != ';' || q == p + 2 + (base == 16))
        return 0;
      *out = valid_char (value) ? (gunichar) value : 0xFFFD;
      return q + 1 - p;
    }

  while (q < end && g_ascii_isalnum (*q) && q - p < 10)
    q++;
  if (q >= end || *q != ';')
    return 0;
  *out = lookup_named (p + 1, q - p - 1);
  return *out != 0 ? (gsize) (q + 1 - p) : 0;
}

char *
community_html_decode_entities (const char *text,
                                gssize      len)
{
  const char *end;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + (len < 0 ? (gssize) strlen (text) : len);
  out = g_string_sized_new (end - text);
  for (const char *p = text; p < end; )
    {
      gunichar c;
      gsize n = (*p == '&') ? decode_one (p, end, &c) : 0;

      if (n == 0)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      g_string_append_unichar (out, c);
      p += n;
    }

  return g_string_free (out, FALSE);
}

static void
add_text (GPtrArray  *tokens,
          const char *start,
          const char *end)
{
  CommunityHtmlToken *token;

  if (start == end)
    return;
  token = g_new0 (CommunityHtmlToken, 1);
  token->type = COMMUNITY_HTML_TEXT;
  token->text = community_html_decode_entities (start, end - start);
  g_ptr_array_add (tokens, token);
}

static const char *
skip_space (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

static const char *
tag_name_end (const char *p)
{
  while (g_ascii_isalnum (*p) || *p == '-' || *p == ':' || *p == '_')
    p++;
  return p;
}

/* Reads one attribute value; returns the position after it. */
static const char *
read_value (const char  *p,
            char       **value)
{
  const char *start = p;

  if (*p == '"' || *p == '\'')
    {
      const char *close = strchr (p + 1, *p);

      if (close == NULL)
        return NULL;
      *value = community_html_decode_entities (p + 1, close - p - 1);
      return close + 1;
    }

  while (*p != '\0' && !g_ascii_isspace (*p) && *p != '>')
    p++;
  *value = community_html_decode_entities (start, p - start);
  return p;
}

/* Reads the attributes of an open tag up to and including '>'. Returns
 * the position after '>', or NULL when the tag never ends. */
static const char *
read_attrs (const char         *p,
            CommunityHtmlToken *token)
{
  g_autoptr(GStrvBuilder) attrs = g_strv_builder_new ();

  for (;;)
    {
      const char *name_start;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      p = skip_space (p);
      if (*p == '\0')
        return NULL;
      if (*p == '>')
        break;
      if (*p == '/')
        {
          token->self_closing = (p[1] == '>');
          p++;
          continue;
        }
      name_start = p;
      while (*p != '\0' && !g_ascii_isspace (*p) && *p != '='
             && *p != '>' && *p != '/')
        p++;
      name = g_ascii_strdown (name_start, p - name_start);
      p = skip_space (p);
      if (*p == '=')
        {
          p = read_value (skip_space (p + 1), &value);
          if (p == NULL)
            return NULL;
        }
      g_strv_builder_add (attrs, name);
      g_strv_builder_add (attrs, value != NULL ? value : "");
    }

  token->attrs = g_strv_builder_end (attrs);
  return p + 1;
}

/* Reads a tag starting at '<' into @found. Returns the position after it,
 * or NULL when @p does not start a tag (the '<' is then text). Sets @eof
 * when the tag runs to the end of the text: no later '<' can end either,
 * so the caller stops looking, which keeps the tokenizer linear. */
static const char *
read_tag (const char *p,
          GPtrArray  *found,
          gboolean   *eof)
{
  CommunityHtmlToken *token;
  gboolean closing = (p[1] == '/');
  const char *name = p + 1 + closing;
  const char *name_end = tag_name_end (name);
  const char *end;

  if (!g_ascii_isalpha (*name))
    return NULL;

  token = g_new0 (CommunityHtmlToken, 1);
  g_ptr_array_add (found, token);
  token->type = closing ? COMMUNITY_HTML_CLOSE : COMMUNITY_HTML_OPEN;
  token->name = g_ascii_strdown (name, name_end - name);
  if (closing)
    {
      end = strchr (name_end, '>');
      end = end != NULL ? end + 1 : NULL;
    }
  else
    end = read_attrs (name_end, token);

  *eof = (end == NULL);
  return end;
}

/* Comments, declarations, CDATA and processing instructions; one that
 * never ends takes the rest of the text, as in HTML. */
static const char *
read_other (const char *p,
            GPtrArray  *found)
{
  const char *end;
  CommunityHtmlToken *token;

  if (g_str_has_prefix (p, "<!--"))
    {
      end = strstr (p + 4, "-->");
      end = end != NULL ? end + 3 : p + strlen (p);
    }
  else if (p[1] == '!' || p[1] == '?')
    {
      end = strchr (p, '>');
      end = end != NULL ? end + 1 : p + strlen (p);
    }
  else
    return NULL;

  token = g_new0 (CommunityHtmlToken, 1);
  token->type = COMMUNITY_HTML_OTHER;
  g_ptr_array_add (found, token);
  return end;
}

GPtrArray *
community_html_tokenize (const char *html)
{
  GPtrArray *tokens;
  const char *text_start;
  const char *p;
  gboolean eof = FALSE;

  g_return_val_if_fail (html != NULL, NULL);

  tokens = g_ptr_array_new_with_free_func (token_free);
  text_start = p = html;
  while (*p != '\0')
    {
      g_autoptr(GPtrArray) found = NULL;
      const char *next;

      if (*p != '<' || eof)
        {
          p++;
          continue;
        }
      found = g_ptr_array_new_with_free_func (token_free);
      next = read_other (p, found);
      if (next == NULL)
        next = read_tag (p, found, &eof);
      if (next == NULL)
        {
          p++;
          continue;
        }
      add_text (tokens, text_start, p);
      g_ptr_array_extend_and_steal (tokens, g_steal_pointer (&found));
      text_start = p = next;
    }
  add_text (tokens, text_start, p);

  return tokens;
}

const char *
community_html_token_get_attr (const CommunityHtmlToken *token,
                               const char               *name)
{
  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; token->attrs != NULL && token->attrs[i] != NULL
                    && token->attrs[i + 1] != NULL; i += 2)
    if (g_str_equal (token->attrs[i], name))
      return token->attrs[i + 1];

  return NULL;
}
