/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading a page with a time bound.
 *
 * cmark 0.30.2 takes minutes on some inputs and cannot be interrupted, so
 * the read, the checks and the parse run in a thread of their own, and the
 * caller stops waiting after a timeout. The thread holds its own reference
 * to the job and finishes on its own; a late result is dropped. That bounds
 * the wait, not the work: the thread goes on burning a core until cmark
 * returns.
 *
 * With a validator set, the asynchronous loaders bound the work too: they
 * first have the page parsed by the validator, a process of its own that
 * is killed at the time limit, and parse it here only once the validator
 * has finished in time, when the parse is known to be fast. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "community-child.h"
#include "community-page-loader.h"

#define READ_CHUNK (64 * 1024)

/* The validator's argv, or NULL. */
G_LOCK_DEFINE_STATIC (validator);
static GStrv validator_argv;

typedef struct
{
  gatomicrefcount     ref_count;
  GMutex              mutex;
  GCond               cond;

  /* Set before the first thread starts, then read-only. */
  GFile              *file;        /* NULL for standard input or bytes */
  CommunityPageFlags  flags;
  guint               timeout_ms;
  GStrv               validator;   /* a copy of validator_argv */

  /* Handed back and forth: written by a worker thread while it runs, and
   * in the caller's context between runs. */
  GBytes             *bytes;       /* the page, once read */
  gboolean            needs_check; /* the validator has yet to run */
  int                 check_fd;    /* the validator's standard input */

  /* Written by the thread under the mutex. */
  gboolean            done;
  CommunityPage      *page;
  GError             *error;

  /* Async only; touched only in the caller's main context. */
  GMainContext       *context;
  GTask              *task;        /* NULL once it has returned */
  GSource            *timeout;
  GSource            *cancel;
  GSubprocess        *check;       /* the validator while it runs */
  GError             *stopped;     /* why it was killed, returned once reaped */
} LoadJob;

static LoadJob *
load_job_ref (LoadJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
load_job_unref (LoadJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  g_clear_object (&job->file);
  g_clear_pointer (&job->validator, g_strfreev);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->check_fd >= 0)
    close (job->check_fd);
  g_clear_object (&job->page);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_clear_pointer (&job->timeout, g_source_unref);
  g_clear_pointer (&job->cancel, g_source_unref);
  g_clear_object (&job->check);
  g_clear_error (&job->stopped);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadJob, load_job_unref)

static LoadJob *
load_job_new (GFile              *file,
              GBytes             *bytes,
              CommunityPageFlags  flags,
              guint               timeout_ms)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  g_atomic_ref_count_init (&job->ref_count);
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  job->flags = flags;
  job->timeout_ms = timeout_ms != 0 ? timeout_ms : COMMUNITY_PAGE_LOAD_TIMEOUT_MS;
  job->check_fd = -1;
  return job;
}

/* Reading, in the worker thread. */

static gboolean
too_large (gsize    size,
           GError **error)
{
  g_autofree char *limit = g_format_size_full (COMMUNITY_PAGE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  if (size <= COMMUNITY_PAGE_MAX_SIZE)
    return FALSE;
  g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_LARGE,
               _("The page is larger than the limit of %s"), limit);
  return TRUE;
}

/* Reads at most one byte more than the limit, so a huge file or an
 * endless device is refused without reading it all. */
static GBytes *
read_stream (GInputStream  *stream,
             GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  for (;;)
    {
      guint old_len = data->len;
      gsize n = 0;

      g_byte_array_set_size (data, old_len + READ_CHUNK);
      if (!g_input_stream_read_all (stream, data->data + old_len, READ_CHUNK,
                                    &n, NULL, error))
        return NULL;
      g_byte_array_set_size (data, old_len + n);
      if (too_large (data->len, error))
        return NULL;
      if (n < READ_CHUNK)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];

  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot read the page from standard input: %s"),
                       g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, n);
      if (too_large (data->len, error))
        return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* GIO's messages are technical; these name the file and say what is
 * wrong in words a page maintainer uses. */
static void
explain_io_error (GFile   *file,
                  GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) e = g_steal_pointer (error);

  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, e->domain, e->code, _("“%s” does not exist"), name);
  else if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, e->domain, e->code,
                 _("“%s” is a folder, not a page"), name);
  else if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, e->domain, e->code,
                 _("You may not read “%s”"), name);
  else
    g_set_error (error, e->domain, e->code,
                 _("Cannot read “%s”: %s"), name, e->message);
}

static GBytes *
read_file (GFile   *file,
           GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GBytes *bytes;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "");
  else
    stream = g_file_read (file, NULL, error);
  bytes = stream != NULL ? read_stream (G_INPUT_STREAM (stream), error) : NULL;
  if (bytes == NULL && error != NULL && (*error)->domain == G_IO_ERROR)
    explain_io_error (file, error);

  return bytes;
}

GBytes *
community_page_read_file (GFile   *file,
                          GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return read_file (file, error);
}

