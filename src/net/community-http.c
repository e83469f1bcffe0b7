/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-http.c: one careful HTTP GET, in the network helper.
 *
 * The page comes from mirrors we do not control, so every step is bounded:
 * the address (HTTPS, or plain HTTP on this computer), each redirect target
 * (checked as text before anything is resolved or connected: never from
 * https down to http, never from elsewhere onto this computer), the number
 * of redirects, the time, the headers we keep, and the body, which is read
 * as a stream and abandoned within one read of the cap. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "community-deadline.h"
#include "community-http.h"
#include "community-stream.h"
#include "community-text.h"

#define USER_AGENT "jpom-community/" PACKAGE_VERSION " (+https://jpom.top)"
/* The longest reason phrase quoted in a message. */
#define MAX_REASON_CHARS 80

struct _CommunityHttp
{
  GObject      parent_instance;

  /* Owned references. */
  SoupSession *session;

  guint        total_timeout_ms;
};

G_DEFINE_FINAL_TYPE (CommunityHttp, community_http, G_TYPE_OBJECT)

/* The server's name for a message, safe to show. */
static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, COMMUNITY_FETCH_URI_FLAGS, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url;

  return community_text_make_safe (host, -1, COMMUNITY_TEXT_FLAGS_NONE, 100);
}

/* One fetch. */

typedef struct
{
  char          *url;
  char          *etag;
  char          *last_modified;
  gsize          max_size;
  guint          redirects;

  CommunityDeadline *deadline; /* the caller's cancellable or the total timeout */

  SoupMessage   *message;
  GInputStream  *stream;
  GBytes        *body;
} FetchJob;

/* Drops a body stream we will not read to its end. Closing it with a
 * cancelled cancellable keeps libsoup from reading the rest of a huge or
 * endless body to reuse the connection. */
static void
discard_stream (GInputStream **stream)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  if (*stream == NULL)
    return;
  g_cancellable_cancel (cancelled);
  g_input_stream_close (*stream, cancelled, NULL);
  g_clear_object (stream);
}

static void
fetch_job_free (FetchJob *job)
{
  discard_stream (&job->stream);
  g_clear_pointer (&job->deadline, community_deadline_free);
  g_clear_object (&job->message);
  g_clear_pointer (&job->body, g_bytes_unref);
  g_free (job->url);
  g_free (job->etag);
  g_free (job->last_modified);
  g_free (job);
}

/* GIO's and libsoup's messages are technical: say which server did what. */
static GError *
explain_error (FetchJob *job,
               GError   *error)
{
  g_autoptr(GError) e = error;
  g_autofree char *host = host_of (job->url);

  if (community_deadline_has_passed (job->deadline)
      || g_error_matches (e, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_TIMED_OUT,
                        _("%s did not answer in time"), host);
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&e);
  if (e->domain == COMMUNITY_FETCH_ERROR)
    return g_steal_pointer (&e);

  return g_error_new (COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_NETWORK,
                      _("Cannot reach %s: %s"), host, e->message);
}

static void
fail (GTask  *task,
      GError *error)
{
  FetchJob *job = g_task_get_task_data (task);

  g_task_return_error (task, explain_error (job, error));
}

static void send_request (GTask *task);

static void
return_too_large (GTask *task)
{
  FetchJob *job = g_task_get_task_data (task);
  g_autofree char *host = host_of (job->url);
  g_autofree char *limit = g_format_size_full (job->max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_task_return_new_error (task, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_TOO_LARGE,
                           _("The file from %s is larger than the limit of %s"),
                           host, limit);
}

static CommunityFetchResult *
result_new (FetchJob *job,
            gboolean  unchanged)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->message);
  CommunityFetchResult *fetched = g_new0 (CommunityFetchResult, 1);

  fetched->unchanged = unchanged;
  fetched->url = g_strdup (job->url);
  fetched->etag = g_strdup (community_fetch_validator (soup_message_headers_get_one (headers,
                                                                                    "ETag")));
  fetched->last_modified = g_strdup (community_fetch_validator (
    soup_message_headers_get_one (headers, "Last-Modified")));
  return fetched;
}

static void
return_result (GTask    *task,
               gboolean  unchanged)
{
  FetchJob *job = g_task_get_task_data (task);
  CommunityFetchResult *fetched = result_new (job, unchanged);

  fetched->body = g_steal_pointer (&job->body);
  g_task_return_pointer (task, fetched, (GDestroyNotify) community_fetch_result_free);
}

static void
body_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  FetchJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->body = community_stream_read_all_finish (result, &error);
  if (job->body != NULL)
    return_result (task, FALSE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    return_too_large (task);
  else
    fail (task, g_steal_pointer (&error));
}

/* A 200: refuse a declared length over the cap at once, else read. */
static void
start_body (GTask *task)
{
  FetchJob *job = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->message);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) job->max_size)
    {
      return_too_large (task);
      return;
    }

  /* Reads of 64 KiB whatever is left under the cap: libsoup 3.2's chunked
   * decoder fails an assertion and never completes when a read for a few
   * bytes meets the end of a chunk (a body of exactly the cap, sent
   * chunked, hung the helper). */
  community_stream_read_all_async (job->stream, job->max_size,
                                   community_deadline_get_cancellable (job->deadline),
                                   body_read_cb, g_object_ref (task));
}

