/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-net-helper-private.h: the reply format's two other sides: the
 * helper writing it, and the commands' callers refusing a reply that is
 * not theirs. Not for the app's widgets. Display-free. */
#pragma once

#include "community-net-helper.h"

G_BEGIN_DECLS

/* Sets @error to say that the helper's reply is not what its command
 * answers: for the callers, whose commands each have their own reply. */
void      community_net_helper_set_invalid_reply (GError         **error);

/* The helper's side: the reply to write to standard output, of @values
 * (a{sv}, floating or not) or, when @error is set, of @error (its message
 * made safe to show and at most COMMUNITY_NET_HELPER_MAX_MESSAGE
 * characters long). */
GBytes   *community_net_helper_reply_new  (GVariant            *values,
                                           const GError        *error);

G_END_DECLS