/* Closes @fd and sets @error from errno; returns -1. */
static int
close_with_errno (int      fd,
                  GError **error)
{
  int saved = errno;

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       g_strerror (saved));
  close (fd);
  return -1;
}

/* The validator reads the page from an unlinked temporary file rather
 * than a pipe: it may stop reading early, and nobody has to feed it. */
static int
page_fd_new (GBytes  *bytes,
             GError **error)
{
  g_autofree char *path = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  int fd = g_file_open_tmp ("community-page-XXXXXX", &path, error);

  if (fd < 0)
    return -1;
  g_unlink (path);
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return close_with_errno (fd, error);
      data += n;
      size -= n;
    }
  if (lseek (fd, 0, SEEK_SET) != 0)
    return close_with_errno (fd, error);

  return fd;
}

/* One run of the worker thread: reads the page if it has not been read,
 * then either prepares the validator's input (the caller's context starts
 * it) or parses the page. */
static void
work (LoadJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(CommunityPage) page = NULL;

  if (job->bytes == NULL)
    job->bytes = job->file != NULL ? read_file (job->file, &error) : read_stdin (&error);
  if (job->bytes != NULL && job->needs_check)
    {
      job->check_fd = page_fd_new (job->bytes, &check_error);
      if (job->check_fd >= 0)
        return;
      g_message ("The page validator gets no input (%s); the page is parsed with the in-process time bound only",
                 check_error->message);
      job->needs_check = FALSE;
    }
  if (job->bytes != NULL)
    page = community_page_new_from_bytes_full (job->bytes, job->flags, &error);

  g_mutex_lock (&job->mutex);
  job->page = g_steal_pointer (&page);
  job->error = g_steal_pointer (&error);
  job->done = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static gpointer
sync_thread (gpointer data)
{
  g_autoptr(LoadJob) job = data;

  work (job);
  return NULL;
}

static void
timed_out (GError **error,
           guint    timeout_ms)
{
  g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT,
               _("Reading the page took longer than %.1f seconds; this page cannot be displayed"),
               timeout_ms / 1000.0);
}

/* Blocking. This is also the validator's own path (--inspect -), so it
 * never starts a validator itself. */

CommunityPage *
community_page_load_file_sync_full (const char          *path_or_dash,
                                    CommunityPageFlags   flags,
                                    guint                timeout_ms,
                                    GError             **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(LoadJob) job = NULL;
  GThread *thread;
  gint64 deadline;
  gboolean done;

  g_return_val_if_fail (path_or_dash != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_str_equal (path_or_dash, "-"))
    file = g_file_new_for_commandline_arg (path_or_dash);
  job = load_job_new (file, NULL, flags, timeout_ms);
  thread = g_thread_try_new ("community-page", sync_thread, load_job_ref (job), error);
  if (thread == NULL)
    {
      load_job_unref (job);
      return NULL;
    }
  g_thread_unref (thread);

  deadline = g_get_monotonic_time () + (gint64) job->timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_mutex_lock (&job->mutex);
  while (!job->done && g_cond_wait_until (&job->cond, &job->mutex, deadline))
    ;
  done = job->done;
  g_mutex_unlock (&job->mutex);

  /* Once done, the thread no longer touches the result. */
  if (!done)
    {
      timed_out (error, job->timeout_ms);
      return NULL;
    }
  if (job->error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  return g_steal_pointer (&job->page);
}

CommunityPage *
community_page_load_file_sync (const char  *path_or_dash,
                               guint        timeout_ms,
                               GError     **error)
{
  return community_page_load_file_sync_full (path_or_dash, COMMUNITY_PAGE_FLAGS_NONE,
                                             timeout_ms, error);
}

/* Asynchronous. The job's task returns exactly once, in the caller's
 * context: with the result, on timeout, or on cancellation. A validator
 * that still runs is killed first, and the task returns once it is
 * reaped: none outlives the load (`--update` exits right after). */

static void
return_task (LoadJob *job,
             GError  *error)
{
  g_autoptr(GTask) task = NULL;

  if (job->timeout != NULL)
    g_source_destroy (job->timeout);
  if (job->cancel != NULL)
    g_source_destroy (job->cancel);
  if (job->check != NULL)
    {
      if (job->stopped == NULL)
        job->stopped = error;
      else
        g_clear_error (&error);
      g_subprocess_force_exit (job->check);
      return;
    }

  task = g_steal_pointer (&job->task);
  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&job->page), g_object_unref);
}

static gboolean
timeout_cb (gpointer data)
{
  LoadJob *job = data;
  GError *error = NULL;

  timed_out (&error, job->timeout_ms);
  return_task (job, error);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  LoadJob *job = data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  return_task (job, error);
  return G_SOURCE_REMOVE;
}

static GSource *
attach (LoadJob     *job,
        GSource     *source,
        GSourceFunc  func)
{
  g_source_set_callback (source, func, load_job_ref (job),
                         (GDestroyNotify) load_job_unref);
  g_source_attach (source, job->context);
  return source;
}

static void start_check (LoadJob *job);

/* Back in the caller's context after a run of the worker: the result, or
 * the page read and ready for the validator. */
