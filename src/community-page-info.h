/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-info.h: where the shown page comes from and how fresh it
 * is, in words for the reader: the page information view and the
 * sentences the window's offline notice shares with it. */
#pragma once

#include <adwaita.h>

#include "community-live-page.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_PAGE_INFO (community_page_info_get_type ())

G_DECLARE_FINAL_TYPE (CommunityPageInfo, community_page_info, COMMUNITY, PAGE_INFO, GtkBox)

GtkWidget         *community_page_info_new             (CommunityLivePage *live_page);

CommunityLivePage *community_page_info_get_live_page   (CommunityPageInfo *self);
gboolean           community_page_info_get_offline     (CommunityPageInfo *self);
void               community_page_info_set_offline     (CommunityPageInfo *self,
                                                        gboolean           offline);
/* The translation the user's language gets, or NULL (Chinese UI). */
CommunityPage     *community_page_info_get_translation (CommunityPageInfo *self);
void               community_page_info_set_translation (CommunityPageInfo *self,
                                                        CommunityPage     *translation);

/* "Updated today", "Saved copy from 3 days ago, offline", "Bundled copy":
 * how fresh a page of @origin last confirmed at @checked_at (or never,
 * NULL) is on the day of @now, in local time. */
char              *community_page_info_describe_freshness (CommunityPageOrigin  origin,
                                                           GDateTime           *checked_at,
                                                           GDateTime           *now,
                                                           gboolean             offline);
/* The offline notice: "Offline — saved copy from 3 days ago". */
char              *community_page_info_describe_offline   (CommunityPageOrigin  origin,
                                                           GDateTime           *checked_at,
                                                           GDateTime           *now);

G_END_DECLS
