/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-refresh.c: the notices' refresh, step by step.
 *
 * try_next_listing() → listing_fetched_cb() → plan_posts() →
 * (fetch_next_post() → try_next_root() → post_fetched_cb())* →
 * finish_with_set(). A listing source that fails hands over to the next;
 * a docs root that fails a post hands over to the next root, and one
 * that is out of reach is not asked again in this refresh. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-deadline.h"
#include "community-notice-listing.h"
#include "community-notice-refresh.h"
#include "community-notice-set.h"
#include "community-page.h"

typedef struct
{
  GTask                     *task;
  CommunityPageCache        *cache;
  CommunityFetcher          *fetcher;
  GStrv                      listings;
  guint                      next_listing;
  GStrv                      roots;
  GPtrArray                 *known;        /* the set shown: read, never changed */
  CommunityDeadline         *deadline;     /* the caller's cancellable, or the time limit */
  guint                      timeout_ms;

  /* The list. */
  GPtrArray                 *unreachable;  /* char *: why each listing source failed */
  char                      *refused;      /* the first list refused */
  CommunityNoticeListing    *listing;
  GDateTime                 *checked_at;

  /* The posts. */
  GPtrArray                 *set;          /* the new set */
  GQueue                     queue;        /* CommunityListedPost *, of the listing */
  const CommunityListedPost *post;         /* being fetched */
  guint                      next_root;
  GHashTable                *dead_roots;   /* roots out of reach in this refresh */
  char                      *post_error;   /* why the post failed at the last root */
  gboolean                   post_differs; /* a root gave other bytes than listed */

  GPtrArray                 *problems;     /* char * */
  guint                      n_unnamed;    /* problems past the named ones */
} NoticeJob;

void
community_notice_refresh_outcome_free (CommunityNoticeRefreshOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->set, g_ptr_array_unref);
  g_clear_pointer (&outcome->problems, g_ptr_array_unref);
  g_clear_pointer (&outcome->checked_at, g_date_time_unref);
  g_free (outcome);
}

static void
notice_job_free (NoticeJob *job)
{
  g_clear_pointer (&job->listings, g_strfreev);
  g_clear_pointer (&job->roots, g_strfreev);
  g_clear_pointer (&job->known, g_ptr_array_unref);
  g_clear_pointer (&job->deadline, community_deadline_free);
  g_clear_pointer (&job->unreachable, g_ptr_array_unref);
  g_clear_pointer (&job->refused, g_free);
  g_clear_pointer (&job->listing, community_notice_listing_free);
  g_clear_pointer (&job->checked_at, g_date_time_unref);
  g_clear_pointer (&job->set, g_ptr_array_unref);
  g_queue_clear (&job->queue);
  g_clear_pointer (&job->dead_roots, g_hash_table_unref);
  g_clear_pointer (&job->post_error, g_free);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_object (&job->cache);
  g_clear_object (&job->fetcher);
  g_free (job);
}

static GCancellable *
job_cancellable (NoticeJob *job)
{
  return community_deadline_get_cancellable (job->deadline);
}

static void
add_problem (NoticeJob *job,
             char      *problem)
{
  if (job->problems->len < COMMUNITY_NOTICE_LISTING_MAX_NAMED)
    g_ptr_array_add (job->problems, problem);
  else
    {
      job->n_unnamed++;
      g_free (problem);
    }
}

/* Ending. */

static void
finish (NoticeJob              *job,
        CommunityRefreshStatus  status,
        GError                 *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&job->task);
  CommunityNoticeRefreshOutcome *outcome = g_new0 (CommunityNoticeRefreshOutcome, 1);

  if (job->n_unnamed > 0)
    g_ptr_array_add (job->problems,
                     /* Translators: %u is a number of entries or posts */
                     g_strdup_printf (ngettext ("And %u more entry or post was not read",
                                                "And %u more entries or posts were not read",
                                                job->n_unnamed), job->n_unnamed));
  outcome->status = status;
  outcome->error = error;
  outcome->set = g_steal_pointer (&job->set);
  outcome->problems = g_steal_pointer (&job->problems);
  outcome->checked_at = g_steal_pointer (&job->checked_at);
  g_task_return_pointer (task, outcome, (GDestroyNotify) community_notice_refresh_outcome_free);
  notice_job_free (job);
}

