/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-test-upstream.h: a docs tree served by a SoupServer on
 * 127.0.0.1, as the widget tests' page source: the tests' only network,
 * which counts what it is asked. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  SoupServer *server;
  char       *root;           /* the docs root URL, ending in '/' */
  GBytes     *page;           /* the page at its upstream path; NULL: 404 */
  GHashTable *files;          /* other files -> GBytes: a path below the
                               * docs root, or one from the server's root
                               * when it starts with '/' */
  guint       n_requests;
  gint64      first_request;  /* monotonic time */
} CommunityTestUpstream;

/* Listens on a free port of 127.0.0.1, IPv4 only, serving @page (or
 * nothing) at the page's path below the root; everything else is 404
 * unless added to files. */
CommunityTestUpstream *community_test_upstream_new  (GBytes                *page);
/* Disconnects the server, lets its connections close in the main loop,
 * and checks that it is finalized. */
void                   community_test_upstream_free (CommunityTestUpstream *upstream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityTestUpstream, community_test_upstream_free)

G_END_DECLS
