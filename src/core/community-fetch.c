/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-fetch.c: which addresses may be fetched, and fetching them
 * through the network helper.
 *
 * The fetch itself (community-http.c) runs in jpom-community-net; this side
 * checks the address first, passes the request on the helper's command
 * line and reads its result back from the helper's reply. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "community-fetch.h"
#include "community-net-helper-private.h"
#include "community-net-helper.h"
#include "community-text.h"

/* How much longer than its own total timeout the helper may run before
 * it is killed: a fetch that hangs past it would be a fault of the helper. */
#define HELPER_GRACE_MS (5 * 1000)

G_DEFINE_QUARK (community-fetch-error-quark, community_fetch_error)

struct _CommunityFetcher
{
  GObject         parent_instance;

  /* Owned references. */
  GProxyResolver *proxy_resolver;  /* NULL: GIO's default */

  guint           connect_timeout_s;
  guint           total_timeout_ms;
};

G_DEFINE_FINAL_TYPE (CommunityFetcher, community_fetcher, G_TYPE_OBJECT)

void
community_fetch_result_free (CommunityFetchResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->url);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result);
}

/* Addresses. */

/* Whether connecting to @address reaches this computer: loopback
 * (127.0.0.0/8, ::1, also as ::ffff:127.0.0.1), or 0.0.0.0/8 and ::. */
static gboolean
address_is_local (GInetAddress *address)
{
  g_autoptr(GInetAddress) mapped = NULL;
  const guint8 *bytes;

  /* ::ffff:127.0.0.1 is 127.0.0.1. */
  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
      && memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    address = mapped = g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);

  /* Connecting to 0.0.0.0 or :: reaches this computer too. */
  return g_inet_address_get_is_loopback (address) || g_inet_address_get_is_any (address)
         || (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4
             && g_inet_address_to_bytes (address)[0] == 0);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A host that reaches this computer, by address, or by name: localhost
 * and its subdomains (RFC 6761), in any case, with or without the final
 * dot. */
static gboolean
is_local_host (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);
  g_autofree char *name = NULL;

  if (address != NULL)
    return address_is_local (address);

  name = g_ascii_strdown (host, -1);
  if (g_str_has_suffix (name, "."))
    name[strlen (name) - 1] = '\0';
  return g_str_equal (name, "localhost") || g_str_has_suffix (name, ".localhost");
}

/* @url for a message: no control or bidi character, not too long. */
static char *
shown_url (const char *url)
{
  return community_text_make_safe (url, -1, COMMUNITY_TEXT_FLAGS_NONE, 200);
}

/* @url parsed, with a host, or NULL with an error that quotes it safely. */
static GUri *
parse_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;

  if (strlen (url) <= COMMUNITY_FETCH_MAX_URL_LENGTH)
    uri = g_uri_parse (url, COMMUNITY_FETCH_URI_FLAGS, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
    return g_steal_pointer (&uri);

  shown = shown_url (url);
  g_set_error (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_BAD_ADDRESS,
               _("“%s” is not a web address"), shown);
  return NULL;
}

gboolean
community_fetch_check_url (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = parse_url (url, error);
  if (uri == NULL)
    return FALSE;
  host = g_uri_get_host (uri);

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (host))
    return TRUE;

  shown = shown_url (url);
  g_set_error (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_INSECURE,
               _("“%s” is not a secure (https) address"), shown);
  return FALSE;
}

gboolean
community_fetch_check_redirect (const char  *from,
                                const char  *to,
                                GError     **error)
{
  g_autoptr(GUri) from_uri = NULL;
  g_autoptr(GUri) to_uri = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *from_host = NULL;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  if (!community_fetch_check_url (to, error))
    return FALSE;
  from_uri = parse_url (from, error);
  if (from_uri == NULL)
    return FALSE;
  to_uri = g_uri_parse (to, COMMUNITY_FETCH_URI_FLAGS, NULL);

  if (g_ascii_strcasecmp (g_uri_get_scheme (from_uri), "https") == 0
      && g_ascii_strcasecmp (g_uri_get_scheme (to_uri), "https") != 0)
    {
      shown = shown_url (to);
      g_set_error (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_INSECURE,
                   _("“%s” is not a secure (https) address"), shown);
      return FALSE;
    }
  if (!is_local_host (g_uri_get_host (from_uri)) && is_local_host (g_uri_get_host (to_uri)))
    {
      shown = shown_url (to);
      from_host = shown_url (g_uri_get_host (from_uri));
      g_set_error (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_INSECURE,
                   /* Translators: an address, then the name of the server
                    * that sent us there. */
                   _("“%s” is on this computer, and %s is not"), shown, from_host);
      return FALSE;
    }

  return TRUE;
}

