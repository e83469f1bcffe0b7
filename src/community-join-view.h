/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-view.h: the join model in the page view: tier sections
 * as cards, the known QR image as the live QR code. */
#pragma once

#include "community-join.h"
#include "community-page-view.h"

G_BEGIN_DECLS

/* Sets @view's section and image functions from @join; call it before
 * community_page_view_set_page () with @join's page. */
void       community_join_view_install (CommunityPageView *view,
                                        CommunityJoin     *join);

/* The assistant's QR code for @payload, named for screen readers with the
 * WeChat ID of @join. */
GtkWidget *community_join_qr_code_new  (CommunityJoin     *join,
                                        const char        *payload);

G_END_DECLS
