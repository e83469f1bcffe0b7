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

#if ADW_CHECK_VERSION (1, 4, 0) && defined (ADW_VERSION_1_4) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_4
# define HAVE_ADW_1_4 1
#else
# define HAVE_ADW_1_4 0
#endif

#if ADW_CHECK_VERSION (1, 5, 0) && defined (ADW_VERSION_1_5) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_5
# define HAVE_ADW_1_5 1
#else
# define HAVE_ADW_1_5 0
#endif

#if ADW_CHECK_VERSION (1, 8, 0) && defined (ADW_VERSION_1_8) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_8
# define HAVE_ADW_1_8 1
#else
# define HAVE_ADW_1_8 0
#endif

/* The narrowest window the app supports; a dialog window is never
 * narrower. */
#define MIN_DIALOG_WIDTH 360
#define MIN_DIALOG_HEIGHT 294

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

/* Dialogs. */

static GtkWindow *
parent_window (GtkWidget *parent)
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
  GtkWindow *transient_for = parent_window (parent);

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

  alert = adw_message_dialog_new (parent_window (parent), heading, body);
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

  gtk_window_set_transient_for (GTK_WINDOW (about), parent_window (parent));
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

/* Errors of GTK's dialogs: the user's or the caller's cancel is
 * G_IO_ERROR_CANCELLED, as GIO says it. */
G_GNUC_UNUSED static GError *
normalize_error (GError *error)
{
#if HAVE_GTK_4_10
  if (error->domain == GTK_DIALOG_ERROR && error->code != GTK_DIALOG_ERROR_FAILED)
    {
      g_autoptr(GError) dialog_error = error;

      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, dialog_error->message);
    }
#endif

  return error;
}

/* Opening a URI. */

static void
launch_uri_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

#if HAVE_GTK_4_10
  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error))
#else
  if (!g_app_info_launch_default_for_uri_finish (result, &error))
#endif
    g_task_return_error (task, normalize_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
community_compat_launch_uri (GtkWidget           *parent,
                             const char          *uri,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_compat_launch_uri);

#if HAVE_GTK_4_10
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent_window (parent), cancellable,
                             launch_uri_done_cb, g_steal_pointer (&task));
  }
#else
  {
    g_autoptr(GdkAppLaunchContext) context =
      gdk_display_get_app_launch_context (gtk_widget_get_display (parent));

    g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), cancellable,
                                             launch_uri_done_cb, g_steal_pointer (&task));
  }
#endif
}

gboolean
community_compat_launch_uri_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == community_compat_launch_uri,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Asking where to save. */

typedef struct
{
  GFile         *file;
  GtkFileFilter *filter;
} SaveChoice;

static void
save_choice_free (SaveChoice *choice)
{
  g_clear_object (&choice->file);
  g_clear_object (&choice->filter);
  g_free (choice);
}

static void
return_save_choice (GTask         *task,
                    GFile         *file,
                    GtkFileFilter *filter)
{
  SaveChoice *choice = g_new0 (SaveChoice, 1);

  choice->file = file;
  g_set_object (&choice->filter, filter);
  g_task_return_pointer (task, choice, (GDestroyNotify) save_choice_free);
}

#if HAVE_GTK_4_10

static void
file_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file == NULL)
    g_task_return_error (task, normalize_error (error));
  else
    return_save_choice (task, file, NULL);
}

static void
ask_where_to_save (GTask      *task,
                   GtkWidget  *parent,
                   const char *title,
                   const char *initial_name,
                   GListModel *filters)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (filters != NULL && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }

  gtk_file_dialog_save (dialog, parent_window (parent), g_task_get_cancellable (task),
                        file_dialog_done_cb, task);
}

#else /* !HAVE_GTK_4_10 */

/* The names of @filters, one per line: which choosers can be reused. */
static char *
filters_key (GListModel *filters)
{
  GString *key = g_string_new (NULL);
  guint n_filters = filters != NULL ? g_list_model_get_n_items (filters) : 0;

  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);
      const char *name = gtk_file_filter_get_name (filter);

      g_string_append_printf (key, "%s\n", name != NULL ? name : "");
    }

  return g_string_free (key, FALSE);
}