const char *
community_fetch_validator (const char *value)
{
  gsize length = 0;

  if (value == NULL)
    return NULL;
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++, length++)
    if (*p < 0x20 || *p > 0x7E || length >= COMMUNITY_FETCH_MAX_VALIDATOR)
      return NULL;

  return length > 0 ? value : NULL;
}

gboolean
community_fetch_error_broke_helper (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

static void
append_encoded_path (GString    *url,
                     const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  gboolean first = TRUE;

  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (*segments[i] == '\0')
        continue;
      escaped = g_uri_escape_string (segments[i], NULL, FALSE);
      if (!first)
        g_string_append_c (url, '/');
      g_string_append (url, escaped);
      first = FALSE;
    }
}

char *
community_fetch_build_url (const char *root,
                           const char *path)
{
  GString *url;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  url = g_string_new (root);
  if (!g_str_has_suffix (url->str, "/"))
    g_string_append_c (url, '/');
  append_encoded_path (url, path);

  return g_string_free (url, FALSE);
}

/* A site path names a file of the site: absolute, no "..", no query. */
static gboolean
is_site_path (const char *site_path)
{
  g_auto(GStrv) segments = NULL;

  if (site_path[0] != '/' || site_path[1] == '/'
      || strpbrk (site_path, "?#\\") != NULL)
    return FALSE;

  segments = g_strsplit (site_path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (g_str_equal (segments[i], "..") || g_str_equal (segments[i], "."))
      return FALSE;

  return TRUE;
}

char *
community_fetch_site_url (const char  *root,
                          const char  *public_dir,
                          const char  *site_path,
                          GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (public_dir != NULL, NULL);
  g_return_val_if_fail (site_path != NULL, NULL);

  if (!is_site_path (site_path))
    {
      g_set_error (error, COMMUNITY_FETCH_ERROR, COMMUNITY_FETCH_ERROR_BAD_ADDRESS,
                   _("“%s” is not the path of a file on the site"), site_path);
      return NULL;
    }

  path = g_strconcat (public_dir, site_path, NULL);
  return community_fetch_build_url (root, path);
}

/* One fetch, in the helper. */

static void
add_option (GPtrArray  *args,
            const char *name,
            const char *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (args, g_strdup_printf ("--%s=%s", name, value));
}

/* What the caller asked for, to hold the helper's reply against. */
typedef struct
{
  char     *url;
  char     *etag;
  char     *last_modified;
  gsize     max_size;
  gboolean  conditional;
} Request;

static void
request_free (Request *request)
{
  g_free (request->url);
  g_free (request->etag);
  g_free (request->last_modified);
  g_free (request);
}

/* The helper parsed the server's answer: believe only a reply that is
 * one this request could have. */
static gboolean
reply_fits (const CommunityFetchResult *fetched,
            const Request              *request)
{
  if (fetched->unchanged)
    return request->conditional && fetched->body == NULL;
  return fetched->body != NULL && g_bytes_get_size (fetched->body) <= request->max_size
         && community_fetch_check_url (fetched->url, NULL);
}

static char *
lookup_validator (GVariant   *reply,
                  const char *key)
{
  const char *value = NULL;

  g_variant_lookup (reply, key, "&s", &value);
  return g_strdup (community_fetch_validator (value));
}

static CommunityFetchResult *
result_from_reply (GVariant       *reply,
                   const Request  *request,
                   GError        **error)
{
  g_autoptr(CommunityFetchResult) fetched = g_new0 (CommunityFetchResult, 1);
  g_autoptr(GVariant) body = NULL;

  if (!g_variant_lookup (reply, "unchanged", "b", &fetched->unchanged)
      || !g_variant_lookup (reply, "url", "s", &fetched->url))
    {
      community_net_helper_set_invalid_reply (error);
      return NULL;
    }
  fetched->etag = lookup_validator (reply, "etag");
  fetched->last_modified = lookup_validator (reply, "last-modified");
  body = g_variant_lookup_value (reply, "body", G_VARIANT_TYPE_BYTESTRING);
  if (body != NULL)
    fetched->body = g_variant_get_data_as_bytes (body);
  else if (!fetched->unchanged)
    fetched->body = g_bytes_new (NULL, 0);

  if (!reply_fits (fetched, request))
    {
      community_net_helper_set_invalid_reply (error);
      return NULL;
    }

  return g_steal_pointer (&fetched);
}

static void
helper_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;
  CommunityFetchResult *fetched;

  reply = community_net_helper_run_finish (result, &error);
  fetched = reply != NULL ? result_from_reply (reply, g_task_get_task_data (task), &error) : NULL;
  if (fetched != NULL)
    g_task_return_pointer (task, fetched, (GDestroyNotify) community_fetch_result_free);
  else
    g_task_return_error (task, error);
}

