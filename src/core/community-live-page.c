/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-live-page.c: the community's current page.
 *
 * One object owns the shown page, the cache and the sources. A refresh
 * tries each source in turn: a conditional GET of the page, then the
 * checks (size and UTF-8 while reading, a bounded parse, a complete join
 * model, a QR payload from the table, the payload cache or the image
 * itself, decoded), and only a page that passes them all is saved and
 * shown. Until then nothing visible or saved changes. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-bundled.h"
#include "community-deadline.h"
#include "community-fetch.h"
#include "community-join-changes.h"
#include "community-live-page.h"
#include "community-page-cache.h"
#include "community-qr-decode.h"

G_DEFINE_QUARK (community-live-page-error-quark, community_live_page_error)

typedef struct _RefreshJob RefreshJob;

struct _CommunityLivePage
{
  GObject              parent_instance;

  /* Owned references. */
  CommunityPageCache  *cache;
  CommunityFetcher    *fetcher;
  GStrv                sources;
  CommunityPage       *page;
  CommunityJoin       *join;
  CommunityCachedPage *saved;        /* the shown page's cache entry; NULL when bundled */
  char                *sha256;
  char                *last_error;
  char                *cache_problem;
  GPtrArray           *changes;      /* char * */
  RefreshJob          *job;          /* the running refresh, or NULL */

  CommunityPageOrigin  origin;
  guint                refresh_timeout_ms;
};

G_DEFINE_FINAL_TYPE (CommunityLivePage, community_live_page, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CACHE_DIR,
  PROP_SOURCES,
  PROP_PAGE,
  PROP_JOIN,
  PROP_ORIGIN,
  PROP_SOURCE,
  PROP_SHA256,
  PROP_CHECKED_AT,
  PROP_FETCHED_AT,
  PROP_LAST_ERROR,
  PROP_CACHE_PROBLEM,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
community_page_origin_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { COMMUNITY_PAGE_ORIGIN_BUNDLED, "COMMUNITY_PAGE_ORIGIN_BUNDLED", "bundled" },
    { COMMUNITY_PAGE_ORIGIN_CACHE, "COMMUNITY_PAGE_ORIGIN_CACHE", "cache" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("CommunityPageOrigin", values));

  return type;
}