static GtkFileChooserNative *
chooser_new (GListModel *filters)
{
  GtkFileChooserNative *chooser;
  guint n_filters = filters != NULL ? g_list_model_get_n_items (filters) : 0;

  chooser = gtk_file_chooser_native_new (NULL, NULL, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  return chooser;
}

/* GTK 4.8's file chooser must not be destroyed while it still reads a
 * folder: the error message it then shows uses the freed widget (closing
 * it at once after opening it crashed the tests), and taking its filters
 * out again drops references it does not own. So a chooser, made with
 * its filters, serves the whole run, hidden between uses: one per set of
 * filters, which is one in this app. */
static GtkFileChooserNative *
shared_chooser (GListModel *filters)
{
  static GHashTable *choosers;
  g_autofree char *key = filters_key (filters);
  GtkFileChooserNative *chooser;

  if (choosers == NULL)
    choosers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  chooser = g_hash_table_lookup (choosers, key);
  if (chooser == NULL)
    {
      chooser = chooser_new (filters);
      g_hash_table_insert (choosers, g_steal_pointer (&key), chooser);
    }

  return chooser;
}

/* The first filter, chosen again at each use. */
static void
choose_first_filter (GtkFileChooser *chooser)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
  g_autoptr(GtkFileFilter) first = NULL;

  if (g_list_model_get_n_items (filters) == 0)
    return;

  first = g_list_model_get_item (filters, 0);
  gtk_file_chooser_set_filter (chooser, first);
}

/* What the task holds while the chooser is open. */
typedef struct
{
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gulong                cancelled_id;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_signal_handler (&data->cancelled_id, data->cancellable);
  g_clear_object (&data->cancellable);
  gtk_native_dialog_set_transient_for (GTK_NATIVE_DIALOG (data->chooser), NULL);
  g_clear_object (&data->chooser);
  g_free (data);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  GFile *file = NULL;

  g_signal_handlers_disconnect_by_data (chooser, task);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No file chosen");
  else
    return_save_choice (task, file, filter);
}

/* The caller gave up: close the chooser as if the user had. */
static void
chooser_cancelled_cb (GCancellable    *cancellable,
                      GtkNativeDialog *chooser)
{
  gtk_native_dialog_hide (chooser);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
}

static void
ask_where_to_save (GTask      *task,
                   GtkWidget  *parent,
                   const char *title,
                   const char *initial_name,
                   GListModel *filters)
{
  GtkFileChooserNative *chooser = shared_chooser (filters);
  ChooserData *data;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (chooser)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("Another file dialog is open"));
      g_object_unref (task);
      return;
    }

  data = g_new0 (ChooserData, 1);
  data->chooser = g_object_ref (chooser);
  g_task_set_task_data (task, data, (GDestroyNotify) chooser_data_free);
  gtk_native_dialog_set_title (GTK_NATIVE_DIALOG (chooser), title);
  gtk_native_dialog_set_transient_for (GTK_NATIVE_DIALOG (chooser), parent_window (parent));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  choose_first_filter (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), initial_name);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), task);
  if (g_task_get_cancellable (task) != NULL)
    {
      data->cancellable = g_object_ref (g_task_get_cancellable (task));
      data->cancelled_id = g_signal_connect (data->cancellable, "cancelled",
                                             G_CALLBACK (chooser_cancelled_cb), chooser);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif /* HAVE_GTK_4_10 */

void
community_compat_save_file (GtkWidget           *parent,
                            const char          *title,
                            const char          *initial_name,
                            GListModel          *filters,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (!filters || G_IS_LIST_MODEL (filters));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_compat_save_file);
  /* The task's reference goes to the dialog's callback. */
  ask_where_to_save (task, parent, title, initial_name, filters);
}

GFile *
community_compat_save_file_finish (GAsyncResult   *result,
                                   GtkFileFilter **filter,
                                   GError        **error)
{
  SaveChoice *choice;
  GFile *file;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == community_compat_save_file,
                        NULL);

  if (filter != NULL)
    *filter = NULL;

  choice = g_task_propagate_pointer (G_TASK (result), error);
  if (choice == NULL)
    return NULL;

  file = g_steal_pointer (&choice->file);
  if (filter != NULL)
    *filter = g_steal_pointer (&choice->filter);
  save_choice_free (choice);

  return file;
}
