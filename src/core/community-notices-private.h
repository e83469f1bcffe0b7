/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notices-private.h: what only the live page and tests use on
 * the notices. Display-free. */
#pragma once

#include "community-notices.h"

G_BEGIN_DECLS

/* The time limit of a refresh (default:
 * COMMUNITY_NOTICE_REFRESH_TIMEOUT_MS); tests shorten it. */
void     community_notices_set_refresh_timeout (CommunityNotices  *self,
                                                guint              timeout_ms);

G_END_DECLS
