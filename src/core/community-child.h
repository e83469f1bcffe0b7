/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-child.h: starting the app's own child processes (the network
 * helper, the page validator), which read untrusted bytes and must never
 * outlive the app. Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A launcher whose children are killed (SIGKILL) when the thread that
 * started them ends, and so when the app ends, however it ends: each
 * child sets PR_SET_PDEATHSIG before it runs its program, and exits at
 * once if the app is already gone by then. Start children from the main
 * thread or another thread that lives as long as they should. */
GSubprocessLauncher *community_child_launcher_new (GSubprocessFlags flags);

G_END_DECLS
