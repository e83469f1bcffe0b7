/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-tier-card.c: a community tier as a card. */

#include "config.h"

#include <glib/gi18n.h>

#include "community-tier-card.h"

struct _CommunityTierCard
{
  GtkBox         parent_instance;

  /* Template widgets */
  GtkLabel      *heading_label;
  GtkFlowBox    *prices_box;
  GtkButton     *join_button;
  GtkBox        *content_box;

  /* Owned references */
  CommunityJoin *join;
  char          *anchor;

  /* Borrowed from join */
  const CommunityTier *tier;
};

G_DEFINE_FINAL_TYPE (CommunityTierCard, community_tier_card, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_JOIN,
  PROP_ANCHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
price_chip_new (const char *price)
{
  GtkWidget *chip = gtk_label_new (price);

  gtk_widget_add_css_class (chip, "community-price-chip");
  gtk_widget_add_css_class (chip, "numeric");

  return chip;
}

static void
add_price_chips (CommunityTierCard *self)
{
  for (guint i = 0; self->tier->prices[i] != NULL; i++)
    {
      GtkWidget *child = gtk_flow_box_child_new ();

      /* The chips are words to read, not a grid to walk through. */
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child),
                                    price_chip_new (self->tier->prices[i]));
      gtk_flow_box_append (self->prices_box, child);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->prices_box), community_tier_is_paid (self->tier));
}

static void
fill (CommunityTierCard *self)
{
  g_autofree char *join_label = NULL;

  self->tier = community_join_find_tier (self->join, self->anchor);
  g_return_if_fail (self->tier != NULL);

  gtk_label_set_text (self->heading_label, self->tier->name);
  add_price_chips (self);

  /* Translators: the accessible name of a tier card's Join button; %s is
   * a tier such as "付费社群" */
  join_label = g_strdup_printf (_("Join %s"), self->tier->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->join_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, join_label,
                                  -1);

  /* The window opens the Join dialog: the card only says which tier. The
   * target first, as the action takes a string. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->join_button), "s", self->anchor);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->join_button), "win.join-tier");
}

static void
community_tier_card_constructed (GObject *object)
{
  CommunityTierCard *self = COMMUNITY_TIER_CARD (object);

  G_OBJECT_CLASS (community_tier_card_parent_class)->constructed (object);

  fill (self);
}

static void
community_tier_card_dispose (GObject *object)
{
  CommunityTierCard *self = COMMUNITY_TIER_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMUNITY_TYPE_TIER_CARD);
  self->tier = NULL;
  g_clear_object (&self->join);

  G_OBJECT_CLASS (community_tier_card_parent_class)->dispose (object);
}

static void
community_tier_card_finalize (GObject *object)
{
  CommunityTierCard *self = COMMUNITY_TIER_CARD (object);

  g_clear_pointer (&self->anchor, g_free);

  G_OBJECT_CLASS (community_tier_card_parent_class)->finalize (object);
}

static void
community_tier_card_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommunityTierCard *self = COMMUNITY_TIER_CARD (object);

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
community_tier_card_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CommunityTierCard *self = COMMUNITY_TIER_CARD (object);

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
community_tier_card_class_init (CommunityTierCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = community_tier_card_constructed;
  object_class->dispose = community_tier_card_dispose;
  object_class->finalize = community_tier_card_finalize;
  object_class->get_property = community_tier_card_get_property;
  object_class->set_property = community_tier_card_set_property;

  properties[PROP_JOIN] =
    g_param_spec_object ("join", NULL, NULL,
                         COMMUNITY_TYPE_JOIN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANCHOR] =
    g_param_spec_string ("anchor", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/community-tier-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CommunityTierCard, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CommunityTierCard, prices_box);
  gtk_widget_class_bind_template_child (widget_class, CommunityTierCard, join_button);
  gtk_widget_class_bind_template_child (widget_class, CommunityTierCard, content_box);
}

static void
community_tier_card_init (CommunityTierCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
community_tier_card_new (CommunityJoin *join,
                         const char    *anchor)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (join), NULL);
  g_return_val_if_fail (anchor != NULL, NULL);
  g_return_val_if_fail (community_join_find_tier (join, anchor) != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_TIER_CARD,
                       "join", join,
                       "anchor", anchor,
                       NULL);
}

CommunityJoin *
community_tier_card_get_join (CommunityTierCard *self)
{
  g_return_val_if_fail (COMMUNITY_IS_TIER_CARD (self), NULL);

  return self->join;
}

const char *
community_tier_card_get_anchor (CommunityTierCard *self)
{
  g_return_val_if_fail (COMMUNITY_IS_TIER_CARD (self), NULL);

  return self->anchor;
}

const CommunityTier *
community_tier_card_get_tier (CommunityTierCard *self)
{
  g_return_val_if_fail (COMMUNITY_IS_TIER_CARD (self), NULL);

  return self->tier;
}

void
community_tier_card_append (CommunityTierCard *self,
                            GtkWidget         *child)
{
  g_return_if_fail (COMMUNITY_IS_TIER_CARD (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_box_append (self->content_box, child);
}
