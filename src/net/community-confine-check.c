/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-confine-check.c: tries what the confinement forbids, for the
 * tests (community-confine-check.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "community-confine.h"
#include "community-confine-check.h"

static int
try_exec (void)
{
  char *argv[] = { (char *) "true", NULL };

  execv ("/bin/true", argv);
  return errno;
}

/* The child is not waited for: that would be another system call. */
static int
try_fork (void)
{
  pid_t pid = fork ();

  if (pid == 0)
    _exit (0);
  return pid < 0 ? errno : 0;
}

static gpointer
thread_cb (gpointer data)
{
  return data;
}

static int
try_thread (void)
{
  g_autoptr(GError) error = NULL;
  GThread *thread = g_thread_try_new ("check", thread_cb, NULL, &error);

  if (thread == NULL)
    return error->code == G_THREAD_ERROR_AGAIN ? EAGAIN : EINVAL;
  g_thread_join (thread);
  return 0;
}

static int
result_of_fd (int fd)
{
  if (fd < 0)
    return errno;
  close (fd);
  return 0;
}

static int
try_socket (void)
{
  return result_of_fd (socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
}

static int
try_unix_socket (void)
{
  return result_of_fd (socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
}

static int
try_raw_socket (void)
{
  return result_of_fd (socket (AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP));
}

static int
try_open_read (void)
{
  /* A file every system has: a minimal Debian has no /etc/hosts. */
  return result_of_fd (open ("/etc/passwd", O_RDONLY | O_CLOEXEC));
}

static int
try_open_write (void)
{
  return result_of_fd (open ("/dev/null", O_WRONLY | O_CLOEXEC));
}

static int
try_memory (void)
{
  gsize usable = COMMUNITY_CONFINE_MAX_ADDRESS_SPACE / 4;
  char *p = malloc (usable);

  /* What a job needs is there... */
  if (p == NULL)
    return EINVAL;
  memset (p, 1, usable);
  free (p);

  /* ...and no more. */
  p = malloc (COMMUNITY_CONFINE_MAX_ADDRESS_SPACE);
  if (p == NULL)
    return errno;
  free (p);
  return 0;
}

static int
try_fsize (void)
{
  return write (STDOUT_FILENO, "x", 1) == 1 ? 0 : errno;
}

static int
try_log (void)
{
  /* With a terminal control (it would set the window title) and a bidi
   * override (it would turn the rest of the line around), which the
   * helper's log writer replaces. */
  g_message ("confine-check: a message after the confinement \033]0;pwned\007 \xe2\x80\xae.gnp");
  return 0;
}

static int
try_cpu (void)
{
  /* About a minute of arithmetic, and no system call that the filter
   * could kill first. */
  for (volatile guint64 i = 0; i < G_GUINT64_CONSTANT (1) << 36; i++)
    ;
  return 0;
}

static int
try_files (guint limit)
{
  g_autofree int *fds = g_new (int, limit);
  guint opened = 0;
  int result = 0;

  /* Three are open already, so the last of these must fail. */
  while (opened < limit && result == 0)
    {
      fds[opened] = open ("/dev/null", O_RDONLY | O_CLOEXEC);
      if (fds[opened] < 0)
        result = errno;
      else
        opened++;
    }

  /* Descriptors to spare again, for LeakSanitizer at exit. */
  for (guint i = 0; i < opened; i++)
    close (fds[i]);
  return result;
}

static const struct
{
  const char *name;
  int       (*run) (void);
} attempts[] = {
  { "exec", try_exec },
  { "fork", try_fork },
  { "thread", try_thread },
  { "socket", try_socket },
  { "unix-socket", try_unix_socket },
  { "raw-socket", try_raw_socket },
  { "open-read", try_open_read },
  { "open-write", try_open_write },
  { "memory", try_memory },
  { "fsize", try_fsize },
  { "log", try_log },
  { "cpu", try_cpu },
  { "files", NULL },
};

/* Only once the confinement has set its own limit, so that the attempt
 * fails without it. */
static gboolean
lower_cpu_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_CPU, &limit) != 0 || limit.rlim_max == RLIM_INFINITY
      || limit.rlim_max > COMMUNITY_CONFINE_MAX_CPU_S)
    return FALSE;
  limit.rlim_cur = limit.rlim_max = 1;
  return setrlimit (RLIMIT_CPU, &limit) == 0;
}

static int
usage (void)
{
  fprintf (stderr, "Usage: jpom-community-net confine-check fetch|decode ATTEMPT\n");
  return 2;
}

int
community_confine_check (const char *mode_name,
                         const char *attempt)
{
  CommunityConfineMode mode;
  guint files;
  g_autoptr(GError) error = NULL;
  int (*run) (void) = NULL;
  gboolean known = FALSE;

  if (g_str_equal (mode_name, "fetch"))
    mode = COMMUNITY_CONFINE_FETCH;
  else if (g_str_equal (mode_name, "decode"))
    mode = COMMUNITY_CONFINE_DECODE;
  else
    return usage ();
  files = mode == COMMUNITY_CONFINE_FETCH ? COMMUNITY_CONFINE_MAX_FILES_FETCH
                                          : COMMUNITY_CONFINE_MAX_FILES_DECODE;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    if (g_str_equal (attempt, attempts[i].name))
      {
        known = TRUE;
        run = attempts[i].run;
      }
  if (!known)
    return usage ();

  if (!community_confine_limit (mode, &error)
      || (g_str_equal (attempt, "cpu") && !lower_cpu_limit ()))
    {
      fprintf (stderr, "confine-check: %s\n",
               error != NULL ? error->message : "RLIMIT_CPU is not the confinement's");
      return 2;
    }
  if (run == NULL && mode == COMMUNITY_CONFINE_DECODE)
    return try_files (files);

  if (!community_confine_filter (mode, &error))
    {
      fprintf (stderr, "confine-check: %s\n", error->message);
      return 2;
    }
  return run != NULL ? run () : try_files (files);
}
