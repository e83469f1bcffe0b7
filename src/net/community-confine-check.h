/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-confine-check.h: `jpom-community-net confine-check MODE
 * ATTEMPT`, for the tests only (tests/test-confine.c). The helper confines
 * itself for MODE ("fetch" or "decode") exactly as before a job
 * (community_confine_enter()), then tries ATTEMPT:
 *
 *   exec        run /bin/true
 *   fork        start a process
 *   thread      start a thread
 *   socket      open a TCP socket
 *   unix-socket open a Unix socket
 *   raw-socket  open a raw IP socket
 *   open-read   open /etc/passwd for reading
 *   open-write  open /dev/null for writing
 *   memory      allocate a quarter of RLIMIT_AS and use it, then as much
 *               as RLIMIT_AS
 *   fsize       write a byte to standard output (the test makes it a
 *               regular file)
 *   log         log a message through GLib (on standard error)
 *   cpu         spin, with the confinement's RLIMIT_CPU (which must be
 *               set) lowered to one second first so that the test is
 *               quick
 *   files       open the files the mode's RLIMIT_NOFILE allows, and one
 *               more (a decode can open no file once confined, so it
 *               tries between the limits and the filter, where it loads
 *               its libraries)
 *
 * It exits with 0 when the attempt succeeded, with the errno value when
 * it failed, and 2 on bad usage; a system call outside the allowlist
 * kills it with SIGSYS. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int community_confine_check (const char *mode,
                             const char *attempt);

G_END_DECLS
