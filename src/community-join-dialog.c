/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-dialog.c: how to join one tier. */

#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-join-dialog.h"
#include "community-join-view.h"
#include "community-toaster.h"

/* The size asked for; a dialog never grows past its window. */
#define DIALOG_WIDTH 460
#define DIALOG_HEIGHT 720

struct _CommunityJoinDialog
{
  GtkWidget        parent_instance;

  /* Template widgets */
  CommunityToaster *toaster;
  AdwWindowTitle   *window_title;
  GtkBox           *qr_box;
  GtkLabel         *no_qr_label;
  AdwActionRow     *wechat_id_row;
  AdwActionRow     *remark_row;
  GtkButton        *copy_wechat_id_button;
  GtkButton        *copy_remark_button;
  GtkBox           *steps_box;

  /* Owned references */
  CommunityJoin   *join;
  char            *anchor;
  char            *title;
};

G_DEFINE_FINAL_TYPE (CommunityJoinDialog, community_join_dialog, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_JOIN,
  PROP_ANCHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The steps. */

static char *
find_step_text (CommunityJoin *join)
{
  const char *id = community_join_get_wechat_id (join);
  gboolean has_qr = community_join_get_qr_payload (join) != NULL;

  if (has_qr && id != NULL)
    return g_strdup_printf (_("Scan the QR code with WeChat, or search WeChat for the ID %s, "
                              "and add the community assistant."), id);
  if (id != NULL)
    return g_strdup_printf (_("Search WeChat for the ID %s and add the community assistant."), id);
  if (has_qr)
    return g_strdup (_("Scan the QR code with WeChat and add the community assistant."));

  return g_strdup (_("The page gives no way to add the community assistant: "
                     "e-mail the maintainers."));
}

static char *
remark_step_text (const CommunityTier *tier)
{
  return g_strdup_printf (_("In the friend request, write this remark exactly: %s"),
                          tier->remark);
}

/* Only called for a paid tier, one with prices. */
static char *
pay_step_text (const CommunityTier *tier)
{
  /* Translators: separates prices in a list such as "20元/月, 80元/季度" */
  g_autofree char *prices = g_strjoinv (C_("price list", ", "), tier->prices);

  if (tier->prices[1] == NULL)
    /* Translators: the first %s is a price such as "20元/月", the second the
     * name of the page section that explains the payment */
    return g_strdup_printf (_("Once the assistant has added you, pay %s by WeChat transfer, "
                              "as the “%s” section describes."), prices, tier->name);

  /* Translators: the first %s is a list of prices, the second the name of
   * the page section that explains the payment */
  return g_strdup_printf (_("Once the assistant has added you, pay one of %s by WeChat "
                            "transfer, as the “%s” section describes."), prices, tier->name);
}

static GtkWidget *
step_new (guint       number,
          const char *text)
{
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  GtkWidget *step, *number_label, *label;

  step = g_object_new (GTK_TYPE_BOX,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                       "spacing", 12,
                       NULL);

  number_label = gtk_label_new (number_text);
  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (number_label, "community-step-number");
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_box_append (GTK_BOX (step), number_label);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (step), label);

  return step;
}

static void
add_step (CommunityJoinDialog *self,
          char                *text)
{
  g_autofree char *owned = text;
  guint number = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    number++;

  gtk_box_append (self->steps_box, step_new (number, owned));
}

static void
fill_steps (CommunityJoinDialog *self,
            const CommunityTier *tier)
{
  add_step (self, find_step_text (self->join));
  add_step (self, remark_step_text (tier));
  if (community_tier_is_paid (tier))
    add_step (self, pay_step_text (tier));
}

/* The QR code, or why there is none. */

static void
qr_button_clicked_cb (GtkButton *button,
                      GtkWidget *qr_code)
{
  gtk_widget_activate_action (qr_code,
                              g_object_get_data (G_OBJECT (button), "qr-action"),
                              NULL);
}

/* A visible way to the QR code's own copy and save actions, which are
 * otherwise only in its context menu. */
static GtkWidget *
qr_button_new (GtkWidget  *qr_code,
               const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "qr-action", (gpointer) action);
  g_signal_connect_object (button, "clicked", G_CALLBACK (qr_button_clicked_cb),
                           qr_code, 0);

  return button;
}

static GtkWidget *
qr_buttons_new (GtkWidget *qr_code)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), qr_button_new (qr_code, _("_Copy Image"), "qr.copy-image"));
  gtk_box_append (GTK_BOX (box), qr_button_new (qr_code, _("_Save Image As…"), "qr.save-as"));

  return box;
}

