/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-inspect-notices.h: `--notices FILE...`, for the maintainers
 * of the site's posts: what the app would show of each post, in plain
 * text with nothing a terminal acts on. Display-free. */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* Exit status of --notices. */
typedef enum
{
  COMMUNITY_INSPECT_NOTICES_OK      = 0,  /* every file is a post the app reads */
  COMMUNITY_INSPECT_NOTICES_REFUSED = 1,  /* the app refuses a post */
  COMMUNITY_INSPECT_NOTICES_INVALID = 2,  /* a file cannot be read, or none is given */
} CommunityInspectNoticesStatus;

/* Reads each of @paths as the post named by its file name (as it would
 * be listed in docs/_posts/), and prints on @out one line per post (shown
 * today, not shown and why, not a notice) and what would be over the
 * page; on @err why a post is refused or a file cannot be read. Returns
 * a CommunityInspectNoticesStatus. */
int community_inspect_notices_run (const char * const *paths,
                                   FILE               *out,
                                   FILE               *err);

G_END_DECLS
