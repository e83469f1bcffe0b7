/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-html.h: a small, forgiving HTML tokenizer. The page's raw HTML
 * is never rendered; it is cut into text and tags so that <a>, <img> and
 * <br> can become links, images and breaks, and every other tag dropped
 * with its text kept. Display-free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  COMMUNITY_HTML_TEXT,     /* text, entities decoded */
  COMMUNITY_HTML_OPEN,     /* <name attr=value> or <name/> */
  COMMUNITY_HTML_CLOSE,    /* </name> */
  COMMUNITY_HTML_OTHER,    /* comment, declaration, processing instruction */
} CommunityHtmlTokenType;

typedef struct
{
  CommunityHtmlTokenType  type;
  char                   *text;   /* TEXT: decoded text */
  char                   *name;   /* OPEN, CLOSE: lower-case tag name */
  GStrv                   attrs;  /* OPEN: name, value, name, value, ... */
  gboolean                self_closing;
} CommunityHtmlToken;

/* Element type CommunityHtmlToken, in source order. */
GPtrArray  *community_html_tokenize        (const char               *html);
/* The decoded value of attribute @name (lower-case), or NULL. */
const char *community_html_token_get_attr  (const CommunityHtmlToken *token,
                                            const char               *name);
/* Decodes &amp; &lt; &#160; &#xA0; and the common named entities; unknown
 * entities are kept as written. */
char       *community_html_decode_entities (const char               *text,
                                            gssize                    len);

G_END_DECLS
