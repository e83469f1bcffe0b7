/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-tier-card.h: a community tier as a card: its heading, price
 * chips and Join button, then the section's own content. The Join button
 * activates win.join-tier with the tier's anchor; the window opens the
 * Join dialog. */
#pragma once

#include <gtk/gtk.h>

#include "community-join.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_TIER_CARD (community_tier_card_get_type ())

G_DECLARE_FINAL_TYPE (CommunityTierCard, community_tier_card, COMMUNITY, TIER_CARD, GtkBox)

/* @anchor names one of @join's tiers. */
GtkWidget           *community_tier_card_new        (CommunityJoin     *join,
                                                     const char        *anchor);

CommunityJoin       *community_tier_card_get_join   (CommunityTierCard *self);
const char          *community_tier_card_get_anchor (CommunityTierCard *self);
const CommunityTier *community_tier_card_get_tier   (CommunityTierCard *self);

/* Appends a block of the section's content below the card's header. */
void                 community_tier_card_append     (CommunityTierCard *self,
                                                     GtkWidget         *child);

G_END_DECLS
