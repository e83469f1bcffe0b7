/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-window.h: the main window. It shows what its live page says
 * to show and observes it for everything else (the notices, the toasts
 * after a refresh); nothing is pushed into it. A window without a live
 * page, or one given a page of its own ("page" property, load_file()),
 * is a preview: the live page no longer replaces what it shows. */
#pragma once

#include <adwaita.h>

#include "community-join.h"
#include "community-live-page.h"
#include "community-page.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_WINDOW (community_window_get_type ())

G_DECLARE_FINAL_TYPE (CommunityWindow, community_window,
                      COMMUNITY, WINDOW, AdwApplicationWindow)

/* @live_page: the page to follow, or NULL for a preview window. */
CommunityWindow   *community_window_new           (AdwApplication    *application,
                                                   CommunityLivePage *live_page);
CommunityLivePage *community_window_get_live_page (CommunityWindow   *self);
/* The page shown and its join model, or NULL. */
CommunityPage     *community_window_get_page      (CommunityWindow   *self);
CommunityJoin     *community_window_get_join      (CommunityWindow   *self);
/* Previews a page that is not bundled: loads it off the main thread and
 * in bounded time; shows an error state when it cannot be displayed. */
void               community_window_load_file     (CommunityWindow   *self,
                                                   GFile             *file);

G_END_DECLS
