/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-toast.h: telling the user through the window's toasts. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @message in a toast through the win.show-toast action of the
 * window @widget is in. Without one the work is still done; there is only
 * no toast, and the message is logged for debugging. */
void community_show_toast (GtkWidget  *widget,
                           const char *message);
/* Copies @text to @widget's clipboard and says so in a toast: what every
 * win.copy action does. */
void community_copy_text  (GtkWidget  *widget,
                           const char *text);

G_END_DECLS
