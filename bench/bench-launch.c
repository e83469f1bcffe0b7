/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-launch.c: starts one program for the start-up benchmark and
 * reports what only its parent can measure.
 *
 * Usage: bench-launch TIMEOUT_S PROGRAM [ARG...]
 *
 * With BENCH_PRELOAD set, the program (not this launcher) runs with
 * LD_PRELOAD set to it: the probe bench-hook.c.
 *
 * Prints, after the program's own output:
 *   launch <CLOCK_MONOTONIC µs taken just before fork>
 *   peak-rss-kib <ru_maxrss of the program, from wait4>
 *   status <exit status, or 128 + signal>
 *
 * A tiny C parent rather than the Python harness itself, so that the
 * child's peak RSS, which Linux carries over exec from the forked copy of
 * its parent, starts from a process of a few hundred KiB. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t child_pid;

static void
alarm_cb (int signum)
{
  if (child_pid > 0)
    kill (child_pid, SIGKILL);
}

static long long
monotonic_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
wait_for_child (pid_t pid, struct rusage *usage)
{
  int wstatus = 0;

  while (wait4 (pid, &wstatus, 0, usage) < 0)
    {
      if (errno != EINTR)
        {
          perror ("wait4");
          return 127;
        }
    }

  if (WIFSIGNALED (wstatus))
    return 128 + WTERMSIG (wstatus);

  return WEXITSTATUS (wstatus);
}

int
main (int   argc,
      char *argv[])
{
  struct sigaction action = { .sa_handler = alarm_cb };
  struct rusage usage = { 0 };
  long long launch;
  int status;
  pid_t pid;

  if (argc < 3)
    {
      fprintf (stderr, "Usage: %s TIMEOUT_S PROGRAM [ARG...]\n", argv[0]);
      return 2;
    }

  sigaction (SIGALRM, &action, NULL);
  fflush (stdout);

  launch = monotonic_us ();
  pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      return 127;
    }
  if (pid == 0)
    {
      const char *preload = getenv ("BENCH_PRELOAD");

      if (preload != NULL)
        setenv ("LD_PRELOAD", preload, 1);
      execvp (argv[2], argv + 2);
      perror (argv[2]);
      _exit (127);
    }

  child_pid = pid;
  alarm ((unsigned int) atoi (argv[1]));
  status = wait_for_child (pid, &usage);
  alarm (0);

  printf ("launch %lld\n", launch);
  printf ("peak-rss-kib %ld\n", usage.ru_maxrss);
  printf ("status %d\n", status);

  return 0;
}
