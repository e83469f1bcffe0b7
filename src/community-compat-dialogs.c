/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-compat-dialogs.c: dialogs, alerts, the About dialog and the
 * keyboard shortcuts, with the current widgets where the library has them. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-compat-private.h"

/* The narrowest window the app supports; a dialog window is never
 * narrower. */
#define MIN_DIALOG_WIDTH 360
#define MIN_DIALOG_HEIGHT 294

/* Dialogs. */

GtkWindow *
community_compat_parent_window (GtkWidget *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A dialog window of the old kind, transient for the window of @parent,
 * in its application so that app actions reach it. */
G_GNUC_UNUSED static void
set_transient (GtkWindow *window,
               GtkWidget *parent)
{
  GtkWindow *transient_for = community_compat_parent_window (parent);

  gtk_window_set_modal (window, TRUE);
  gtk_window_set_destroy_with_parent (window, TRUE);
  gtk_window_set_transient_for (window, transient_for);
  if (transient_for != NULL)
    gtk_window_set_application (window, gtk_window_get_application (transient_for));
}

/* The visible window that is transient for @window. */
static GtkWidget *
find_transient_window (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) == window
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WIDGET (toplevel);
    }

  return NULL;
}

#if HAVE_ADW_1_5

GtkWidget *
community_compat_present_dialog (GtkWidget  *parent,
                                 GtkWidget  *content,
                                 const char *title,
                                 int         width,
                                 int         height)
{
  AdwDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (content), NULL);

  dialog = adw_dialog_new ();
  adw_dialog_set_title (dialog, title);
  adw_dialog_set_content_width (dialog, width);
  adw_dialog_set_content_height (dialog, height);
  adw_dialog_set_child (dialog, content);
  adw_dialog_present (dialog, parent);

  return GTK_WIDGET (dialog);
}

void
community_compat_close_dialog (GtkWidget *content)
{
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (content));

  dialog = gtk_widget_get_ancestor (content, ADW_TYPE_DIALOG);
  if (dialog != NULL)
    adw_dialog_close (ADW_DIALOG (dialog));
}

GtkWidget *
community_compat_get_visible_dialog (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  if (ADW_IS_APPLICATION_WINDOW (window))
    return (GtkWidget *) adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  if (ADW_IS_WINDOW (window))
    return (GtkWidget *) adw_window_get_visible_dialog (ADW_WINDOW (window));

  /* Over any other window, libadwaita shows a dialog in a window of its
   * own. */
  return find_transient_window (window);
}

GtkWidget *
community_compat_alert (GtkWidget  *parent,
                        const char *heading,
                        const char *body)
{
  AdwDialog *alert;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  alert = adw_alert_dialog_new (heading, body);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "close", _("_Close"));
  adw_dialog_present (alert, parent);

  return GTK_WIDGET (alert);
}

void
community_compat_about_add_legal_section (GtkWidget  *about,
                                          const char *title,
                                          const char *copyright,
                                          GtkLicense  license_type,
                                          const char *license)
{
  g_return_if_fail (ADW_IS_ABOUT_DIALOG (about));

  adw_about_dialog_add_legal_section (ADW_ABOUT_DIALOG (about), title, copyright,
                                      license_type, license);
}

void
community_compat_present_about (GtkWidget *about,
                                GtkWidget *parent)
{
  g_return_if_fail (ADW_IS_ABOUT_DIALOG (about));

  adw_dialog_present (ADW_DIALOG (about), parent);
}

#else /* !HAVE_ADW_1_5 */