static void
set_string (CommunityLivePage  *self,
            char              **field,
            const char         *value,
            guint               prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* A payload cached for a QR image the table does not know; used for pages
 * already validated, so the image's own sha256 is not asked for. */
static const char *
cached_payload_cb (const char *image_path,
                   gpointer    data)
{
  CommunityLivePage *self = data;
  const char *payload = community_page_cache_lookup_payload (self->cache, image_path, NULL);

  return payload != NULL && community_qr_payload_is_wechat (payload) ? payload : NULL;
}

/* Showing a page. Every property changes first, then all are notified. */
static void
show (CommunityLivePage   *self,
      CommunityPage       *page,
      CommunityJoin       *join,
      CommunityCachedPage *saved,
      const char          *sha256)
{
  char *sha256_copy;

  g_object_freeze_notify (G_OBJECT (self));

  /* "page" and "join" are notified only when they are new objects: the
   * window rebuilds on "notify::join". */
  if (g_set_object (&self->page, page))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  if (g_set_object (&self->join, join))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN]);
  g_clear_pointer (&self->saved, community_cached_page_free);
  self->saved = saved;
  /* @sha256 may be the field itself. */
  sha256_copy = g_strdup (sha256);
  g_free (self->sha256);
  self->sha256 = sha256_copy;
  self->origin = saved != NULL ? COMMUNITY_PAGE_ORIGIN_CACHE : COMMUNITY_PAGE_ORIGIN_BUNDLED;

  for (guint prop = PROP_ORIGIN; prop <= PROP_FETCHED_AT; prop++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Loading the local copies. */

static CommunityJoin *
complete_join (CommunityLivePage  *self,
               GBytes             *bytes,
               GError            **error)
{
  g_autoptr(CommunityPage) page = community_page_new_from_bytes (bytes, error);
  g_autoptr(CommunityJoin) join = NULL;
  GPtrArray *problems;

  if (page == NULL)
    return NULL;

  join = community_join_new_full (page, cached_payload_cb, self);
  problems = community_join_get_problems (join);
  if (problems->len > 0)
    {
      g_set_error_literal (error, COMMUNITY_PAGE_CACHE_ERROR, COMMUNITY_PAGE_CACHE_ERROR_DAMAGED,
                           g_ptr_array_index (problems, 0));
      return NULL;
    }

  return g_steal_pointer (&join);
}

/* The saved copy, when it is whole and complete. Anything else leaves a
 * sentence in cache-problem. */
static gboolean
load_cache (CommunityLivePage *self)
{
  g_autoptr(CommunityCachedPage) saved = NULL;
  g_autoptr(CommunityJoin) join = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *sha256;

  saved = community_page_cache_load (self->cache, &error);
  if (saved != NULL)
    join = complete_join (self, saved->bytes, &error);

  if (join == NULL)
    {
      if (error->domain == COMMUNITY_PAGE_CACHE_ERROR && saved == NULL)
        problem = g_strdup (error->message);
      else if (saved != NULL)
        /* Translators: %s says what is wrong with the saved page. */
        problem = g_strdup_printf (_("The saved copy of the page cannot be used and was "
                                     "ignored: %s"), error->message);
      set_string (self, &self->cache_problem, problem, PROP_CACHE_PROBLEM);
      return FALSE;
    }

  sha256 = saved->sha256;
  show (self, community_join_get_page (join), join, g_steal_pointer (&saved), sha256);
  return TRUE;
}

gboolean
community_live_page_load_local (CommunityLivePage  *self,
                                GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(CommunityJoin) join = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);

  set_string (self, &self->cache_problem, NULL, PROP_CACHE_PROBLEM);
  if (load_cache (self))
    return TRUE;

  bytes = community_bundled_chinese_page_bytes (error);
  page = bytes != NULL ? community_page_new_from_bytes (bytes, error) : NULL;
  if (page == NULL)
    return FALSE;

  join = community_join_new (page);
  sha256 = community_page_cache_checksum (bytes);
  show (self, page, join, NULL, sha256);
  return TRUE;
}

/* Refreshing.
 *
 * One refresh runs at a time; a refresh asked for while one runs gets the
 * running one's outcome. */

typedef struct
{
  CommunityRefreshStatus  status;
  gboolean                changed;
  GError                 *error;
} Outcome;

struct _RefreshJob
{
  CommunityLivePage    *self;          /* owned */
  GPtrArray            *tasks;         /* GTask *: every caller waiting */
  CommunityDeadline    *deadline;      /* the first caller's cancellable, or
                                        * the refresh's time limit */
  GStrv                 sources;       /* as they were when it started */
  guint                 next_source;

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
};

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
  g_clear_pointer (&job->tasks, g_ptr_array_unref);
  g_clear_pointer (&job->unreachable, g_ptr_array_unref);
  g_clear_pointer (&job->refused, g_free);
  g_clear_pointer (&job->sources, g_strfreev);
  g_clear_pointer (&job->deadline, community_deadline_free);
  g_clear_object (&job->self);
  g_free (job);
}

static void
outcome_free (Outcome *outcome)
{
  g_clear_error (&outcome->error);
  g_free (outcome);
}

