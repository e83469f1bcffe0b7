/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-freshness.h: how fresh the shown page is, in words for the
 * window's offline notice and the page information. Display-free. */
#pragma once

#include "community-live-page.h"

G_BEGIN_DECLS

/* "Updated today", "Saved copy from 3 days ago, offline", "Bundled copy":
 * how fresh a page of @origin last confirmed at @checked_at (or never,
 * NULL) is on the day of @now, in local time. */
char *community_freshness_describe         (CommunityPageOrigin  origin,
                                            GDateTime           *checked_at,
                                            GDateTime           *now,
                                            gboolean             offline);
/* The offline notice: "Offline — saved copy from 3 days ago". */
char *community_freshness_describe_offline (CommunityPageOrigin  origin,
                                            GDateTime           *checked_at,
                                            GDateTime           *now);

G_END_DECLS
