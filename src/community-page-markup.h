/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-markup.h: the Pango markup a page view label shows for a
 * block's inlines: emphasis, strong, links (only those the link policy
 * resolved), and code spans as chips that copy their text ("copy:TEXT"
 * links). Display-free. */
#pragma once

#include "community-node.h"

G_BEGIN_DECLS

/* The markup for the inlines of @block (a paragraph, heading or list
 * item's paragraph), every text escaped. */
char *community_page_markup_build (const CommunityNode *block);

G_END_DECLS
