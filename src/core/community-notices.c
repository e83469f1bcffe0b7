/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notices.c: the notices model.
 *
 * It owns the known set (community-notice-set.h) and derives from it
 * what the windows show: every notice newest first, and the banner (the
 * newest current one not dismissed). A refresh replaces the set only
 * when it read a list, so a failure keeps what is shown. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-notice-refresh.h"
#include "community-notice-set.h"
#include "community-notices-private.h"

struct _CommunityNotices
{
  GObject             parent_instance;

  /* Owned references. */
  CommunityPageCache *cache;
  CommunityFetcher   *fetcher;
  GStrv               listing_sources;
  GStrv               roots;
  GStrv               dismissed;
  GPtrArray          *set;          /* CommunityNoticeEntry */
  GPtrArray          *notices;      /* CommunityNotice, from the set, newest first */
  CommunityNotice    *banner;
  GPtrArray          *problems;     /* char * */
  char               *last_error;
  char               *cache_problem;
  GDateTime          *checked_at;
  GPtrArray          *waiting;      /* GTask *: the callers of the running refresh, or NULL */

  guint               refresh_timeout_ms;
};

G_DEFINE_FINAL_TYPE (CommunityNotices, community_notices, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LISTING_SOURCES,
  PROP_ROOTS,
  PROP_CAN_REFRESH,
  PROP_NOTICES,
  PROP_BANNER,
  PROP_DISMISSED,
  PROP_PROBLEMS,
  PROP_LAST_ERROR,
  PROP_CACHE_PROBLEM,
  PROP_CHECKED_AT,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (CommunityNotices *self,
        guint             prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_string (CommunityNotices  *self,
            char             **field,
            const char        *value,
            guint              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop);
}

/* Whether @a and @b hold the same strings (either may be NULL). */
static gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

/* What is shown. */

static void
update_banner (CommunityNotices *self)
{
  g_autoptr(GDate) date = community_notice_today ();
  CommunityNotice *banner = NULL;

  for (guint i = 0; i < self->notices->len && banner == NULL; i++)
    {
      CommunityNotice *notice = g_ptr_array_index (self->notices, i);

      if (community_notice_is_current (notice, date)
          && !community_notices_is_dismissed (self, notice->name))
        banner = notice;
    }

  if (banner == self->banner)
    return;
  g_clear_pointer (&self->banner, community_notice_unref);
  self->banner = banner != NULL ? community_notice_ref (banner) : NULL;
  notify (self, PROP_BANNER);
}

/* Takes @set, and shows its notices. */
static void
show_set (CommunityNotices *self,
          GPtrArray        *set)
{
  g_clear_pointer (&self->set, g_ptr_array_unref);
  self->set = set;
  g_clear_pointer (&self->notices, g_ptr_array_unref);
  self->notices = community_notice_set_get_notices (set);
  notify (self, PROP_NOTICES);
  update_banner (self);
}

void
community_notices_load_local (CommunityNotices *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) checked_at = NULL;
  g_autofree char *problem = NULL;
  GPtrArray *set = NULL;

  g_return_if_fail (COMMUNITY_IS_NOTICES (self));

  bytes = community_page_cache_load_notices (self->cache, COMMUNITY_NOTICE_SET_MAX_SIZE,
                                             &checked_at, &error);
  if (bytes != NULL)
    set = community_notice_set_from_json (bytes, &error);
  if (set == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    problem = error->domain == COMMUNITY_PAGE_CACHE_ERROR
              ? g_strdup (error->message)
              /* Translators: %s says what is wrong with the saved announcements */
              : g_strdup_printf (_("The saved announcements were ignored: %s"), error->message);
  if (set == NULL)
    g_clear_pointer (&checked_at, g_date_time_unref);

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->cache_problem, problem, PROP_CACHE_PROBLEM);
  g_clear_pointer (&self->checked_at, g_date_time_unref);
  self->checked_at = g_steal_pointer (&checked_at);
  notify (self, PROP_CHECKED_AT);
  show_set (self, set != NULL ? set : community_notice_set_new_seed ());
  g_object_thaw_notify (G_OBJECT (self));
}

GPtrArray *
community_notices_get_notices (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return self->notices;
}

GPtrArray *
community_notices_dup_current (CommunityNotices *self)
{
  g_autoptr(GDate) date = community_notice_today ();
  GPtrArray *current = g_ptr_array_new_with_free_func ((GDestroyNotify) community_notice_unref);

  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), current);

  for (guint i = 0; i < self->notices->len; i++)
    {
      CommunityNotice *notice = g_ptr_array_index (self->notices, i);

      if (community_notice_is_current (notice, date))
        g_ptr_array_add (current, community_notice_ref (notice));
    }
  return current;
}

CommunityNotice *
community_notices_get_banner (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return self->banner;
}

/* Dismissing. */

const char * const *
community_notices_get_dismissed (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return (const char * const *) self->dismissed;
}

