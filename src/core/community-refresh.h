/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-refresh.h: what a refresh of the live page is (where it looks,
 * how long it may take, how it ends) and the state machine behind
 * community_live_page_refresh_async(). It tries each source in
 * turn: a conditional GET of the page, then the checks (size and UTF-8
 * while reading, a bounded parse, a complete join model, a QR payload from
 * the table, the payload cache or the image itself, decoded); a page that
 * passes them all is saved. It owns nothing the live page shows: its
 * outcome says what to show, and the live page shows it. Display-free;
 * only the live page runs it. */
#pragma once

#include "community-fetch.h"
#include "community-join.h"
#include "community-page-cache.h"

G_BEGIN_DECLS

/* The page, relative to a docs root (before percent-encoding). */
#define COMMUNITY_REFRESH_PAGE_PATH "支持/110.加入社群.md"
/* A site path "/images/x" is the file ".vuepress/public/images/x" under a
 * docs root. */
#define COMMUNITY_REFRESH_PUBLIC_DIR ".vuepress/public"
/* A fetched QR image larger than this is refused. */
#define COMMUNITY_REFRESH_MAX_IMAGE_SIZE (2 * 1024 * 1024)
/* A whole refresh (every source, the page, its QR image and its decoding)
 * ends within this time: what has not come by then counts as
 * unreachable. */
#define COMMUNITY_REFRESH_TIMEOUT_MS (45 * 1000)

/* What a refresh did; also the exit status of --update. */
typedef enum
{
  COMMUNITY_REFRESH_CURRENT     = 0,  /* the shown page is current: updated
                                       * or unchanged (304, same bytes) */
  COMMUNITY_REFRESH_REFUSED     = 1,  /* a page came, was invalid, and the
                                       * old copy was kept */
  COMMUNITY_REFRESH_UNREACHABLE = 2,  /* no source answered */
  COMMUNITY_REFRESH_NOT_SAVED   = 3,  /* the current page came but could
                                       * not be saved (a folder that
                                       * cannot be written, a full disk);
                                       * it is shown all the same */
} CommunityRefreshStatus;

/* The error domain of community_live_page_refresh_finish(); the codes
 * equal the status. */
#define COMMUNITY_REFRESH_ERROR (community_refresh_error_quark ())

typedef enum
{
  COMMUNITY_REFRESH_ERROR_REFUSED     = COMMUNITY_REFRESH_REFUSED,
  COMMUNITY_REFRESH_ERROR_UNREACHABLE = COMMUNITY_REFRESH_UNREACHABLE,
  COMMUNITY_REFRESH_ERROR_NOT_SAVED   = COMMUNITY_REFRESH_NOT_SAVED,
} CommunityRefreshError;

typedef enum
{
  COMMUNITY_REFRESH_FLAGS_NONE   = 0,
  /* The user asked for it (Refresh, Ctrl+R): observers tell every
   * outcome, not only a refused page. */
  COMMUNITY_REFRESH_FLAGS_MANUAL = 1 << 0,
} CommunityRefreshFlags;

GQuark community_refresh_error_quark (void);

/* Why a refresh reached no source, as its error: the first refusal
 * (@refused, nullable) when a source gave something it refused, else
 * every reason in @unreachable (char *) joined, else @none. The code
 * is the status. */
GError *community_refresh_no_source_error (const char *refused,
                                           GPtrArray  *unreachable,
                                           const char *none);
/* "The refresh did not finish within N seconds", for @timeout_ms. */
char   *community_refresh_describe_timeout (guint      timeout_ms);

/* What the live page shows when the refresh starts. */
typedef struct
{
  const CommunityCachedPage *saved;   /* NULL for the bundled page */
  const char                *sha256;
} CommunityRefreshShown;

/* How a refresh ended. */
typedef struct
{
  CommunityRefreshStatus  status;
  GError                 *error;    /* COMMUNITY_REFRESH_ERROR, code = status;
                                     * or G_IO_ERROR_CANCELLED; NULL when current */
  /* A new page to show, with its join model, or NULL. */
  CommunityPage          *page;
  CommunityJoin          *join;
  /* The cache entry of the page to show now (the new one, or the shown
   * one with a newer check time), or NULL when nothing changed. */
  CommunityCachedPage    *saved;
} CommunityRefreshOutcome;

void community_refresh_outcome_free (CommunityRefreshOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityRefreshOutcome, community_refresh_outcome_free)

/* Runs a refresh from @sources (NULL or empty: none) with @fetcher,
 * saving into @cache, for the page @shown. Everything ends within
 * @timeout_ms, or when @cancellable is cancelled. */
void                     community_refresh_run_async  (CommunityPageCache          *cache,
                                                       CommunityFetcher            *fetcher,
                                                       const char * const          *sources,
                                                       const CommunityRefreshShown *shown,
                                                       guint                        timeout_ms,
                                                       GCancellable                *cancellable,
                                                       GAsyncReadyCallback          callback,
                                                       gpointer                     user_data);
CommunityRefreshOutcome *community_refresh_run_finish (GAsyncResult                *result);

G_END_DECLS
