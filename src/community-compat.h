/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-compat.h: the one place that knows which GTK and libadwaita
 * the app was built with. Each helper uses the current widget where the
 * library has it (and the build's version pin allows it), and the Debian
 * 12 one (GTK 4.8, libadwaita 1.2) otherwise, so the rest of the app has
 * no version checks. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Banners: a notice across the top of a view, such as "offline". An
 * AdwBanner on libadwaita >= 1.3, else a revealer holding a styled box.
 * With @button_label, the banner has a button that activates
 * @action_name (for example "app.refresh"). Hidden until revealed. */
GtkWidget  *community_compat_banner_new          (const char *title,
                                                  const char *button_label,
                                                  const char *action_name);
const char *community_compat_banner_get_title    (GtkWidget  *banner);
void        community_compat_banner_set_title    (GtkWidget  *banner,
                                                  const char *title);
/* NULL @button_label removes the button. */
void        community_compat_banner_set_button   (GtkWidget  *banner,
                                                  const char *button_label,
                                                  const char *action_name);
gboolean    community_compat_banner_get_revealed (GtkWidget  *banner);
void        community_compat_banner_set_revealed (GtkWidget  *banner,
                                                  gboolean    revealed);

/* Adds the style sheet @css to @display once: later calls with the same
 * @key do nothing. */
void        community_compat_add_css             (GdkDisplay          *display,
                                                  const char          *key,
                                                  const char          *css,
                                                  guint                priority);

G_END_DECLS
