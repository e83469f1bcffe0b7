/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-compat-chrome.c: the window's layout, presenting it, its
 * notices and toasts, and style sheets, with the current widgets where
 * the library has them. */
#include "config.h"

#include "community-compat.h"
#include "community-compat-private.h"

/* The window's layout. */

#if HAVE_ADW_1_4
/* Moves @child out of @box, keeping it alive for its next parent. */
static GtkWidget *
take_child (GtkBox    *box,
            GtkWidget *child)
{
  g_object_ref (child);
  gtk_box_remove (box, child);

  return child;
}
#endif

GtkWidget *
community_compat_toolbar_layout (GtkWidget *box)
{
  g_return_val_if_fail (GTK_IS_BOX (box), NULL);

#if HAVE_ADW_1_4
  {
    GtkWidget *view = adw_toolbar_view_new ();
    g_autoptr(GtkWidget) content = take_child (GTK_BOX (box), gtk_widget_get_last_child (box));
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (box)) != NULL)
      {
        g_autoptr(GtkWidget) bar = take_child (GTK_BOX (box), child);

        adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), bar);
      }
    adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), content);

    return view;
  }
#else
  return box;
#endif
}

/* Presenting a window. */

void
community_compat_present_window (GtkWindow *window,
                                 guint32    timestamp)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

#if HAVE_GTK_4_14
  gtk_window_present (window);
#else
  gtk_window_present_with_time (window, timestamp);
#endif
}

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

/* Toasts. */

AdwToast *
community_compat_toast_new (const char *text)
{
#if HAVE_ADW_1_4
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_use_markup (toast, FALSE);
  return toast;
#else
  /* Always markup before 1.4: escaped, it reads as the text itself. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
#endif
}

/* Banners. */

#if HAVE_ADW_1_3

GtkWidget *
community_compat_banner_new (const char *title,
                             const char *button_label,
                             const char *action_name)
{
  GtkWidget *banner = adw_banner_new (title);

  adw_banner_set_use_markup (ADW_BANNER (banner), FALSE);
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
  /* A grid, not a horizontal box: GTK 4.8's box lays a wrapping label
   * out at a dozen widths to find its height. */
  GtkWidget *box = gtk_grid_new ();
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
  gtk_grid_set_column_spacing (GTK_GRID (box), 6);
  gtk_grid_attach (GTK_GRID (box), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (box), button, 1, 0, 1, 1);
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