static void
set_refreshing (CommunityLivePage *self,
                RefreshJob        *job)
{
  self->job = job;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

/* Hands the outcome to every waiting caller and ends the job. */
static void
finish (RefreshJob             *job,
        CommunityRefreshStatus  status,
        gboolean                changed,
        const GError           *error)
{
  CommunityLivePage *self = job->self;

  if (error == NULL)
    set_string (self, &self->last_error, NULL, PROP_LAST_ERROR);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_string (self, &self->last_error, error->message, PROP_LAST_ERROR);

  /* Done before the callbacks run, so that one may start a new refresh. */
  set_refreshing (self, NULL);

  for (guint i = 0; i < job->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (job->tasks, i);
      Outcome *outcome = g_new0 (Outcome, 1);

      outcome->status = status;
      outcome->changed = changed;
      outcome->error = error != NULL ? g_error_copy (error) : NULL;
      g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
    }

  refresh_job_free (job);
}

static void try_next_source (RefreshJob *job);

static void finish_no_source (RefreshJob *job);

static GCancellable *
job_cancellable (RefreshJob *job)
{
  return community_deadline_get_cancellable (job->deadline);
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

  if (community_deadline_has_passed (job->deadline))
    {
      guint seconds = MAX (1, job->self->refresh_timeout_ms / 1000);

      g_ptr_array_add (job->unreachable,
                       /* Translators: %u is a number of seconds */
                       g_strdup_printf (ngettext ("The refresh did not finish within %u second",
                                                  "The refresh did not finish within %u seconds",
                                                  seconds), seconds));
      finish_no_source (job);
    }
  else
    finish (job, COMMUNITY_REFRESH_UNREACHABLE, FALSE, error);
  return TRUE;
}

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

static void
finish_no_source (RefreshJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reasons = NULL;

  if (job->refused != NULL)
    {
      error = g_error_new_literal (COMMUNITY_LIVE_PAGE_ERROR, COMMUNITY_LIVE_PAGE_ERROR_REFUSED,
                                   job->refused);
      finish (job, COMMUNITY_REFRESH_REFUSED, FALSE, error);
      return;
    }

  g_ptr_array_add (job->unreachable, NULL);
  reasons = g_strjoinv ("; ", (GStrv) job->unreachable->pdata);
  if (*reasons == '\0')
    error = g_error_new_literal (COMMUNITY_LIVE_PAGE_ERROR, COMMUNITY_LIVE_PAGE_ERROR_UNREACHABLE,
                                 _("No page source is set"));
  else
    error = g_error_new_literal (COMMUNITY_LIVE_PAGE_ERROR, COMMUNITY_LIVE_PAGE_ERROR_UNREACHABLE,
                                 reasons);
  finish (job, COMMUNITY_REFRESH_UNREACHABLE, FALSE, error);
}

/* The page a source gave is the current one and is shown: the refresh
 * succeeded when it was saved too. When it was not, the shown page is
 * still the current one, but the next start would not have it: the
 * caller (--update above all) must not say all is well. */
static void
finish_saved (RefreshJob   *job,
              gboolean      stored,
              gboolean      changed,
              const GError *store_error)
{
  CommunityLivePage *self = job->self;
  g_autoptr(GError) error = NULL;

  if (stored)
    {
      finish (job, COMMUNITY_REFRESH_CURRENT, changed, NULL);
      return;
    }

  error = g_error_new (COMMUNITY_LIVE_PAGE_ERROR, COMMUNITY_LIVE_PAGE_ERROR_NOT_SAVED,
                       /* Translators: %s says why the page could not be written to disk. */
                       _("The current page could not be saved: %s"), store_error->message);
  set_string (self, &self->cache_problem, error->message, PROP_CACHE_PROBLEM);
  finish (job, COMMUNITY_REFRESH_NOT_SAVED, changed, error);
}

/* A source confirmed the shown page: a 304, or the same bytes again. The
 * saved metadata gets the new check time (and, after a 200, the new
 * validators); a bundled page that a source serves verbatim is saved. */
static void
confirm_shown (RefreshJob *job)
{
  CommunityLivePage *self = job->self;
  CommunityFetchResult *fetched = job->fetched;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CommunityCachedPage *saved = self->saved;
  g_autoptr(CommunityCachedPage) new_saved = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stored;

  if (saved == NULL)
    {
      saved = new_saved = community_cached_page_new ();
      saved->bytes = g_bytes_ref (fetched->body);
      saved->sha256 = g_strdup (self->sha256);
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

  if (new_saved != NULL)
    stored = community_page_cache_store (self->cache, new_saved, &error);
  else
    stored = community_page_cache_store_metadata (self->cache, saved, &error);

  if (new_saved != NULL)
    show (self, self->page, self->join, g_steal_pointer (&new_saved), self->sha256);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_AT]);

  finish_saved (job, stored, FALSE, error);
}

