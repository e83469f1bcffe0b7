/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-deadline.c: a GCancellable, a timeout source and a handler on
 * the caller's cancellable, kept together. */
#include "config.h"

#include "community-deadline.h"

struct _CommunityDeadline
{
  GCancellable *cancellable;
  GCancellable *outer;      /* the caller's, or NULL */
  gulong        outer_id;
  GSource      *timeout;
  gboolean      passed;
};

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static gboolean
timeout_cb (gpointer data)
{
  CommunityDeadline *self = data;

  self->passed = TRUE;
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

CommunityDeadline *
community_deadline_new (GCancellable *outer,
                        guint         timeout_ms)
{
  CommunityDeadline *self;

  g_return_val_if_fail (outer == NULL || G_IS_CANCELLABLE (outer), NULL);

  self = g_new0 (CommunityDeadline, 1);
  self->cancellable = g_cancellable_new ();
  if (outer != NULL)
    {
      self->outer = g_object_ref (outer);
      self->outer_id = g_cancellable_connect (outer, G_CALLBACK (outer_cancelled_cb),
                                              self->cancellable, NULL);
    }
  self->timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (self->timeout, timeout_cb, self, NULL);
  g_source_attach (self->timeout, g_main_context_get_thread_default ());
  return self;
}

void
community_deadline_free (CommunityDeadline *self)
{
  if (self == NULL)
    return;

  g_source_destroy (self->timeout);
  g_source_unref (self->timeout);
  if (self->outer != NULL)
    g_cancellable_disconnect (self->outer, self->outer_id);
  g_clear_object (&self->outer);
  g_clear_object (&self->cancellable);
  g_free (self);
}

GCancellable *
community_deadline_get_cancellable (CommunityDeadline *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cancellable;
}

gboolean
community_deadline_has_passed (CommunityDeadline *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->passed;
}
