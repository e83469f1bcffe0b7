/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-refresh.c: the refresh's state machine.
 *
 * Each step is asynchronous and ends in the next: try_next_source() →
 * page_fetched_cb() → parsed_cb() → (resolve_qr() → image_fetched_cb() →
 * decoded_cb()) → accept_page(), or confirm_shown() for a page that did
 * not change. A source that fails hands over to the next; the last one
 * ends the job with the first refusal, or with every reason the sources
 * were out of reach. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-deadline.h"
#include "community-qr-decode.h"
#include "community-refresh.h"
#include "community-page-loader.h"

G_DEFINE_QUARK (community-refresh-error-quark, community_refresh_error)

typedef struct
{
  GTask                *task;
  CommunityPageCache   *cache;
  CommunityFetcher     *fetcher;
  GStrv                 sources;
  guint                 next_source;
  CommunityDeadline    *deadline;      /* the caller's cancellable, or the time limit */
  guint                 timeout_ms;

  /* What is shown. */
  CommunityCachedPage  *shown_saved;   /* a copy, or NULL for the bundled page */
  char                 *shown_sha256;

  /* The source being tried and what it gave so far. */
  char                 *root;
  CommunityFetchResult *fetched;
  char                 *sha256;
  CommunityPage        *page;
  char                 *image_path;    /* its QR image, when not in the table */
  char                 *image_sha256;
  char                 *payload;       /* decoded from that image, or cached */

  /* Why the sources failed so far. */
  GPtrArray            *unreachable;   /* char * */
  char                 *refused;       /* the first page refused */
} RefreshJob;

void
community_refresh_outcome_free (CommunityRefreshOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_error (&outcome->error);
  g_clear_object (&outcome->page);
  g_clear_object (&outcome->join);
  g_clear_pointer (&outcome->saved, community_cached_page_free);
  g_free (outcome);
}

static void
refresh_job_clear_source (RefreshJob *job)
{
  g_clear_pointer (&job->root, g_free);
  g_clear_pointer (&job->fetched, community_fetch_result_free);
  g_clear_pointer (&job->sha256, g_free);
  g_clear_object (&job->page);
  g_clear_pointer (&job->image_path, g_free);
  g_clear_pointer (&job->image_sha256, g_free);
  g_clear_pointer (&job->payload, g_free);
}

static void
refresh_job_free (RefreshJob *job)
{
  refresh_job_clear_source (job);
  g_clear_pointer (&job->unreachable, g_ptr_array_unref);
  g_clear_pointer (&job->refused, g_free);
  g_clear_pointer (&job->sources, g_strfreev);
  g_clear_pointer (&job->deadline, community_deadline_free);
  g_clear_object (&job->cache);
  g_clear_object (&job->fetcher);
  g_clear_pointer (&job->shown_saved, community_cached_page_free);
  g_clear_pointer (&job->shown_sha256, g_free);
  g_free (job);
}

static GCancellable *
job_cancellable (RefreshJob *job)
{
  return community_deadline_get_cancellable (job->deadline);
}

/* Ending. */

static void
finish_with (RefreshJob              *job,
             CommunityRefreshOutcome *outcome)
{
  g_autoptr(GTask) task = g_steal_pointer (&job->task);

  g_task_return_pointer (task, outcome, (GDestroyNotify) community_refresh_outcome_free);
  refresh_job_free (job);
}

static void
finish (RefreshJob             *job,
        CommunityRefreshStatus  status,
        GError                 *error)
{
  CommunityRefreshOutcome *outcome = g_new0 (CommunityRefreshOutcome, 1);

  outcome->status = status;
  outcome->error = error;
  finish_with (job, outcome);
}

GError *
community_refresh_no_source_error (const char *refused,
                                   GPtrArray  *unreachable,
                                   const char *none)
{
  g_autoptr(GString) reasons = g_string_new (NULL);

  g_return_val_if_fail (unreachable != NULL, NULL);
  g_return_val_if_fail (none != NULL, NULL);

  if (refused != NULL)
    return g_error_new_literal (COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_REFUSED,
                                refused);

  for (guint i = 0; i < unreachable->len; i++)
    g_string_append_printf (reasons, "%s%s", i > 0 ? "; " : "",
                            (const char *) g_ptr_array_index (unreachable, i));
  return g_error_new_literal (COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_UNREACHABLE,
                              reasons->len > 0 ? reasons->str : none);
}

