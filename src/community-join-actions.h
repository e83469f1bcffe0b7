/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-actions.h: the join flow's application actions,
 * app.copy-wechat-id and app.email, and composing the e-mail. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds app.copy-wechat-id and app.email to @app. Both act on the page of
 * the application's CommunityWindow and tell the user through the active
 * window's win.copy and win.show-toast actions. */
void community_join_actions_add     (GtkApplication *app);

/* Opens the user's mail program on a message to @address with a localized
 * subject. When none is set up, copies the address and says so in an
 * alert over @window. */
void community_join_compose_email   (GtkWindow      *window,
                                     const char     *address);

G_END_DECLS