/* The new page passed every check: save it, then show it. */
static void
accept_page (RefreshJob    *job,
             CommunityJoin *join)
{
  CommunityLivePage *self = job->self;
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

  stored = community_page_cache_store (self->cache, saved, &error);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  self->changes = community_join_describe_changes (self->join, join);

  show (self, job->page, join, saved, job->sha256);
  finish_saved (job, stored, TRUE, error);
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

  if (!community_page_cache_store_payload (job->self->cache, job->image_path,
                                           job->image_sha256, payload, &error))
    g_message ("Cannot save the QR payload: %s", error->message);

  accept_with_payload (job, payload);
}

static void
image_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  RefreshJob *job = data;
  CommunityPageCache *cache = job->self->cache;
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
      payload = community_page_cache_lookup_payload (cache, job->image_path, NULL);
      if (payload != NULL && community_qr_payload_is_wechat (payload))
        accept_with_payload (job, payload);
      else
        refuse_qr (job, error);
      return;
    }

  job->image_sha256 = community_page_cache_checksum (image->body);
  payload = community_page_cache_lookup_payload (cache, job->image_path, job->image_sha256);
  if (payload != NULL && community_qr_payload_is_wechat (payload))
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
  url = community_fetch_site_url (job->root, COMMUNITY_LIVE_PAGE_PUBLIC_DIR, image, &error);
  if (url == NULL)
    {
      refuse_qr (job, error);
      return;
    }

  community_fetcher_fetch_async (job->self->fetcher, url, NULL, NULL,
                                 COMMUNITY_LIVE_PAGE_MAX_IMAGE_SIZE, job_cancellable (job),
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
  g_autofree char *host = NULL;
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
  CommunityLivePage *self = job->self;
  g_autoptr(GError) error = NULL;

  job->fetched = community_fetcher_fetch_finish (COMMUNITY_FETCHER (object), result, &error);
  if (job->fetched == NULL)
    {
      if (finish_if_cancelled (job, error))
        return;
      if (g_error_matches (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_TOO_LARGE))
        source_refused (job, g_strdup (error->message));
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
  if (g_strcmp0 (job->sha256, self->sha256) == 0)
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
  CommunityLivePage *self = job->self;
  CommunityCachedPage *saved = self->saved;
  g_autofree char *url = NULL;
  gboolean conditional;

  if (job->sources == NULL || job->sources[job->next_source] == NULL)
    {
      finish_no_source (job);
      return;
    }

  job->root = g_strdup (job->sources[job->next_source++]);
  url = community_fetch_build_url (job->root, COMMUNITY_LIVE_PAGE_PATH);
  /* Validators are only meaningful to the server that gave them. */
  conditional = saved != NULL && g_strcmp0 (saved->source, job->root) == 0;

  community_fetcher_fetch_async (self->fetcher, url,
                                 conditional ? saved->etag : NULL,
                                 conditional ? saved->last_modified : NULL,
                                 COMMUNITY_PAGE_MAX_SIZE, job_cancellable (job),
                                 page_fetched_cb, job);
}

void
community_live_page_refresh_async (CommunityLivePage   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshJob *job;

  g_return_if_fail (COMMUNITY_IS_LIVE_PAGE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->page != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_live_page_refresh_async);

  if (self->job != NULL)
    {
      g_ptr_array_add (self->job->tasks, g_steal_pointer (&task));
      return;
    }

  job = g_new0 (RefreshJob, 1);
  job->self = g_object_ref (self);
  job->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  job->deadline = community_deadline_new (cancellable, self->refresh_timeout_ms);
  job->unreachable = g_ptr_array_new_with_free_func (g_free);
  job->sources = g_strdupv (self->sources);
  g_ptr_array_add (job->tasks, g_steal_pointer (&task));

  set_refreshing (self, job);
  try_next_source (job);
}

CommunityRefreshStatus
community_live_page_refresh_finish (CommunityLivePage  *self,
                                    GAsyncResult       *result,
                                    gboolean           *changed,
                                    GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  Outcome *outcome;
  CommunityRefreshStatus status;

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), COMMUNITY_REFRESH_UNREACHABLE);
  g_return_val_if_fail (g_task_is_valid (result, self), COMMUNITY_REFRESH_UNREACHABLE);

  if (changed != NULL)
    *changed = FALSE;

  outcome = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (outcome == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return COMMUNITY_REFRESH_UNREACHABLE;
    }

  status = outcome->status;
  if (changed != NULL)
    *changed = outcome->changed;
  if (outcome->error != NULL)
    g_propagate_error (error, g_steal_pointer (&outcome->error));
  outcome_free (outcome);

  return status;
}