char *
community_refresh_describe_timeout (guint timeout_ms)
{
  guint seconds = MAX (1, timeout_ms / 1000);

  /* Translators: %u is a number of seconds */
  return g_strdup_printf (ngettext ("The refresh did not finish within %u second",
                                    "The refresh did not finish within %u seconds",
                                    seconds), seconds);
}

static void
finish_no_source (RefreshJob *job)
{
  GError *error = community_refresh_no_source_error (job->refused, job->unreachable,
                                                     _("No page source is set"));

  finish (job, error->code, error);
}

/* Ends the job when its step was cancelled: by the caller, or by the
 * refresh's time limit, which leaves the sources not yet tried (and the
 * one being tried) unreachable. */
static gboolean
finish_if_cancelled (RefreshJob   *job,
                     const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  if (!community_deadline_has_passed (job->deadline))
    {
      finish (job, COMMUNITY_REFRESH_UNREACHABLE, g_error_copy (error));
      return TRUE;
    }

  g_ptr_array_add (job->unreachable, community_refresh_describe_timeout (job->timeout_ms));
  finish_no_source (job);
  return TRUE;
}

/* The page a source gave is the current one: the refresh succeeded when
 * it was saved too. When it was not, it is still shown, but the next
 * start would not have it: the caller (--update above all) must not say
 * all is well. */
static void
finish_current (RefreshJob          *job,
                CommunityJoin       *join,
                CommunityCachedPage *saved,
                gboolean             stored,
                const GError        *store_error)
{
  CommunityRefreshOutcome *outcome = g_new0 (CommunityRefreshOutcome, 1);

  outcome->status = stored ? COMMUNITY_REFRESH_CURRENT : COMMUNITY_REFRESH_NOT_SAVED;
  if (!stored)
    outcome->error = g_error_new (COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_NOT_SAVED,
                                  /* Translators: %s says why the page could not be
                                   * written to disk. */
                                  _("The current page could not be saved: %s"),
                                  store_error->message);
  if (join != NULL)
    {
      outcome->page = g_object_ref (community_join_get_page (join));
      outcome->join = g_object_ref (join);
    }
  outcome->saved = saved;
  finish_with (job, outcome);
}

static void try_next_source (RefreshJob *job);

/* This source gave a page that cannot be used: remember why, try the next. */
static void
source_refused (RefreshJob *job,
                char       *why)
{
  if (job->refused == NULL)
    job->refused = why;
  else
    g_free (why);

  refresh_job_clear_source (job);
  try_next_source (job);
}

static void
source_unreachable (RefreshJob *job,
                    const char *why)
{
  g_ptr_array_add (job->unreachable, g_strdup (why));
  refresh_job_clear_source (job);
  try_next_source (job);
}

/* A source confirmed the shown page: a 304, or the same bytes again. The
 * saved metadata gets the new check time (and, after a 200, the new
 * validators); a bundled page that a source serves verbatim is saved. */
static void
confirm_shown (RefreshJob *job)
{
  CommunityFetchResult *fetched = job->fetched;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean bundled = job->shown_saved == NULL;
  CommunityCachedPage *saved;
  g_autoptr(GError) error = NULL;
  gboolean stored;

  if (!bundled)
    {
      saved = g_steal_pointer (&job->shown_saved);
    }
  else
    {
      saved = community_cached_page_new ();
      saved->bytes = g_bytes_ref (fetched->body);
      saved->sha256 = g_strdup (job->shown_sha256);
      saved->fetched_at = g_date_time_ref (now);
    }
  if (!fetched->unchanged)
    {
      g_free (saved->source);
      saved->source = g_strdup (job->root);
      g_free (saved->url);
      saved->url = g_strdup (fetched->url);
      g_free (saved->etag);
      saved->etag = g_strdup (fetched->etag);
      g_free (saved->last_modified);
      saved->last_modified = g_strdup (fetched->last_modified);
    }
  g_clear_pointer (&saved->checked_at, g_date_time_unref);
  saved->checked_at = g_date_time_ref (now);

  /* The bytes are on disk already unless the shown page was the bundled one. */
  if (bundled)
    stored = community_page_cache_store (job->cache, saved, &error);
  else
    stored = community_page_cache_store_metadata (job->cache, saved, &error);

  finish_current (job, NULL, saved, stored, error);
}