GtkWidget *
community_compat_present_dialog (GtkWidget  *parent,
                                 GtkWidget  *content,
                                 const char *title,
                                 int         width,
                                 int         height)
{
  GtkWidget *window;
  GtkEventController *controller;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (content), NULL);

  window = adw_window_new ();
  set_transient (GTK_WINDOW (window), parent);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_set_size_request (window, MIN_DIALOG_WIDTH, MIN_DIALOG_HEIGHT);
  adw_window_set_content (ADW_WINDOW (window), content);

  /* Escape closes it, as it closes an AdwDialog. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, controller);

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

void
community_compat_close_dialog (GtkWidget *content)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (content));

  root = gtk_widget_get_root (content);
  if (GTK_IS_WINDOW (root))
    gtk_window_close (GTK_WINDOW (root));
}

GtkWidget *
community_compat_get_visible_dialog (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  return find_transient_window (window);
}

GtkWidget *
community_compat_alert (GtkWidget  *parent,
                        const char *heading,
                        const char *body)
{
  GtkWidget *alert;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  alert = adw_message_dialog_new (community_compat_parent_window (parent), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (alert));

  return alert;
}

void
community_compat_about_add_legal_section (GtkWidget  *about,
                                          const char *title,
                                          const char *copyright,
                                          GtkLicense  license_type,
                                          const char *license)
{
  g_return_if_fail (ADW_IS_ABOUT_WINDOW (about));

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), title, copyright,
                                      license_type, license);
}

void
community_compat_present_about (GtkWidget *about,
                                GtkWidget *parent)
{
  g_return_if_fail (ADW_IS_ABOUT_WINDOW (about));

  gtk_window_set_transient_for (GTK_WINDOW (about), community_compat_parent_window (parent));
  gtk_window_present (GTK_WINDOW (about));
}

#endif /* HAVE_ADW_1_5 */

/* The About dialog. */

GtkWidget *
community_compat_about_new (const char *first_property_name,
                            ...)
{
#if HAVE_ADW_1_5
  GtkWidget *about = GTK_WIDGET (adw_about_dialog_new ());
#else
  GtkWidget *about = adw_about_window_new ();
#endif
  va_list args;

  va_start (args, first_property_name);
  g_object_set_valist (G_OBJECT (about), first_property_name, args);
  va_end (args);

  return about;
}

/* Keyboard shortcuts. */

#if !HAVE_ADW_1_8
/* The GtkShortcutsWindow for @items, as GtkBuilder XML: GTK 4.8 has no API
 * that adds a shortcut to a group. */
static char *
shortcuts_window_ui (const char                    *group_title,
                     const CommunityCompatShortcut *items,
                     guint                          n_items)
{
  GString *ui = g_string_new (NULL);
  g_autofree char *group = NULL;

  g_string_append (ui, "<interface><object class=\"GtkShortcutsWindow\" id=\"help_overlay\">"
                       "<property name=\"modal\">True</property><child>"
                       "<object class=\"GtkShortcutsSection\">"
                       "<property name=\"section-name\">shortcuts</property>"
                       "<property name=\"max-height\">10</property><child>"
                       "<object class=\"GtkShortcutsGroup\">");
  group = g_markup_printf_escaped ("<property name=\"title\">%s</property>", group_title);
  g_string_append (ui, group);
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *shortcut =
        g_markup_printf_escaped ("<child><object class=\"GtkShortcutsShortcut\">"
                                 "<property name=\"title\">%s</property>"
                                 "<property name=\"action-name\">%s</property>"
                                 "</object></child>", items[i].title, items[i].action_name);

      g_string_append (ui, shortcut);
    }
  g_string_append (ui, "</object></child></object></child></object></interface>");

  return g_string_free (ui, FALSE);
}
#endif

void
community_compat_present_shortcuts (GtkApplicationWindow          *window,
                                    const char                    *group_title,
                                    const CommunityCompatShortcut *items,
                                    guint                          n_items)
{
#if HAVE_ADW_1_8
  AdwDialog *dialog;
  AdwShortcutsSection *section;

  g_return_if_fail (GTK_IS_APPLICATION_WINDOW (window));

  dialog = adw_shortcuts_dialog_new ();
  section = adw_shortcuts_section_new (group_title);
  for (guint i = 0; i < n_items; i++)
    adw_shortcuts_section_add (section, adw_shortcuts_item_new_from_action (items[i].title,
                                                                            items[i].action_name));
  adw_shortcuts_dialog_add (ADW_SHORTCUTS_DIALOG (dialog), section);
  adw_dialog_present (dialog, GTK_WIDGET (window));
#else
  g_return_if_fail (GTK_IS_APPLICATION_WINDOW (window));

  /* GTK 4.18 deprecates the shortcuts window for libadwaita's dialog; with
   * an older libadwaita (Debian 13 has GTK 4.18 and libadwaita 1.7) it is
   * still the only one there is. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autofree char *ui = shortcuts_window_ui (group_title, items, n_items);
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_string (ui, -1);

      gtk_application_window_set_help_overlay (window,
        GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
#endif
}
