/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A page validator for test-page-load, with the protocol of
 * `jpom-community --inspect -` (see community_page_set_validator_argv())
 * and what the tests need besides: it writes its process ID to a file,
 * can skip the shape checks so that cmark's slow shapes reach cmark, and
 * waits longer than the app would, so that only the loader's kill ends it.
 *
 * Usage: page-check [--pid-file FILE] [--no-shape-check] [--timeout-ms N] */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "community-page-loader.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *pid_file = NULL;
  gboolean no_shape_check = FALSE;
  int timeout_ms = 60000;
  const GOptionEntry entries[] = {
    { "pid-file", 0, 0, G_OPTION_ARG_FILENAME, &pid_file, NULL, NULL },
    { "no-shape-check", 0, 0, G_OPTION_ARG_NONE, &no_shape_check, NULL, NULL },
    { "timeout-ms", 0, 0, G_OPTION_ARG_INT, &timeout_ms, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return 64;
  if (pid_file != NULL && !g_file_set_contents (pid_file, pid, -1, &error))
    return 65;

  page = community_page_load_file_sync_full ("-",
                                             no_shape_check ? COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK : 0,
                                             timeout_ms, &error);
  if (page != NULL)
    return 0;
  if (g_error_matches (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT))
    return 3;
  return 2;
}