/* No listing source gave a list: the first refusal, or every reason. */
static void
finish_no_listing (NoticeJob *job)
{
  GError *error = community_refresh_no_source_error (job->refused, job->unreachable,
                                                     _("No source for the announcements is set"));

  g_clear_pointer (&job->set, g_ptr_array_unref);
  if (job->refused != NULL)
    add_problem (job, g_strdup (job->refused));
  finish (job, error->code, error);
}

/* The list was read: save the new set. */
static void
finish_with_set (NoticeJob *job)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  community_notice_set_trim (job->set);
  bytes = community_notice_set_to_json (job->set);
  if (community_page_cache_store_notices (job->cache, bytes, job->checked_at, &error))
    {
      finish (job, COMMUNITY_REFRESH_CURRENT, NULL);
      return;
    }

  finish (job, COMMUNITY_REFRESH_NOT_SAVED,
          g_error_new (COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_NOT_SAVED,
                       /* Translators: %s says why they could not be written to disk */
                       _("The announcements could not be saved: %s"), error->message));
}

/* What was known of the post @name stays in the new set. */
static void
keep_known (NoticeJob  *job,
            const char *name)
{
  CommunityNoticeEntry *known = community_notice_set_find (job->known, name);

  if (known != NULL && community_notice_set_find (job->set, name) == NULL)
    g_ptr_array_add (job->set, community_notice_entry_new (known->name, known->sha,
                                                           known->notice));
}

static void
keep_unfetched (NoticeJob *job)
{
  if (job->post != NULL)
    keep_known (job, job->post->name);
  for (GList *l = job->queue.head; l != NULL; l = l->next)
    keep_known (job, ((CommunityListedPost *) l->data)->name);
  g_queue_clear (&job->queue);
  job->post = NULL;
}

/* Cancelled by the caller: nothing changes. At the time limit: the list
 * was read, so what was fetched by then is kept and saved. */
static gboolean
finish_if_cancelled (NoticeJob    *job,
                     const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  if (!community_deadline_has_passed (job->deadline))
    {
      g_clear_pointer (&job->set, g_ptr_array_unref);
      finish (job, COMMUNITY_REFRESH_UNREACHABLE, g_error_copy (error));
      return TRUE;
    }

  /* No list yet: the time limit is why none came. */
  if (job->set == NULL)
    {
      g_ptr_array_add (job->unreachable, community_refresh_describe_timeout (job->timeout_ms));
      finish_no_listing (job);
      return TRUE;
    }

  add_problem (job, community_refresh_describe_timeout (job->timeout_ms));
  keep_unfetched (job);
  finish_with_set (job);
  return TRUE;
}

/* The posts. */

static void fetch_next_post (NoticeJob *job);
static void try_next_root   (NoticeJob *job);

/* The post could not be had: say why, keep what was known of it. */
static void
post_failed (NoticeJob *job,
             char      *problem)
{
  add_problem (job, problem);
  keep_known (job, job->post->name);
  fetch_next_post (job);
}

static void
read_post (NoticeJob *job,
           GBytes    *bytes)
{
  const CommunityListedPost *post = job->post;
  g_autoptr(CommunityNotice) notice = NULL;
  g_autoptr(GError) error = NULL;

  notice = community_notice_new_from_post (post->name, bytes, &error);
  if (notice == NULL && !g_error_matches (error, COMMUNITY_NOTICE_ERROR,
                                          COMMUNITY_NOTICE_ERROR_NOT_A_NOTICE))
    {
      post_failed (job, g_strdup (error->message));
      return;
    }

  g_ptr_array_add (job->set, community_notice_entry_new (post->name, post->sha, notice));
  fetch_next_post (job);
}

