/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "community-refresh.h"
#include "community-test-upstream.h"

static void
upstream_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  CommunityTestUpstream *upstream = user_data;
  g_autofree char *unescaped = g_uri_unescape_string (path, NULL);
  GBytes *bytes = NULL;
  gsize size;
  const char *data;

  if (upstream->n_requests++ == 0)
    upstream->first_request = g_get_monotonic_time ();

  if (g_strcmp0 (unescaped, "/docs/" COMMUNITY_REFRESH_PAGE_PATH) == 0)
    bytes = upstream->page;
  else if (unescaped != NULL && g_str_has_prefix (unescaped, "/docs/"))
    bytes = g_hash_table_lookup (upstream->files, unescaped + strlen ("/docs/"));
  else if (unescaped != NULL)
    bytes = g_hash_table_lookup (upstream->files, unescaped);
  if (bytes == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/markdown; charset=utf-8",
                                    SOUP_MEMORY_COPY, data, size);
}

CommunityTestUpstream *
community_test_upstream_new (GBytes *page)
{
  CommunityTestUpstream *upstream = g_new0 (CommunityTestUpstream, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  upstream->page = page != NULL ? g_bytes_ref (page) : NULL;
  upstream->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_bytes_unref);
  upstream->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (upstream->server, NULL, upstream_cb, upstream, NULL);
  soup_server_listen_local (upstream->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (upstream->server);
  g_assert_nonnull (uris);
  g_assert_cmpstr (g_uri_get_host (uris->data), ==, "127.0.0.1");
  upstream->root = g_strdup_printf ("http://127.0.0.1:%d/docs/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return upstream;
}

void
community_test_upstream_free (CommunityTestUpstream *upstream)
{
  soup_server_disconnect (upstream->server);
  /* Closing the connections finishes in the main loop. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&upstream->server));
  g_clear_pointer (&upstream->page, g_bytes_unref);
  g_clear_pointer (&upstream->files, g_hash_table_unref);
  g_free (upstream->root);
  g_free (upstream);
}
