/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-parser.c: from cmark's tree to ours.
 *
 * cmark parses each Markdown segment; its nodes become CommunityNodes,
 * adjacent text merges, raw HTML is reduced to text, links and images
 * (community-html.h), and every link goes through the link policy
 * (community-links.h) as it is made. */
#include "config.h"

#include <cmark.h>
#include <string.h>

#include "community-html.h"
#include "community-links.h"
#include "community-page-parser.h"

typedef struct
{
  CommunityNode *current;     /* where the next node goes, borrowed */
  const char    *permalink;   /* for the link policy, borrowed */
  GHashTable    *html_links;  /* LINK nodes that an <a> opened, borrowed */
} Converter;

static CommunityNode *
node_new_text (CommunityNodeType  type,
               const char        *text)
{
  CommunityNode *node = community_node_new (type);

  node->text = g_strdup (text);
  return node;
}

/* Adjacent text merges into one node, as cmark splits it at '[' and '!'. */
static void
append_text (CommunityNode *parent,
             const char    *text)
{
  CommunityNode *last = parent->last_child;

  if (text == NULL || *text == '\0')
    return;
  if (last != NULL && last->type == COMMUNITY_NODE_TEXT)
    {
      char *joined = g_strconcat (last->text, text, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }
  community_node_append (parent, node_new_text (COMMUNITY_NODE_TEXT, text));
}

static CommunityNode *
link_new (Converter  *c,
          const char *raw)
{
  CommunityNode *link = community_node_new (COMMUNITY_NODE_LINK);

  link->raw_url = g_strdup (raw);
  link->url = community_link_resolve (raw, c->permalink);
  return link;
}

static CommunityNode *
image_new (const char *src,
           const char *alt)
{
  CommunityNode *image = community_node_new (COMMUNITY_NODE_IMAGE);

  image->url = g_strdup (src);
  image->raw_url = g_strdup (src);
  image->text = g_strdup (alt != NULL ? alt : "");
  return image;
}

static gboolean
inside_link (const CommunityNode *node)
{
  for (; node != NULL; node = node->parent)
    if (node->type == COMMUNITY_NODE_LINK)
      return TRUE;
  return FALSE;
}

/* One raw inline HTML token: <a href> opens a link that the matching </a>
 * (or the end of the enclosing inline) closes, <img> is an image, <br> a
 * line break; everything else is dropped. */
static void
convert_inline_token (Converter                *c,
                      const CommunityHtmlToken *token)
{
  const char *href;

  if (token->type == COMMUNITY_HTML_TEXT)
    append_text (c->current, token->text);
  else if (token->type == COMMUNITY_HTML_OPEN && g_str_equal (token->name, "a"))
    {
      href = community_html_token_get_attr (token, "href");
      if (href == NULL || inside_link (c->current) || token->self_closing)
        return;
      community_node_append (c->current, link_new (c, href));
      c->current = c->current->last_child;
      g_hash_table_add (c->html_links, c->current);
    }
  else if (token->type == COMMUNITY_HTML_CLOSE && g_str_equal (token->name, "a"))
    {
      if (g_hash_table_contains (c->html_links, c->current))
        c->current = c->current->parent;
    }
  else if (token->type == COMMUNITY_HTML_OPEN && g_str_equal (token->name, "img"))
    community_node_append (c->current,
                           image_new (community_html_token_get_attr (token, "src"),
                                      community_html_token_get_attr (token, "alt")));
  else if (token->type == COMMUNITY_HTML_OPEN && g_str_equal (token->name, "br"))
    community_node_append (c->current, community_node_new (COMMUNITY_NODE_LINE_BREAK));
}

static void
convert_inline_html (Converter  *c,
                     const char *html)
{
  g_autoptr(GPtrArray) tokens = community_html_tokenize (html);

  for (guint i = 0; i < tokens->len; i++)
    convert_inline_token (c, g_ptr_array_index (tokens, i));
}

/* Raw HTML blocks become paragraphs of text, links, images and breaks;
 * block-level tags end a paragraph, <hr> is a thematic break, and the
 * content of <script> and <style> is dropped with them. */

typedef struct
{
  Converter     *c;
  CommunityNode *paragraph;   /* borrowed, or NULL between paragraphs */
  CommunityNode *link;        /* the open <a>, borrowed, or NULL */
  char          *skip_until;  /* a closing tag name while skipping */
  gboolean       space;       /* white space is pending */
} HtmlBlock;

static gboolean
is_block_tag (const char *name)
{
  static const char * const tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "table", "tr", "blockquote", "section", "article", "header",
    "footer", "center", "pre", "figure", "figcaption", "details", "summary",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (g_str_equal (name, tags[i]))
      return TRUE;
  return FALSE;
}

static void
trim_trailing_space (CommunityNode *parent)
{
  CommunityNode *last = parent->last_child;

  if (last != NULL && last->type == COMMUNITY_NODE_TEXT)
    g_strchomp (last->text);
}

static void
unlink_node (CommunityNode *node)
{
  CommunityNode *parent = node->parent;

  if (node->prev != NULL)
    node->prev->next = node->next;
  else
    parent->first_child = node->next;
  if (node->next != NULL)
    node->next->prev = node->prev;
  else
    parent->last_child = node->prev;
  node->parent = node->next = node->prev = NULL;
}

/* Removes a paragraph left without content, such as one that held only an
 * HTML comment. */
static void
drop_if_empty (CommunityNode *paragraph)
{
  g_autofree char *text = community_node_get_plain_text (paragraph);

  for (const CommunityNode *n = paragraph; n != NULL;
       n = community_node_next_in (n, paragraph))
    if (n->type == COMMUNITY_NODE_IMAGE || n->type == COMMUNITY_NODE_LINK)
      return;
  if (*g_strstrip (text) != '\0')
    return;
  unlink_node (paragraph);
  community_node_free (paragraph);
}

static void
end_paragraph (HtmlBlock *b)
{
  if (b->paragraph == NULL)
    return;
  trim_trailing_space (b->link != NULL ? b->link : b->paragraph);
  trim_trailing_space (b->paragraph);
  drop_if_empty (b->paragraph);
  b->paragraph = NULL;
  b->link = NULL;
  b->space = TRUE;
}

static CommunityNode *
inline_target (HtmlBlock *b)
{
  if (b->paragraph == NULL)
    {
      b->paragraph = community_node_new (COMMUNITY_NODE_PARAGRAPH);
      community_node_append (b->c->current, b->paragraph);
    }
  return b->link != NULL ? b->link : b->paragraph;
}

/* HTML collapses runs of white space into one space; @space is TRUE after
 * a space and at the start of a paragraph, where white space is dropped. */
static void
add_html_text (HtmlBlock  *b,
               const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (!b->space)
            g_string_append_c (out, ' ');
          b->space = TRUE;
          continue;
        }
      b->space = FALSE;
      g_string_append_c (out, *p);
    }
  if (out->len > 0)
    append_text (inline_target (b), out->str);
}

