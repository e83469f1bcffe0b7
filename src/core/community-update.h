/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-update.h: `--update`, a refresh of the live page without a
 * window, for the command line and for tests. Display-free. */
#pragma once

#include <stdio.h>

#include "community-live-page.h"

G_BEGIN_DECLS

/* Loads the local copy from @cache_dir (NULL: the user's cache), fetches
 * the page from @sources (NULL or empty: none, offline) now, validates
 * and saves it, and prints one line saying what happened, with no
 * control or bidi character in it: on @out when the cache now holds the
 * current page, else on @err. Returns the CommunityRefreshStatus: 0
 * current (updated or unchanged, and saved), 1 refused (the old copy
 * kept), 2 no source reached, 3 the current page could not be saved. */
int   community_update_run      (const char * const *sources,
                                 const char         *cache_dir,
                                 FILE               *out,
                                 FILE               *err);

/* The same on a live page the caller set up (timeouts, sources), after
 * its load_local(). */
int   community_update_run_page (CommunityLivePage  *live,
                                 FILE               *out,
                                 FILE               *err);

G_END_DECLS
