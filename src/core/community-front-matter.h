/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-front-matter.h: the YAML front matter of a VuePress page, the
 * small part of YAML pages use: "key: value", lists of "- item" under a
 * key, flow lists "[a, b]", quoted scalars, comments and block scalars.
 * Display-free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CommunityFrontMatter CommunityFrontMatter;

/* Parses the front matter at the start of @text (after any BOM). Returns
 * NULL when there is none, or when it is not closed: then a warning is
 * added to @warnings and the whole text is Markdown. @body_offset is set
 * to where the Markdown starts, @body_line to its line number (1-based). */
CommunityFrontMatter *community_front_matter_parse    (const char  *text,
                                                       gsize       *body_offset,
                                                       guint       *body_line,
                                                       GPtrArray   *warnings);
void                  community_front_matter_free     (CommunityFrontMatter *self);

/* Keys in page order, NULL-terminated. */
const char * const   *community_front_matter_get_keys (CommunityFrontMatter *self);
/* A scalar, or a list's items joined by "\n"; NULL for an unknown key. */
const char           *community_front_matter_get      (CommunityFrontMatter *self,
                                                       const char           *key);
/* A list's items, or NULL when @key is not a list. */
const char * const   *community_front_matter_get_list (CommunityFrontMatter *self,
                                                       const char           *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityFrontMatter, community_front_matter_free)

G_END_DECLS