static void
add_html_open (HtmlBlock                *b,
               const CommunityHtmlToken *token)
{
  const char *name = token->name;

  if ((g_str_equal (name, "script") || g_str_equal (name, "style"))
      && !token->self_closing)
    b->skip_until = g_strdup (name);
  else if (g_str_equal (name, "a") && b->link == NULL
           && community_html_token_get_attr (token, "href") != NULL)
    {
      CommunityNode *target = inline_target (b);

      b->link = link_new (b->c, community_html_token_get_attr (token, "href"));
      community_node_append (target, b->link);
    }
  else if (g_str_equal (name, "img"))
    community_node_append (inline_target (b),
                           image_new (community_html_token_get_attr (token, "src"),
                                      community_html_token_get_attr (token, "alt")));
  else if (g_str_equal (name, "br") && b->paragraph != NULL)
    {
      community_node_append (inline_target (b),
                             community_node_new (COMMUNITY_NODE_LINE_BREAK));
      b->space = TRUE;
    }
  else if (g_str_equal (name, "hr"))
    {
      end_paragraph (b);
      community_node_append (b->c->current,
                             community_node_new (COMMUNITY_NODE_THEMATIC_BREAK));
    }
  else if (is_block_tag (name))
    end_paragraph (b);
}

static void
add_html_token (HtmlBlock                *b,
                const CommunityHtmlToken *token)
{
  if (b->skip_until != NULL)
    {
      if (token->type == COMMUNITY_HTML_CLOSE
          && g_str_equal (token->name, b->skip_until))
        g_clear_pointer (&b->skip_until, g_free);
      return;
    }

  if (token->type == COMMUNITY_HTML_TEXT)
    add_html_text (b, token->text);
  else if (token->type == COMMUNITY_HTML_OPEN)
    add_html_open (b, token);
  else if (token->type == COMMUNITY_HTML_CLOSE && g_str_equal (token->name, "a"))
    b->link = NULL;
  else if (token->type == COMMUNITY_HTML_CLOSE && is_block_tag (token->name))
    end_paragraph (b);
}

