/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-deadline.h: a cancellable that is cancelled at a time limit or
 * with the caller's own cancellable, whichever comes first, and that can
 * tell the two apart. Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CommunityDeadline CommunityDeadline;

/* Starts the clock of @timeout_ms in the thread-default main context;
 * cancelling @outer (nullable) cancels the deadline's cancellable too. */
CommunityDeadline *community_deadline_new             (GCancellable      *outer,
                                                       guint              timeout_ms);
void               community_deadline_free            (CommunityDeadline *self);
/* Cancelled at the limit or with @outer. Owned by the deadline. */
GCancellable      *community_deadline_get_cancellable (CommunityDeadline *self);
/* Whether the time limit, rather than the caller, cancelled it. */
gboolean           community_deadline_has_passed      (CommunityDeadline *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityDeadline, community_deadline_free)

G_END_DECLS
