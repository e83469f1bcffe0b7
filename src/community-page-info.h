/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-info.h: where the shown page comes from and how fresh it
 * is, in words for the reader. The view observes the live page. */
#pragma once

#include <adwaita.h>

#include "community-live-page.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_PAGE_INFO (community_page_info_get_type ())

G_DECLARE_FINAL_TYPE (CommunityPageInfo, community_page_info, COMMUNITY, PAGE_INFO, GtkBox)

GtkWidget         *community_page_info_new             (CommunityLivePage *live_page);

CommunityLivePage *community_page_info_get_live_page   (CommunityPageInfo *self);

G_END_DECLS