void
community_notices_set_dismissed (CommunityNotices   *self,
                                 const char * const *names)
{
  g_return_if_fail (COMMUNITY_IS_NOTICES (self));

  if (strv_same ((const char * const *) self->dismissed, names))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_strfreev (self->dismissed);
  self->dismissed = g_strdupv ((GStrv) names);
  notify (self, PROP_DISMISSED);
  update_banner (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
community_notices_is_dismissed (CommunityNotices *self,
                                const char       *name)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return self->dismissed != NULL && g_strv_contains ((const char * const *) self->dismissed, name);
}

void
community_notices_dismiss (CommunityNotices *self,
                           const char       *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  guint length;

  g_return_if_fail (COMMUNITY_IS_NOTICES (self));
  g_return_if_fail (name != NULL);

  if (community_notices_is_dismissed (self, name))
    return;

  length = self->dismissed != NULL ? g_strv_length (self->dismissed) : 0;
  for (guint i = length >= COMMUNITY_NOTICES_MAX_DISMISSED
                 ? length - COMMUNITY_NOTICES_MAX_DISMISSED + 1 : 0; i < length; i++)
    g_strv_builder_add (builder, self->dismissed[i]);
  g_strv_builder_add (builder, name);
  names = g_strv_builder_end (builder);
  community_notices_set_dismissed (self, (const char * const *) names);
}

/* Sources. */

gboolean
community_notices_get_can_refresh (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), FALSE);

  return self->listing_sources != NULL && self->listing_sources[0] != NULL
         && self->roots != NULL && self->roots[0] != NULL;
}

static void
set_strv (CommunityNotices   *self,
          GStrv              *field,
          const char * const *value,
          guint               prop)
{
  gboolean could_refresh = community_notices_get_can_refresh (self);

  if (strv_same ((const char * const *) *field, value))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_strfreev (*field);
  *field = g_strdupv ((GStrv) value);
  notify (self, prop);
  if (could_refresh != community_notices_get_can_refresh (self))
    notify (self, PROP_CAN_REFRESH);
  g_object_thaw_notify (G_OBJECT (self));
}

void
community_notices_set_listing_sources (CommunityNotices   *self,
                                       const char * const *sources)
{
  g_return_if_fail (COMMUNITY_IS_NOTICES (self));

  set_strv (self, &self->listing_sources, sources, PROP_LISTING_SOURCES);
}

const char * const *
community_notices_get_listing_sources (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return (const char * const *) self->listing_sources;
}

void
community_notices_set_roots (CommunityNotices   *self,
                             const char * const *roots)
{
  g_return_if_fail (COMMUNITY_IS_NOTICES (self));

  set_strv (self, &self->roots, roots, PROP_ROOTS);
}

const char * const *
community_notices_get_roots (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return (const char * const *) self->roots;
}

/* How the last refresh went. */

GPtrArray *
community_notices_get_problems (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return self->problems;
}

const char *
community_notices_get_last_error (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return self->last_error;
}

const char *
community_notices_get_cache_problem (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return self->cache_problem;
}

GDateTime *
community_notices_get_checked_at (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), NULL);

  return self->checked_at;
}

/* Refreshing. */

gboolean
community_notices_is_refresh_due (CommunityNotices *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan age;

  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), TRUE);

  if (self->checked_at == NULL)
    return TRUE;
  age = g_date_time_difference (now, self->checked_at);
  return age >= COMMUNITY_NOTICES_REFRESH_INTERVAL || age < 0;
}

gboolean
community_notices_get_refreshing (CommunityNotices *self)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), FALSE);

  return self->waiting != NULL;
}

