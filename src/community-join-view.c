/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-view.c: the join model in the page view. */

#include "config.h"

#include <glib/gi18n.h>

#include "community-join-view.h"
#include "community-qr-code.h"
#include "community-tier-card.h"

GtkWidget *
community_join_qr_code_new (CommunityJoin *join,
                            const char    *payload)
{
  const char *id;
  g_autofree char *description = NULL;

  g_return_val_if_fail (COMMUNITY_IS_JOIN (join), NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  id = community_join_get_wechat_id (join);
  if (id != NULL)
    /* Translators: the accessible name of the QR code; %s is a WeChat ID */
    description = g_strdup_printf (_("WeChat QR code of the community assistant, WeChat ID %s"), id);
  else
    description = g_strdup (_("WeChat QR code of the community assistant"));

  return community_qr_code_new (payload, description);
}

/* A tier section becomes a card around the section's content; the card
 * shows the heading itself, with the prices and the Join button. */
static GtkWidget *
section_cb (CommunityPageView          *view,
            const CommunityPageSection *section,
            GtkWidget                  *content,
            gpointer                    user_data)
{
  CommunityJoin *join = user_data;
  const CommunityTier *tier = community_join_find_tier_for_heading (join, section->node);
  GtkWidget *card;

  if (tier == NULL)
    return content;

  gtk_box_remove (GTK_BOX (content), gtk_widget_get_first_child (content));
  card = community_tier_card_new (join, tier->anchor);
  community_tier_card_append (COMMUNITY_TIER_CARD (card), content);

  return card;
}

/* The page's QR image: the one the join model took its payload from, or
 * one the payload table knows, as a translation made from an older page
 * shows that page's image. */
static gboolean
is_qr_image (CommunityJoin *join,
             const char    *url)
{
  return url != NULL
         && (g_strcmp0 (url, community_join_get_qr_image (join)) == 0
             || community_qr_payload_lookup (url) != NULL);
}

/* The QR image is regenerated with the join model's payload, the current
 * page's, whichever page is shown; the other images keep the view's
 * default, and so does the QR image when the model has no payload. */
static GtkWidget *
image_cb (CommunityPageView   *view,
          const CommunityNode *image,
          gpointer             user_data)
{
  CommunityJoin *join = user_data;
  const char *payload = community_join_get_qr_payload (join);
  GtkWidget *qr;

  if (payload == NULL || !is_qr_image (join, image->url))
    return NULL;

  qr = community_join_qr_code_new (join, payload);
  gtk_widget_set_halign (qr, GTK_ALIGN_CENTER);

  return qr;
}

void
community_join_view_install (CommunityPageView *view,
                             CommunityJoin     *join)
{
  g_return_if_fail (COMMUNITY_IS_PAGE_VIEW (view));
  g_return_if_fail (COMMUNITY_IS_JOIN (join));

  community_page_view_set_section_func (view, section_cb, g_object_ref (join), g_object_unref);
  community_page_view_set_image_func (view, image_cb, g_object_ref (join), g_object_unref);
}
