/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-net-helper.c: one run of the network helper.
 *
 * GSubprocess runs it; g_subprocess_communicate_async() feeds its input and
 * collects its reply until it exits. Cancelling that does not stop the
 * process, so a job that is cancelled, or that outlives its time limit,
 * kills the helper itself. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-deadline.h"
#include "community-net-helper.h"

#define HELPER_NAME "jpom-community-net"

G_LOCK_DEFINE_STATIC (helper_path);
static char *helper_path;

typedef struct
{
  GSubprocess       *process;
  CommunityDeadline *deadline;  /* the caller's cancellable or the time limit */
} HelperJob;

static void
helper_job_free (HelperJob *job)
{
  g_clear_pointer (&job->deadline, community_deadline_free);
  g_clear_object (&job->process);
  g_free (job);
}

void
community_net_helper_set_path (const char *path)
{
  G_LOCK (helper_path);
  g_free (helper_path);
  helper_path = g_strdup (path);
  G_UNLOCK (helper_path);
}

static char *
dup_helper_path (void)
{
  char *path;

  G_LOCK (helper_path);
  path = g_strdup (helper_path != NULL ? helper_path : LIBEXECDIR "/" HELPER_NAME);
  G_UNLOCK (helper_path);
  return path;
}

/* The reply. */

void
community_net_helper_set_invalid_reply (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The network helper gave an invalid reply"));
}

GBytes *
community_net_helper_reply_new (GVariant     *values,
                                const GError *error)
{
  g_autoptr(GVariant) reply = NULL;

  if (error != NULL)
    {
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "error-domain", "s", g_quark_to_string (error->domain));
      g_variant_dict_insert (&dict, "error-code", "i", error->code);
      g_variant_dict_insert (&dict, "error-message", "s", error->message);
      reply = g_variant_ref_sink (g_variant_dict_end (&dict));
    }
  else
    {
      g_return_val_if_fail (values != NULL, NULL);
      g_return_val_if_fail (g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT), NULL);
      reply = g_variant_ref_sink (values);
    }

  return g_variant_get_data_as_bytes (reply);
}

static GVariant *
parse_reply (GBytes  *stdout_bytes,
             GError **error)
{
  g_autoptr(GVariant) reply = NULL;
  const char *domain;
  const char *message;
  gint32 code;

  /* The bytes come from another process: check them before use. */
  if (stdout_bytes != NULL && g_bytes_get_size (stdout_bytes) > 0)
    reply = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT,
                                                          stdout_bytes, FALSE));
  if (reply == NULL || !g_variant_is_normal_form (reply))
    {
      community_net_helper_set_invalid_reply (error);
      return NULL;
    }

  if (g_variant_lookup (reply, "error-domain", "&s", &domain)
      && g_variant_lookup (reply, "error-code", "i", &code)
      && g_variant_lookup (reply, "error-message", "&s", &message))
    {
      g_set_error_literal (error, g_quark_from_string (domain), code, message);
      return NULL;
    }

  return g_steal_pointer (&reply);
}

/* Running. */

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  HelperJob *job = g_task_get_task_data (task);
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  if (!g_subprocess_communicate_finish (process, result, &stdout_bytes, NULL, &error))
    {
      g_subprocess_force_exit (process);
      if (community_deadline_has_passed (job->deadline))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                 _("The network helper did not finish in time"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_subprocess_get_if_signaled (process))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The network helper stopped on signal %d"),
                               g_subprocess_get_term_sig (process));
      return;
    }

  /* The helper exits with 0 after every reply, errors included. */
  if (g_subprocess_get_exit_status (process) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The network helper failed (exit status %d)"),
                               g_subprocess_get_exit_status (process));
      return;
    }

  reply = parse_reply (stdout_bytes, &error);
  if (reply != NULL)
    g_task_return_pointer (task, reply, (GDestroyNotify) g_variant_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
community_net_helper_run_async (const char * const  *args,
                                GBytes              *input,
                                guint                timeout_ms,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = NULL;
  HelperJob *job;

  g_return_if_fail (args != NULL && args[0] != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_net_helper_run_async);
  job = g_new0 (HelperJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) helper_job_free);

  g_ptr_array_add (argv, dup_helper_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  /* The helper's diagnostics go where the app's go. */
  job->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                    G_SUBPROCESS_FLAGS_STDIN_PIPE
                                    | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error);
  if (job->process == NULL)
    {
      g_task_return_new_error (task, error->domain, error->code,
                               _("Cannot start the network helper: %s"), error->message);
      return;
    }

  job->deadline = community_deadline_new (cancellable, timeout_ms);
  /* With no input the helper's standard input is empty, never ours. */
  if (input == NULL)
    empty = input = g_bytes_new (NULL, 0);
  g_subprocess_communicate_async (job->process, input,
                                  community_deadline_get_cancellable (job->deadline),
                                  communicate_cb, g_steal_pointer (&task));
}

GVariant *
community_net_helper_run_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
