/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-bundled.h"
#include "community-compat.h"
#include "community-join-dialog.h"
#include "community-join-view.h"
#include "community-page-info.h"
#include "community-page-view.h"
#include "community-settings.h"
#include "community-toast.h"
#include "community-window.h"


struct _CommunityWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;            /* nullable: made when first loading */
  GtkBox               *banner_box;
  GtkScrolledWindow    *scrolled_window;
  AdwClamp             *clamp;
  GtkBox               *page_box;
  AdwStatusPage        *error_page;         /* nullable: made at the first error */
  GMenuModel           *primary_menu;

  /* Owned references */
  CommunityPage        *page;
  CommunityJoin        *join;
  GCancellable         *cancellable;
  GSettings            *settings;
  CommunityLivePage    *live_page;
  CommunityJoin        *live_join;     /* the live page's join last shown */
  CommunityPage        *translation;   /* the page in the user's language */
  char                 *scroll_anchor; /* the section in view at a swap */

  GdkFrameClock        *frame_clock;   /* while restoring the scroll */

  /* Borrowed references */
  GtkWidget            *offline_banner;     /* in banner_box */
  GtkWidget            *translation_banner; /* in banner_box */

  int                   scroll_index;
  double                scroll_offset;
  gulong                after_paint_id;
  guint                 offline : 1;
  guint                 preview : 1;
  guint                 read_translation : 1;
};

G_DEFINE_FINAL_TYPE (CommunityWindow, community_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_LIVE_PAGE,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  adw_toast_overlay_add_toast (self->toast_overlay, community_compat_toast_new (message));
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

static CommunityPageView *
get_page_view (CommunityWindow *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->page_box));

  return COMMUNITY_IS_PAGE_VIEW (child) ? COMMUNITY_PAGE_VIEW (child) : NULL;
}

/* Shows @page with @join, which may come from another page: a
 * translation shows the tiers, prices and contacts of the current
 * Chinese page. */
