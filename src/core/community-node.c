/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "community-node-private.h"
#include "community-node.h"

gboolean
community_node_is_block (const CommunityNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);

  return node->type < COMMUNITY_NODE_TEXT;
}

CommunityNode *
community_node_new (CommunityNodeType type)
{
  CommunityNode *node = g_new0 (CommunityNode, 1);

  node->type = type;
  return node;
}

void
community_node_append (CommunityNode *parent,
                       CommunityNode *child)
{
  g_return_if_fail (parent != NULL);
  g_return_if_fail (child != NULL && child->parent == NULL);

  child->parent = parent;
  child->prev = parent->last_child;
  if (parent->last_child != NULL)
    parent->last_child->next = child;
  else
    parent->first_child = child;
  parent->last_child = child;
}

const CommunityNode *
community_node_next_in (const CommunityNode *node,
                        const CommunityNode *root)
{
  if (node->first_child != NULL)
    return node->first_child;

  while (node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }

  return NULL;
}

static void
append_plain_text (const CommunityNode *node,
                   GString             *out)
{
  switch ((int) node->type)
    {
    case COMMUNITY_NODE_TEXT:
    case COMMUNITY_NODE_CODE:
    case COMMUNITY_NODE_IMAGE:
    case COMMUNITY_NODE_CODE_BLOCK:
      if (node->text != NULL)
        g_string_append (out, node->text);
      break;
    case COMMUNITY_NODE_SOFT_BREAK:
      g_string_append_c (out, ' ');
      break;
    case COMMUNITY_NODE_LINE_BREAK:
      g_string_append_c (out, '\n');
      break;
    default:
      break;
    }
}

char *
community_node_get_plain_text (const CommunityNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  /* Iterative, so a deep tree cannot exhaust the stack. */
  for (const CommunityNode *n = node; n != NULL;
       n = community_node_next_in (n, node))
    append_plain_text (n, out);

  return g_string_free (out, FALSE);
}

guint
community_node_get_depth (const CommunityNode *node)
{
  const CommunityNode *n = node;
  guint depth = 0, max = 0;

  g_return_val_if_fail (node != NULL, 0);

  /* The same walk as community_node_next_in(), counting levels. */
  while (n != NULL)
    {
      if (n->first_child != NULL)
        {
          n = n->first_child;
          depth++;
          max = MAX (max, depth);
          continue;
        }
      while (n != node && n->next == NULL)
        {
          n = n->parent;
          depth--;
        }
      n = (n == node) ? NULL : n->next;
    }

  return max;
}

static const char * const type_names[] = {
  "document", "heading", "paragraph", "list", "item", "block_quote",
  "thematic_break", "code_block", "container", "text", "soft_break",
  "line_break", "code", "emph", "strong", "link", "image",
};

const char *
community_node_type_to_string (CommunityNodeType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (type_names), NULL);

  return type_names[type];
}

static void
dump_field (GString    *out,
            const char *name,
            const char *value)
{
  if (value == NULL)
    return;

  g_string_append_printf (out, " %s=\"", name);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
dump_one (const CommunityNode *n,
          guint                depth,
          GString             *out)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
  g_string_append (out, community_node_type_to_string (n->type));
  if (n->type == COMMUNITY_NODE_HEADING)
    g_string_append_printf (out, " level=%d", n->level);
  if (n->type == COMMUNITY_NODE_LIST)
    g_string_append_printf (out, " ordered=%d start=%d tight=%d",
                            n->ordered, n->start, n->tight);
  dump_field (out, "info", n->info);
  dump_field (out, "title", n->title);
  dump_field (out, "anchor", n->anchor);
  dump_field (out, "url", n->url);
  dump_field (out, "raw_url", n->raw_url);
  dump_field (out, "text", n->text);
  g_string_append_c (out, '\n');
}

char *
community_node_dump (const CommunityNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  for (const CommunityNode *n = node; n != NULL;
       n = community_node_next_in (n, node))
    {
      guint depth = 0;

      for (const CommunityNode *p = n; p != node; p = p->parent)
        depth++;
      dump_one (n, depth, out);
    }

  return g_string_free (out, FALSE);
}

static void
free_one (CommunityNode *node)
{
  g_free (node->text);
  g_free (node->url);
  g_free (node->raw_url);
  g_free (node->info);
  g_free (node->title);
  g_free (node->anchor);
  g_free (node);
}

void
community_node_free (CommunityNode *node)
{
  CommunityNode *n;

  if (node == NULL)
    return;

  /* Post-order without recursion: descend to a leaf, free it, go on with
   * its next sibling or its parent. */
  node->parent = NULL;
  node->next = NULL;
  n = node;
  while (n != NULL)
    {
      CommunityNode *up;

      if (n->first_child != NULL)
        {
          CommunityNode *child = n->first_child;

          n->first_child = child->next;
          n = child;
          continue;
        }

      up = n->parent;
      free_one (n);
      n = up;
    }
}