static void
apply_outcome (CommunityNotices              *self,
               CommunityNoticeRefreshOutcome *outcome)
{
  if (outcome->set != NULL)
    show_set (self, g_steal_pointer (&outcome->set));
  if (outcome->checked_at != NULL)
    {
      g_clear_pointer (&self->checked_at, g_date_time_unref);
      self->checked_at = g_steal_pointer (&outcome->checked_at);
      notify (self, PROP_CHECKED_AT);
    }
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&outcome->problems);
  notify (self, PROP_PROBLEMS);
  set_string (self, &self->last_error,
              outcome->error != NULL ? outcome->error->message : NULL, PROP_LAST_ERROR);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(CommunityNotices) self = data;
  g_autoptr(CommunityNoticeRefreshOutcome) outcome = community_notice_refresh_run_finish (result);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  g_object_freeze_notify (G_OBJECT (self));
  if (!g_error_matches (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    apply_outcome (self, outcome);
  notify (self, PROP_REFRESHING);
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (outcome->error != NULL)
        g_task_return_error (task, g_error_copy (outcome->error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

void
community_notices_refresh_async (CommunityNotices    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COMMUNITY_IS_NOTICES (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_notices_refresh_async);
  if (self->waiting != NULL)
    {
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  notify (self, PROP_REFRESHING);
  community_notice_refresh_run_async (self->cache, self->fetcher,
                                      (const char * const *) self->listing_sources,
                                      (const char * const *) self->roots, self->set,
                                      self->refresh_timeout_ms, cancellable,
                                      refreshed_cb, g_object_ref (self));
}

gboolean
community_notices_refresh_finish (CommunityNotices  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (COMMUNITY_IS_NOTICES (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
community_notices_set_refresh_timeout (CommunityNotices *self,
                                       guint             timeout_ms)
{
  g_return_if_fail (COMMUNITY_IS_NOTICES (self));
  g_return_if_fail (timeout_ms > 0);

  self->refresh_timeout_ms = timeout_ms;
}

/* The object. */

static void
community_notices_dispose (GObject *object)
{
  CommunityNotices *self = COMMUNITY_NOTICES (object);

  g_clear_object (&self->cache);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (community_notices_parent_class)->dispose (object);
}

static void
community_notices_finalize (GObject *object)
{
  CommunityNotices *self = COMMUNITY_NOTICES (object);

  g_clear_pointer (&self->listing_sources, g_strfreev);
  g_clear_pointer (&self->roots, g_strfreev);
  g_clear_pointer (&self->dismissed, g_strfreev);
  g_clear_pointer (&self->set, g_ptr_array_unref);
  g_clear_pointer (&self->notices, g_ptr_array_unref);
  g_clear_pointer (&self->banner, community_notice_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->cache_problem, g_free);
  g_clear_pointer (&self->checked_at, g_date_time_unref);

  G_OBJECT_CLASS (community_notices_parent_class)->finalize (object);
}

static void
community_notices_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommunityNotices *self = COMMUNITY_NOTICES (object);

  switch (prop_id)
    {
    case PROP_LISTING_SOURCES:
      g_value_set_boxed (value, self->listing_sources);
      break;
    case PROP_ROOTS:
      g_value_set_boxed (value, self->roots);
      break;
    case PROP_CAN_REFRESH:
      g_value_set_boolean (value, community_notices_get_can_refresh (self));
      break;
    case PROP_NOTICES:
      g_value_set_boxed (value, self->notices);
      break;
    case PROP_BANNER:
      g_value_set_boxed (value, self->banner);
      break;
    case PROP_DISMISSED:
      g_value_set_boxed (value, self->dismissed);
      break;
    case PROP_PROBLEMS:
      g_value_set_boxed (value, self->problems);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_CACHE_PROBLEM:
      g_value_set_string (value, self->cache_problem);
      break;
    case PROP_CHECKED_AT:
      g_value_set_boxed (value, self->checked_at);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->waiting != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_notices_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CommunityNotices *self = COMMUNITY_NOTICES (object);

  switch (prop_id)
    {
    case PROP_LISTING_SOURCES:
      community_notices_set_listing_sources (self, g_value_get_boxed (value));
      break;
    case PROP_ROOTS:
      community_notices_set_roots (self, g_value_get_boxed (value));
      break;
    case PROP_DISMISSED:
      community_notices_set_dismissed (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
boxed_property (const char  *name,
                GType        type,
                GParamFlags  access)
{
  return g_param_spec_boxed (name, NULL, NULL, type,
                             access | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
community_notices_class_init (CommunityNoticesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = community_notices_dispose;
  object_class->finalize = community_notices_finalize;
  object_class->get_property = community_notices_get_property;
  object_class->set_property = community_notices_set_property;

  properties[PROP_LISTING_SOURCES] = boxed_property ("listing-sources", G_TYPE_STRV,
                                                     G_PARAM_READWRITE);
  properties[PROP_ROOTS] = boxed_property ("roots", G_TYPE_STRV, G_PARAM_READWRITE);
  properties[PROP_CAN_REFRESH] = g_param_spec_boolean ("can-refresh", NULL, NULL, FALSE, ro);
  properties[PROP_NOTICES] = boxed_property ("notices", G_TYPE_PTR_ARRAY, G_PARAM_READABLE);
  properties[PROP_BANNER] = boxed_property ("banner", COMMUNITY_TYPE_NOTICE, G_PARAM_READABLE);
  properties[PROP_DISMISSED] = boxed_property ("dismissed", G_TYPE_STRV, G_PARAM_READWRITE);
  properties[PROP_PROBLEMS] = boxed_property ("problems", G_TYPE_PTR_ARRAY, G_PARAM_READABLE);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_CACHE_PROBLEM] = g_param_spec_string ("cache-problem", NULL, NULL, NULL, ro);
  properties[PROP_CHECKED_AT] = boxed_property ("checked-at", G_TYPE_DATE_TIME,
                                                G_PARAM_READABLE);
  properties[PROP_REFRESHING] = g_param_spec_boolean ("refreshing", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
community_notices_init (CommunityNotices *self)
{
  self->set = community_notice_set_new ();
  self->notices = g_ptr_array_new_with_free_func ((GDestroyNotify) community_notice_unref);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->refresh_timeout_ms = COMMUNITY_NOTICE_REFRESH_TIMEOUT_MS;
}

CommunityNotices *
community_notices_new (CommunityPageCache *cache,
                       CommunityFetcher   *fetcher)
{
  CommunityNotices *self;

  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (cache), NULL);
  g_return_val_if_fail (COMMUNITY_IS_FETCHER (fetcher), NULL);

  self = g_object_new (COMMUNITY_TYPE_NOTICES, NULL);
  self->cache = g_object_ref (cache);
  self->fetcher = g_object_ref (fetcher);
  return self;
}
