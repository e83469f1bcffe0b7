/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-net-helper.h: running the network helper.
 *
 * What needs libsoup or libzbar (a fetch, the scan of a QR image) runs in
 * jpom-community-net, a program of the app's own, one process per job. The
 * app links neither library, so it starts without loading them and their
 * two dozen dependencies, and a hostile server or image meets a process
 * that holds nothing else.
 *
 * The helper is run as `jpom-community-net COMMAND ARGS...`, reads its
 * input (if any) on standard input, and writes one reply on standard
 * output: a serialized GVariant of type a{sv}, which holds either the
 * command's results or an error ("error-domain", "error-code",
 * "error-message"). Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest error message a reply carries, in characters. */
#define COMMUNITY_NET_HELPER_MAX_MESSAGE 1000
/* What a reply may hold besides the bytes it carries (a fetched body):
 * the keys, an address, two validators or an error message. */
#define COMMUNITY_NET_HELPER_MAX_REPLY_EXTRA (16 * 1024)

/* The helper's path, LIBEXECDIR/jpom-community-net unless set. Jobs
 * already started keep the path they began with. */
void      community_net_helper_set_path   (const char          *path);
/* Runs the helper with @args (its command first) and @input (nullable) on
 * its standard input. The helper is killed when @cancellable is cancelled,
 * when it runs longer than @timeout_ms, or when its reply grows past
 * @max_reply bytes; either way the job ends only once the helper has
 * exited and been reaped. A reply's error is taken only in
 * @error_domain, the command's own: one in any other domain makes the
 * reply invalid. */
void      community_net_helper_run_async  (const char * const  *args,
                                           GBytes              *input,
                                           guint                timeout_ms,
                                           gsize                max_reply,
                                           GQuark               error_domain,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The reply's values (a{sv}), or the error it carried (in the job's error
 * domain, its message made safe to show: community-text.h), or
 * G_IO_ERROR_CANCELLED, or an error saying that the helper could not run,
 * was killed, did not finish in time (G_IO_ERROR_TIMED_OUT) or gave no
 * valid reply. */
GVariant *community_net_helper_run_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
