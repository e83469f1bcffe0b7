/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-live-page.c: the community's current page, the one model of
 * what the app shows.
 *
 * One object owns the shown page, the cache and the sources, and knows
 * everything the windows show about them: the page and its join model,
 * where they came from and how fresh they are, whether the site can be
 * reached, how the last refresh ended, and which language's page to
 * show. A refresh (community-refresh.h) changes nothing visible or saved
 * until a page passes every check. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-bundled.h"
#include "community-enums.h"
#include "community-fetch.h"
#include "community-join-changes.h"
#include "community-live-page-private.h"
#include "community-live-page.h"
#include "community-notices.h"
#include "community-page-cache.h"
#include "community-qr-decode.h"
#include "community-refresh.h"

typedef struct _Refresh Refresh;

struct _CommunityLivePage
{
  GObject              parent_instance;

  /* Owned references. */
  CommunityPageCache  *cache;
  CommunityFetcher    *fetcher;
  GStrv                sources;
  CommunityPage       *page;
  CommunityJoin       *join;
  CommunityCachedPage *saved;        /* the page's cache entry; NULL when bundled */
  char                *sha256;
  char                *last_error;
  char                *cache_problem;
  GPtrArray           *changes;      /* char * */
  Refresh             *refresh;      /* the running refresh, or NULL */
  CommunityPage       *translation;  /* once read */
  CommunityJoin       *shown_join;   /* the translation's, made on demand */
  CommunityNotices    *notices;

  CommunityPageOrigin  origin;
  guint                refresh_timeout_ms;
  guint                translation_read : 1;  /* looked up, even if there is none */
  guint                read_translation : 1;
  guint                unreachable : 1;       /* the last refresh reached no source */
  guint                offline : 1;
  guint                can_refresh : 1;
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
  PROP_TRANSLATION,
  PROP_TRANSLATION_CURRENT,
  PROP_READ_TRANSLATION,
  PROP_SHOWN_PAGE,
  PROP_SHOWN_JOIN,
  PROP_OFFLINE,
  PROP_CAN_REFRESH,
  PROP_LAST_ERROR,
  PROP_CACHE_PROBLEM,
  PROP_REFRESHING,
  PROP_NOTICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* The language shown. The translation is read on first use, so that
 * --update never parses it. */

static CommunityPage *
load_translation (void)
{
  const char *path = community_bundled_translation_path ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    page = community_page_new_from_bytes (bytes, &error);
  /* Bundled and tested: a failure is a build defect. The Chinese page
   * still serves. */
  if (page == NULL)
    g_critical ("The bundled translation %s cannot be read: %s", path, error->message);

  return g_steal_pointer (&page);
}

static gboolean
shows_translation (CommunityLivePage *self)
{
  return community_live_page_get_translation (self) != NULL
         && (self->read_translation || community_live_page_get_translation_current (self));
}

/* The shown page or its join model may be others now. */
static void
shown_changed (CommunityLivePage *self)
{
  g_clear_object (&self->shown_join);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSLATION_CURRENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_JOIN]);
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

  /* "page", "join" and what is shown are notified only for new objects:
   * windows rebuild on "notify::shown-join". */
  if (g_set_object (&self->page, page))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  if (g_set_object (&self->join, join))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN]);
      shown_changed (self);
    }
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
  /* Whole, but not a page the app can use (as after an update of the app
   * that reads pages differently): refused as a fetched one would be. */
  if (problems->len > 0)
    {
      g_set_error_literal (error, COMMUNITY_REFRESH_ERROR, COMMUNITY_REFRESH_ERROR_REFUSED,
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
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);

  set_string (self, &self->cache_problem, NULL, PROP_CACHE_PROBLEM);
  community_notices_load_local (self->notices);
  if (load_cache (self))
    return TRUE;

  bytes = community_bundled_chinese_page_bytes (&local_error);
  page = bytes != NULL ? community_page_new_from_bytes (bytes, &local_error) : NULL;
  if (page == NULL)
    {
      set_string (self, &self->last_error, local_error->message, PROP_LAST_ERROR);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  join = community_join_new (page);
  sha256 = community_page_cache_checksum (bytes);
  show (self, page, join, NULL, sha256);
  return TRUE;
}

/* Refreshing.
 *
 * One refresh (community-refresh.h) runs at a time; a refresh asked for
 * while one runs gets the running one's outcome. */

struct _Refresh
{
  GPtrArray             *tasks;   /* GTask *: every caller waiting */
  CommunityRefreshFlags  flags;   /* what every caller asked for */
};

static void
refresh_free (Refresh *refresh)
{
  g_ptr_array_unref (refresh->tasks);
  g_free (refresh);
}

/* Offline when there is no source, or the last refresh reached none. */
static void
update_reachability (CommunityLivePage *self)
{
  gboolean can_refresh = self->sources != NULL && self->sources[0] != NULL;
  gboolean offline = !can_refresh || self->unreachable;

  if (self->can_refresh != can_refresh)
    {
      self->can_refresh = can_refresh;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REFRESH]);
    }
  if (self->offline != offline)
    {
      self->offline = offline;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
    }
}

