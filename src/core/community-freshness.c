/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-freshness.c: the age of the shown page, in words. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-freshness.h"

/* Whole calendar days from @then to @now, in local time. */
static int
days_between (GDateTime *then,
              GDateTime *now)
{
  g_autoptr(GDateTime) local_then = g_date_time_to_local (then);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  GDate date_then, date_now;
  int year, month, day;

  g_date_clear (&date_then, 1);
  g_date_clear (&date_now, 1);
  g_date_time_get_ymd (local_then, &year, &month, &day);
  g_date_set_dmy (&date_then, day, month, year);
  g_date_time_get_ymd (local_now, &year, &month, &day);
  g_date_set_dmy (&date_now, day, month, year);

  return MAX (0, g_date_days_between (&date_then, &date_now));
}

static char *
describe_updated (int days)
{
  if (days == 0)
    return g_strdup (_("Updated today"));
  if (days == 1)
    return g_strdup (_("Updated yesterday"));

  /* Translators: how fresh the shown page is; %d is a number of days */
  return g_strdup_printf (ngettext ("Updated %d day ago",
                                    "Updated %d days ago", days), days);
}

static char *
describe_saved_offline (int days)
{
  if (days == 0)
    return g_strdup (_("Saved copy from today, offline"));
  if (days == 1)
    return g_strdup (_("Saved copy from yesterday, offline"));

  /* Translators: how fresh the shown page is when the app cannot reach the
   * community's site; %d is a number of days */
  return g_strdup_printf (ngettext ("Saved copy from %d day ago, offline",
                                    "Saved copy from %d days ago, offline", days), days);
}

char *
community_freshness_describe (CommunityPageOrigin  origin,
                                        GDateTime           *checked_at,
                                        GDateTime           *now,
                                        gboolean             offline)
{
  g_return_val_if_fail (now != NULL, NULL);

  if (origin == COMMUNITY_PAGE_ORIGIN_BUNDLED)
    return g_strdup (offline
                     /* Translators: the shown page is the one the app was built with */
                     ? _("Bundled copy, offline")
                     /* Translators: the shown page is the one the app was built with */
                     : _("Bundled copy"));
  if (checked_at == NULL)
    return g_strdup (offline ? _("Saved copy, offline") : _("Saved copy"));
  if (offline)
    return describe_saved_offline (days_between (checked_at, now));

  return describe_updated (days_between (checked_at, now));
}

char *
community_freshness_describe_offline (CommunityPageOrigin  origin,
                                      GDateTime           *checked_at,
                                      GDateTime           *now)
{
  int days;

  g_return_val_if_fail (now != NULL, NULL);

  if (origin == COMMUNITY_PAGE_ORIGIN_BUNDLED)
    /* Translators: the notice across the top of the window when the
     * community's site cannot be reached */
    return g_strdup (_("Offline — bundled copy"));
  if (checked_at == NULL)
    return g_strdup (_("Offline — saved copy"));

  days = days_between (checked_at, now);
  if (days == 0)
    return g_strdup (_("Offline — saved copy from today"));
  if (days == 1)
    return g_strdup (_("Offline — saved copy from yesterday"));

  /* Translators: the notice across the top of the window when the
   * community's site cannot be reached; %d is a number of days */
  return g_strdup_printf (ngettext ("Offline — saved copy from %d day ago",
                                    "Offline — saved copy from %d days ago", days), days);
}
