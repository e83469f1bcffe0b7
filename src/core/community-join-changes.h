/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-changes.h: what changed between two join models, in the
 * reader's words. Display-free. */
#pragma once

#include "community-join.h"

G_BEGIN_DECLS

/* Element type char *: one localized line for each change a reader
 * cares about, from @before to @after: a tier's prices or remark, a tier
 * added or removed, the WeChat ID, the QR code, the e-mail. For example
 * "Prices changed: 30元/月 → 40元/月". Empty when nothing of that changed
 * (the wording of the page may have). */
GPtrArray *community_join_describe_changes (CommunityJoin *before,
                                            CommunityJoin *after);
/* A tier's prices for reading: "30元/月, 80元/季度" (with the list
 * separator of the user's language), or "free" when there are none
 * (@prices NULL or empty). */
char      *community_join_describe_prices  (const char * const *prices);

G_END_DECLS
