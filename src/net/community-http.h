/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-http.h: one careful HTTP GET with libsoup 3, as the network
 * helper (jpom-community-net) runs it. Conditional requests, a connect and
 * a total timeout, a size cap read as a stream, redirects followed by hand
 * (at most three, each target checked before it is resolved), HTTPS only
 * except on loopback. The app itself fetches through CommunityFetcher
 * (community-fetch.h), which runs the helper. */
#pragma once

#include "community-fetch.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_HTTP (community_http_get_type ())

G_DECLARE_FINAL_TYPE (CommunityHttp, community_http, COMMUNITY, HTTP, GObject)

CommunityHttp        *community_http_new          (void);
/* @connect_timeout_s bounds connecting and each wait for the server;
 * @total_timeout_ms bounds the whole fetch, redirects and body included. */
void                  community_http_set_timeouts (CommunityHttp        *self,
                                                   guint                 connect_timeout_s,
                                                   guint                 total_timeout_ms);
/* The proxy every request goes through: a URI such as
 * "http://127.0.0.1:7890", or NULL or "direct://" for none (the
 * default). The app resolves it (community_fetcher_fetch_async()); the
 * helper never reads the user's proxy settings itself. */
void                  community_http_set_proxy    (CommunityHttp        *self,
                                                   const char           *proxy);
/* GETs @url. @etag and @last_modified (nullable) make the request
 * conditional. A body over @max_size bytes is refused after reading at
 * most 64 KiB more. Errors are in COMMUNITY_FETCH_ERROR, or
 * G_IO_ERROR_CANCELLED. */
void                  community_http_get_async    (CommunityHttp        *self,
                                                   const char           *url,
                                                   const char           *etag,
                                                   const char           *last_modified,
                                                   gsize                 max_size,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CommunityFetchResult *community_http_get_finish   (CommunityHttp        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
