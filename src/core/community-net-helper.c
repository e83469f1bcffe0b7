/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-net-helper.c: one run of the network helper.
 *
 * The helper parses what the network sends, so what it says back is as
 * untrusted as the network itself: its reply is read as a stream and
 * abandoned past the caller's cap, checked as a GVariant in normal form,
 * and its error taken only in the caller's own domain with its message
 * made safe. The helper is killed when the caller cancels, at its time
 * limit and past the cap, and the job ends only once it is reaped: no
 * helper outlives the job that started it, even in a program that exits
 * right after (`--update`). */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "community-child.h"
#include "community-deadline.h"
#include "community-net-helper-private.h"
#include "community-net-helper.h"
#include "community-stream.h"
#include "community-text.h"

#define HELPER_NAME "jpom-community-net"

G_LOCK_DEFINE_STATIC (helper_path);
static char *helper_path;

typedef struct
{
  GSubprocess       *process;
  GIOStream         *stdin_stream;
  GBytes            *input;     /* written to its standard input */
  CommunityDeadline *deadline;  /* the caller's cancellable or the time limit */
  gulong             kill_id;   /* kills the helper when the deadline cancels */
  GBytes            *reply;     /* once read whole */
  gsize              max_reply;
  GQuark             error_domain;
  GError            *error;     /* why the helper was stopped, if it was */
  guint              pending;   /* writing, reading, waiting: each ends once */
} HelperJob;

static void
helper_job_free (HelperJob *job)
{
  if (job->kill_id != 0)
    g_cancellable_disconnect (community_deadline_get_cancellable (job->deadline), job->kill_id);
  g_clear_pointer (&job->deadline, community_deadline_free);
  g_clear_object (&job->stdin_stream);
  g_clear_object (&job->process);
  g_clear_pointer (&job->input, g_bytes_unref);
  g_clear_pointer (&job->reply, g_bytes_unref);
  g_clear_error (&job->error);
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

static char *
safe_message (const char *message)
{
  return community_text_make_safe (message, -1, COMMUNITY_TEXT_FLAGS_NONE,
                                   COMMUNITY_NET_HELPER_MAX_MESSAGE);
}

GBytes *
community_net_helper_reply_new (GVariant     *values,
                                const GError *error)
{
  g_autoptr(GVariant) reply = NULL;

  if (error != NULL)
    {
      g_autofree char *message = safe_message (error->message);
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "error-domain", "s", g_quark_to_string (error->domain));
      g_variant_dict_insert (&dict, "error-code", "i", error->code);
      g_variant_dict_insert (&dict, "error-message", "s", message);
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
parse_reply (HelperJob  *job,
             GError    **error)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *safe = NULL;
  const char *domain;
  const char *message;
  gint32 code;

  /* The bytes come from another process: check them before use. */
  if (job->reply != NULL && g_bytes_get_size (job->reply) > 0)
    reply = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, job->reply,
                                                          FALSE));
  if (reply == NULL || !g_variant_is_normal_form (reply))
    {
      community_net_helper_set_invalid_reply (error);
      return NULL;
    }

  if (!g_variant_lookup (reply, "error-domain", "&s", &domain))
    return g_steal_pointer (&reply);

  /* Only the command's own domain: never G_IO_ERROR_CANCELLED, never a
   * new quark for whatever string came. */
  if (!g_str_equal (domain, g_quark_to_string (job->error_domain))
      || !g_variant_lookup (reply, "error-code", "i", &code)
      || !g_variant_lookup (reply, "error-message", "&s", &message))
    {
      community_net_helper_set_invalid_reply (error);
      return NULL;
    }

  safe = safe_message (message);
  g_set_error_literal (error, job->error_domain, code, safe);
  return NULL;
}

/* Running. */

/* Stops the helper for @error (the first reason given wins). The job
 * still ends only when the helper is reaped. */
static void
stop_helper (HelperJob *job,
             GError    *error)
{
  if (job->error == NULL)
    job->error = error;
  else
    g_error_free (error);
  g_subprocess_force_exit (job->process);
}

static void
return_outcome (GTask *task)
{
  HelperJob *job = g_task_get_task_data (task);
  GSubprocess *process = job->process;
  GError *error = NULL;
  GVariant *reply;

  if (job->error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->error));
  else if (g_subprocess_get_if_signaled (process))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The network helper stopped on signal %d"),
                             g_subprocess_get_term_sig (process));
  /* The helper exits with 0 after every reply, errors included. */
  else if (g_subprocess_get_exit_status (process) != 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The network helper failed (exit status %d)"),
                             g_subprocess_get_exit_status (process));
  else if ((reply = parse_reply (job, &error)) != NULL)
    g_task_return_pointer (task, reply, (GDestroyNotify) g_variant_unref);
  else
    g_task_return_error (task, error);
}

