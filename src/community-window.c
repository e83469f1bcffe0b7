/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-window.c: the main window, an observer of the live page.
 *
 * What it shows, the community's notice over the page, the offline and
 * translation notices, and the toasts after a refresh all follow the live
 * page's properties and its "refreshed" signal. A preview (a page given to the window) stops
 * following: the live page then changes nothing in it. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-freshness.h"
#include "community-join-dialog.h"
#include "community-join-view.h"
#include "community-notice-bar.h"
#include "community-page-info.h"
#include "community-page-loader.h"
#include "community-page-view.h"
#include "community-settings.h"
#include "community-shortcuts.h"
#include "community-toaster.h"
#include "community-window.h"

struct _CommunityWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  CommunityToaster     *toaster;
  GtkStack             *stack;
  GtkBox               *banner_box;
  CommunityNoticeBar   *notice_bar;
  CommunityPageView    *page_view;
  GMenuModel           *primary_menu;
  GtkSpinner           *spinner;            /* nullable: made when first loading */
  AdwStatusPage        *error_page;         /* nullable: made at the first error */

  /* Owned references */
  CommunityLivePage    *live_page;          /* NULL in a window made for a preview */
  CommunityPage        *preview_page;       /* what a preview shows, or NULL */
  CommunityJoin        *preview_join;
  GCancellable         *cancellable;        /* the preview's loading */
  GSettings            *settings;

  /* Borrowed references */
  GtkWidget            *offline_banner;     /* in banner_box */
  GtkWidget            *translation_banner; /* in banner_box */
  GBinding             *notice_binding;     /* the notices' banner to notice_bar, or NULL */

  guint                 preview : 1;
};