/* The new page passed every check: save it; the live page shows it. */
static void
accept_page (RefreshJob    *job,
             CommunityJoin *join)
{
  CommunityFetchResult *fetched = job->fetched;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CommunityCachedPage *saved = community_cached_page_new ();
  g_autoptr(GError) error = NULL;
  gboolean stored;

  saved->bytes = g_bytes_ref (fetched->body);
  saved->sha256 = g_strdup (job->sha256);
  saved->source = g_strdup (job->root);
  saved->url = g_strdup (fetched->url);
  saved->etag = g_strdup (fetched->etag);
  saved->last_modified = g_strdup (fetched->last_modified);
  saved->fetched_at = g_date_time_ref (now);
  saved->checked_at = g_date_time_ref (now);

  stored = community_page_cache_store (job->cache, saved, &error);
  finish_current (job, join, saved, stored, error);
}

/* The QR payload. */

static const char *
resolved_payload_cb (const char *image_path,
                     gpointer    data)
{
  RefreshJob *job = data;

  return g_strcmp0 (image_path, job->image_path) == 0 ? job->payload : NULL;
}

static void
accept_with_payload (RefreshJob *job,
                     const char *payload)
{
  g_autoptr(CommunityJoin) join = NULL;

  g_free (job->payload);
  job->payload = g_strdup (payload);
  join = community_join_new_full (job->page, resolved_payload_cb, job);
  accept_page (job, join);
}

static void
refuse_qr (RefreshJob   *job,
           const GError *error)
{
  /* Translators: the QR image's path on the site, then why it failed. */
  source_refused (job, g_strdup_printf (_("The page’s QR code “%s” cannot be used: %s"),
                                        job->image_path, error->message));
}

/* The payload saved for this image's path, if it is one the app accepts. */
static const char *
cached_payload (RefreshJob *job,
                const char *image_sha256)
{
  const char *payload = community_page_cache_lookup_payload (job->cache, job->image_path,
                                                             image_sha256);

  return payload != NULL && community_qr_payload_is_wechat (payload) ? payload : NULL;
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  RefreshJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = community_qr_decode_wechat_finish (result, &error);

  if (finish_if_cancelled (job, error))
    return;
  if (payload == NULL)
    {
      refuse_qr (job, error);
      return;
    }

  if (!community_page_cache_store_payload (job->cache, job->image_path, job->image_sha256,
                                           payload, &error))
    g_message ("Cannot save the QR payload: %s", error->message);

  accept_with_payload (job, payload);
}

static void
image_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  RefreshJob *job = data;
  g_autoptr(CommunityFetchResult) image = NULL;
  g_autoptr(GError) error = NULL;
  const char *payload;

  image = community_fetcher_fetch_finish (COMMUNITY_FETCHER (object), result, &error);
  if (image == NULL)
    {
      if (finish_if_cancelled (job, error))
        return;
      /* The image is out of reach for now; what it held last time is
       * still the best answer. */
      payload = cached_payload (job, NULL);
      if (payload != NULL)
        accept_with_payload (job, payload);
      else
        refuse_qr (job, error);
      return;
    }

  job->image_sha256 = community_page_cache_checksum (image->body);
  payload = cached_payload (job, job->image_sha256);
  if (payload != NULL)
    {
      accept_with_payload (job, payload);
      return;
    }

  community_qr_decode_wechat_async (image->body, job_cancellable (job), decoded_cb, job);
}

/* The page is complete but its QR image is not in the table: fetch the
 * image from the same source and decode it. */
static void
resolve_qr (RefreshJob    *job,
            CommunityJoin *join)
{
  const char *image = community_join_get_qr_image (join);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (image == NULL)
    {
      source_refused (job, g_strdup (_("The page has no QR code")));
      return;
    }

  job->image_path = g_strdup (image);
  url = community_fetch_site_url (job->root, COMMUNITY_REFRESH_PUBLIC_DIR, image, &error);
  if (url == NULL)
    {
      refuse_qr (job, error);
      return;
    }

  community_fetcher_fetch_async (job->fetcher, url, NULL, NULL,
                                 COMMUNITY_REFRESH_MAX_IMAGE_SIZE, job_cancellable (job),
                                 image_fetched_cb, job);
}

/* The page. */

