/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-inspect-notices.c: `--notices`. Each post is read as a
 * fetched one would be; the lines printed are made safe for a terminal. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-inspect-notices.h"
#include "community-notice.h"
#include "community-page-loader.h"
#include "community-text.h"

static void
print_notice (const CommunityNotice *notice,
              const GDate           *date,
              FILE                  *out)
{
  g_autofree char *shown = community_notice_describe (notice);
  g_autofree char *line = NULL;

  if (community_notice_is_current (notice, date))
    /* Translators: --notices output: a post's file name, then the banner
     * text the app shows for it */
    line = g_strdup_printf (_("%s: shown: %s"), notice->name, shown);
  else
    /* Translators: --notices output: a post's file name, then the banner
     * text; the post is older than a year, or dated in the future */
    line = g_strdup_printf (_("%s: not shown today (too old, or not yet published): %s"),
                            notice->name, shown);
  community_text_print_line (out, line);

  g_clear_pointer (&line, g_free);
  if (notice->url != NULL)
    /* Translators: --notices output: the address the notice's button opens */
    line = g_strdup_printf (_("  opens %s"), notice->url);
  else
    line = g_strdup (_("  has no permalink: no button to open it"));
  community_text_print_line (out, line);
}

/* Reads and prints one post, adding it to @notices when it is one.
 * Returns its CommunityInspectNoticesStatus. */
static int
inspect_post (const char  *path,
              const GDate *date,
              GPtrArray   *notices,
              FILE        *out,
              FILE        *err)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  bytes = community_page_read_file (file, &error);
  if (bytes == NULL)
    {
      community_text_print_line (err, error->message);
      return COMMUNITY_INSPECT_NOTICES_INVALID;
    }

  notice = community_notice_new_from_post (name, bytes, &error);
  if (g_error_matches (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_NOT_A_NOTICE))
    {
      /* Translators: --notices output: %s is a post's file name */
      line = g_strdup_printf (_("%s: not a notice (no tag 公告, no category 通知)"), name);
      community_text_print_line (out, line);
      return COMMUNITY_INSPECT_NOTICES_OK;
    }
  if (notice == NULL)
    {
      /* Translators: --notices output: why the app refuses a post */
      line = g_strdup_printf (_("Refused: %s"), error->message);
      community_text_print_line (err, line);
      return COMMUNITY_INSPECT_NOTICES_REFUSED;
    }

  print_notice (notice, date, out);
  g_ptr_array_add (notices, g_steal_pointer (&notice));
  return COMMUNITY_INSPECT_NOTICES_OK;
}

/* The notice over the page: the newest current one. */
static void
print_banner (GPtrArray   *notices,
              const GDate *date,
              FILE        *out)
{
  g_autofree char *line = NULL;

  g_ptr_array_sort (notices, community_notice_compare);
  for (guint i = 0; i < notices->len && line == NULL; i++)
    {
      CommunityNotice *notice = g_ptr_array_index (notices, i);
      g_autofree char *shown = NULL;

      if (!community_notice_is_current (notice, date))
        continue;
      shown = community_notice_describe (notice);
      /* Translators: --notices output: the banner the app shows over the page */
      line = g_strdup_printf (_("Over the page: %s"), shown);
    }
  community_text_print_line (out, line != NULL ? line : _("Over the page: no notice"));
}

int
community_inspect_notices_run (const char * const *paths,
                               FILE               *out,
                               FILE               *err)
{
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func ((GDestroyNotify) community_notice_unref);
  g_autoptr(GDate) date = community_notice_today ();
  int status = COMMUNITY_INSPECT_NOTICES_OK;

  g_return_val_if_fail (out != NULL && err != NULL, COMMUNITY_INSPECT_NOTICES_INVALID);

  if (paths == NULL || paths[0] == NULL)
    {
      community_text_print_line (err, _("--notices needs the post files to read"));
      return COMMUNITY_INSPECT_NOTICES_INVALID;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      int post_status = inspect_post (paths[i], date, notices, out, err);

      status = MAX (status, post_status);
    }
  print_banner (notices, date, out);
  fflush (out);

  return status;
}
