/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-loader.h: loading a page that is not bundled, in bounded
 * time, off the caller's thread, and with a validator process of its own
 * where one is set. Display-free. */
#pragma once

#include "community-page.h"

G_BEGIN_DECLS

/* Loading with a time bound, for every page that is not bundled. The
 * page is read (a file: at most COMMUNITY_PAGE_MAX_SIZE bytes), validated
 * and parsed off the caller's thread; when that takes longer than
 * @timeout_ms (0 means COMMUNITY_PAGE_LOAD_TIMEOUT_MS) the caller gets
 * COMMUNITY_PAGE_ERROR_TIMED_OUT. I/O errors are G_IO_ERROR with a
 * readable message naming the file. The callback runs in the caller's
 * thread-default main context.
 *
 * Without a validator (below) a parse that times out goes on in its
 * thread until cmark returns, its result discarded. With one, the page is
 * first parsed by the validator process, which is killed at the time
 * limit, and parsed here only when the validator finished in time. */
void                 community_page_load_async        (GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
void                 community_page_load_async_full   (GFile               *file,
                                                       CommunityPageFlags   flags,
                                                       guint                timeout_ms,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
CommunityPage       *community_page_load_finish       (GAsyncResult        *result,
                                                       GError             **error);
/* The same for a page already in memory, such as one fetched from the
 * network. */
void                 community_page_load_bytes_async  (GBytes              *bytes,
                                                       CommunityPageFlags   flags,
                                                       guint                timeout_ms,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
CommunityPage       *community_page_load_bytes_finish (GAsyncResult        *result,
                                                       GError             **error);

/* Blocking, for --inspect: @path_or_dash is a file name, or "-" for
 * standard input. The same bound as the asynchronous loaders, without a
 * validator: this is the validator's own path, and the process exits
 * right after, ending any parse that timed out. */
CommunityPage       *community_page_load_file_sync    (const char          *path_or_dash,
                                                       guint                timeout_ms,
                                                       GError             **error);
CommunityPage       *community_page_load_file_sync_full (const char        *path_or_dash,
                                                         CommunityPageFlags flags,
                                                         guint              timeout_ms,
                                                         GError           **error);

/* The bytes of @file (blocking): at most COMMUNITY_PAGE_MAX_SIZE, else
 * COMMUNITY_PAGE_ERROR_TOO_LARGE; I/O errors are G_IO_ERROR with a
 * message naming the file. Not parsed: for files read otherwise, such
 * as the front matter of a post. */
GBytes              *community_page_read_file         (GFile               *file,
                                                       GError             **error);

/* The validator: a program that reads a page on standard input, parses
 * it, and exits with 0, 1 or 2 when the parse ended (page accepted,
 * incomplete or refused: the verdict is not used), 3 when its own time
 * bound ran out. `jpom-community --inspect -` is one. Any other end, a
 * signal included, refuses the page with COMMUNITY_PAGE_ERROR_CHECK_FAILED.
 * Its standard output and error are discarded, and the @flags of a load
 * are not passed on. When the validator cannot be started the page is
 * parsed with the in-process bound alone, and a message is logged.
 * @argv NULL (the default) turns validation off. Process-wide, thread-safe;
 * loads already started keep the validator they began with. */
void                 community_page_set_validator_argv (const char * const *argv);

G_END_DECLS