/* A new page, or the shown one with newer metadata. */
static void
apply_outcome (CommunityLivePage       *self,
               CommunityRefreshOutcome *outcome)
{
  CommunityCachedPage *saved = g_steal_pointer (&outcome->saved);

  if (outcome->page != NULL)
    {
      g_clear_pointer (&self->changes, g_ptr_array_unref);
      self->changes = community_join_describe_changes (self->join, outcome->join);
      show (self, outcome->page, outcome->join, saved, saved->sha256);
    }
  else if (saved != NULL)
    {
      show (self, self->page, self->join, saved, self->sha256);
    }

  if (outcome->status == COMMUNITY_REFRESH_NOT_SAVED)
    set_string (self, &self->cache_problem, outcome->error->message, PROP_CACHE_PROBLEM);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(CommunityLivePage) self = data;
  g_autoptr(CommunityRefreshOutcome) outcome = community_refresh_run_finish (result);
  Refresh *refresh = g_steal_pointer (&self->refresh);
  gboolean cancelled = g_error_matches (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gboolean changed = outcome->page != NULL;

  g_object_freeze_notify (G_OBJECT (self));
  apply_outcome (self, outcome);
  if (!cancelled)
    {
      set_string (self, &self->last_error, outcome->error != NULL ? outcome->error->message : NULL,
                  PROP_LAST_ERROR);
      self->unreachable = outcome->status == COMMUNITY_REFRESH_UNREACHABLE;
      update_reachability (self);
    }
  /* Before the callbacks run, so that one may start a new refresh. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
  g_object_thaw_notify (G_OBJECT (self));

  if (!cancelled)
    g_signal_emit (self, signals[REFRESHED], 0, outcome->status, changed, outcome->error,
                   refresh->flags);

  for (guint i = 0; i < refresh->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (refresh->tasks, i);

      g_task_set_task_data (task, GINT_TO_POINTER (changed), NULL);
      if (outcome->error != NULL)
        g_task_return_error (task, g_error_copy (outcome->error));
      else
        g_task_return_boolean (task, TRUE);
    }
  refresh_free (refresh);
}

void
community_live_page_refresh_async (CommunityLivePage    *self,
                                   CommunityRefreshFlags flags,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  CommunityRefreshShown shown;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COMMUNITY_IS_LIVE_PAGE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->page != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_live_page_refresh_async);

  if (self->refresh != NULL)
    {
      self->refresh->flags |= flags;
      g_ptr_array_add (self->refresh->tasks, g_steal_pointer (&task));
      return;
    }

  self->refresh = g_new0 (Refresh, 1);
  self->refresh->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->refresh->flags = flags;
  g_ptr_array_add (self->refresh->tasks, g_steal_pointer (&task));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);

  shown.saved = self->saved;
  shown.sha256 = self->sha256;
  community_refresh_run_async (self->cache, self->fetcher, (const char * const *) self->sources,
                               &shown, self->refresh_timeout_ms, cancellable,
                               refreshed_cb, g_object_ref (self));
}

gboolean
community_live_page_refresh_finish (CommunityLivePage  *self,
                                    GAsyncResult       *result,
                                    gboolean           *changed,
                                    GError            **error)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (changed != NULL)
    *changed = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  gboolean  done;
  gboolean  current;
  gboolean  changed;
  GError   *error;
} SyncRefresh;

static void
sync_refreshed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  SyncRefresh *refresh = data;

  refresh->current = community_live_page_refresh_finish (COMMUNITY_LIVE_PAGE (object), result,
                                                         &refresh->changed, &refresh->error);
  refresh->done = TRUE;
}

gboolean
community_live_page_refresh_sync (CommunityLivePage  *self,
                                  gboolean           *changed,
                                  GError            **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  SyncRefresh refresh = { FALSE, FALSE, FALSE, NULL };

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);

  community_live_page_refresh_async (self, COMMUNITY_REFRESH_FLAGS_NONE, NULL,
                                     sync_refreshed_cb, &refresh);
  while (!refresh.done)
    g_main_context_iteration (context, TRUE);

  if (changed != NULL)
    *changed = refresh.changed;
  if (refresh.error != NULL)
    g_propagate_error (error, refresh.error);

  return refresh.current;
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

  g_object_freeze_notify (G_OBJECT (self));
  g_strfreev (self->sources);
  self->sources = g_strdupv ((GStrv) sources);
  community_notices_set_roots (self->notices, sources);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCES]);
  update_reachability (self);
  g_object_thaw_notify (G_OBJECT (self));
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

  return self->refresh != NULL;
}

gboolean
community_live_page_get_offline (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), TRUE);

  return self->offline;
}

gboolean
community_live_page_get_can_refresh (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);

  return self->can_refresh;
}

CommunityNotices *
community_live_page_get_notices (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return self->notices;
}

CommunityPage *
community_live_page_get_translation (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  if (!self->translation_read)
    {
      self->translation = load_translation ();
      self->translation_read = TRUE;
    }
  return self->translation;
}

gboolean
community_live_page_get_translation_current (CommunityLivePage *self)
{
  CommunityPage *translation;
  g_autofree char *translates = NULL;

  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);

  translation = community_live_page_get_translation (self);
  if (translation == NULL || self->sha256 == NULL)
    return FALSE;
  translates = g_strdup (community_page_get_front_matter (translation, "translates"));
  return translates != NULL && g_ascii_strcasecmp (g_strstrip (translates), self->sha256) == 0;
}

gboolean
community_live_page_get_read_translation (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), FALSE);

  return self->read_translation;
}

void
community_live_page_set_read_translation (CommunityLivePage *self,
                                          gboolean           read)
{
  g_return_if_fail (COMMUNITY_IS_LIVE_PAGE (self));

  read = !!read;
  if (self->read_translation == read)
    return;

  self->read_translation = read;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_TRANSLATION]);
  shown_changed (self);
  g_object_thaw_notify (G_OBJECT (self));
}

CommunityPage *
community_live_page_get_shown_page (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  return shows_translation (self) ? self->translation : self->page;
}

CommunityJoin *
community_live_page_get_shown_join (CommunityLivePage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_LIVE_PAGE (self), NULL);

  if (!shows_translation (self) || self->join == NULL)
    return self->join;
  if (self->shown_join == NULL)
    self->shown_join = community_join_new_translated (self->translation, self->join);
  return self->shown_join;
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

  g_clear_object (&self->notices);
  g_clear_object (&self->shown_join);
  g_clear_object (&self->translation);
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
    case PROP_TRANSLATION:
      g_value_set_object (value, community_live_page_get_translation (self));
      break;
    case PROP_TRANSLATION_CURRENT:
      g_value_set_boolean (value, community_live_page_get_translation_current (self));
      break;
    case PROP_READ_TRANSLATION:
      g_value_set_boolean (value, self->read_translation);
      break;
    case PROP_SHOWN_PAGE:
      g_value_set_object (value, community_live_page_get_shown_page (self));
      break;
    case PROP_SHOWN_JOIN:
      g_value_set_object (value, community_live_page_get_shown_join (self));
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_CAN_REFRESH:
      g_value_set_boolean (value, self->can_refresh);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_CACHE_PROBLEM:
      g_value_set_string (value, self->cache_problem);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refresh != NULL);
      break;
    case PROP_NOTICES:
      g_value_set_object (value, self->notices);
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
      self->notices = community_notices_new (self->cache, self->fetcher);
      community_notices_set_roots (self->notices, (const char * const *) self->sources);
      break;
    case PROP_SOURCES:
      community_live_page_set_sources (self, g_value_get_boxed (value));
      break;
    case PROP_READ_TRANSLATION:
      community_live_page_set_read_translation (self, g_value_get_boolean (value));
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
read_only_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
read_only_object (const char *name,
                  GType       type)
{
  return g_param_spec_object (name, NULL, NULL, type,
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
  properties[PROP_PAGE] = read_only_object ("page", COMMUNITY_TYPE_PAGE);
  properties[PROP_JOIN] = read_only_object ("join", COMMUNITY_TYPE_JOIN);
  properties[PROP_ORIGIN] =
    g_param_spec_enum ("origin", NULL, NULL, COMMUNITY_TYPE_PAGE_ORIGIN,
                       COMMUNITY_PAGE_ORIGIN_BUNDLED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] = read_only_string ("source");
  properties[PROP_SHA256] = read_only_string ("sha256");
  properties[PROP_CHECKED_AT] = read_only_boxed ("checked-at", G_TYPE_DATE_TIME);
  properties[PROP_FETCHED_AT] = read_only_boxed ("fetched-at", G_TYPE_DATE_TIME);
  properties[PROP_TRANSLATION] = read_only_object ("translation", COMMUNITY_TYPE_PAGE);
  properties[PROP_TRANSLATION_CURRENT] = read_only_boolean ("translation-current");
  properties[PROP_READ_TRANSLATION] =
    g_param_spec_boolean ("read-translation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWN_PAGE] = read_only_object ("shown-page", COMMUNITY_TYPE_PAGE);
  properties[PROP_SHOWN_JOIN] = read_only_object ("shown-join", COMMUNITY_TYPE_JOIN);
  properties[PROP_OFFLINE] = read_only_boolean ("offline");
  properties[PROP_CAN_REFRESH] = read_only_boolean ("can-refresh");
  properties[PROP_LAST_ERROR] = read_only_string ("last-error");
  properties[PROP_CACHE_PROBLEM] = read_only_string ("cache-problem");
  properties[PROP_REFRESHING] = read_only_boolean ("refreshing");
  properties[PROP_NOTICES] = read_only_object ("notices", COMMUNITY_TYPE_NOTICES);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  COMMUNITY_TYPE_REFRESH_STATUS, G_TYPE_BOOLEAN,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE, COMMUNITY_TYPE_REFRESH_FLAGS);
}

static void
community_live_page_init (CommunityLivePage *self)
{
  self->fetcher = community_fetcher_new ();
  self->refresh_timeout_ms = COMMUNITY_REFRESH_TIMEOUT_MS;
  /* No source yet. */
  self->offline = TRUE;
}

CommunityLivePage *
community_live_page_new (const char *cache_dir)
{
  return g_object_new (COMMUNITY_TYPE_LIVE_PAGE, "cache-dir", cache_dir, NULL);
}
