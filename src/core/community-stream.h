/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-stream.h: reading a stream from outside (a server's body, the
 * network helper's reply) into memory, never past a cap. Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Each read asks for this many bytes, so that at most this many more
 * than the cap are ever read. */
#define COMMUNITY_STREAM_READ_CHUNK (64 * 1024)

/* Reads @stream to its end, in reads of COMMUNITY_STREAM_READ_CHUNK
 * bytes, and stops with G_IO_ERROR_MESSAGE_TOO_LARGE as soon as more than
 * @max_size bytes came. */
void    community_stream_read_all_async  (GInputStream         *stream,
                                          gsize                 max_size,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GBytes *community_stream_read_all_finish (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