/* A root that cannot be reached at all is not asked for the next posts. */
static gboolean
is_out_of_reach (const GError *error)
{
  return g_error_matches (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_NETWORK)
         || g_error_matches (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_TIMED_OUT)
         || g_error_matches (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_BAD_ADDRESS)
         || g_error_matches (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_INSECURE);
}

static void
post_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  NoticeJob *job = data;
  const char *root = job->roots[job->next_root - 1];
  g_autoptr(CommunityFetchResult) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;

  fetched = community_fetcher_fetch_finish (COMMUNITY_FETCHER (object), result, &error);
  if (fetched == NULL)
    {
      if (finish_if_cancelled (job, error))
        return;
      if (is_out_of_reach (error))
        g_hash_table_add (job->dead_roots, g_strdup (root));
      g_free (job->post_error);
      job->post_error = g_strdup (error->message);
      try_next_root (job);
      return;
    }

  /* Another version than the list names, such as a mirror's older copy:
   * another root may have the listed one. */
  sha = community_notice_listing_blob_sha (fetched->body);
  if (!g_str_equal (sha, job->post->sha))
    {
      job->post_differs = TRUE;
      try_next_root (job);
      return;
    }

  read_post (job, fetched->body);
}

static void
try_next_root (NoticeJob *job)
{
  const char *name = job->post->name;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  while (job->roots != NULL && job->roots[job->next_root] != NULL
         && g_hash_table_contains (job->dead_roots, job->roots[job->next_root]))
    job->next_root++;

  if (job->roots == NULL || job->roots[job->next_root] == NULL)
    {
      if (job->post_differs)
        /* Translators: %s is a post's file name */
        post_failed (job, g_strdup_printf (_("The post “%s” at the sources is not the one "
                                             "listed; a mirror may be behind"), name));
      else
        /* Translators: a post's file name, then why it could not be fetched */
        post_failed (job, g_strdup_printf (_("The post “%s” could not be fetched: %s"), name,
                                           job->post_error != NULL ? job->post_error
                                                                   : _("no page source is set")));
      return;
    }

  path = g_build_path ("/", COMMUNITY_NOTICE_REFRESH_POSTS_DIR, name, NULL);
  url = community_fetch_build_url (job->roots[job->next_root++], path);
  community_fetcher_fetch_async (job->fetcher, url, NULL, NULL, COMMUNITY_PAGE_MAX_SIZE,
                                 job_cancellable (job), post_fetched_cb, job);
}

static void
fetch_next_post (NoticeJob *job)
{
  job->post = g_queue_pop_head (&job->queue);
  if (job->post == NULL)
    {
      finish_with_set (job);
      return;
    }

  job->next_root = 0;
  job->post_differs = FALSE;
  g_clear_pointer (&job->post_error, g_free);
  try_next_root (job);
}

/* The list. */

static void
add_listing_problems (NoticeJob *job)
{
  CommunityNoticeListing *listing = job->listing;
  guint unnamed = listing->n_refused - listing->refused->len;

  for (guint i = 0; i < listing->refused->len; i++)
    add_problem (job, g_strdup (g_ptr_array_index (listing->refused, i)));
  job->n_unnamed += unnamed;
  if (listing->truncated)
    add_problem (job,
                 /* Translators: both are numbers of entries in the list of posts */
                 g_strdup_printf (ngettext ("The list of posts names %u entry; only the first "
                                            "%u were read",
                                            "The list of posts names %u entries; only the "
                                            "first %u were read", listing->n_entries),
                                  listing->n_entries, COMMUNITY_NOTICE_LISTING_MAX_ENTRIES));
}

/* What each listed post needs: nothing when it is known by its hash, a
 * fetch otherwise (at most COMMUNITY_NOTICE_REFRESH_MAX_FETCHES). */
