/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-anchor.h: heading anchors as VuePress 1 makes them, so that
 * "#付费社群" in the app is "#付费社群" on jpom.top. Display-free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* VuePress's slugify: NFKD, accents and control characters removed, runs
 * of white space and ASCII punctuation (full-width ？，：（） become ASCII
 * under NFKD) replaced by one '-', no '-' at either end, '_' before a
 * leading digit, lower case. */
char *community_anchor_slugify (const char *text);

/* The slug of @text, made unique among @used (a hash table created with
 * g_str_hash, g_str_equal, g_free and no value destroy; updated):
 * the second "社群规则" gets "社群规则-2", the third "-3". */
char *community_anchor_unique  (GHashTable *used,
                                const char *text);

G_END_DECLS
