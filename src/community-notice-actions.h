/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-actions.h: the notices' application actions,
 * app.open-notice and app.dismiss-notice, each with the post's file name
 * as its parameter. The banner over the page and the page information
 * both use them. */
#pragma once

#include <gtk/gtk.h>

#include "community-notices.h"

G_BEGIN_DECLS

/* Adds app.open-notice (s), which opens the notice's page on the site
 * through the link policy and says so in the active window's toasts when
 * no program opens it, and app.dismiss-notice (s), which hides it from
 * over the page for good. Both act on @notices. */
void community_notice_actions_add (GtkApplication   *app,
                                   CommunityNotices *notices);

G_END_DECLS
