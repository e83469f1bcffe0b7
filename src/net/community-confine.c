/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-confine.c: the helper's confinement (community-confine.h).
 *
 * The limits come first, so that even the loading of libraries runs
 * under them. Then each job loads what it would otherwise load lazily,
 * because once the filter is in place a decode can open no file and map
 * no code, and a fetch can map code only from files it may read. The
 * allowlists below were made from strace -f of real jobs: fetches over
 * http from 127.0.0.1 and localhost, over https to a loopback server
 * (up to its certificate error) by address and by a name from
 * /etc/hosts, a name that DNS does not know, directly and through an
 * http proxy on loopback (the app passes the proxy: --proxy); the
 * decodes of the upstream images and of the tests' images; and the
 * sanitizer build's exit. The same jobs were traced again in the Flatpak,
 * on the test's Debian 13 stand-in runtime, with the filter left out. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <linux/sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <seccomp.h>

#include "community-confine.h"
#include "community-qr-scan.h"

/* AddressSanitizer reserves terabytes of shadow memory, and LeakSanitizer
 * inspects the process from a helper thread at exit: the sanitizer build
 * cannot run under RLIMIT_AS and needs a few more system calls. */
#if defined(__SANITIZE_ADDRESS__)
# define CONFINE_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define CONFINE_ASAN 1
# endif
#endif

static gboolean
fail (GError     **error,
      const char  *step)
{
  int saved_errno = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a step such as "seccomp",
                * the second the system's reason. */
               _("The network helper cannot confine itself (%s): %s"),
               step, g_strerror (saved_errno));
  return FALSE;
}

/* Limits. */

/* Sets both the soft and the hard limit, so the helper cannot raise it
 * again; a lower limit inherited from the caller stays. */
static gboolean
set_limit (int          resource,
           rlim_t       value,
           const char  *name,
           GError     **error)
{
  struct rlimit limit;

  if (getrlimit (resource, &limit) != 0)
    return fail (error, name);
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < value)
    value = limit.rlim_max;
  limit.rlim_cur = limit.rlim_max = value;
  if (setrlimit (resource, &limit) != 0)
    return fail (error, name);
  return TRUE;
}