typedef struct
{
  gboolean                done;
  CommunityRefreshStatus  status;
  gboolean                changed;
  GError                 *error;
} SyncRefresh;

static void
sync_refreshed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  SyncRefresh *refresh = data;

  refresh->status = community_live_page_refresh_finish (COMMUNITY_LIVE_PAGE (object), result,
                                                        &refresh->changed, &refresh->error);
  refresh->done = TRUE;
}

CommunityRefreshStatus
community_live_page_refresh_sync (CommunityLivePage  *self,
                                  gboolean           *changed,
                                  GError            **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  SyncRefresh refresh = { FALSE, COMMUNITY_REFRESH_UNREACHABLE, FALSE, NULL };

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), COMMUNITY_REFRESH_UNREACHABLE);

  /* The HTTP session belongs to the thread-default context, so that is
   * the one to run. */
  community_live_page_refresh_async (self, NULL, sync_refreshed_cb, &refresh);
  while (!refresh.done)
    g_main_context_iteration (context, TRUE);

  if (changed != NULL)
    *changed = refresh.changed;
  if (refresh.error != NULL)
    g_propagate_error (error, refresh.error);

  return refresh.status;
}

/* Getters. */

const char * const *
community_live_page_get_sources (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return (const char * const *) self->sources;
}

void
community_live_page_set_sources (CommunityLivePage  *self,
                                 const char * const *sources)
{
  g_return_if_fail (COMMUNITY_IS_LIVE_PAGE (self));

  if (self->sources != NULL && sources != NULL
      && g_strv_equal ((const char * const *) self->sources, sources))
    return;
  if (self->sources == NULL && sources == NULL)
    return;

  g_strfreev (self->sources);
  self->sources = g_strdupv ((GStrv) sources);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCES]);
}

CommunityPage *
community_live_page_get_page (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->page;
}

CommunityJoin *
community_live_page_get_join (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->join;
}

CommunityPageOrigin
community_live_page_get_origin (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), COMMUNITY_PAGE_ORIGIN_BUNDLED);

  return self->origin;
}

const char *
community_live_page_get_source (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->saved != NULL ? self->saved->source : NULL;
}

const char *
community_live_page_get_sha256 (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->sha256;
}

GDateTime *
community_live_page_get_checked_at (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->saved != NULL ? self->saved->checked_at : NULL;
}

GDateTime *
community_live_page_get_fetched_at (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->saved != NULL ? self->saved->fetched_at : NULL;
}

const char *
community_live_page_get_last_error (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->last_error;
}

const char *
community_live_page_get_cache_problem (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->cache_problem;
}

GPtrArray *
community_live_page_get_changes (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->changes;
}

const char *
community_live_page_get_cache_dir (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return community_page_cache_get_dir (self->cache);
}

gboolean
community_live_page_is_refresh_due (CommunityLivePage *self)
{
  GDateTime *checked_at;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), TRUE);

  checked_at = community_live_page_get_checked_at (self);
  return checked_at == NULL
         || g_date_time_difference (now, checked_at) >= COMMUNITY_LIVE_PAGE_REFRESH_INTERVAL
         || g_date_time_difference (now, checked_at) < 0;
}

gboolean
community_live_page_get_refreshing (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);

  return self->job != NULL;
}

gboolean
community_live_page_translation_is_current (CommunityLivePage *self,
                                            CommunityPage     *translation)
{
  g_autofree char *translates = NULL;

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_PAGE (translation), FALSE);

  translates = g_strdup (community_page_get_front_matter (translation, "translates"));
  return translates != NULL && self->sha256 != NULL
         && g_ascii_strcasecmp (g_strstrip (translates), self->sha256) == 0;
}