/* The proxy is known: start the helper. */
static void
run_helper (GTask      *task,
            const char *proxy)
{
  CommunityFetcher *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("fetch"));
  g_ptr_array_add (args, g_strdup_printf ("--connect-timeout=%u", self->connect_timeout_s));
  g_ptr_array_add (args, g_strdup_printf ("--total-timeout=%u", self->total_timeout_ms));
  g_ptr_array_add (args, g_strdup_printf ("--max-size=%" G_GSIZE_FORMAT, request->max_size));
  add_option (args, "etag", request->etag);
  add_option (args, "last-modified", request->last_modified);
  add_option (args, "proxy", proxy);
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (request->url));
  g_ptr_array_add (args, NULL);

  community_net_helper_run_async ((const char * const *) args->pdata, NULL,
                                  self->total_timeout_ms + HELPER_GRACE_MS,
                                  request->max_size + COMMUNITY_NET_HELPER_MAX_REPLY_EXTRA,
                                  COMMUNITY_FETCH_ERROR, g_task_get_cancellable (task),
                                  helper_done_cb, task);
}

static void
proxy_looked_up_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      data)
{
  GTask *task = data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result,
                                                          &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* The first proxy the user's settings name; with none, or settings
   * that cannot be read, the helper connects directly. */
  if (error != NULL)
    g_debug ("No proxy for %s: %s", ((Request *) g_task_get_task_data (task))->url,
             error->message);
  run_helper (task, proxies != NULL && proxies[0] != NULL ? proxies[0] : "direct://");
}

void
community_fetcher_fetch_async (CommunityFetcher    *self,
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
  GProxyResolver *resolver;
  Request *request;

  g_return_if_fail (COMMUNITY_IS_FETCHER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_fetcher_fetch_async);
  request = g_new0 (Request, 1);
  request->url = g_strdup (url);
  request->etag = g_strdup (etag);
  request->last_modified = g_strdup (last_modified);
  request->max_size = max_size;
  request->conditional = etag != NULL || last_modified != NULL;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  /* Checked here too, so a refused address never starts a process. */
  if (!community_fetch_check_url (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  resolver = self->proxy_resolver != NULL ? self->proxy_resolver : g_proxy_resolver_get_default ();
  g_proxy_resolver_lookup_async (resolver, url, cancellable, proxy_looked_up_cb,
                                 g_steal_pointer (&task));
}

CommunityFetchResult *
community_fetcher_fetch_finish (CommunityFetcher  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (COMMUNITY_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object. */

void
community_fetcher_set_timeouts (CommunityFetcher *self,
                                guint             connect_timeout_s,
                                guint             total_timeout_ms)
{
  g_return_if_fail (COMMUNITY_IS_FETCHER (self));
  g_return_if_fail (connect_timeout_s > 0 && total_timeout_ms > 0);

  self->connect_timeout_s = connect_timeout_s;
  self->total_timeout_ms = total_timeout_ms;
}

void
community_fetcher_set_proxy_resolver (CommunityFetcher *self,
                                      GProxyResolver   *resolver)
{
  g_return_if_fail (COMMUNITY_IS_FETCHER (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  g_set_object (&self->proxy_resolver, resolver);
}

static void
community_fetcher_dispose (GObject *object)
{
  CommunityFetcher *self = COMMUNITY_FETCHER (object);

  g_clear_object (&self->proxy_resolver);

  G_OBJECT_CLASS (community_fetcher_parent_class)->dispose (object);
}

static void
community_fetcher_class_init (CommunityFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = community_fetcher_dispose;
}

static void
community_fetcher_init (CommunityFetcher *self)
{
  self->connect_timeout_s = COMMUNITY_FETCH_CONNECT_TIMEOUT_S;
  self->total_timeout_ms = COMMUNITY_FETCH_TOTAL_TIMEOUT_MS;
}

CommunityFetcher *
community_fetcher_new (void)
{
  return g_object_new (COMMUNITY_TYPE_FETCHER, NULL);
}