G_DEFINE_FINAL_TYPE (CommunityWindow, community_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIVE_PAGE,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Its size, as the user left it. */

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

/* Showing a page. */

static void
show_page (CommunityWindow *self,
           CommunityPage   *page,
           CommunityJoin   *join)
{
  const char *title = community_page_get_title (page);

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Jpom Community"));
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Jpom Community"));
  community_join_view_install (self->page_view, join);
  community_page_view_set_page (self->page_view, page);
  if (self->spinner != NULL)
    gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "page");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
show_error (CommunityWindow *self,
            const char      *message)
{
  g_autofree char *escaped = NULL;

  if (self->spinner != NULL)
    gtk_spinner_stop (self->spinner);
  /* Made here, not in the template: the page costs start-up time, and at
   * this size the icon theme has only an SVG for its icon, which loads
   * librsvg (7 MiB). */
  if (self->error_page == NULL)
    {
      self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
      adw_status_page_set_title (self->error_page, _("This Page Cannot Be Displayed"));
      adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
    }
  /* The description is markup, and the message may quote a file's name
   * or text. */
  escaped = g_markup_escape_text (message, -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static gboolean
is_live (CommunityWindow *self)
{
  return self->live_page != NULL && !self->preview;
}

/* The notices. */

static void
update_offline_banner (CommunityWindow *self)
{
  gboolean shown = is_live (self) && community_live_page_get_offline (self->live_page);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *title = NULL;

  if (shown)
    {
      now = g_date_time_new_now_local ();
      title = community_freshness_describe_offline (community_live_page_get_origin (self->live_page),
                                                    community_live_page_get_checked_at (self->live_page),
                                                    now);
      community_compat_banner_set_title (self->offline_banner, title);
      community_compat_banner_set_button (self->offline_banner,
                                          community_live_page_get_can_refresh (self->live_page)
                                          ? _("_Refresh") : NULL,
                                          "app.refresh");
    }
  community_compat_banner_set_revealed (self->offline_banner, shown);
}

static void
update_translation_banner (CommunityWindow *self)
{
  CommunityLivePage *live = self->live_page;
  gboolean shown = is_live (self) && community_live_page_get_translation (live) != NULL
                   && !community_live_page_get_translation_current (live);

  if (shown && community_live_page_get_read_translation (live))
    {
      community_compat_banner_set_title (self->translation_banner,
        /* Translators: a notice over a translation made from an earlier
         * version of the page; the prices, ID and QR code in it are current */
        _("Translation may be out of date — prices and contacts are current"));
      community_compat_banner_set_button (self->translation_banner,
                                          _("_Show Current Page"), "win.read-current-page");
    }
  else if (shown)
    {
      community_compat_banner_set_title (self->translation_banner,
        /* Translators: a notice when the translation was made from an
         * earlier version of the page, so the app shows the current one */
        _("Translation out of date — showing the current Chinese page"));
      community_compat_banner_set_button (self->translation_banner,
                                          _("_Read Translation"), "win.read-translation");
    }
  community_compat_banner_set_revealed (self->translation_banner, shown);
}

/* The community's notice follows the notices while the window is live. */
static void
update_notice_bar (CommunityWindow *self)
{
  CommunityNotices *notices;

  if (!is_live (self))
    {
      g_clear_pointer (&self->notice_binding, g_binding_unbind);
      community_notice_bar_set_notice (self->notice_bar, NULL);
      return;
    }
  if (self->notice_binding != NULL)
    return;

  notices = community_live_page_get_notices (self->live_page);
  self->notice_binding = g_object_bind_property (notices, "banner", self->notice_bar, "notice",
                                                 G_BINDING_SYNC_CREATE);
}

static void
update_notices (CommunityWindow *self)
{
  update_notice_bar (self);
  update_offline_banner (self);
  update_translation_banner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page-info", is_live (self));
}

/* Following the live page. */

static void
shown_changed_cb (CommunityWindow *self)
{
  CommunityLivePage *live = self->live_page;

  if (self->preview)
    return;
  if (community_live_page_get_shown_page (live) == NULL)
    {
      show_error (self, community_live_page_get_last_error (live));
      return;
    }

  show_page (self, community_live_page_get_shown_page (live),
             community_live_page_get_shown_join (live));
  update_translation_banner (self);
}

/* One toast for a new page: the changes, or the first and how many more. */
static void
announce_changes (CommunityWindow *self)
{
  GPtrArray *changes = community_live_page_get_changes (self->live_page);
  g_autofree char *message = NULL;
  guint more;

  if (changes == NULL || changes->len == 0)
    {
      community_toaster_show (GTK_WIDGET (self->toaster),
                              /* Translators: a newer page arrived; its tiers,
                               * prices and contacts are unchanged */
                              _("The page was updated"));
      return;
    }

  more = changes->len - 1;
  if (more == 0)
    message = g_strdup (g_ptr_array_index (changes, 0));
  else if (more == 1)
    /* Translators: two changes to the page in one toast, such as "Prices
     * changed: 30元/月 → 40元/月; New WeChat QR code" */
    message = g_strdup_printf (C_("changes", "%s; %s"),
                               (const char *) g_ptr_array_index (changes, 0),
                               (const char *) g_ptr_array_index (changes, 1));
  else
    /* Translators: %s is what changed on the page, such as "Prices changed:
     * 30元/月 → 40元/月"; %u is the number of other changes */
    message = g_strdup_printf (ngettext ("%s (and %u more change)",
                                         "%s (and %u more changes)", more),
                               (const char *) g_ptr_array_index (changes, 0), more);

  community_toaster_show (GTK_WIDGET (self->toaster), message);
}

/* How a refresh ended, where it matters: a new page and a refused or
 * unsaved one always, an unreachable site or an unchanged page only when
 * the user asked for the refresh. */
static void
refreshed_cb (CommunityWindow        *self,
              CommunityRefreshStatus  status,
              gboolean                changed,
              const GError           *error,
              CommunityRefreshFlags   flags)
{
  gboolean manual = (flags & COMMUNITY_REFRESH_FLAGS_MANUAL) != 0;
  g_autofree char *message = NULL;

  if (self->preview)
    return;
  if (changed)
    announce_changes (self);

  if (status == COMMUNITY_REFRESH_CURRENT && manual && !changed)
    message = g_strdup (_("The page is up to date"));
  else if (status == COMMUNITY_REFRESH_REFUSED)
    /* Translators: %s says why the page that came was not used, such as
     * "The new page is incomplete: no tier" */
    message = g_strdup_printf (_("%s; the page shown is kept"), error->message);
  else if (status == COMMUNITY_REFRESH_NOT_SAVED
           || (status == COMMUNITY_REFRESH_UNREACHABLE && manual))
    /* The error says what and why, such as "Cannot reach cdn.jsdelivr.net: …". */
    message = g_strdup (error->message);

  if (message != NULL)
    community_toaster_show (GTK_WIDGET (self->toaster), message);
}

static void
follow_live_page (CommunityWindow *self)
{
  CommunityLivePage *live = self->live_page;
  const char *problem;

  g_signal_connect_object (live, "notify::shown-join", G_CALLBACK (shown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (live, "refreshed", G_CALLBACK (refreshed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The offline notice names the copy's age; a check that confirmed it
   * current makes it younger. */
  g_signal_connect_object (live, "notify::offline", G_CALLBACK (update_offline_banner), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (live, "notify::can-refresh", G_CALLBACK (update_offline_banner),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (live, "notify::checked-at", G_CALLBACK (update_offline_banner),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (live, "notify::read-translation",
                           G_CALLBACK (update_translation_banner), self, G_CONNECT_SWAPPED);

  shown_changed_cb (self);
  update_notices (self);

  problem = community_live_page_get_cache_problem (live);
  if (problem != NULL)
    community_toaster_show (GTK_WIDGET (self->toaster), problem);
}

/* A preview. */

static void
set_preview (CommunityWindow *self,
             CommunityPage   *page)
{
  g_autoptr(CommunityJoin) join = community_join_new (page);

  self->preview = TRUE;
  g_set_object (&self->preview_page, page);
  g_set_object (&self->preview_join, join);
  update_notices (self);
  show_page (self, page, join);
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
    show_error (self, error->message);
  else
    set_preview (self, page);
}

void
community_window_load_file (CommunityWindow *self,
                            GFile           *file)
{
  g_return_if_fail (COMMUNITY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The live page no longer replaces what the window shows. */
  self->preview = TRUE;
  update_notices (self);

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);

  if (self->spinner == NULL)
    {
      self->spinner = GTK_SPINNER (gtk_spinner_new ());
      gtk_widget_set_halign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
      gtk_widget_set_valign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->spinner), "loading");
    }
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  community_page_load_async (file, self->cancellable, page_loaded_cb, g_object_ref (self));
}

/* Actions. */

static void
read_translation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CommunityWindow *self = COMMUNITY_WINDOW (widget);

  if (self->live_page == NULL)
    return;

  community_live_page_set_read_translation (self->live_page,
                                            g_str_equal (action_name, "win.read-translation"));
  community_page_view_scroll_to_top (self->page_view);
}

static void
page_info_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommunityWindow *self = COMMUNITY_WINDOW (widget);

  if (!is_live (self))
    return;

  community_compat_present_dialog (widget, community_page_info_new (self->live_page),
                                   _("Page Information"), 480, 620);
}

/* The shortcuts are built when first asked for: GtkApplication would
 * build them with every main window, which costs start-up time for a
 * window that is rarely opened. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  community_shortcuts_show (GTK_APPLICATION_WINDOW (widget));
}

/* A tier card's Join button: the dialog for that tier of the page shown. */
static void
join_tier_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommunityWindow *self = COMMUNITY_WINDOW (widget);
  CommunityJoin *join = community_window_get_join (self);
  const char *anchor = g_variant_get_string (parameter, NULL);

  if (join == NULL || community_join_find_tier (join, anchor) == NULL)
    return;

  community_join_dialog_present (widget, join, anchor);
}

/* The object. */

static void
community_window_constructed (GObject *object)
{
  CommunityWindow *self = COMMUNITY_WINDOW (object);

  G_OBJECT_CLASS (community_window_parent_class)->constructed (object);

  if (self->live_page != NULL)
    follow_live_page (self);
  else
    update_notices (self);
}

static void
community_window_dispose (GObject *object)
{
  CommunityWindow *self = COMMUNITY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->notice_binding, g_binding_unbind);
  g_clear_object (&self->settings);
  g_clear_object (&self->live_page);
  g_clear_object (&self->preview_page);
  g_clear_object (&self->preview_join);

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
    case PROP_LIVE_PAGE:
      g_value_set_object (value, self->live_page);
      break;
    case PROP_PAGE:
      g_value_set_object (value, community_window_get_page (self));
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
    case PROP_LIVE_PAGE:
      self->live_page = g_value_dup_object (value);
      break;
    case PROP_PAGE:
      if (g_value_get_object (value) != NULL)
        set_preview (self, g_value_get_object (value));
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

  object_class->constructed = community_window_constructed;
  object_class->dispose = community_window_dispose;
  object_class->get_property = community_window_get_property;
  object_class->set_property = community_window_set_property;
  window_class->close_request = community_window_close_request;

  properties[PROP_LIVE_PAGE] =
    g_param_spec_object ("live-page", NULL, NULL, COMMUNITY_TYPE_LIVE_PAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Setting it previews that page. */
  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL, COMMUNITY_TYPE_PAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COMMUNITY_TYPE_NOTICE_BAR);
  g_type_ensure (COMMUNITY_TYPE_PAGE_VIEW);
  g_type_ensure (COMMUNITY_TYPE_TOASTER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/community-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, toaster);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, notice_bar);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, page_view);

  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL,
                                   show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.join-tier", "s", join_tier_action);
  gtk_widget_class_install_action (widget_class, "win.page-info", NULL, page_info_action);
  gtk_widget_class_install_action (widget_class, "win.read-translation", NULL,
                                   read_translation_action);
  gtk_widget_class_install_action (widget_class, "win.read-current-page", NULL,
                                   read_translation_action);
}

/* On libadwaita >= 1.4 the template's box becomes an AdwToolbarView. Its
 * content comes first in the focus chain, and the page's first label
 * would take the first focus and select all its text: the window starts
 * on the menu button, as it does with the box. */
static void
use_toolbar_layout (CommunityWindow *self)
{
  AdwApplicationWindow *window = ADW_APPLICATION_WINDOW (self);
  GtkWidget *box = adw_application_window_get_content (window);
  GtkWidget *layout = community_compat_toolbar_layout (box);

  if (layout == box)
    return;

  adw_application_window_set_content (window, layout);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->primary_menu_button));
}

