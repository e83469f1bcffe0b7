/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "community-join.h"
#include "community-live-page.h"
#include "community-page.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_WINDOW (community_window_get_type ())

G_DECLARE_FINAL_TYPE (CommunityWindow, community_window,
                      COMMUNITY, WINDOW, AdwApplicationWindow)

CommunityWindow *community_window_new         (AdwApplication *application);
void             community_window_set_page    (CommunityWindow *self,
                                               CommunityPage   *page);
CommunityPage   *community_window_get_page    (CommunityWindow *self);
/* The join model of the page shown, or NULL. */
CommunityJoin   *community_window_get_join    (CommunityWindow *self);
/* Loads a page that is not bundled, off the main thread and in bounded
 * time; shows an error state when it cannot be displayed. */
void             community_window_load_file   (CommunityWindow *self,
                                               GFile           *file);
void             community_window_show_error  (CommunityWindow *self,
                                               const char      *message);
void             community_window_add_toast   (CommunityWindow *self,
                                               const char      *message);

/* Follows @live_page from now on: shows its page (or the translation for
 * the user's language), swaps in each new valid page keeping the section
 * in view, and says what changed. Set once, before the window is shown. */
void               community_window_set_live_page (CommunityWindow   *self,
                                                   CommunityLivePage *live_page);
CommunityLivePage *community_window_get_live_page (CommunityWindow   *self);
/* Whether the community's site could not be reached (or the run is
 * --offline): the window shows a notice with the age of its copy. */
gboolean           community_window_get_offline   (CommunityWindow   *self);
void               community_window_set_offline   (CommunityWindow   *self,
                                                   gboolean           offline);
/* Tells the user how a refresh ended where it matters: a refused page
 * always, an unreachable site or an unchanged page only when @manual. */
void               community_window_show_refresh_result (CommunityWindow        *self,
                                                         CommunityRefreshStatus  status,
                                                         gboolean                changed,
                                                         const GError           *error,
                                                         gboolean                manual);

G_END_DECLS