static void
follow_redirect (GTask *task)
{
  FetchJob *job = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autofree char *host = host_of (job->url);
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;

  if (location != NULL)
    target = g_uri_resolve_relative (job->url, location, COMMUNITY_FETCH_URI_FLAGS, NULL);

  if (target == NULL)
    g_task_return_new_error (task, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_REDIRECTS,
                             _("%s redirected to no valid address"), host);
  else if (++job->redirects > COMMUNITY_FETCH_MAX_REDIRECTS)
    g_task_return_new_error (task, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_REDIRECTS,
                             _("%s redirected too many times"), host);
  else if (!community_fetch_check_redirect (job->url, target, &error))
    g_task_return_new_error (task, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_INSECURE,
                             /* Translators: the server's name, then why the
                              * address it sent us to is refused. */
                             _("%s redirected to an address that is not allowed: %s"),
                             host, error->message);
  else
    {
      g_free (job->url);
      job->url = g_steal_pointer (&target);
      send_request (task);
    }
}

static void
return_status_error (GTask *task,
                     guint  status)
{
  FetchJob *job = g_task_get_task_data (task);
  g_autofree char *host = host_of (job->url);
  const char *phrase = soup_message_get_reason_phrase (job->message);
  /* The server's own words, in any bytes it likes. */
  g_autofree char *reason = community_text_make_safe (phrase != NULL ? phrase : "", -1,
                                                      COMMUNITY_TEXT_FLAGS_NONE,
                                                      MAX_REASON_CHARS);

  g_task_return_new_error (task, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_HTTP,
                           /* Translators: the server's name, then its answer,
                            * such as "404 Not Found". */
                           _("%s answered “%u %s”"), host, status, reason);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  FetchJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean conditional = job->etag != NULL || job->last_modified != NULL;
  guint status;

  job->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (job->stream == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (job->message);
  if (status == SOUP_STATUS_OK)
    {
      start_body (task);
      return;
    }

  discard_stream (&job->stream);
  if (status == SOUP_STATUS_NOT_MODIFIED && conditional)
    return_result (task, TRUE);
  else if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    follow_redirect (task);
  else
    return_status_error (task, status);
}

static void
send_request (GTask *task)
{
  CommunityHttp *self = g_task_get_source_object (task);
  FetchJob *job = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&job->message);
  job->message = soup_message_new (SOUP_METHOD_GET, job->url);
  if (job->message == NULL)
    {
      g_task_return_new_error (task, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_BAD_ADDRESS,
                               _("“%s” is not a web address"), job->url);
      return;
    }

  soup_message_add_flags (job->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (job->message);
  if (job->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", job->etag);
  if (job->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", job->last_modified);

  soup_session_send_async (self->session, job->message, G_PRIORITY_DEFAULT,
                           community_deadline_get_cancellable (job->deadline),
                           send_cb, g_object_ref (task));
}

void
community_http_get_async (CommunityHttp       *self,
                          const char          *url,
                          const char          *etag,
                          const char          *last_modified,
                          gsize                max_size,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchJob *job;

  g_return_if_fail (COMMUNITY_IS_HTTP (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_http_get_async);

  job = g_new0 (FetchJob, 1);
  job->url = g_strdup (url);
  job->etag = g_strdup (etag);
  job->last_modified = g_strdup (last_modified);
  job->max_size = max_size;
  g_task_set_task_data (task, job, (GDestroyNotify) fetch_job_free);

  if (!community_fetch_check_url (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->deadline = community_deadline_new (cancellable, self->total_timeout_ms);
  send_request (task);
}

CommunityFetchResult *
community_http_get_finish (CommunityHttp  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (COMMUNITY_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object. */

void
community_http_set_proxy (CommunityHttp *self,
                          const char    *proxy)
{
  g_autoptr(GProxyResolver) resolver = NULL;

  g_return_if_fail (COMMUNITY_IS_HTTP (self));

  if (g_strcmp0 (proxy, "direct://") == 0)
    proxy = NULL;
  resolver = g_simple_proxy_resolver_new (proxy, NULL);
  soup_session_set_proxy_resolver (self->session, resolver);
}

void
community_http_set_timeouts (CommunityHttp *self,
                             guint          connect_timeout_s,
                             guint          total_timeout_ms)
{
  g_return_if_fail (COMMUNITY_IS_HTTP (self));
  g_return_if_fail (connect_timeout_s > 0 && total_timeout_ms > 0);

  soup_session_set_timeout (self->session, connect_timeout_s);
  self->total_timeout_ms = total_timeout_ms;
}

static void
community_http_dispose (GObject *object)
{
  CommunityHttp *self = (CommunityHttp *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (community_http_parent_class)->dispose (object);
}

static void
community_http_class_init (CommunityHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = community_http_dispose;
}

static void
community_http_init (CommunityHttp *self)
{
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", COMMUNITY_FETCH_CONNECT_TIMEOUT_S,
                                                 NULL);
  /* Never GIO's default resolver, which reads the user's settings. */
  community_http_set_proxy (self, NULL);
  self->total_timeout_ms = COMMUNITY_FETCH_TOTAL_TIMEOUT_MS;
}

CommunityHttp *
community_http_new (void)
{
  return g_object_new (COMMUNITY_TYPE_HTTP, NULL);
}