static void
fill_qr (CommunityJoinDialog *self)
{
  const char *payload = community_join_get_qr_payload (self->join);

  if (payload != NULL)
    {
      GtkWidget *qr_code = community_join_qr_code_new (self->join, payload);

      gtk_box_append (self->qr_box, qr_code);
      gtk_box_append (self->qr_box, qr_buttons_new (qr_code));
      return;
    }

  if (community_join_get_qr_image (self->join) == NULL)
    gtk_label_set_label (self->no_qr_label,
                         _("The page shows no QR code. Search for the WeChat ID instead."));
  gtk_widget_set_visible (GTK_WIDGET (self->no_qr_label), TRUE);
}

/* A row with a value (its title, what the user came for) and its Copy
 * button; hidden without a value. */
static void
fill_copy_row (AdwActionRow *row,
               GtkButton    *button,
               const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL);
  if (value == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  /* The target first: the action takes a string. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", value);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "toast.copy");
}

static void
fill (CommunityJoinDialog *self)
{
  const CommunityTier *tier = community_join_find_tier (self->join, self->anchor);

  g_return_if_fail (tier != NULL);

  /* Translators: the dialog title; %s is a tier such as "付费社群" */
  self->title = g_strdup_printf (_("Join %s"), tier->name);
  adw_window_title_set_title (self->window_title, self->title);

  fill_qr (self);
  fill_copy_row (self->wechat_id_row, self->copy_wechat_id_button,
                 community_join_get_wechat_id (self->join));
  fill_copy_row (self->remark_row, self->copy_remark_button, tier->remark);
  fill_steps (self, tier);
}

/* The object. */

static void
community_join_dialog_constructed (GObject *object)
{
  CommunityJoinDialog *self = COMMUNITY_JOIN_DIALOG (object);

  G_OBJECT_CLASS (community_join_dialog_parent_class)->constructed (object);

  fill (self);
}

static void
community_join_dialog_dispose (GObject *object)
{
  CommunityJoinDialog *self = COMMUNITY_JOIN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMUNITY_TYPE_JOIN_DIALOG);
  g_clear_object (&self->join);

  G_OBJECT_CLASS (community_join_dialog_parent_class)->dispose (object);
}

static void
community_join_dialog_finalize (GObject *object)
{
  CommunityJoinDialog *self = COMMUNITY_JOIN_DIALOG (object);

  g_clear_pointer (&self->anchor, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (community_join_dialog_parent_class)->finalize (object);
}

static void
community_join_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CommunityJoinDialog *self = COMMUNITY_JOIN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_JOIN:
      g_value_set_object (value, self->join);
      break;

    case PROP_ANCHOR:
      g_value_set_string (value, self->anchor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_join_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CommunityJoinDialog *self = COMMUNITY_JOIN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_JOIN:
      self->join = g_value_dup_object (value);
      break;

    case PROP_ANCHOR:
      self->anchor = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_join_dialog_class_init (CommunityJoinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = community_join_dialog_constructed;
  object_class->dispose = community_join_dialog_dispose;
  object_class->finalize = community_join_dialog_finalize;
  object_class->get_property = community_join_dialog_get_property;
  object_class->set_property = community_join_dialog_set_property;

  properties[PROP_JOIN] =
    g_param_spec_object ("join", NULL, NULL,
                         COMMUNITY_TYPE_JOIN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANCHOR] =
    g_param_spec_string ("anchor", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (COMMUNITY_TYPE_TOASTER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/community-join-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, toaster);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, qr_box);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, no_qr_label);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, wechat_id_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, remark_row);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, copy_wechat_id_button);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, copy_remark_button);
  gtk_widget_class_bind_template_child (widget_class, CommunityJoinDialog, steps_box);
}

static void
community_join_dialog_init (CommunityJoinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
community_join_dialog_new (CommunityJoin *join,
                           const char    *anchor)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (join), NULL);
  g_return_val_if_fail (anchor != NULL, NULL);
  g_return_val_if_fail (community_join_find_tier (join, anchor) != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_JOIN_DIALOG,
                       "join", join,
                       "anchor", anchor,
                       NULL);
}

GtkWidget *
community_join_dialog_present (GtkWidget     *parent,
                               CommunityJoin *join,
                               const char    *anchor)
{
  CommunityJoinDialog *self;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  self = COMMUNITY_JOIN_DIALOG (community_join_dialog_new (join, anchor));
  g_return_val_if_fail (self != NULL, NULL);

  community_compat_present_dialog (parent, GTK_WIDGET (self), self->title,
                                   DIALOG_WIDTH, DIALOG_HEIGHT);

  return GTK_WIDGET (self);
}

CommunityJoin *
community_join_dialog_get_join (CommunityJoinDialog *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN_DIALOG (self), NULL);

  return self->join;
}

const char *
community_join_dialog_get_anchor (CommunityJoinDialog *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN_DIALOG (self), NULL);

  return self->anchor;
}

const char *
community_join_dialog_get_title (CommunityJoinDialog *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN_DIALOG (self), NULL);

  return self->title;
}
