/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-bar.h: a notice across the top of the page, drawn as
 * libadwaita draws its banner, with a button that opens the notice's page
 * on the site (app.open-notice) and one that dismisses it
 * (app.dismiss-notice). AdwBanner has a single button and no
 * libadwaita before 1.3 has it, so this one is the app's own on every
 * version. The text is plain, never markup. */
#pragma once

#include <gtk/gtk.h>

#include "community-notice.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_NOTICE_BAR (community_notice_bar_get_type ())

/* "notice" (CommunityNotice, read-write): the notice shown; NULL hides
 * the bar. */
G_DECLARE_FINAL_TYPE (CommunityNoticeBar, community_notice_bar, COMMUNITY, NOTICE_BAR, GtkWidget)

GtkWidget       *community_notice_bar_new        (void);
CommunityNotice *community_notice_bar_get_notice (CommunityNoticeBar *self);
void             community_notice_bar_set_notice (CommunityNoticeBar *self,
                                                  CommunityNotice    *notice);
/* The text shown, for tests: "Announcement · DATE · TITLE". */
const char      *community_notice_bar_get_text   (CommunityNoticeBar *self);

G_END_DECLS