void
community_live_page_set_timeouts (CommunityLivePage *self,
                                  guint              connect_timeout_s,
                                  guint              total_timeout_ms,
                                  guint              refresh_timeout_ms)
{
  g_return_if_fail (COMMUNITY_IS_LIVE_PAGE (self));
  g_return_if_fail (refresh_timeout_ms > 0);

  community_fetcher_set_timeouts (self->fetcher, connect_timeout_s, total_timeout_ms);
  self->refresh_timeout_ms = refresh_timeout_ms;
}

/* The object. */

static void
community_live_page_dispose (GObject *object)
{
  CommunityLivePage *self = (CommunityLivePage *)object;

  g_clear_object (&self->join);
  g_clear_object (&self->page);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (community_live_page_parent_class)->dispose (object);
}

static void
community_live_page_finalize (GObject *object)
{
  CommunityLivePage *self = (CommunityLivePage *)object;

  g_clear_pointer (&self->sources, g_strfreev);
  g_clear_pointer (&self->saved, community_cached_page_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->cache_problem, g_free);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (community_live_page_parent_class)->finalize (object);
}

static void
community_live_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommunityLivePage *self = COMMUNITY_LIVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      g_value_set_string (value, community_live_page_get_cache_dir (self));
      break;
    case PROP_SOURCES:
      g_value_set_boxed (value, self->sources);
      break;
    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;
    case PROP_JOIN:
      g_value_set_object (value, self->join);
      break;
    case PROP_ORIGIN:
      g_value_set_enum (value, self->origin);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, community_live_page_get_source (self));
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_CHECKED_AT:
      g_value_set_boxed (value, community_live_page_get_checked_at (self));
      break;
    case PROP_FETCHED_AT:
      g_value_set_boxed (value, community_live_page_get_fetched_at (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_CACHE_PROBLEM:
      g_value_set_string (value, self->cache_problem);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->job != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_live_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CommunityLivePage *self = COMMUNITY_LIVE_PAGE (object);
  g_autofree char *default_dir = NULL;
  const char *dir;

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      dir = g_value_get_string (value);
      if (dir == NULL)
        dir = default_dir = g_build_filename (g_get_user_cache_dir (), "jpom-community", NULL);
      self->cache = community_page_cache_new (dir);
      break;
    case PROP_SOURCES:
      community_live_page_set_sources (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
read_only_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
read_only_boxed (const char *name,
                 GType       type)
{
  return g_param_spec_boxed (name, NULL, NULL, type,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
community_live_page_class_init (CommunityLivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = community_live_page_dispose;
  object_class->finalize = community_live_page_finalize;
  object_class->get_property = community_live_page_get_property;
  object_class->set_property = community_live_page_set_property;

  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCES] =
    g_param_spec_boxed ("sources", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL, COMMUNITY_TYPE_PAGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOIN] =
    g_param_spec_object ("join", NULL, NULL, COMMUNITY_TYPE_JOIN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGIN] =
    g_param_spec_enum ("origin", NULL, NULL, COMMUNITY_TYPE_PAGE_ORIGIN,
                       COMMUNITY_PAGE_ORIGIN_BUNDLED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] = read_only_string ("source");
  properties[PROP_SHA256] = read_only_string ("sha256");
  properties[PROP_CHECKED_AT] = read_only_boxed ("checked-at", G_TYPE_DATE_TIME);
  properties[PROP_FETCHED_AT] = read_only_boxed ("fetched-at", G_TYPE_DATE_TIME);
  properties[PROP_LAST_ERROR] = read_only_string ("last-error");
  properties[PROP_CACHE_PROBLEM] = read_only_string ("cache-problem");
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
community_live_page_init (CommunityLivePage *self)
{
  self->fetcher = community_fetcher_new ();
  self->refresh_timeout_ms = COMMUNITY_LIVE_PAGE_REFRESH_TIMEOUT_MS;
}

CommunityLivePage *
community_live_page_new (const char *cache_dir)
{
  return g_object_new (COMMUNITY_TYPE_LIVE_PAGE, "cache-dir", cache_dir, NULL);
}
