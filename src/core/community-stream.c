/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-stream.c: a stream read into memory under a cap. */
#include "config.h"

#include "community-stream.h"

typedef struct
{
  GByteArray *data;
  gsize       max_size;
} ReadAll;

static void
read_all_free (ReadAll *read)
{
  g_clear_pointer (&read->data, g_byte_array_unref);
  g_free (read);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadAll *read = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&read->data)),
                           (GDestroyNotify) g_bytes_unref);
  else if (size > read->max_size - read->data->len)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                             "More than %" G_GSIZE_FORMAT " bytes", read->max_size);
  else
    {
      g_byte_array_append (read->data, g_bytes_get_data (chunk, NULL), size);
      read_next (g_steal_pointer (&task));
    }
}

static void
read_next (GTask *task)
{
  g_input_stream_read_bytes_async (g_task_get_source_object (task),
                                   COMMUNITY_STREAM_READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

void
community_stream_read_all_async (GInputStream        *stream,
                                 gsize                max_size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  ReadAll *read;

  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_stream_read_all_async);
  read = g_new0 (ReadAll, 1);
  read->data = g_byte_array_new ();
  read->max_size = max_size;
  g_task_set_task_data (task, read, (GDestroyNotify) read_all_free);
  read_next (task);
}

GBytes *
community_stream_read_all_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == community_stream_read_all_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