static void
plan_posts (NoticeJob *job)
{
  GPtrArray *posts = job->listing->posts;
  guint deferred = 0;

  for (guint i = 0; i < posts->len; i++)
    {
      CommunityListedPost *post = g_ptr_array_index (posts, i);
      CommunityNoticeEntry *known = community_notice_set_find (job->known, post->name);

      if (known != NULL && g_strcmp0 (known->sha, post->sha) == 0)
        keep_known (job, post->name);
      else if (job->queue.length < COMMUNITY_NOTICE_REFRESH_MAX_FETCHES)
        g_queue_push_tail (&job->queue, post);
      else
        {
          keep_known (job, post->name);
          deferred++;
        }
    }

  if (deferred > 0)
    add_problem (job,
                 /* Translators: %u is a number of posts */
                 g_strdup_printf (ngettext ("%u more post is fetched by the next refreshes",
                                            "%u more posts are fetched by the next refreshes",
                                            deferred), deferred));
}

/* A list that was not read whole cannot say that a post is gone. */
static void
keep_unlisted (NoticeJob *job)
{
  for (guint i = 0; job->listing->truncated && i < job->known->len; i++)
    keep_known (job, ((CommunityNoticeEntry *) g_ptr_array_index (job->known, i))->name);
}

static void try_next_listing (NoticeJob *job);

static void
listing_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      data)
{
  NoticeJob *job = data;
  g_autoptr(CommunityFetchResult) fetched = NULL;
  g_autoptr(GError) error = NULL;

  fetched = community_fetcher_fetch_finish (COMMUNITY_FETCHER (object), result, &error);
  if (fetched != NULL)
    job->listing = community_notice_listing_parse (fetched->body, &error);
  if (job->listing == NULL)
    {
      if (finish_if_cancelled (job, error))
        return;
      if (fetched != NULL || community_fetch_error_broke_helper (error)
          || g_error_matches (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_TOO_LARGE))
        {
          if (job->refused == NULL)
            job->refused = g_strdup (error->message);
        }
      else
        g_ptr_array_add (job->unreachable, g_strdup (error->message));
      try_next_listing (job);
      return;
    }

  job->checked_at = g_date_time_new_now_utc ();
  job->set = community_notice_set_new ();
  add_listing_problems (job);
  plan_posts (job);
  keep_unlisted (job);
  fetch_next_post (job);
}

static void
try_next_listing (NoticeJob *job)
{
  if (job->listings == NULL || job->listings[job->next_listing] == NULL)
    {
      finish_no_listing (job);
      return;
    }

  community_fetcher_fetch_async (job->fetcher, job->listings[job->next_listing++], NULL, NULL,
                                 COMMUNITY_NOTICE_LISTING_MAX_SIZE, job_cancellable (job),
                                 listing_fetched_cb, job);
}

void
community_notice_refresh_run_async (CommunityPageCache  *cache,
                                    CommunityFetcher    *fetcher,
                                    const char * const  *listings,
                                    const char * const  *roots,
                                    GPtrArray           *known,
                                    guint                timeout_ms,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  NoticeJob *job;

  g_return_if_fail (COMMUNITY_IS_PAGE_CACHE (cache));
  g_return_if_fail (COMMUNITY_IS_FETCHER (fetcher));
  g_return_if_fail (known != NULL);
  g_return_if_fail (timeout_ms > 0);

  job = g_new0 (NoticeJob, 1);
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, community_notice_refresh_run_async);
  /* The outcome says how a cancelled refresh ended: finishing must give
   * it, not a bare error, whenever the caller's cancellable fired. */
  g_task_set_check_cancellable (job->task, FALSE);
  job->cache = g_object_ref (cache);
  job->fetcher = g_object_ref (fetcher);
  job->listings = g_strdupv ((GStrv) listings);
  job->roots = g_strdupv ((GStrv) roots);
  job->known = g_ptr_array_ref (known);
  job->deadline = community_deadline_new (cancellable, timeout_ms);
  job->timeout_ms = timeout_ms;
  job->unreachable = g_ptr_array_new_with_free_func (g_free);
  job->dead_roots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->problems = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&job->queue);

  try_next_listing (job);
}

CommunityNoticeRefreshOutcome *
community_notice_refresh_run_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
