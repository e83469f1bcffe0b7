/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-node.h: the document model, a tree of blocks and inlines.
 *
 * The tree mirrors cmark's, with vdoing containers as blocks of their own,
 * raw HTML already reduced to text, links and images, and every string
 * already decided (links resolved under the link policy), so the renderer,
 * the join model and --inspect never look at Markdown again. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* Blocks. */
  COMMUNITY_NODE_DOCUMENT,
  COMMUNITY_NODE_HEADING,        /* level, anchor (for level 2 and deeper) */
  COMMUNITY_NODE_PARAGRAPH,
  COMMUNITY_NODE_LIST,           /* ordered, start, tight */
  COMMUNITY_NODE_ITEM,
  COMMUNITY_NODE_BLOCK_QUOTE,
  COMMUNITY_NODE_THEMATIC_BREAK,
  COMMUNITY_NODE_CODE_BLOCK,     /* text, info */
  COMMUNITY_NODE_CONTAINER,      /* info = type word, title */
  /* Inlines. */
  COMMUNITY_NODE_TEXT,           /* text */
  COMMUNITY_NODE_SOFT_BREAK,
  COMMUNITY_NODE_LINE_BREAK,
  COMMUNITY_NODE_CODE,           /* text */
  COMMUNITY_NODE_EMPH,
  COMMUNITY_NODE_STRONG,
  COMMUNITY_NODE_LINK,           /* url: resolved target or NULL; raw_url */
  COMMUNITY_NODE_IMAGE,          /* url: the image path as written; text: alt */
} CommunityNodeType;

typedef struct _CommunityNode CommunityNode;

struct _CommunityNode
{
  CommunityNodeType  type;

  /* Tree links; a node owns its children. */
  CommunityNode     *parent;
  CommunityNode     *first_child;
  CommunityNode     *last_child;
  CommunityNode     *next;
  CommunityNode     *prev;

  char              *text;     /* TEXT, CODE, CODE_BLOCK; alt text of IMAGE */
  char              *url;      /* LINK: the target that opens, NULL when the
                                * link policy refuses it; IMAGE: the source */
  char              *raw_url;  /* LINK, IMAGE: the target as written */
  char              *info;     /* CODE_BLOCK: info string; CONTAINER: type */
  char              *title;    /* CONTAINER: title, or the type's default */
  char              *anchor;   /* HEADING: VuePress anchor without '#' */
  int                level;    /* HEADING: 1 to 6 */
  int                start;    /* LIST: first number of an ordered list */
  gboolean           ordered;  /* LIST */
  gboolean           tight;    /* LIST */
};

/* Building a tree, for the page parser. */
CommunityNode  *community_node_new          (CommunityNodeType    type);
/* Appends @child (which has no parent yet) as the last child of @parent. */
void            community_node_append       (CommunityNode       *parent,
                                             CommunityNode       *child);
/* Frees @node and its descendants. */
void            community_node_free         (CommunityNode       *node);

/* Reading a tree, for the join model, the renderer and --inspect. */
gboolean        community_node_is_block     (const CommunityNode *node);
/* The node after @node in document order (pre-order) without leaving
 * @root, or NULL at the end: for (n = root; n; n = next_in (n, root)). */
const CommunityNode *community_node_next_in (const CommunityNode *node,
                                             const CommunityNode *root);
/* The concatenated plain text of a node and its descendants. */
char           *community_node_get_plain_text (const CommunityNode *node);
/* The number of levels below @node (0 for a leaf). */
guint           community_node_get_depth    (const CommunityNode *node);

/* Names and dumps. */
/* "paragraph", "heading", ...: the names --inspect and the dumps use. */
const char     *community_node_type_to_string (CommunityNodeType type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityNode, community_node_free)

G_END_DECLS
