/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-dialog.h: how to join one tier: the QR code, the WeChat ID
 * and the remark with Copy buttons, and the steps in order. */
#pragma once

#include <adwaita.h>

#include "community-join.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_JOIN_DIALOG (community_join_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CommunityJoinDialog, community_join_dialog,
                      COMMUNITY, JOIN_DIALOG, AdwWindow)

GtkWidget     *community_join_dialog_new        (CommunityJoin *join,
                                                 const char    *anchor);
/* Opens the dialog for the tier with @anchor, modal to the window of
 * @parent and part of its application, so app actions reach it. */
GtkWidget     *community_join_dialog_present    (GtkWidget     *parent,
                                                 CommunityJoin *join,
                                                 const char    *anchor);

CommunityJoin *community_join_dialog_get_join   (CommunityJoinDialog *self);
const char    *community_join_dialog_get_anchor (CommunityJoinDialog *self);

G_END_DECLS
