/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "community-application.h"
#include "community-net-helper.h"
#include "community-page-loader.h"

/* Pages that are not ours (--page, a fetched page) are parsed first by
 * this same program's --inspect in a child process, which is killed at the
 * time limit: cmark cannot be interrupted, and a thread would go on
 * burning a core. Only the app sets this; tests that link the library
 * keep the in-thread bound. */
static void
use_self_as_validator (const char *self_exe)
{
  const char *argv[] = { self_exe, "--inspect", "-", NULL };

  community_page_set_validator_argv (argv);
}

/* In the build tree the network helper is next to the app; installed, it
 * is in libexecdir, the default. */
static void
find_net_helper (const char *self_exe)
{
  g_autofree char *dir = g_path_get_dirname (self_exe);
  g_autofree char *sibling = g_build_filename (dir, "jpom-community-net", NULL);

  if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
    community_net_helper_set_path (sibling);
}

/* glibc gives each thread that allocates an arena of its own, up to
 * eight per core. The app's threads (GTK's, Pango's, GDBus's, the icon
 * theme's and GTask's) allocate little and seldom at the same time: two
 * arenas save about half a MiB of resident memory. */
static void
limit_malloc_arenas (void)
{
#ifdef M_ARENA_MAX
  mallopt (M_ARENA_MAX, 2);
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CommunityApplication) app = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  limit_malloc_arenas ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (self_exe != NULL)
    {
      use_self_as_validator (self_exe);
      find_net_helper (self_exe);
    }
  app = community_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
