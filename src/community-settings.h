/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-settings.h: the app's GSettings, for the application and its
 * windows alike. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's settings, or NULL when the schema is not installed (a run
 * from the build tree): callers then use the defaults and remember
 * nothing. */
GSettings *community_settings_new (void);

G_END_DECLS
