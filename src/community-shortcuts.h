/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-shortcuts.h: the app's keyboard shortcuts, listed once: the
 * accelerators the application sets and the shortcuts dialog both come
 * from the same table. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets every accelerator of the table on @app. */
void community_shortcuts_add_accels (GtkApplication       *app);
/* Shows the shortcuts dialog over @window. */
void community_shortcuts_show       (GtkApplicationWindow *window);

G_END_DECLS
