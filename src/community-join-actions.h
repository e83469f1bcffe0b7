/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-actions.h: the join flow's application actions,
 * app.copy-wechat-id and app.email, and composing the e-mail. */
#pragma once

#include <gtk/gtk.h>

#include "community-live-page.h"

G_BEGIN_DECLS

/* Adds app.copy-wechat-id and app.email to @app. Both act on the page
 * @live_page shows and tell the user in the active window's toasts. */
void community_join_actions_add     (GtkApplication    *app,
                                     CommunityLivePage *live_page);

/* Opens the user's mail program on a message to @address with a localized
 * subject. When none is set up, copies the address and says so in an
 * alert over @window. */
void community_join_compose_email   (GtkWindow      *window,
                                     const char     *address);

G_END_DECLS
