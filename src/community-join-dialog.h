/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join-dialog.h: how to join one tier: the QR code, the WeChat ID
 * and the remark with Copy buttons, and the steps in order. The content of
 * a dialog, with its own header bar and toasts. */
#pragma once

#include <adwaita.h>

#include "community-join.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_JOIN_DIALOG (community_join_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CommunityJoinDialog, community_join_dialog,
                      COMMUNITY, JOIN_DIALOG, GtkWidget)

GtkWidget     *community_join_dialog_new        (CommunityJoin *join,
                                                 const char    *anchor);
/* Shows the content for the tier with @anchor in a dialog over the window
 * of @parent (community_compat_present_dialog ()) and returns the
 * content. */
GtkWidget     *community_join_dialog_present    (GtkWidget     *parent,
                                                 CommunityJoin *join,
                                                 const char    *anchor);

CommunityJoin *community_join_dialog_get_join   (CommunityJoinDialog *self);
const char    *community_join_dialog_get_anchor (CommunityJoinDialog *self);
/* "Join <tier>": the dialog's title. */
const char    *community_join_dialog_get_title  (CommunityJoinDialog *self);

G_END_DECLS
