/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "community-join.h"
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

G_END_DECLS
