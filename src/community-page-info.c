/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-info.c: where the shown page comes from and how fresh it
 * is, and the community's notices with what their refresh refused. The
 * view listens to the live page and its notices, so it stays right while
 * a refresh runs behind it. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-freshness.h"
#include "community-page-info.h"
#include "community-toaster.h"

struct _CommunityPageInfo
{
  GtkBox             parent_instance;

  /* Template widgets */
  AdwActionRow      *source_row;
  AdwActionRow      *freshness_row;
  GtkStack          *refresh_stack;
  GtkSpinner        *refresh_spinner;
  AdwActionRow      *checked_row;
  AdwActionRow      *error_row;
  AdwActionRow      *cache_row;
  AdwActionRow      *sha256_row;
  AdwActionRow      *translation_row;
  AdwPreferencesGroup *notices_group;

  /* Owned references */
  CommunityLivePage *live_page;
  GPtrArray         *notice_rows;   /* GtkWidget *, in notices_group */
};

G_DEFINE_FINAL_TYPE (CommunityPageInfo, community_page_info, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_LIVE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows. */

static void
set_row (AdwActionRow *row,
         const char   *subtitle)
{
  gtk_widget_set_visible (GTK_WIDGET (row), subtitle != NULL);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
}

static void
update_source (CommunityPageInfo *self)
{
  const char *source = community_live_page_get_source (self->live_page);
  g_autofree char *subtitle = NULL;

  if (community_live_page_get_origin (self->live_page) == COMMUNITY_PAGE_ORIGIN_BUNDLED)
    subtitle = g_strdup (_("The copy bundled with the app"));
  else if (source != NULL)
    /* Translators: %s is the address the saved copy was fetched from */
    subtitle = g_strdup_printf (_("A saved copy of the page from %s"), source);
  else
    subtitle = g_strdup (_("A saved copy of the page"));

  set_row (self->source_row, subtitle);
}

static void
update_freshness (CommunityPageInfo *self)
{
  GDateTime *checked_at = community_live_page_get_checked_at (self->live_page);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *freshness = NULL;
  g_autofree char *checked = NULL;

  freshness = community_freshness_describe (community_live_page_get_origin (self->live_page),
                                            checked_at, now,
                                            community_live_page_get_offline (self->live_page));
  set_row (self->freshness_row, freshness);

  if (checked_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (checked_at);

      checked = g_date_time_format (local, "%x %X");
    }
  set_row (self->checked_row, checked);
}

static void
update_refreshing (CommunityPageInfo *self)
{
  gboolean refreshing = community_live_page_get_refreshing (self->live_page);

  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "spinner" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
}

static void
update_translation (CommunityPageInfo *self)
{
  const char *subtitle = NULL;

  if (community_live_page_get_translation (self->live_page) != NULL)
    subtitle = community_live_page_get_translation_current (self->live_page)
               ? _("Made from the page shown")
               : _("Made from an earlier version of the page: out of date");

  set_row (self->translation_row, subtitle);
}

static void
update_rows (CommunityPageInfo *self)
{
  update_source (self);
  update_freshness (self);
  update_refreshing (self);
  set_row (self->error_row, community_live_page_get_last_error (self->live_page));
  set_row (self->cache_row, community_live_page_get_cache_problem (self->live_page));
  set_row (self->sha256_row, community_live_page_get_sha256 (self->live_page));
  update_translation (self);
}

static void
live_page_notify_cb (CommunityPageInfo *self)
{
  update_rows (self);
}

/* The notices: one row each, then what the last refresh could not read. */

static AdwActionRow *
add_notice_row (CommunityPageInfo *self,
                const char        *title,
                const char        *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Text from the site: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
  adw_action_row_set_subtitle_lines (row, 6);
  adw_preferences_group_add (self->notices_group, GTK_WIDGET (row));
  g_ptr_array_add (self->notice_rows, row);
  return row;
}

static void
add_problem_row (CommunityPageInfo *self,
                 const char        *title,
                 const char        *problem)
{
  AdwActionRow *row = add_notice_row (self, title, problem);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (row, icon);
}

static void
add_notice (CommunityPageInfo     *self,
            CommunityNotices      *notices,
            const CommunityNotice *notice)
{
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  if (community_notices_is_dismissed (notices, notice->name))
    /* Translators: under an announcement's title: its date, and that the
     * reader dismissed it from over the page */
    subtitle = g_strdup_printf (_("%s · dismissed"), notice->date);
  row = add_notice_row (self, notice->title, subtitle != NULL ? subtitle : notice->date);
  /* Its title is the site's, in Chinese whatever the language. */
  gtk_widget_add_css_class (GTK_WIDGET (row), "community-notice");
  if (notice->url == NULL)
    return;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-notice");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", notice->name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), notice->url);
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
}

