/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "community-application.h"
#include "community-page.h"

/* Pages that are not ours (--page, a fetched page) are parsed first by
 * this same program's --inspect in a child process, which is killed at the
 * time limit: cmark cannot be interrupted, and a thread would go on
 * burning a core. Only the app sets this; tests that link the library
 * keep the in-thread bound. */
static void
use_self_as_validator (void)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--inspect", "-", NULL };

  if (self_exe != NULL)
    community_page_set_validator_argv (argv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CommunityApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  use_self_as_validator ();
  app = community_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
