/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-live-page-private.h: what only tests set on a live page.
 * Display-free. */
#pragma once

#include "community-live-page.h"

G_BEGIN_DECLS

/* Timeouts for every fetch (defaults: COMMUNITY_FETCH_CONNECT_TIMEOUT_S and
 * COMMUNITY_FETCH_TOTAL_TIMEOUT_MS) and for a whole refresh
 * (COMMUNITY_REFRESH_TIMEOUT_MS); tests shorten them. */
void                community_live_page_set_timeouts     (CommunityLivePage   *self,
                                                          guint                connect_timeout_s,
                                                          guint                total_timeout_ms,
                                                          guint                refresh_timeout_ms);

G_END_DECLS
