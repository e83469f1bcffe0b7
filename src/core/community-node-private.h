/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-node-private.h: the document tree as text, for the golden
 * tests and the fuzzer. Display-free. */
#pragma once

#include "community-node.h"

G_BEGIN_DECLS

/* An indented one-line-per-node text dump. */
char *community_node_dump (const CommunityNode *node);

G_END_DECLS