static void
convert_block_html (Converter  *c,
                    const char *html)
{
  g_autoptr(GPtrArray) tokens = community_html_tokenize (html);
  HtmlBlock b = { c, NULL, NULL, NULL, TRUE };

  for (guint i = 0; i < tokens->len; i++)
    add_html_token (&b, g_ptr_array_index (tokens, i));
  end_paragraph (&b);
  g_free (b.skip_until);
}

/* Markdown blocks and inlines. */

static char *
image_alt (cmark_node *image)
{
  g_autoptr(GString) alt = g_string_new (NULL);
  cmark_iter *iter = cmark_iter_new (image);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event != CMARK_EVENT_ENTER)
        continue;
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
        g_string_append (alt, cmark_node_get_literal (node));
      else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
        g_string_append_c (alt, ' ');
    }
  cmark_iter_free (iter);

  return g_strdup (alt->str);
}

static char *
strip_final_newline (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len > 0 && text[len - 1] == '\n')
    len--;
  return g_strndup (text != NULL ? text : "", len);
}

static CommunityNode *
convert_leaf (Converter  *c,
              cmark_node *node)
{
  CommunityNode *leaf;
  const char *info;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_SOFTBREAK:
      return community_node_new (COMMUNITY_NODE_SOFT_BREAK);
    case CMARK_NODE_LINEBREAK:
      return community_node_new (COMMUNITY_NODE_LINE_BREAK);
    case CMARK_NODE_CODE:
      return node_new_text (COMMUNITY_NODE_CODE, cmark_node_get_literal (node));
    case CMARK_NODE_THEMATIC_BREAK:
      return community_node_new (COMMUNITY_NODE_THEMATIC_BREAK);
    case CMARK_NODE_CODE_BLOCK:
      leaf = community_node_new (COMMUNITY_NODE_CODE_BLOCK);
      leaf->text = strip_final_newline (cmark_node_get_literal (node));
      info = cmark_node_get_fence_info (node);
      leaf->info = (info != NULL && *info != '\0') ? g_strdup (info) : NULL;
      return leaf;
    case CMARK_NODE_IMAGE:
      leaf = image_new (cmark_node_get_url (node), NULL);
      g_free (leaf->text);
      leaf->text = image_alt (node);
      return leaf;
    default:
      g_assert_not_reached ();
    }
}

