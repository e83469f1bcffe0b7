/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-fetch.h: one careful HTTP GET. Conditional requests, a
 * connect and a total timeout, a size cap read as a stream, redirects
 * followed by hand (at most three, each target checked before it is
 * resolved), HTTPS only except on loopback. Each fetch runs in the network
 * helper (community-net-helper.h), which does it with libsoup 3
 * (community-http.h). Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Redirects followed before a fetch gives up. */
#define COMMUNITY_FETCH_MAX_REDIRECTS 3
/* The longest address a fetch follows, and the longest ETag or
 * Last-Modified value it keeps. */
#define COMMUNITY_FETCH_MAX_URL_LENGTH 2048
#define COMMUNITY_FETCH_MAX_VALIDATOR 256
/* Defaults of community_fetcher_set_timeouts(). */
#define COMMUNITY_FETCH_CONNECT_TIMEOUT_S 10
#define COMMUNITY_FETCH_TOTAL_TIMEOUT_MS (30 * 1000)

/* How addresses are parsed: as libsoup parses HTTP URLs. */
#define COMMUNITY_FETCH_URI_FLAGS (G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH \
                                   | G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT \
                                   | G_URI_FLAGS_SCHEME_NORMALIZE)

#define COMMUNITY_FETCH_ERROR (community_fetch_error_quark ())

typedef enum
{
  COMMUNITY_FETCH_ERROR_BAD_ADDRESS,    /* not a URL, or not one we may fetch */
  COMMUNITY_FETCH_ERROR_INSECURE,       /* plain http to a host off this computer */
  COMMUNITY_FETCH_ERROR_REDIRECTS,      /* too many redirects, or a bad one */
  COMMUNITY_FETCH_ERROR_HTTP,           /* a status other than 200 and 304 */
  COMMUNITY_FETCH_ERROR_TOO_LARGE,      /* the body is over the cap */
  COMMUNITY_FETCH_ERROR_TIMED_OUT,      /* the total timeout ran out */
  COMMUNITY_FETCH_ERROR_NETWORK,        /* no connection, no name, TLS */
} CommunityFetchError;

/* What a fetch brought. */
typedef struct
{
  gboolean  unchanged;      /* 304: the copy the conditional request named */
  GBytes   *body;           /* NULL when unchanged */
  char     *url;            /* the address that answered, after redirects */
  char     *etag;           /* response headers, or NULL */
  char     *last_modified;
} CommunityFetchResult;

void    community_fetch_result_free (CommunityFetchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityFetchResult, community_fetch_result_free)

GQuark  community_fetch_error_quark (void);

/* Whether @url may be fetched: https, or http to 127.0.0.0/8, ::1 or
 * localhost, at most COMMUNITY_FETCH_MAX_URL_LENGTH bytes. Checks the
 * text only; nothing is resolved. */
gboolean community_fetch_check_url  (const char  *url,
                                     GError     **error);
/* Whether a server at @from may send us on to @to: @to passes
 * community_fetch_check_url(), and is neither a step down from https to
 * http nor a step from a host elsewhere onto this computer (a public
 * mirror must not reach a service that listens only on loopback). */
gboolean community_fetch_check_redirect (const char  *from,
                                         const char  *to,
                                         GError     **error);
/* A response header's value as we keep it (ETag, Last-Modified): @value
 * when it is printable ASCII of at most COMMUNITY_FETCH_MAX_VALIDATOR
 * bytes, else NULL (the header is ignored, the request is then not
 * conditional next time). */
const char *community_fetch_validator (const char *value);
/* Whether a fetch failed because the network helper broke on what the
 * server sent: it died on a signal, failed, or answered what it never
 * writes. The source is then refused, not taken for out of reach. */
gboolean community_fetch_error_broke_helper (const GError *error);
/* @root with @path appended, each '/'-separated segment of @path
 * percent-encoded. @root gets a trailing '/' when it lacks one. */
char    *community_fetch_build_url  (const char  *root,
                                     const char  *path);
/* The URL of a site path such as "/images/x.jpg" whose files are in
 * @public_dir of a docs root (VuePress: ".vuepress/public"): root +
 * ".vuepress/public/images/x.jpg". NULL with an error when @site_path is
 * not an absolute path on the site (or climbs with ".."). */
char    *community_fetch_site_url   (const char  *root,
                                     const char  *public_dir,
                                     const char  *site_path,
                                     GError     **error);

#define COMMUNITY_TYPE_FETCHER (community_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (CommunityFetcher, community_fetcher, COMMUNITY, FETCHER, GObject)

CommunityFetcher     *community_fetcher_new          (void);
/* The resolver asked which proxy to use for each address (default: GIO's,
 * g_proxy_resolver_get_default(), which follows the user's settings). The
 * answer is handed to the helper, which never reads those settings. */
void                  community_fetcher_set_proxy_resolver (CommunityFetcher *self,
                                                            GProxyResolver   *resolver);
/* @connect_timeout_s bounds connecting and each wait for the server;
 * @total_timeout_ms bounds the whole fetch, redirects and body included. */
void                  community_fetcher_set_timeouts (CommunityFetcher     *self,
                                                      guint                 connect_timeout_s,
                                                      guint                 total_timeout_ms);
/* GETs @url. @etag and @last_modified (nullable) make the request
 * conditional. A body over @max_size bytes is refused after reading at
 * most 64 KiB more. A reply from the helper that this request could not
 * have (a 304 to a request that was not conditional, a body over
 * @max_size, an address that is not allowed) is refused as invalid.
 * Errors are in COMMUNITY_FETCH_ERROR, or G_IO_ERROR_CANCELLED, or say
 * that the helper failed. */
void                  community_fetcher_fetch_async  (CommunityFetcher     *self,
                                                      const char           *url,
                                                      const char           *etag,
                                                      const char           *last_modified,
                                                      gsize                 max_size,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CommunityFetchResult *community_fetcher_fetch_finish (CommunityFetcher     *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
