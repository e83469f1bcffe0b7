/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-markup.c: a block's inlines as Pango markup. Every piece
 * of page text goes through g_markup_escape_text() or
 * g_markup_printf_escaped(): the page is data, never markup. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-page-markup.h"

static void append_children_markup (GString             *out,
                                    const CommunityNode *node,
                                    gboolean             in_link);

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* Monospace matters only for characters that are not already of one
 * width: a code span that is all wide East Asian text (Han, kana, hangul,
 * full-width punctuation) looks the same in the page's own family, and
 * then Pango need not load a monospace face for the first screen. */
static gboolean
needs_monospace (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_iswide (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* A code span is a chip: a link to "copy:TEXT" that copies on click. */
static void
append_code_markup (GString             *out,
                    const CommunityNode *node,
                    gboolean             in_link)
{
  g_autofree char *escaped_text = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *markup = NULL;
  gboolean monospace = needs_monospace (node->text);

  if (in_link)
    {
      if (monospace)
        markup = g_markup_printf_escaped ("<tt>%s</tt>", node->text);
      else
        markup = g_markup_escape_text (node->text, -1);
      g_string_append (out, markup);
      return;
    }

  escaped_text = g_uri_escape_string (node->text, NULL, FALSE);
  uri = g_strconcat ("copy:", escaped_text, NULL);
  /* Translators: the tooltip of a code chip in the page; %s is its text. */
  tooltip = g_strdup_printf (_("Copy “%s”"), node->text);
  if (monospace)
    markup = g_markup_printf_escaped ("<a href=\"%s\" title=\"%s\">"
                                      "<span font_family=\"monospace\" background=\"#808080\" bgalpha=\"22%%\">"
                                      "\u2009%s\u2009</span></a>",
                                      uri, tooltip, node->text);
  else
    markup = g_markup_printf_escaped ("<a href=\"%s\" title=\"%s\">"
                                      "<span background=\"#808080\" bgalpha=\"22%%\">"
                                      "\u2009%s\u2009</span></a>",
                                      uri, tooltip, node->text);
  g_string_append (out, markup);
}

static void
append_link_markup (GString             *out,
                    const CommunityNode *node,
                    gboolean             in_link)
{
  g_autofree char *open = NULL;

  /* A link the policy refuses is plain text, never clickable. */
  if (node->url == NULL || in_link)
    {
      append_children_markup (out, node, in_link);
      return;
    }

  open = g_markup_printf_escaped ("<a href=\"%s\" title=\"%s\">", node->url, node->url);
  g_string_append (out, open);
  append_children_markup (out, node, TRUE);
  g_string_append (out, "</a>");
}

static void
append_inline_markup (GString             *out,
                      const CommunityNode *node,
                      gboolean             in_link)
{
  switch ((int) node->type)
    {
    case COMMUNITY_NODE_TEXT:
      append_escaped (out, node->text);
      break;
    case COMMUNITY_NODE_SOFT_BREAK:
      g_string_append_c (out, ' ');
      break;
    case COMMUNITY_NODE_LINE_BREAK:
      g_string_append_c (out, '\n');
      break;
    case COMMUNITY_NODE_CODE:
      append_code_markup (out, node, in_link);
      break;
    case COMMUNITY_NODE_EMPH:
      g_string_append (out, "<i>");
      append_children_markup (out, node, in_link);
      g_string_append (out, "</i>");
      break;
    case COMMUNITY_NODE_STRONG:
      g_string_append (out, "<b>");
      append_children_markup (out, node, in_link);
      g_string_append (out, "</b>");
      break;
    case COMMUNITY_NODE_LINK:
      append_link_markup (out, node, in_link);
      break;
    case COMMUNITY_NODE_IMAGE:
      g_string_append (out, "<i>");
      append_escaped (out, node->text != NULL && *node->text != '\0'
                           ? node->text : _("image"));
      g_string_append (out, "</i>");
      break;
    default:
      break;
    }
}

/* Recursion is bounded by COMMUNITY_PAGE_MAX_TREE_DEPTH. */
static void
append_children_markup (GString             *out,
                        const CommunityNode *node,
                        gboolean             in_link)
{
  for (const CommunityNode *child = node->first_child; child; child = child->next)
    append_inline_markup (out, child, in_link);
}

char *
community_page_markup_build (const CommunityNode *node)
{
  GString *out = g_string_new (NULL);

  append_children_markup (out, node, FALSE);
  return g_string_free (out, FALSE);
}