static void
show_page (CommunityWindow *self,
           CommunityPage   *page,
           CommunityJoin   *join)
{
  const char *title = community_page_get_title (page);
  CommunityPageView *view = COMMUNITY_PAGE_VIEW (community_page_view_new ());
  gboolean page_changed;

  g_set_object (&self->join, join);
  page_changed = g_set_object (&self->page, page);

  adw_window_title_set_title (self->window_title,
                              title != NULL ? title : _("Jpom Community"));
  gtk_window_set_title (GTK_WINDOW (self),
                        title != NULL ? title : _("Jpom Community"));
  clear_page_box (self);
  community_join_view_install (view, join);
  /* In the window first: the view builds as much as the window shows. */
  gtk_box_append (self->page_box, GTK_WIDGET (view));
  community_page_view_set_page (view, page);
  if (self->spinner != NULL)
    gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "page");

  if (page_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

void
community_window_set_page (CommunityWindow *self,
                           CommunityPage   *page)
{
  g_autoptr(CommunityJoin) join = NULL;

  g_return_if_fail (COMMUNITY_IS_WINDOW (self));
  g_return_if_fail (!page || COMMUNITY_IS_PAGE (page));

  if (page == self->page)
    return;

  if (page == NULL)
    {
      g_clear_object (&self->page);
      g_clear_object (&self->join);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
      return;
    }

  join = community_join_new (page);
  show_page (self, page, join);
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

/* The live page. The window follows the application's live page: a new
 * valid page swaps in place, the section in view stays in view, and a
 * toast says what changed. In a language other than Chinese the
 * translation is shown when it was made from the current page; else the
 * current Chinese page, with a notice and a way to read the translation
 * anyway. Tiers, prices, the ID, the QR code and the e-mail always come
 * from the current Chinese page. */

static CommunityPage *
load_translation (void)
{
  const char *path = community_bundled_translation_path ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    page = community_page_new_from_bytes (bytes, &error);
  /* Bundled and tested: a failure is a build defect. The Chinese page
   * still serves. */
  if (page == NULL)
    g_critical ("The bundled translation %s cannot be read: %s", path, error->message);

  return g_steal_pointer (&page);
}

static gboolean
is_live (CommunityWindow *self)
{
  return self->live_page != NULL && !self->preview;
}

static gboolean
translation_is_current (CommunityWindow *self)
{
  return self->translation != NULL
         && community_live_page_translation_is_current (self->live_page, self->translation);
}

static gboolean
can_refresh (CommunityWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL
         && g_action_group_get_action_enabled (G_ACTION_GROUP (app), "refresh");
}

static void
update_offline_banner (CommunityWindow *self)
{
  gboolean shown = is_live (self) && self->offline;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *title = NULL;

  if (shown)
    {
      now = g_date_time_new_now_local ();
      title = community_page_info_describe_offline (community_live_page_get_origin (self->live_page),
                                                    community_live_page_get_checked_at (self->live_page),
                                                    now);
      community_compat_banner_set_title (self->offline_banner, title);
      community_compat_banner_set_button (self->offline_banner,
                                          can_refresh (self) ? _("_Refresh") : NULL,
                                          "app.refresh");
    }
  community_compat_banner_set_revealed (self->offline_banner, shown);
}

static void
update_translation_banner (CommunityWindow *self)
{
  gboolean shown = is_live (self) && self->translation != NULL
                   && !translation_is_current (self);

  if (shown && self->read_translation)
    {
      /* Translators: a notice over a translation made from an earlier
       * version of the page; the prices, ID and QR code in it are current */
      community_compat_banner_set_title (self->translation_banner,
        _("Translation may be out of date — prices and contacts are current"));
      community_compat_banner_set_button (self->translation_banner,
                                          _("_Show Current Page"), "win.read-current-page");
    }
  else if (shown)
    {
      /* Translators: a notice when the translation was made from an
       * earlier version of the page, so the app shows the current one */
      community_compat_banner_set_title (self->translation_banner,
        _("Translation out of date — showing the current Chinese page"));
      community_compat_banner_set_button (self->translation_banner,
                                          _("_Read Translation"), "win.read-translation");
    }
  community_compat_banner_set_revealed (self->translation_banner, shown);
}

static void
update_banners (CommunityWindow *self)
{
  update_offline_banner (self);
  update_translation_banner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page-info", is_live (self));
}

static void
show_live_page (CommunityWindow *self)
{
  CommunityPage *page = community_live_page_get_page (self->live_page);
  CommunityJoin *join = community_live_page_get_join (self->live_page);

  g_set_object (&self->live_join, join);
  if (self->translation != NULL && (self->read_translation || translation_is_current (self)))
    {
      g_autoptr(CommunityJoin) translated = community_join_new_translated (self->translation, join);

      show_page (self, self->translation, translated);
    }
  else
    {
      show_page (self, page, join);
    }
  update_banners (self);
}

/* Keeping the section in view. Before a swap the window notes the
 * section nearest above the top of the view and how far into it the view
 * is; after the new page is laid out it scrolls there again. */

static gboolean
section_top (CommunityWindow *self,
             GtkWidget       *section,
             double          *y)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (section, GTK_WIDGET (self->clamp), &bounds))
    return FALSE;

  *y = bounds.origin.y;
  return TRUE;
}

static void
remember_section_in_view (CommunityWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  CommunityPageView *view = get_page_view (self);
  double top = gtk_adjustment_get_value (adjustment);
  GPtrArray *sections;

  g_clear_pointer (&self->scroll_anchor, g_free);
  self->scroll_index = -1;
  self->scroll_offset = top;
  if (view == NULL || self->page == NULL)
    return;

  sections = community_page_get_sections (self->page);
  for (guint i = 0; i < sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);
      GtkWidget *widget = community_page_view_get_section_widget (view, section->anchor);
      double y;

      if (widget == NULL || !section_top (self, widget, &y))
        continue;
      if (y > top + 0.5)
        break;

      g_free (self->scroll_anchor);
      self->scroll_anchor = g_strdup (section->anchor);
      self->scroll_index = i;
      self->scroll_offset = top - y;
    }
}

