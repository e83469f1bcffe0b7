/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-toaster.h"

struct _CommunityToaster
{
  GtkWidget        parent_instance;

  /* Owned: the only child, which holds the view. */
  AdwToastOverlay *overlay;
};

G_DEFINE_FINAL_TYPE (CommunityToaster, community_toaster, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CommunityToaster *self = COMMUNITY_TOASTER (widget);

  adw_toast_overlay_add_toast (self->overlay,
                               community_compat_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  /* Translators: shown in a toast after a click copied some text. */
  community_toaster_show (widget, _("Copied to clipboard"));
}

/* The first toaster in @widget, depth first, or NULL. */
static GtkWidget *
find_toaster (GtkWidget *widget)
{
  if (COMMUNITY_IS_TOASTER (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toaster (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Where to activate the actions from: @widget, or for a window its
 * toaster, which is below it, where the window would not find them. */
static GtkWidget *
action_target (GtkWidget *widget)
{
  GtkWidget *toaster = GTK_IS_WINDOW (widget) ? find_toaster (widget) : NULL;

  return toaster != NULL ? toaster : widget;
}

void
community_toaster_show (GtkWidget  *widget,
                        const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  if (!gtk_widget_activate_action (action_target (widget), "toast.show", "s", message))
    g_debug ("No toast.show for: %s", message);
}

void
community_toaster_copy (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  if (!gtk_widget_activate_action (action_target (widget), "toast.copy", "s", text))
    g_debug ("No toast.copy for: %s", text);
}

GtkWidget *
community_toaster_get_child (CommunityToaster *self)
{
  g_return_val_if_fail (COMMUNITY_IS_TOASTER (self), NULL);

  return adw_toast_overlay_get_child (self->overlay);
}

void
community_toaster_set_child (CommunityToaster *self,
                             GtkWidget        *child)
{
  g_return_if_fail (COMMUNITY_IS_TOASTER (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (adw_toast_overlay_get_child (self->overlay) == child)
    return;

  adw_toast_overlay_set_child (self->overlay, child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

static void
community_toaster_dispose (GObject *object)
{
  CommunityToaster *self = COMMUNITY_TOASTER (object);

  if (self->overlay != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->overlay));
      self->overlay = NULL;
    }

  G_OBJECT_CLASS (community_toaster_parent_class)->dispose (object);
}

static void
community_toaster_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommunityToaster *self = COMMUNITY_TOASTER (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, community_toaster_get_child (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_toaster_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CommunityToaster *self = COMMUNITY_TOASTER (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      community_toaster_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_toaster_class_init (CommunityToasterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = community_toaster_dispose;
  object_class->get_property = community_toaster_get_property;
  object_class->set_property = community_toaster_set_property;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "toast.show", "s", show_action);
  gtk_widget_class_install_action (widget_class, "toast.copy", "s", copy_action);
}

static void
community_toaster_init (CommunityToaster *self)
{
  self->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->overlay), GTK_WIDGET (self));
}

GtkWidget *
community_toaster_new (void)
{
  return g_object_new (COMMUNITY_TYPE_TOASTER, NULL);
}
