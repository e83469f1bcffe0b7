/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-child.c: children bound to the app's life. */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "community-child.h"

/* In the child, between fork and exec: only async-signal-safe calls. If
 * the app died before prctl() took effect, the child now has another
 * parent and must not go on. */
static void
die_with_parent_cb (gpointer data)
{
  pid_t parent = GPOINTER_TO_INT (data);

  if (prctl (PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid () != parent)
    _exit (127);
}

GSubprocessLauncher *
community_child_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb,
                                         GINT_TO_POINTER (getpid ()), NULL);
  return launcher;
}