/* The section noted, by anchor, or by position when the anchors differ
 * (the page's language changed with the swap). */
static GtkWidget *
find_section_in_view (CommunityWindow   *self,
                      CommunityPageView *view)
{
  GPtrArray *sections = community_page_get_sections (self->page);
  const CommunityPageSection *section;
  GtkWidget *widget = NULL;

  if (self->scroll_anchor != NULL)
    widget = community_page_view_get_section_widget (view, self->scroll_anchor);
  if (widget != NULL || self->scroll_index < 0 || (guint) self->scroll_index >= sections->len)
    return widget;

  section = g_ptr_array_index (sections, self->scroll_index);
  return community_page_view_get_section_widget (view, section->anchor);
}

static void
stop_restoring (CommunityWindow *self)
{
  /* An unrealized window's frame clock is disposed, its handlers gone. */
  if (self->after_paint_id != 0
      && g_signal_handler_is_connected (self->frame_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);
}

static void
scroll_after_paint_cb (GdkFrameClock   *frame_clock,
                       CommunityWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  CommunityPageView *view = get_page_view (self);
  GtkWidget *section = view != NULL ? find_section_in_view (self, view) : NULL;
  double y = 0;

  stop_restoring (self);
  if (section != NULL && section_top (self, section, &y))
    gtk_adjustment_set_value (adjustment, y + self->scroll_offset);
  else if (self->scroll_anchor == NULL)
    gtk_adjustment_set_value (adjustment, self->scroll_offset);
}

/* The new page's sections have their place once it is laid out, after
 * the next frame. */
static void
restore_section_in_view (CommunityWindow *self)
{
  CommunityPageView *view = get_page_view (self);

  stop_restoring (self);
  if (view == NULL || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  if (self->scroll_anchor != NULL)
    community_page_view_build_all (view);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (scroll_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
swap_live_page (CommunityWindow *self)
{
  remember_section_in_view (self);
  show_live_page (self);
  restore_section_in_view (self);
}

/* One toast for an update: the changes, or the first and how many more. */
static void
announce_changes (CommunityWindow *self)
{
  GPtrArray *changes = community_live_page_get_changes (self->live_page);
  g_autofree char *message = NULL;
  guint more;

  if (changes == NULL || changes->len == 0)
    {
      /* Translators: a newer page arrived; its tiers, prices and contacts are unchanged */
      community_window_add_toast (self, _("The page was updated"));
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

  community_window_add_toast (self, message);
}

static void
live_join_changed_cb (CommunityWindow *self)
{
  CommunityJoin *join = community_live_page_get_join (self->live_page);

  if (join == self->live_join)
    return;

  if (self->preview)
    {
      g_set_object (&self->live_join, join);
      return;
    }

  swap_live_page (self);
  announce_changes (self);
}

void
community_window_set_live_page (CommunityWindow   *self,
                                CommunityLivePage *live_page)
{
  const char *problem;

  g_return_if_fail (COMMUNITY_IS_WINDOW (self));
  g_return_if_fail (COMMUNITY_IS_LIVE_PAGE (live_page));
  g_return_if_fail (self->live_page == NULL);

  self->live_page = g_object_ref (live_page);
  g_signal_connect_object (live_page, "notify::join",
                           G_CALLBACK (live_join_changed_cb), self, G_CONNECT_SWAPPED);
  self->translation = load_translation ();
  show_live_page (self);

  problem = community_live_page_get_cache_problem (live_page);
  if (problem != NULL)
    community_window_add_toast (self, problem);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_PAGE]);
}

CommunityLivePage *
community_window_get_live_page (CommunityWindow *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WINDOW (self), NULL);

  return self->live_page;
}

gboolean
community_window_get_offline (CommunityWindow *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WINDOW (self), FALSE);

  return self->offline;
}

void
community_window_set_offline (CommunityWindow *self,
                              gboolean         offline)
{
  g_return_if_fail (COMMUNITY_IS_WINDOW (self));

  offline = !!offline;
  if (self->offline == offline)
    return;

  self->offline = offline;
  update_offline_banner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

void
community_window_show_refresh_result (CommunityWindow        *self,
                                      CommunityRefreshStatus  status,
                                      gboolean                changed,
                                      const GError           *error,
                                      gboolean                manual)
{
  g_autofree char *message = NULL;

  g_return_if_fail (COMMUNITY_IS_WINDOW (self));

  /* The offline notice may name a new age, and a refresh that came back
   * with the same page still confirmed it current. */
  update_offline_banner (self);

  if (status == COMMUNITY_REFRESH_CURRENT && manual && !changed)
    message = g_strdup (_("The page is up to date"));
  else if (status == COMMUNITY_REFRESH_REFUSED && error != NULL)
    /* Translators: %s says why the page that came was not used, such as
     * "The new page is incomplete: no tier" */
    message = g_strdup_printf (_("%s; the page shown is kept"), error->message);
  else if (status == COMMUNITY_REFRESH_NOT_SAVED && error != NULL)
    /* The error says the page could not be saved, and why. */
    message = g_strdup (error->message);
  else if (status == COMMUNITY_REFRESH_UNREACHABLE && manual && error != NULL)
    /* The error names the site and why, such as "Cannot reach cdn.jsdelivr.net: …". */
    message = g_strdup (error->message);

  if (message != NULL)
    community_window_add_toast (self, message);
}

static void
read_translation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CommunityWindow *self = COMMUNITY_WINDOW (widget);
  gboolean read = g_str_equal (action_name, "win.read-translation");

  if (self->read_translation == read)
    return;

  self->read_translation = read;
  if (self->live_page != NULL)
    {
      show_live_page (self);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
    }
}

static void
page_info_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommunityWindow *self = COMMUNITY_WINDOW (widget);
  GtkWidget *info;

  if (self->live_page == NULL)
    return;

  info = community_page_info_new (self->live_page);
  community_page_info_set_translation (COMMUNITY_PAGE_INFO (info), self->translation);
  g_object_bind_property (self, "offline", info, "offline", G_BINDING_SYNC_CREATE);
  community_compat_present_dialog (widget, info, _("Page Information"), 480, 620);
}

