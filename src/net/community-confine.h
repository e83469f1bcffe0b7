/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-confine.h: the network helper confines itself before it reads
 * a byte of input, as GNOME's glycin confines its image loaders: no new
 * privileges, death with its parent, hard limits on memory, CPU time,
 * files and descriptors, and a seccomp allowlist for each of its two jobs.
 * A system call outside the list kills the helper with SIGSYS. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Address space. The largest image read (COMMUNITY_QR_DECODE_MAX_SIDE
 * squared, as a progressive JPEG) decodes in 180 MiB of it; a fetch
 * reserves about 190 MiB (threads' stacks, two malloc arenas, TLS). */
#define COMMUNITY_CONFINE_MAX_ADDRESS_SPACE (512 * 1024 * 1024)
/* CPU seconds, soft and hard: the largest image decodes in about two, a
 * fetch mostly waits (its wall time is COMMUNITY_FETCH_TOTAL_TIMEOUT_MS). */
#define COMMUNITY_CONFINE_MAX_CPU_S 20
/* Open descriptors. A fetch was seen to hold at most 8 (the standard
 * three, the main loops' wakeups, sockets, the resolver's and TLS's
 * files); a decode 4 (the standard three, and one file at a time while
 * it loads its libraries). */
#define COMMUNITY_CONFINE_MAX_FILES_FETCH 32
#define COMMUNITY_CONFINE_MAX_FILES_DECODE 8

typedef enum
{
  COMMUNITY_CONFINE_FETCH,   /* `jpom-community-net fetch` */
  COMMUNITY_CONFINE_DECODE,  /* `jpom-community-net decode-qr` */
} CommunityConfineMode;

/* Step one, first thing: no new privileges, SIGKILL when the parent
 * dies, and the limits on memory, CPU time, core dumps and descriptors
 * for @mode (never raising one the helper inherited lower). */
gboolean community_confine_limit  (CommunityConfineMode   mode,
                                   GError               **error);
/* Step two: loads what @mode would otherwise load later (libraries,
 * modules, catalogues, settings), then limits the size of files to 0 and
 * installs the seccomp allowlist of @mode on every thread. */
gboolean community_confine_filter (CommunityConfineMode   mode,
                                   GError               **error);
/* Both steps, as the helper runs them before each job. Errors are in
 * G_IO_ERROR and localized. */
gboolean community_confine_enter  (CommunityConfineMode   mode,
                                   GError               **error);

G_END_DECLS