/* The menu's popover is built when it first opens, not with the window. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  CommunityWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
community_window_init (CommunityWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb,
                                         self, NULL);
  use_toolbar_layout (self);

  self->offline_banner = community_compat_banner_new ("", NULL, NULL);
  self->translation_banner = community_compat_banner_new ("", NULL, NULL);
  gtk_box_append (self->banner_box, self->offline_banner);
  gtk_box_append (self->banner_box, self->translation_banner);

  self->settings = community_settings_new ();
  restore_window_state (self);
}

CommunityWindow *
community_window_new (AdwApplication    *application,
                      CommunityLivePage *live_page)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (live_page == NULL || COMMUNITY_IS_LIVE_PAGE (live_page), NULL);

  return g_object_new (COMMUNITY_TYPE_WINDOW,
                       "application", application,
                       "live-page", live_page,
                       NULL);
}

CommunityLivePage *
community_window_get_live_page (CommunityWindow *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WINDOW (self), NULL);

  return self->live_page;
}

CommunityPage *
community_window_get_page (CommunityWindow *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WINDOW (self), NULL);

  if (self->preview)
    return self->preview_page;
  return self->live_page != NULL ? community_live_page_get_shown_page (self->live_page) : NULL;
}

CommunityJoin *
community_window_get_join (CommunityWindow *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WINDOW (self), NULL);

  if (self->preview)
    return self->preview_join;
  return self->live_page != NULL ? community_live_page_get_shown_join (self->live_page) : NULL;
}