static char *
join_problems (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "; " : "",
                            (const char *) g_ptr_array_index (problems, i));

  return g_string_free (text, FALSE);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  RefreshJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityJoin) join = NULL;
  g_autofree char *problems = NULL;

  job->page = community_page_load_bytes_finish (result, &error);
  if (job->page == NULL)
    {
      if (finish_if_cancelled (job, error))
        return;
      /* Translators: %s says what is wrong with the fetched page. */
      source_refused (job, g_strdup_printf (_("The new page cannot be read: %s"), error->message));
      return;
    }

  join = community_join_new (job->page);
  if (!community_join_is_complete (join))
    {
      problems = join_problems (community_join_get_problems (join));
      /* Translators: %s lists what the fetched page lacks. */
      source_refused (job, g_strdup_printf (_("The new page is incomplete: %s"), problems));
      return;
    }

  if (community_join_get_qr_payload (join) != NULL)
    accept_page (job, join);
  else
    resolve_qr (job, join);
}

static void
page_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  RefreshJob *job = data;
  g_autoptr(GError) error = NULL;

  job->fetched = community_fetcher_fetch_finish (COMMUNITY_FETCHER (object), result, &error);
  if (job->fetched == NULL)
    {
      if (finish_if_cancelled (job, error))
        return;
      if (g_error_matches (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_TOO_LARGE))
        source_refused (job, g_strdup (error->message));
      else if (community_fetch_error_broke_helper (error))
        /* Translators: %s says how the network helper failed. */
        source_refused (job, g_strdup_printf (_("Fetching the page broke the network helper: %s"),
                                              error->message));
      else
        source_unreachable (job, error->message);
      return;
    }

  if (job->fetched->unchanged)
    {
      confirm_shown (job);
      return;
    }

  job->sha256 = community_page_cache_checksum (job->fetched->body);
  if (g_strcmp0 (job->sha256, job->shown_sha256) == 0)
    {
      confirm_shown (job);
      return;
    }

  community_page_load_bytes_async (job->fetched->body, COMMUNITY_PAGE_FLAGS_NONE, 0,
                                   job_cancellable (job), parsed_cb, job);
}

static void
try_next_source (RefreshJob *job)
{
  CommunityCachedPage *saved = job->shown_saved;
  g_autofree char *url = NULL;
  gboolean conditional;

  if (job->sources == NULL || job->sources[job->next_source] == NULL)
    {
      finish_no_source (job);
      return;
    }

  job->root = g_strdup (job->sources[job->next_source++]);
  url = community_fetch_build_url (job->root, COMMUNITY_REFRESH_PAGE_PATH);
  /* Validators are only meaningful to the server that gave them. */
  conditional = saved != NULL && g_strcmp0 (saved->source, job->root) == 0;

  community_fetcher_fetch_async (job->fetcher, url,
                                 conditional ? saved->etag : NULL,
                                 conditional ? saved->last_modified : NULL,
                                 COMMUNITY_PAGE_MAX_SIZE, job_cancellable (job),
                                 page_fetched_cb, job);
}

void
community_refresh_run_async (CommunityPageCache          *cache,
                             CommunityFetcher            *fetcher,
                             const char * const          *sources,
                             const CommunityRefreshShown *shown,
                             guint                        timeout_ms,
                             GCancellable                *cancellable,
                             GAsyncReadyCallback          callback,
                             gpointer                     user_data)
{
  RefreshJob *job;

  g_return_if_fail (COMMUNITY_IS_PAGE_CACHE (cache));
  g_return_if_fail (COMMUNITY_IS_FETCHER (fetcher));
  g_return_if_fail (shown != NULL && shown->sha256 != NULL);
  g_return_if_fail (timeout_ms > 0);

  job = g_new0 (RefreshJob, 1);
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, community_refresh_run_async);
  /* A cancelled refresh has an outcome too (its error says so): a task
   * that checked its cancellable would give none, and the live page its
   * refreshing state back from none. */
  g_task_set_check_cancellable (job->task, FALSE);
  job->cache = g_object_ref (cache);
  job->fetcher = g_object_ref (fetcher);
  job->sources = g_strdupv ((GStrv) sources);
  job->deadline = community_deadline_new (cancellable, timeout_ms);
  job->timeout_ms = timeout_ms;
  job->shown_saved = shown->saved != NULL ? community_cached_page_copy (shown->saved) : NULL;
  job->shown_sha256 = g_strdup (shown->sha256);
  job->unreachable = g_ptr_array_new_with_free_func (g_free);

  try_next_source (job);
}

CommunityRefreshOutcome *
community_refresh_run_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
