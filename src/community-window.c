/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-join-dialog.h"
#include "community-join-view.h"
#include "community-page-view.h"
#include "community-toast.h"
#include "community-window.h"

struct _CommunityWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkBox               *page_box;
  AdwStatusPage        *error_page;

  /* Owned references */
  CommunityPage        *page;
  CommunityJoin        *join;
  GCancellable         *cancellable;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CommunityWindow, community_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without the schema installed is allowed;
   * the window then simply does not remember its size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new (APPLICATION_ID);
}

static void
restore_window_state (CommunityWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CommunityWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
community_window_close_request (GtkWindow *window)
{
  save_window_state (COMMUNITY_WINDOW (window));

  return GTK_WINDOW_CLASS (community_window_parent_class)->close_request (window);
}

void
community_window_add_toast (CommunityWindow *self,
                            const char      *message)
{
  g_return_if_fail (COMMUNITY_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  community_window_add_toast (COMMUNITY_WINDOW (widget),
                              g_variant_get_string (parameter, NULL));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  community_copy_text (widget, g_variant_get_string (parameter, NULL));
}

static void
clear_page_box (CommunityWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_box))))
    gtk_box_remove (self->page_box, child);
}

static GtkWidget *
create_page_view (CommunityWindow *self)
{
  CommunityPageView *view = COMMUNITY_PAGE_VIEW (community_page_view_new ());

  g_set_object (&self->join, NULL);
  self->join = community_join_new (self->page);
  community_join_view_install (view, self->join);
  community_page_view_set_page (view, self->page);

  return GTK_WIDGET (view);
}

static void
show_page (CommunityWindow *self)
{
  const char *title = community_page_get_title (self->page);

  adw_window_title_set_title (self->window_title,
                              title != NULL ? title : _("Jpom Community"));
  gtk_window_set_title (GTK_WINDOW (self),
                        title != NULL ? title : _("Jpom Community"));
  clear_page_box (self);
  gtk_box_append (self->page_box, create_page_view (self));
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "page");
}

void
community_window_set_page (CommunityWindow *self,
                           CommunityPage   *page)
{
  g_return_if_fail (COMMUNITY_IS_WINDOW (self));
  g_return_if_fail (!page || COMMUNITY_IS_PAGE (page));

  if (!g_set_object (&self->page, page))
    return;

  if (page != NULL)
    show_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

CommunityPage *
community_window_get_page (CommunityWindow *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WINDOW (self), NULL);

  return self->page;
}

CommunityJoin *
community_window_get_join (CommunityWindow *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WINDOW (self), NULL);

  return self->join;
}

void
community_window_show_error (CommunityWindow *self,
                             const char      *message)
{
  g_return_if_fail (COMMUNITY_IS_WINDOW (self));

  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CommunityWindow) self = user_data;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = community_page_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (page == NULL)
    community_window_show_error (self, error->message);
  else
    community_window_set_page (self, page);
}

void
community_window_load_file (CommunityWindow *self,
                            GFile           *file)
{
  g_return_if_fail (COMMUNITY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  community_page_load_async (file, self->cancellable,
                             page_loaded_cb, g_object_ref (self));
}

/* The shortcuts are built when first asked for: GtkApplication would
 * build them with every main window from gtk/help-overlay.ui, which costs
 * start-up time for a window that is rarely opened. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  community_compat_show_shortcuts (GTK_APPLICATION_WINDOW (widget));
}

/* A tier card's Join button: the dialog for that tier of the page shown. */
static void
join_tier_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommunityWindow *self = COMMUNITY_WINDOW (widget);
  const char *anchor = g_variant_get_string (parameter, NULL);

  if (self->join == NULL || community_join_find_tier (self->join, anchor) == NULL)
    return;

  community_join_dialog_present (widget, self->join, anchor);
}

static void
community_window_dispose (GObject *object)
{
  CommunityWindow *self = COMMUNITY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->page);
  g_clear_object (&self->join);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMUNITY_TYPE_WINDOW);

  G_OBJECT_CLASS (community_window_parent_class)->dispose (object);
}

static void
community_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CommunityWindow *self = COMMUNITY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CommunityWindow *self = COMMUNITY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      community_window_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_window_class_init (CommunityWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = community_window_dispose;
  object_class->get_property = community_window_get_property;
  object_class->set_property = community_window_set_property;
  window_class->close_request = community_window_close_request;

  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         COMMUNITY_TYPE_PAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/community-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, page_box);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL,
                                   show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.join-tier", "s", join_tier_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s",
                                   show_toast_action);
}

static void
community_window_init (CommunityWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = settings_new_if_installed ();
  restore_window_state (self);
}

CommunityWindow *
community_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (COMMUNITY_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
