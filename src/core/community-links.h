/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-links.h: the link policy. Display-free.
 *
 * - "/pages/..." and other site paths resolve against https://jpom.top;
 * - "#anchor" resolves against the page's permalink on the site;
 * - relative "*.md" links cannot be resolved (VuePress turns them into
 *   permalinks we do not know) and other relative links resolve against the
 *   permalink, or not at all without one;
 * - only http, https and mailto open; javascript:, file:, data: and every
 *   other scheme never do. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COMMUNITY_SITE_URL "https://jpom.top"

/* The URI to open for a link target as written, percent-encoded where
 * needed, or NULL when the policy refuses it. @permalink is the page's
 * front matter permalink, or NULL. */
char     *community_link_resolve (const char *raw,
                                  const char *permalink);
/* TRUE when @uri is one that may be opened: http, https or mailto. */
gboolean  community_link_opens   (const char *uri);

G_END_DECLS