/* A cmark node with children, or NULL for one we do not map. */
static CommunityNode *
convert_container (Converter  *c,
                   cmark_node *node)
{
  CommunityNode *out;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_BLOCK_QUOTE:
      return community_node_new (COMMUNITY_NODE_BLOCK_QUOTE);
    case CMARK_NODE_ITEM:
      return community_node_new (COMMUNITY_NODE_ITEM);
    case CMARK_NODE_PARAGRAPH:
      return community_node_new (COMMUNITY_NODE_PARAGRAPH);
    case CMARK_NODE_EMPH:
      return community_node_new (COMMUNITY_NODE_EMPH);
    case CMARK_NODE_STRONG:
      return community_node_new (COMMUNITY_NODE_STRONG);
    case CMARK_NODE_LINK:
      return link_new (c, cmark_node_get_url (node));
    case CMARK_NODE_HEADING:
      out = community_node_new (COMMUNITY_NODE_HEADING);
      out->level = cmark_node_get_heading_level (node);
      return out;
    case CMARK_NODE_LIST:
      out = community_node_new (COMMUNITY_NODE_LIST);
      out->ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
      out->start = out->ordered ? cmark_node_get_list_start (node) : 0;
      out->tight = cmark_node_get_list_tight (node);
      return out;
    default:
      return NULL;
    }
}

static void
enter (Converter  *c,
       cmark_iter *iter,
       cmark_node *node)
{
  CommunityNode *out;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_DOCUMENT:
      return;
    case CMARK_NODE_TEXT:
      append_text (c->current, cmark_node_get_literal (node));
      return;
    case CMARK_NODE_HTML_INLINE:
      convert_inline_html (c, cmark_node_get_literal (node));
      return;
    case CMARK_NODE_HTML_BLOCK:
      convert_block_html (c, cmark_node_get_literal (node));
      return;
    case CMARK_NODE_IMAGE:
      community_node_append (c->current, convert_leaf (c, node));
      /* The alt text is read; skip the image's children. */
      cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
      return;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
      community_node_append (c->current, convert_leaf (c, node));
      return;
    default:
      break;
    }

  out = convert_container (c, node);
  if (out == NULL)
    return;
  community_node_append (c->current, out);
  cmark_node_set_user_data (node, out);
  c->current = out;
}

static void
leave (Converter  *c,
       cmark_node *node)
{
  CommunityNode *out = cmark_node_get_user_data (node);

  if (out == NULL || cmark_node_get_type (node) == CMARK_NODE_DOCUMENT)
    return;

  /* This also closes an <a> left open inside the node. */
  c->current = out->parent;
  if (out->type == COMMUNITY_NODE_PARAGRAPH)
    drop_if_empty (out);
}

static void
convert_markdown (Converter     *c,
                  CommunityNode *parent,
                  const GString *text)
{
  cmark_node *document = cmark_parse_document (text->str, text->len,
                                               CMARK_OPT_DEFAULT);
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  c->current = parent;
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER)
        enter (c, iter, node);
      else if (event == CMARK_EVENT_EXIT)
        leave (c, node);
    }
  cmark_iter_free (iter);
  cmark_node_free (document);
}

static CommunityNode *
container_new (const CommunitySegment *segment)
{
  CommunityNode *node = community_node_new (COMMUNITY_NODE_CONTAINER);

  node->info = g_strdup (segment->type);
  node->title = g_strdup (segment->title != NULL
                          ? segment->title
                          : community_container_default_title (segment->type));
  return node;
}

/* Segments nest at most COMMUNITY_CONTAINERS_MAX_DEPTH deep. */
static void
convert_segments (Converter              *c,
                  CommunityNode          *parent,
                  const CommunitySegment *segment)
{
  for (guint i = 0; i < segment->children->len; i++)
    {
      const CommunitySegment *child = g_ptr_array_index (segment->children, i);

      if (child->kind == COMMUNITY_SEGMENT_MARKDOWN)
        convert_markdown (c, parent, child->text);
      else
        {
          CommunityNode *container = container_new (child);

          community_node_append (parent, container);
          convert_segments (c, container, child);
        }
    }
}

void
community_page_parser_convert (CommunityNode          *root,
                               const CommunitySegment *segments,
                               const char             *permalink)
{
  g_autoptr(GHashTable) html_links = g_hash_table_new (NULL, NULL);
  Converter c = { NULL, permalink, html_links };

  g_return_if_fail (root != NULL);
  g_return_if_fail (segments != NULL);

  convert_segments (&c, root, segments);
}