void
community_window_show_error (CommunityWindow *self,
                             const char      *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (COMMUNITY_IS_WINDOW (self));

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

  /* A preview: the live page no longer replaces what the window shows. */
  self->preview = TRUE;
  update_banners (self);

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

  stop_restoring (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->page);
  g_clear_object (&self->join);
  g_clear_object (&self->settings);
  g_clear_object (&self->live_page);
  g_clear_object (&self->live_join);
  g_clear_object (&self->translation);
  g_clear_pointer (&self->scroll_anchor, g_free);

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

    case PROP_LIVE_PAGE:
      g_value_set_object (value, self->live_page);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
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

    case PROP_OFFLINE:
      community_window_set_offline (self, g_value_get_boolean (value));
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
  properties[PROP_LIVE_PAGE] =
    g_param_spec_object ("live-page", NULL, NULL,
                         COMMUNITY_TYPE_LIVE_PAGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/community-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, clamp);
  gtk_widget_class_bind_template_child (widget_class, CommunityWindow, page_box);

  gtk_widget_class_install_action (widget_class, "win.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL,
                                   show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.join-tier", "s", join_tier_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s",
                                   show_toast_action);
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

  self->scroll_index = -1;
  self->offline_banner = community_compat_banner_new ("", NULL, NULL);
  self->translation_banner = community_compat_banner_new ("", NULL, NULL);
  gtk_box_append (self->banner_box, self->offline_banner);
  gtk_box_append (self->banner_box, self->translation_banner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page-info", FALSE);

  self->settings = community_settings_new ();
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
