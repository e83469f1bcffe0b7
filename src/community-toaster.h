/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-toaster.h: where toasts show. A CommunityToaster holds a view
 * (its child) under an AdwToastOverlay and owns the two actions every view
 * uses to talk to the user: "toast.show" (s), which shows the message,
 * and "toast.copy" (s), which copies the text to the clipboard and says
 * so. The main window, the Join dialog and the page information each
 * have one; widgets inside them activate the actions. Toast titles are
 * plain text, never markup (community_compat_toast_new()). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COMMUNITY_TYPE_TOASTER (community_toaster_get_type ())

G_DECLARE_FINAL_TYPE (CommunityToaster, community_toaster, COMMUNITY, TOASTER, GtkWidget)

GtkWidget *community_toaster_new  (void);
GtkWidget *community_toaster_get_child (CommunityToaster *self);
void       community_toaster_set_child (CommunityToaster *self,
                                        GtkWidget        *child);

/* Shows @message through "toast.show" from @widget: a widget in a
 * toaster, or a window, which shows it in its first toaster. Without a
 * toaster the work is still done; the message is only logged for
 * debugging. */
void       community_toaster_show (GtkWidget  *widget,
                                   const char *message);
/* Copies @text to the clipboard and says so, through "toast.copy" from
 * @widget, found as for community_toaster_show(). */
void       community_toaster_copy (GtkWidget  *widget,
                                   const char *text);

G_END_DECLS