static void
update_notices (CommunityPageInfo *self)
{
  CommunityNotices *notices = community_live_page_get_notices (self->live_page);
  g_autoptr(GPtrArray) current = community_notices_dup_current (notices);
  GPtrArray *problems = community_notices_get_problems (notices);

  for (guint i = 0; i < self->notice_rows->len; i++)
    adw_preferences_group_remove (self->notices_group, g_ptr_array_index (self->notice_rows, i));
  g_ptr_array_set_size (self->notice_rows, 0);

  for (guint i = 0; i < current->len; i++)
    add_notice (self, notices, g_ptr_array_index (current, i));
  if (current->len == 0)
    add_notice_row (self, _("No current announcements"), NULL);

  if (community_notices_get_last_error (notices) != NULL)
    add_problem_row (self, _("Last Refresh of Announcements Failed"),
                     community_notices_get_last_error (notices));
  if (community_notices_get_cache_problem (notices) != NULL)
    add_problem_row (self, _("Saved Announcements Ignored"),
                     community_notices_get_cache_problem (notices));
  for (guint i = 0; i < problems->len; i++)
    add_problem_row (self, _("Refused or Not Read"), g_ptr_array_index (problems, i));
}

/* Actions. */

static void
copy_sha256_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CommunityPageInfo *self = COMMUNITY_PAGE_INFO (widget);
  const char *sha256 = community_live_page_get_sha256 (self->live_page);

  if (sha256 != NULL)
    community_toaster_copy (widget, sha256);
}

/* The object. */

static void
community_page_info_constructed (GObject *object)
{
  CommunityPageInfo *self = COMMUNITY_PAGE_INFO (object);

  G_OBJECT_CLASS (community_page_info_parent_class)->constructed (object);

  g_signal_connect_object (self->live_page, "notify",
                           G_CALLBACK (live_page_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (community_live_page_get_notices (self->live_page), "notify",
                           G_CALLBACK (update_notices), self, G_CONNECT_SWAPPED);
  update_rows (self);
  update_notices (self);
}

static void
community_page_info_dispose (GObject *object)
{
  CommunityPageInfo *self = COMMUNITY_PAGE_INFO (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMUNITY_TYPE_PAGE_INFO);
  g_clear_pointer (&self->notice_rows, g_ptr_array_unref);
  g_clear_object (&self->live_page);

  G_OBJECT_CLASS (community_page_info_parent_class)->dispose (object);
}

static void
community_page_info_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommunityPageInfo *self = COMMUNITY_PAGE_INFO (object);

  switch (prop_id)
    {
    case PROP_LIVE_PAGE:
      g_value_set_object (value, self->live_page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_page_info_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CommunityPageInfo *self = COMMUNITY_PAGE_INFO (object);

  switch (prop_id)
    {
    case PROP_LIVE_PAGE:
      self->live_page = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_page_info_class_init (CommunityPageInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = community_page_info_constructed;
  object_class->dispose = community_page_info_dispose;
  object_class->get_property = community_page_info_get_property;
  object_class->set_property = community_page_info_set_property;

  properties[PROP_LIVE_PAGE] =
    g_param_spec_object ("live-page", NULL, NULL,
                         COMMUNITY_TYPE_LIVE_PAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COMMUNITY_TYPE_TOASTER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/community-page-info.ui");
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, source_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, freshness_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, checked_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, error_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, cache_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, sha256_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, translation_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityPageInfo, notices_group);

  gtk_widget_class_install_action (widget_class, "page-info.copy-sha256", NULL,
                                   copy_sha256_action);
}

static void
community_page_info_init (CommunityPageInfo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->notice_rows = g_ptr_array_new ();
}

GtkWidget *
community_page_info_new (CommunityLivePage *live_page)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (live_page), NULL);

  return g_object_new (COMMUNITY_TYPE_PAGE_INFO,
                       "live-page", live_page,
                       NULL);
}

CommunityLivePage *
community_page_info_get_live_page (CommunityPageInfo *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE_INFO (self), NULL);

  return self->live_page;
}
