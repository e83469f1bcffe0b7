/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-parser.h: a page's Markdown, split into container
 * segments (community-containers.h), made into the document tree
 * (community-node.h) with cmark. Display-free; community-page.c uses it. */
#pragma once

#include "community-containers.h"
#include "community-node.h"

G_BEGIN_DECLS

/* Appends the tree of @segments to @root: containers as CONTAINER nodes,
 * Markdown through cmark, raw HTML as text, links and images. Links are
 * resolved against the page's @permalink (nullable) under the link
 * policy. */
void community_page_parser_convert (CommunityNode          *root,
                                    const CommunitySegment *segments,
                                    const char             *permalink);

G_END_DECLS