gboolean
community_confine_limit (CommunityConfineMode   mode,
                         GError               **error)
{
  rlim_t files = mode == COMMUNITY_CONFINE_FETCH ? COMMUNITY_CONFINE_MAX_FILES_FETCH
                                                 : COMMUNITY_CONFINE_MAX_FILES_DECODE;

  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return fail (error, "PR_SET_NO_NEW_PRIVS");
  /* The app kills and reaps the helper; this covers an app that crashed. */
  if (prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
    return fail (error, "PR_SET_PDEATHSIG");

  /* Each thread that allocates gets a malloc arena of its own, which
   * reserves 64 MiB of address space: two arenas leave the fetch's
   * threads room under RLIMIT_AS. */
  mallopt (M_ARENA_MAX, 2);
#ifndef CONFINE_ASAN
  if (!set_limit (RLIMIT_AS, COMMUNITY_CONFINE_MAX_ADDRESS_SPACE, "RLIMIT_AS", error))
    return FALSE;
#endif

  return set_limit (RLIMIT_CPU, COMMUNITY_CONFINE_MAX_CPU_S, "RLIMIT_CPU", error)
         && set_limit (RLIMIT_CORE, 0, "RLIMIT_CORE", error)
         && set_limit (RLIMIT_NOFILE, files, "RLIMIT_NOFILE", error);
}

/* No file grows. This comes after the preload, which may load a library
 * that writes a file as it starts (dconf extends its shared memory file
 * with pwrite()). With SIGXFSZ ignored, a write to a regular file (say, a
 * standard error redirected to one) fails with EFBIG instead of killing
 * the job. */
static gboolean
limit_file_size (GError **error)
{
  signal (SIGXFSZ, SIG_IGN);
  return set_limit (RLIMIT_FSIZE, 0, "RLIMIT_FSIZE", error);
}

/* What is loaded before the filter. */

static void
preload_fetch (void)
{
  /* GIO loads the TLS module at the first https connection. The proxy
   * comes from the app (--proxy), so the user's proxy settings are never
   * read here: GIO still makes its default resolver for a connection
   * through a proxy, and that one would read them (GSettings, dconf, a
   * bus), so it is GIO's own, which answers "direct". The resolver's NSS
   * modules can only load with the first lookup: the filter lets it map
   * them. Nothing else runs yet, so setting the environment is safe. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  (void) g_proxy_resolver_get_default ();
  (void) g_tls_backend_get_default ();
}

static void
preload_decode (void)
{
  const char *header = "";

  /* Asking for the header entry loads the catalogue of the helper's own
   * messages. */
  (void) gettext (header);
  community_qr_scan_prepare ();
}

/* The allowlists. */

typedef struct
{
  const char          *name;
  guint32              action;
  /* All must hold; the unused ones have op 0. */
  struct scmp_arg_cmp  args[3];
} Rule;

/* Conditions on argument @index. */
#define EQ(index, value) { index, SCMP_CMP_EQ, value, 0 }
#define MASKED_EQ(index, mask, value) { index, SCMP_CMP_MASKED_EQ, mask, value }
#define NONE_OF(index, bits) MASKED_EQ (index, bits, 0)
#define ALL_OF(index, bits) MASKED_EQ (index, bits, bits)

#define ALLOW(name) { name, SCMP_ACT_ALLOW, { { 0 } } }
#define ALLOW_IF(name, ...) { name, SCMP_ACT_ALLOW, { __VA_ARGS__ } }
/* Fails with @errnum instead of killing. */
#define REFUSE(name, errnum) { name, SCMP_ACT_ERRNO (errnum), { { 0 } } }
#define REFUSE_IF(name, errnum, ...) { name, SCMP_ACT_ERRNO (errnum), { __VA_ARGS__ } }

/* The socket type without SOCK_CLOEXEC and SOCK_NONBLOCK. */
#define SOCK_TYPE_MASK 0xf
#define WRITE_FLAGS (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)

/* Both jobs: memory that is never executable unless a mode says so,
 * the signal mask (setjmp in libpng and libjpeg, GLib's threads), and
 * leaving, also through abort(), so that a failed assertion still reads
 * as SIGABRT. */
static const Rule common_rules[] = {
  ALLOW ("brk"),
  ALLOW_IF ("mmap", NONE_OF (2, PROT_EXEC)),
  ALLOW_IF ("mprotect", NONE_OF (2, PROT_EXEC)),
  ALLOW ("munmap"),
  ALLOW ("mremap"),
  ALLOW ("madvise"),
  ALLOW ("futex"),
  /* A wait stopped and continued (job control, a debugger) resumes
   * through this call. */
  ALLOW ("restart_syscall"),
  ALLOW ("rt_sigprocmask"),
  /* The clock, where the vDSO cannot read it. */
  ALLOW ("clock_gettime"),
  ALLOW ("exit"),
  ALLOW ("exit_group"),
  ALLOW ("getpid"),
  ALLOW_IF ("tgkill", EQ (2, SIGABRT)),
};

/* The decode reads the image on standard input and writes its reply and
 * diagnostics. Nothing else is opened: a library that looks for a file
 * now (a catalogue, a character set) is told it cannot read it. */
static const Rule decode_rules[] = {
  ALLOW_IF ("read", EQ (0, STDIN_FILENO)),
  ALLOW_IF ("write", EQ (0, STDOUT_FILENO)),
  ALLOW_IF ("write", EQ (0, STDERR_FILENO)),
  /* stdio asks what standard output is, and whether it is a terminal,
   * before it buffers it. */
  ALLOW_IF ("fstat", EQ (0, STDOUT_FILENO)),
  ALLOW_IF ("newfstatat", EQ (0, STDOUT_FILENO)),
  ALLOW_IF ("ioctl", EQ (1, TCGETS)),
  /* glibc's qsort (in zbar) asks how much memory the machine has. */
  ALLOW ("sysinfo"),
  /* GLib's log writer asks whether standard error is the journal. */
  ALLOW_IF ("getpeername", EQ (0, STDERR_FILENO)),
  REFUSE ("openat", EACCES),
};

/* The fetch: libsoup, GIO's resolver thread and TLS. (The proxy comes
 * from the app: GIO's settings-reading resolvers are never made here.) */
static const Rule fetch_rules[] = {
  /* Libraries loaded now (NSS modules for the resolver) map code from
   * the files they may read; anonymous memory is never executable. */
  ALLOW_IF ("mmap", NONE_OF (3, MAP_ANONYMOUS)),
  /* Files: read-only (hosts, resolv.conf, nsswitch.conf, gai.conf, the
   * CA bundle, NSS modules); nothing is created, truncated or written. */
  ALLOW_IF ("openat", NONE_OF (2, WRITE_FLAGS)),
  ALLOW ("read"),
  ALLOW ("pread64"),
  ALLOW ("write"),
  ALLOW ("close"),
  ALLOW ("lseek"),
  ALLOW ("fstat"),
  ALLOW ("newfstatat"),
  ALLOW ("fcntl"),
  ALLOW_IF ("ioctl", EQ (1, FIONREAD)),
  ALLOW_IF ("ioctl", EQ (1, TCGETS)),
  /* Sockets: TCP for the fetch, UDP for DNS (and for glibc to find the
   * source address of each answer) and a route netlink socket to learn
   * which address families the machine has (AI_ADDRCONFIG). A new Unix
   * socket is refused, not killed: it would reach the session bus, an X11
   * server or systemd, which could run code for us; glibc then does
   * without nscd and systemd-resolved. No raw sockets, no other
   * families, and nothing listens. */
  ALLOW_IF ("socket", EQ (0, AF_INET), MASKED_EQ (1, SOCK_TYPE_MASK, SOCK_STREAM)),
  ALLOW_IF ("socket", EQ (0, AF_INET), MASKED_EQ (1, SOCK_TYPE_MASK, SOCK_DGRAM)),
  ALLOW_IF ("socket", EQ (0, AF_INET6), MASKED_EQ (1, SOCK_TYPE_MASK, SOCK_STREAM)),
  ALLOW_IF ("socket", EQ (0, AF_INET6), MASKED_EQ (1, SOCK_TYPE_MASK, SOCK_DGRAM)),
  ALLOW_IF ("socket", EQ (0, AF_NETLINK), MASKED_EQ (1, SOCK_TYPE_MASK, SOCK_RAW),
            EQ (2, NETLINK_ROUTE)),
  REFUSE_IF ("socket", EACCES, EQ (0, AF_UNIX)),
  ALLOW ("bind"),
  ALLOW ("connect"),
  ALLOW ("getsockopt"),
  ALLOW ("setsockopt"),
  ALLOW ("getsockname"),
  ALLOW ("getpeername"),
  ALLOW ("sendto"),
  ALLOW ("sendmsg"),
  ALLOW ("sendmmsg"),
  ALLOW ("recvfrom"),
  ALLOW ("recvmsg"),
  /* The main loop and its wakeups: GLib 2.74 polls with poll(), newer
   * releases (the GNOME runtime's) with ppoll(). */
  ALLOW ("poll"),
  ALLOW ("ppoll"),
  ALLOW ("eventfd2"),
  /* GDBus ignores SIGPIPE in its worker thread. */
  ALLOW ("rt_sigaction"),
  /* Threads (GLib's worker, the resolver, TLS): clone only makes
   * threads; clone3 cannot be filtered by its flags, so glibc is told it
   * is missing and falls back to clone. GLib names its threads and gives
   * them its scheduling settings. */
  ALLOW_IF ("clone", ALL_OF (0, CLONE_THREAD)),
  REFUSE ("clone3", ENOSYS),
  ALLOW ("set_robust_list"),
  ALLOW ("rseq"),
  ALLOW ("gettid"),
  ALLOW_IF ("prctl", EQ (0, PR_SET_NAME)),
  ALLOW ("sched_getattr"),
  ALLOW ("sched_setattr"),
  /* GLib and GDBus ask who we are (the bus address, the user's name). */
  ALLOW ("getuid"),
  ALLOW ("geteuid"),
  ALLOW ("getgid"),
  ALLOW ("getegid"),
  /* The resolver reads the host's name. */
  ALLOW ("uname"),
  /* Sleeps and randomness (TLS, hash tables). */
  ALLOW ("clock_nanosleep"),
  ALLOW ("getrandom"),
};

#ifdef CONFINE_ASAN
/* The sanitizer build only: LeakSanitizer's check at exit. */
static const Rule asan_rules[] = {
  ALLOW_IF ("prctl", EQ (0, PR_GET_DUMPABLE)),
  ALLOW_IF ("prctl", EQ (0, PR_SET_DUMPABLE)),
  ALLOW_IF ("prctl", EQ (0, PR_SET_PTRACER)),
  ALLOW_IF ("prctl", EQ (0, PR_SET_PDEATHSIG)),
  ALLOW ("sched_getaffinity"),
  ALLOW ("sigaltstack"),
  ALLOW_IF ("clone", EQ (0, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_UNTRACED)),
  ALLOW ("sched_yield"),
  ALLOW ("gettid"),
  ALLOW ("getppid"),
  ALLOW ("ptrace"),
  ALLOW ("wait4"),
  ALLOW_IF ("open", NONE_OF (1, WRITE_FLAGS)),
  ALLOW ("getdents"),
  ALLOW ("lseek"),
  ALLOW ("read"),
  ALLOW ("close"),
  ALLOW ("rt_sigaction"),
};
#endif

static gboolean
add_rules (scmp_filter_ctx   filter,
           const Rule       *rules,
           gsize             n_rules,
           GError          **error)
{
  for (gsize i = 0; i < n_rules; i++)
    {
      int nr = seccomp_syscall_resolve_name (rules[i].name);
      guint n_args = 0;
      int rc;

      /* A system call this architecture does not have needs no rule. */
      if (nr == __NR_SCMP_ERROR)
        continue;
      while (n_args < G_N_ELEMENTS (rules[i].args) && rules[i].args[n_args].op != 0)
        n_args++;
      rc = seccomp_rule_add_array (filter, rules[i].action, nr, n_args, rules[i].args);
      if (rc < 0)
        {
          errno = -rc;
          return fail (error, rules[i].name);
        }
    }
  return TRUE;
}

#define ADD_RULES(filter, rules, error) \
  add_rules (filter, rules, G_N_ELEMENTS (rules), error)

static gboolean
add_mode_rules (scmp_filter_ctx        filter,
                CommunityConfineMode   mode,
                GError               **error)
{
  int rc;

  /* Other architectures' system calls (int 0x80) are killed too, and
   * the filter covers the threads that already run. */
  rc = seccomp_attr_set (filter, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  if (rc == 0)
    rc = seccomp_attr_set (filter, SCMP_FLTATR_CTL_TSYNC, 1);
  if (rc != 0)
    {
      errno = -rc;
      return fail (error, "seccomp_attr_set");
    }

  return ADD_RULES (filter, common_rules, error)
         && (mode == COMMUNITY_CONFINE_FETCH ? ADD_RULES (filter, fetch_rules, error)
                                             : ADD_RULES (filter, decode_rules, error))
#ifdef CONFINE_ASAN
         && ADD_RULES (filter, asan_rules, error)
#endif
         ;
}

static gboolean
load_filter (CommunityConfineMode   mode,
             GError               **error)
{
  scmp_filter_ctx filter = seccomp_init (SCMP_ACT_KILL_PROCESS);
  gboolean ok;
  int rc;

  if (filter == NULL)
    {
      errno = ENOSYS;
      return fail (error, "seccomp_init");
    }

  ok = add_mode_rules (filter, mode, error);
  if (ok && (rc = seccomp_load (filter)) != 0)
    {
      errno = -rc;
      ok = fail (error, "seccomp_load");
    }

  seccomp_release (filter);
  return ok;
}

gboolean
community_confine_filter (CommunityConfineMode   mode,
                          GError               **error)
{
  if (mode == COMMUNITY_CONFINE_FETCH)
    preload_fetch ();
  else
    preload_decode ();
  return limit_file_size (error) && load_filter (mode, error);
}

gboolean
community_confine_enter (CommunityConfineMode   mode,
                         GError               **error)
{
  return community_confine_limit (mode, error)
         && community_confine_filter (mode, error);
}
