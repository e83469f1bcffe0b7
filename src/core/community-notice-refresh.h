/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-refresh.h: the refresh of the community's notices,
 * beside the page's own (community-refresh.h) and separate from it: its
 * own sources, time limit and outcome, so that neither waits for the
 * other and a failure of one never touches the other.
 *
 * It reads GitHub's list of the posts from the first listing source
 * that gives a valid one, then fetches each listed post it does not know
 * by its blob hash from the page's docs roots (_posts/NAME, built by
 * community_fetch_build_url()), checks that its bytes have the listed
 * hash, reads its front matter, and saves the new set with the page
 * cache. A list that cannot be read changes nothing; a post that cannot
 * be fetched or read keeps what was known of it. Display-free; only the
 * notices model (community-notices.h) runs it. */
#pragma once

#include "community-fetch.h"
#include "community-page-cache.h"
#include "community-refresh.h"

G_BEGIN_DECLS

/* The posts, relative to a docs root. */
#define COMMUNITY_NOTICE_REFRESH_POSTS_DIR "_posts"
/* At most this many posts are fetched in one refresh; the others are
 * fetched by the next ones. */
#define COMMUNITY_NOTICE_REFRESH_MAX_FETCHES 30
/* A whole refresh of the notices (the list and every post) ends within
 * this time; posts not fetched by then keep what was known of them. */
#define COMMUNITY_NOTICE_REFRESH_TIMEOUT_MS (60 * 1000)

/* How a refresh of the notices ended. */
typedef struct
{
  /* CURRENT: a list was read (whatever became of each post);
   * REFUSED: every list that came was refused; UNREACHABLE: none came;
   * NOT_SAVED: the new set could not be written. */
  CommunityRefreshStatus  status;
  GError                 *error;     /* COMMUNITY_REFRESH_ERROR, code = status;
                                      * or G_IO_ERROR_CANCELLED; NULL when current */
  /* The new set (community-notice-set.h), or NULL when the known one
   * stays. */
  GPtrArray              *set;
  /* Element type char *: what was refused or not read, for the user
   * (entries of the list, posts), at most
   * COMMUNITY_NOTICE_LISTING_MAX_NAMED named, then counted. */
  GPtrArray              *problems;
  GDateTime              *checked_at;  /* when the list was read, or NULL */
} CommunityNoticeRefreshOutcome;

void community_notice_refresh_outcome_free (CommunityNoticeRefreshOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityNoticeRefreshOutcome, community_notice_refresh_outcome_free)

/* Runs a refresh from the listing URLs @listings and the docs roots
 * @roots (NULL or empty: none) with @fetcher, for the known set @known,
 * saving into @cache. Everything ends within @timeout_ms, or when
 * @cancellable is cancelled. */
void                           community_notice_refresh_run_async  (CommunityPageCache  *cache,
                                                                    CommunityFetcher    *fetcher,
                                                                    const char * const  *listings,
                                                                    const char * const  *roots,
                                                                    GPtrArray           *known,
                                                                    guint                timeout_ms,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
CommunityNoticeRefreshOutcome *community_notice_refresh_run_finish (GAsyncResult        *result);

G_END_DECLS
