/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-compat.c: current widgets where the library has them.
 *
 * Every GTK_CHECK_VERSION and ADW_CHECK_VERSION of the app is in this
 * file. A new branch is taken only when the library found has the API
 * and the build's *_VERSION_MAX_ALLOWED pin allows it, so a build pinned
 * lower never warns about API newer than its pin; the deprecated calls
 * of the old widgets are only in the old branches, so a build on a
 * current runtime with deprecation warnings as errors never sees them. */

#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"

#if GTK_CHECK_VERSION (4, 10, 0) && defined (GDK_VERSION_4_10) \
    && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
# define HAVE_GTK_4_10 1
#else
# define HAVE_GTK_4_10 0
#endif

#if GTK_CHECK_VERSION (4, 12, 0) && defined (GDK_VERSION_4_12) \
    && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_12
# define HAVE_GTK_4_12 1
#else
# define HAVE_GTK_4_12 0
#endif

#if ADW_CHECK_VERSION (1, 3, 0) && defined (ADW_VERSION_1_3) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_3
# define HAVE_ADW_1_3 1
#else
# define HAVE_ADW_1_3 0
#endif

/* Style sheets. */

void
community_compat_add_css (GdkDisplay *display,
                          const char *key,
                          const char *css,
                          guint       priority)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (key != NULL);
  g_return_if_fail (css != NULL);

  if (display == NULL || g_object_get_data (G_OBJECT (display), key) != NULL)
    return;

  provider = gtk_css_provider_new ();
#if HAVE_GTK_4_12
  gtk_css_provider_load_from_string (provider, css);
#else
  gtk_css_provider_load_from_data (provider, css, -1);
#endif
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider), priority);
  g_object_set_data_full (G_OBJECT (display), key, g_steal_pointer (&provider), g_object_unref);
}

/* Banners. */

#if HAVE_ADW_1_3

GtkWidget *
community_compat_banner_new (const char *title,
                             const char *button_label,
                             const char *action_name)
{
  GtkWidget *banner = adw_banner_new (title);

  community_compat_banner_set_button (banner, button_label, action_name);

  return banner;
}

const char *
community_compat_banner_get_title (GtkWidget *banner)
{
  g_return_val_if_fail (ADW_IS_BANNER (banner), NULL);

  return adw_banner_get_title (ADW_BANNER (banner));
}

void
community_compat_banner_set_title (GtkWidget  *banner,
                                   const char *title)
{
  g_return_if_fail (ADW_IS_BANNER (banner));

  adw_banner_set_title (ADW_BANNER (banner), title);
}

void
community_compat_banner_set_button (GtkWidget  *banner,
                                    const char *button_label,
                                    const char *action_name)
{
  g_return_if_fail (ADW_IS_BANNER (banner));

  adw_banner_set_button_label (ADW_BANNER (banner), button_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (banner), button_label != NULL ? action_name : NULL);
}

gboolean
community_compat_banner_get_revealed (GtkWidget *banner)
{
  g_return_val_if_fail (ADW_IS_BANNER (banner), FALSE);

  return adw_banner_get_revealed (ADW_BANNER (banner));
}

void
community_compat_banner_set_revealed (GtkWidget *banner,
                                      gboolean   revealed)
{
  g_return_if_fail (ADW_IS_BANNER (banner));

  adw_banner_set_revealed (ADW_BANNER (banner), revealed);
}

#else /* !HAVE_ADW_1_3 */

/* As libadwaita draws its banner: a bar tinted with the accent colour,
 * the title in bold, centred, and the button at the end. */
static const char banner_css[] =
  ".community-banner { padding: 6px; "
  "background-color: mix(@accent_bg_color, @window_bg_color, 0.7); "
  "color: @window_fg_color; }\n"
  ".community-banner > label { margin: 0 12px; font-weight: bold; }\n";

#define BANNER_LABEL_KEY "community-compat-banner-label"
#define BANNER_BUTTON_KEY "community-compat-banner-button"

static gpointer
banner_part (GtkWidget  *banner,
             const char *key)
{
  g_assert (GTK_IS_REVEALER (banner));

  return g_object_get_data (G_OBJECT (banner), key);
}

GtkWidget *
community_compat_banner_new (const char *title,
                             const char *button_label,
                             const char *action_name)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *button = gtk_button_new ();

  community_compat_add_css (gtk_widget_get_display (revealer), "community-compat-banner-css",
                            banner_css, GTK_STYLE_PROVIDER_PRIORITY_APPLICATION - 1);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_add_css_class (box, "community-banner");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);

  g_object_set_data (G_OBJECT (revealer), BANNER_LABEL_KEY, label);
  g_object_set_data (G_OBJECT (revealer), BANNER_BUTTON_KEY, button);
  community_compat_banner_set_button (revealer, button_label, action_name);

  return revealer;
}

const char *
community_compat_banner_get_title (GtkWidget *banner)
{
  g_return_val_if_fail (GTK_IS_REVEALER (banner), NULL);

  return gtk_label_get_label (banner_part (banner, BANNER_LABEL_KEY));
}

void
community_compat_banner_set_title (GtkWidget  *banner,
                                   const char *title)
{
  g_return_if_fail (GTK_IS_REVEALER (banner));

  gtk_label_set_label (banner_part (banner, BANNER_LABEL_KEY), title);
}

void
community_compat_banner_set_button (GtkWidget  *banner,
                                    const char *button_label,
                                    const char *action_name)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_REVEALER (banner));

  button = banner_part (banner, BANNER_BUTTON_KEY);
  gtk_widget_set_visible (button, button_label != NULL && button_label[0] != '\0');
  gtk_button_set_label (GTK_BUTTON (button), button_label);
  gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                  button_label != NULL ? action_name : NULL);
}

gboolean
community_compat_banner_get_revealed (GtkWidget *banner)
{
  g_return_val_if_fail (GTK_IS_REVEALER (banner), FALSE);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (banner));
}

void
community_compat_banner_set_revealed (GtkWidget *banner,
                                      gboolean   revealed)
{
  g_return_if_fail (GTK_IS_REVEALER (banner));

  gtk_revealer_set_reveal_child (GTK_REVEALER (banner), revealed);
}

#endif /* HAVE_ADW_1_3 */
