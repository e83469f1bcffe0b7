/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-inspect.h: --inspect, the page's model as JSON for the page's
 * maintainers and for tests. Display-free. */
#pragma once

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "community-page.h"

G_BEGIN_DECLS

/* Exit status of --inspect. */
typedef enum
{
  COMMUNITY_INSPECT_OK         = 0,  /* the page gives what the app needs */
  COMMUNITY_INSPECT_INCOMPLETE = 1,  /* it parses, but lacks something */
  COMMUNITY_INSPECT_INVALID    = 2,  /* it cannot be read or parsed */
  COMMUNITY_INSPECT_TIMED_OUT  = 3,  /* parsing it took too long */
} CommunityInspectStatus;

/* Loads @path_or_dash ("-" for standard input) with the time bound,
 * prints the model as pretty JSON on @out, and problems on @err, one a
 * line. Returns a CommunityInspectStatus. */
int       community_inspect_run   (const char    *path_or_dash,
                                   FILE          *out,
                                   FILE          *err);

/* The JSON object --inspect prints for @page. @problems (nullable) gets
 * one line for each thing the app needs and the page lacks. */
JsonNode *community_inspect_build (CommunityPage *page,
                                   GPtrArray     *problems);

G_END_DECLS
