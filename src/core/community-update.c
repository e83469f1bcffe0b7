/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-update.c: `--update`.
 *
 * The refresh is the window's own, run to its end: nothing of it is
 * specific to the command line except the one line it prints. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-text.h"
#include "community-update.h"

static void
print_outcome (CommunityLivePage      *live,
               CommunityRefreshStatus  status,
               gboolean                changed,
               const GError           *error,
               FILE                   *out,
               FILE                   *err)
{
  const char *source = community_live_page_get_source (live);
  const char *sha256 = community_live_page_get_sha256 (live);
  gboolean bundled = community_live_page_get_origin (live) == COMMUNITY_PAGE_ORIGIN_BUNDLED;
  g_autofree char *line = NULL;

  switch (status)
    {
    case COMMUNITY_REFRESH_CURRENT:
      line = g_strdup_printf (changed
                              /* Translators: the address of the page's source, then
                               * the sha256 of the page. */
                              ? _("Updated: the page from %s (sha256 %s)")
                              : _("Unchanged: the page from %s (sha256 %s)"),
                              source != NULL ? source : "", sha256);
      community_text_print_line (out, line);
      return;
    case COMMUNITY_REFRESH_REFUSED:
      line = g_strdup_printf (bundled
                              /* Translators: %s says why the fetched page was refused. */
                              ? _("Refused: %s; kept the bundled copy")
                              : _("Refused: %s; kept the saved copy"),
                              error->message);
      break;
    case COMMUNITY_REFRESH_NOT_SAVED:
      /* Translators: %s says why the page could not be saved. */
      line = g_strdup_printf (_("Not saved: %s"), error->message);
      break;
    case COMMUNITY_REFRESH_UNREACHABLE:
    default:
      /* Translators: %s says why no source gave the page. */
      line = g_strdup_printf (_("No source reachable: %s"), error->message);
      break;
    }
  community_text_print_line (err, line);
}

int
community_update_run_page (CommunityLivePage *live,
                           FILE              *out,
                           FILE              *err)
{
  g_autoptr(GError) error = NULL;
  CommunityRefreshStatus status;
  gboolean changed = FALSE;

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (live), COMMUNITY_REFRESH_UNREACHABLE);
  g_return_val_if_fail (out != NULL && err != NULL, COMMUNITY_REFRESH_UNREACHABLE);

  if (community_live_page_refresh_sync (live, &changed, &error))
    status = COMMUNITY_REFRESH_CURRENT;
  else if (error->domain == COMMUNITY_REFRESH_ERROR)
    status = error->code;
  else
    status = COMMUNITY_REFRESH_UNREACHABLE;
  print_outcome (live, status, changed, error, out, err);
  fflush (out);
  fflush (err);

  return status;
}

int
community_update_run (const char * const *sources,
                      const char         *cache_dir,
                      FILE               *out,
                      FILE               *err)
{
  g_autoptr(CommunityLivePage) live = community_live_page_new (cache_dir);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (out != NULL && err != NULL, COMMUNITY_REFRESH_UNREACHABLE);

  if (!community_live_page_load_local (live, &error))
    {
      community_text_print_line (err, error->message);
      return COMMUNITY_REFRESH_UNREACHABLE;
    }

  community_live_page_set_sources (live, sources);
  return community_update_run_page (live, out, err);
}
