/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-bar.c: the notice over the page.
 *
 * The bar keeps showing the last notice while it slides away, so that a
 * dismissed one does not turn blank as it goes. */
#include "config.h"

#include "community-notice-bar.h"

struct _CommunityNoticeBar
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkRevealer     *revealer;
  GtkLabel        *label;
  GtkButton       *open_button;
  GtkButton       *dismiss_button;

  /* Owned references */
  CommunityNotice *notice;
};

G_DEFINE_FINAL_TYPE (CommunityNoticeBar, community_notice_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_notice (CommunityNoticeBar *self,
             CommunityNotice    *notice)
{
  g_autofree char *text = community_notice_describe (notice);

  gtk_label_set_label (self->label, text);
  /* The actions take the post's name: named with it, never without. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "s", notice->name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "app.open-notice");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->dismiss_button), "s", notice->name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->dismiss_button), "app.dismiss-notice");
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), notice->url != NULL);
  if (notice->url != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_button), notice->url);
}

void
community_notice_bar_set_notice (CommunityNoticeBar *self,
                                 CommunityNotice    *notice)
{
  g_return_if_fail (COMMUNITY_IS_NOTICE_BAR (self));

  if (self->notice == notice)
    return;

  g_clear_pointer (&self->notice, community_notice_unref);
  if (notice != NULL)
    {
      self->notice = community_notice_ref (notice);
      show_notice (self, notice);
    }
  gtk_revealer_set_reveal_child (self->revealer, notice != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

CommunityNotice *
community_notice_bar_get_notice (CommunityNoticeBar *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICE_BAR (self), NULL);

  return self->notice;
}

const char *
community_notice_bar_get_text (CommunityNoticeBar *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICE_BAR (self), NULL);

  return self->notice != NULL ? gtk_label_get_label (self->label) : NULL;
}

static void
community_notice_bar_dispose (GObject *object)
{
  CommunityNoticeBar *self = COMMUNITY_NOTICE_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMUNITY_TYPE_NOTICE_BAR);
  g_clear_pointer (&self->notice, community_notice_unref);

  G_OBJECT_CLASS (community_notice_bar_parent_class)->dispose (object);
}

static void
community_notice_bar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CommunityNoticeBar *self = COMMUNITY_NOTICE_BAR (object);

  switch (prop_id)
    {
    case PROP_NOTICE:
      g_value_set_boxed (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_notice_bar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CommunityNoticeBar *self = COMMUNITY_NOTICE_BAR (object);

  switch (prop_id)
    {
    case PROP_NOTICE:
      community_notice_bar_set_notice (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_notice_bar_class_init (CommunityNoticeBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = community_notice_bar_dispose;
  object_class->get_property = community_notice_bar_get_property;
  object_class->set_property = community_notice_bar_set_property;

  properties[PROP_NOTICE] =
    g_param_spec_boxed ("notice", NULL, NULL, COMMUNITY_TYPE_NOTICE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "community-notice-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/community-notice-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CommunityNoticeBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, CommunityNoticeBar, label);
  gtk_widget_class_bind_template_child (widget_class, CommunityNoticeBar, open_button);
  gtk_widget_class_bind_template_child (widget_class, CommunityNoticeBar, dismiss_button);
}

static void
community_notice_bar_init (CommunityNoticeBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
community_notice_bar_new (void)
{
  return g_object_new (COMMUNITY_TYPE_NOTICE_BAR, NULL);
}
