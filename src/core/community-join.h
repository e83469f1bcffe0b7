/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join.h: the join model, everything the app needs to help a
 * person join, derived from a parsed page. Display-free. */
#pragma once

#include "community-page.h"

G_BEGIN_DECLS

typedef struct
{
  char                 *name;     /* the "##" heading, e.g. 付费社群 */
  char                 *anchor;   /* its anchor, without '#' */
  char                 *remark;   /* the code span a remark names it with */
  GStrv                 prices;   /* strong text that reads as a price */
  const CommunityNode  *heading;  /* the heading node, owned by the page */
} CommunityTier;

#define COMMUNITY_TYPE_JOIN (community_join_get_type ())

G_DECLARE_FINAL_TYPE (CommunityJoin, community_join, COMMUNITY, JOIN, GObject)

/* The join model of @page, which it keeps a reference to: the tiers'
 * heading nodes belong to the page's tree. */
CommunityJoin       *community_join_new           (CommunityPage *page);

/* A payload for a QR image the table does not know, or NULL. */
typedef const char *(*CommunityQrPayloadFunc) (const char *image_path,
                                               gpointer    user_data);

/* community_join_new() with @lookup asked (during this call only) for a
 * QR image the payload table does not know (a payload decoded from the
 * image and cached); its answer, when not NULL, is the payload. */
CommunityJoin       *community_join_new_full      (CommunityPage          *page,
                                                   CommunityQrPayloadFunc  lookup,
                                                   gpointer                user_data);
/* The model of @translation for showing it: tier names, anchors and
 * heading nodes from the translation; prices, WeChat ID, QR image and
 * payload and e-mail from @source, the current page. Tiers are matched by
 * remark; a translated tier @source lacks is left out. */
CommunityJoin       *community_join_new_translated (CommunityPage *translation,
                                                    CommunityJoin *source);

CommunityPage       *community_join_get_page      (CommunityJoin *self);
/* Element type CommunityTier, in page order. */
GPtrArray           *community_join_get_tiers     (CommunityJoin *self);
const CommunityTier *community_join_find_tier     (CommunityJoin *self,
                                                   const char    *anchor);
const char          *community_join_get_wechat_id (CommunityJoin *self);
/* The page's QR image path as written, and its known payload or NULL. */
const char          *community_join_get_qr_image  (CommunityJoin *self);
const char          *community_join_get_qr_payload (CommunityJoin *self);
const char          *community_join_get_email     (CommunityJoin *self);
/* Element type char *: what the app expected and did not find. */
GPtrArray           *community_join_get_warnings  (CommunityJoin *self);
/* Element type char *: the warnings about what the app cannot do without
 * (a tier, the WeChat ID, the e-mail); empty when the model is complete. */
GPtrArray           *community_join_get_problems  (CommunityJoin *self);
/* TRUE when the page gives at least one tier, a WeChat ID and an e-mail. */
gboolean             community_join_is_complete   (CommunityJoin *self);
/* The tier whose "##" heading is @heading, or NULL: for the renderer. */
const CommunityTier *community_join_find_tier_for_heading (CommunityJoin       *self,
                                                           const CommunityNode *heading);

/* TRUE when the tier has prices, that is, when joining it means paying. */
gboolean             community_tier_is_paid       (const CommunityTier *tier);

/* The payload table, from the resource /top/jpom/Community/qr-payloads.json:
 * the payload for an image path, looked up as written, then without a
 * query or fragment; or NULL. */
const char          *community_qr_payload_lookup  (const char    *image_path);

G_END_DECLS