/* Writing the input, reading the reply and reaping the helper each end
 * once; the last to end returns the task. */
static void
step_done (GTask *task)
{
  HelperJob *job = g_task_get_task_data (task);

  g_assert (job->pending > 0);
  if (--job->pending == 0)
    return_outcome (task);
}

static void
deadline_cb (GCancellable *cancellable,
             gpointer      data)
{
  HelperJob *job = data;

  /* Only kills: the reads and writes see the same cancellable and end,
   * and the reply callback says why. */
  g_subprocess_force_exit (job->process);
}

/* A read or write ended with @error (G_IO_ERROR_CANCELLED): the caller
 * cancelled, or the time ran out. */
static void
stopped_by_deadline (HelperJob *job,
                     GError    *error)
{
  if (community_deadline_has_passed (job->deadline))
    {
      g_error_free (error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                   _("The network helper did not finish in time"));
    }
  stop_helper (job, error);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  HelperJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A helper that stops reading early (EPIPE) says why in its reply or
   * its exit status. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    stopped_by_deadline (job, g_steal_pointer (&error));
  /* The helper reads to the end of its input. */
  g_io_stream_close (job->stdin_stream, NULL, NULL);
  step_done (task);
}

static void
reply_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  HelperJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->reply = community_stream_read_all_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      stopped_by_deadline (job, g_steal_pointer (&error));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_autofree char *limit = g_format_size_full (job->max_reply, G_FORMAT_SIZE_IEC_UNITS);

      stop_helper (job, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                     /* Translators: %s is a size, such as "528.0 KiB" */
                                     _("The network helper’s reply is over the limit of %s"),
                                     limit));
    }
  else if (error != NULL)
    {
      stop_helper (job, g_steal_pointer (&error));
    }

  step_done (task);
}

static void
reaped_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;

  /* Not cancellable: it ends when the helper has exited. */
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  step_done (task);
}

/* The helper's standard input is a socket, not a pipe: writing to a
 * helper that exited early fails with EPIPE and no SIGPIPE (GSocket sends
 * with MSG_NOSIGNAL), which would otherwise end the app. */
static GIOStream *
input_socket_new (GSubprocessLauncher  *launcher,
                  GError              **error)
{
  g_autoptr(GSocket) socket = NULL;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return NULL;
    }

  g_subprocess_launcher_take_stdin_fd (launcher, fds[1]);
  socket = g_socket_new_from_fd (fds[0], error);
  if (socket == NULL)
    {
      close (fds[0]);
      return NULL;
    }
  return G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
}

static gboolean
spawn_helper (HelperJob           *job,
              const char * const  *args,
              GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, dup_helper_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  /* The helper's diagnostics go where the app's go. */
  launcher = community_child_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  job->stdin_stream = input_socket_new (launcher, error);
  if (job->stdin_stream == NULL)
    return FALSE;
  job->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                               error);
  return job->process != NULL;
}

void
community_net_helper_run_async (const char * const  *args,
                                GBytes              *input,
                                guint                timeout_ms,
                                gsize                max_reply,
                                GQuark               error_domain,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *deadline;
  HelperJob *job;

  g_return_if_fail (args != NULL && args[0] != NULL);
  g_return_if_fail (max_reply > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_net_helper_run_async);
  job = g_new0 (HelperJob, 1);
  job->max_reply = max_reply;
  job->error_domain = error_domain;
  g_task_set_task_data (task, job, (GDestroyNotify) helper_job_free);

  if (!spawn_helper (job, args, &error))
    {
      g_task_return_new_error (task, error->domain, error->code,
                               _("Cannot start the network helper: %s"), error->message);
      return;
    }

  /* With no input the helper's standard input is empty, never ours. */
  job->input = input != NULL ? g_bytes_ref (input) : g_bytes_new (NULL, 0);
  job->deadline = community_deadline_new (cancellable, timeout_ms);
  deadline = community_deadline_get_cancellable (job->deadline);
  job->pending = 3;
  g_subprocess_wait_async (job->process, NULL, reaped_cb, g_object_ref (task));
  community_stream_read_all_async (g_subprocess_get_stdout_pipe (job->process), max_reply,
                                   deadline, reply_read_cb, g_object_ref (task));
  g_output_stream_write_all_async (g_io_stream_get_output_stream (job->stdin_stream),
                                   g_bytes_get_data (job->input, NULL),
                                   g_bytes_get_size (job->input),
                                   G_PRIORITY_DEFAULT, deadline,
                                   written_cb, g_object_ref (task));
  /* Connected last: it may run at once, when @cancellable is cancelled. */
  job->kill_id = g_cancellable_connect (deadline, G_CALLBACK (deadline_cb), job, NULL);
}

GVariant *
community_net_helper_run_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