static gboolean
worked_cb (gpointer data)
{
  LoadJob *job = data;

  if (job->done)
    return_task (job, g_steal_pointer (&job->error));
  else if (job->task != NULL)
    start_check (job);
  return G_SOURCE_REMOVE;
}

static gpointer
async_thread (gpointer data)
{
  g_autoptr(LoadJob) job = data;

  work (job);
  g_source_unref (attach (job, g_idle_source_new (), worked_cb));
  return NULL;
}

static void
start_worker (LoadJob *job)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;

  thread = g_thread_try_new ("community-page", async_thread,
                             load_job_ref (job), &error);
  if (thread == NULL)
    {
      load_job_unref (job);
      return_task (job, g_steal_pointer (&error));
      return;
    }
  g_thread_unref (thread);
}

/* The validator's verdict: its exit status says whether it finished
 * parsing in time (0, 1 and 2 are --inspect's OK, INCOMPLETE and
 * INVALID: each means the parse ended), ran out of its own time (3), or
 * failed in some other way, such as a crash in the parser. */
static gboolean
check_passed (GSubprocess  *check,
              guint         timeout_ms,
              GError      **error)
{
  int status;

  if (g_subprocess_get_if_signaled (check))
    {
      g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_CHECK_FAILED,
                   _("The page checker stopped on this page (signal %d); this page cannot be displayed"),
                   g_subprocess_get_term_sig (check));
      return FALSE;
    }

  status = g_subprocess_get_exit_status (check);
  if (status <= 2)
    return TRUE;
  if (status == 3)
    timed_out (error, timeout_ms);
  else
    g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_CHECK_FAILED,
                 _("The page checker failed on this page (exit status %d); this page cannot be displayed"),
                 status);
  return FALSE;
}

static void
check_exited_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(LoadJob) job = data;
  g_autoptr(GSubprocess) check = g_steal_pointer (&job->check);
  GError *error = NULL;

  g_subprocess_wait_finish (check, result, NULL);
  /* Killed at the time limit or on cancellation: reaped now. */
  if (job->stopped != NULL)
    {
      return_task (job, g_steal_pointer (&job->stopped));
      return;
    }
  if (job->task == NULL)
    return;
  if (!check_passed (check, job->timeout_ms, &error))
    {
      return_task (job, error);
      return;
    }
  job->needs_check = FALSE;
  start_worker (job);
}

static void
start_check (LoadJob *job)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  launcher = community_child_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                           | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_stdin_fd (launcher, job->check_fd);
  job->check_fd = -1;
  job->check = g_subprocess_launcher_spawnv (launcher,
                                             (const char * const *) job->validator,
                                             &error);
  if (job->check == NULL)
    {
      g_message ("The page validator %s does not start (%s); the page is parsed with the in-process time bound only",
                 job->validator[0], error->message);
      job->needs_check = FALSE;
      start_worker (job);
      return;
    }

  /* Not cancellable: the job waits for the validator to be reaped. */
  g_subprocess_wait_async (job->check, NULL, check_exited_cb, load_job_ref (job));
}

static void
load_async (LoadJob             *job,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  G_LOCK (validator);
  job->validator = g_strdupv (validator_argv);
  G_UNLOCK (validator);
  job->needs_check = job->validator != NULL;
  job->context = g_main_context_ref_thread_default ();
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);

  job->timeout = attach (job, g_timeout_source_new (job->timeout_ms), timeout_cb);
  if (cancellable != NULL)
    job->cancel = attach (job, g_cancellable_source_new (cancellable),
                          G_SOURCE_FUNC (cancelled_cb));
  start_worker (job);
}

void
community_page_load_async_full (GFile               *file,
                                CommunityPageFlags   flags,
                                guint                timeout_ms,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(LoadJob) job = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = load_job_new (file, NULL, flags, timeout_ms);
  load_async (job, cancellable, callback, user_data, community_page_load_async_full);
}

void
community_page_load_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  community_page_load_async_full (file, COMMUNITY_PAGE_FLAGS_NONE, 0,
                                  cancellable, callback, user_data);
}

static gboolean
is_load_result (GAsyncResult *result,
                gpointer      source_tag)
{
  return g_task_is_valid (result, NULL)
         && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

CommunityPage *
community_page_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (is_load_result (result, community_page_load_async_full), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
community_page_load_bytes_async (GBytes              *bytes,
                                 CommunityPageFlags   flags,
                                 guint                timeout_ms,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(LoadJob) job = NULL;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = load_job_new (NULL, bytes, flags, timeout_ms);
  load_async (job, cancellable, callback, user_data, community_page_load_bytes_async);
}

CommunityPage *
community_page_load_bytes_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (is_load_result (result, community_page_load_bytes_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The validator. */

void
community_page_set_validator_argv (const char * const *argv)
{
  g_return_if_fail (argv == NULL || argv[0] != NULL);

  G_LOCK (validator);
  g_clear_pointer (&validator_argv, g_strfreev);
  validator_argv = g_strdupv ((char **) argv);
  G_UNLOCK (validator);
}
