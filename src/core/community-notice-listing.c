/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-listing.c: reading GitHub's list of the posts, entry
 * by entry. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "community-json.h"
#include "community-notice.h"
#include "community-notice-listing.h"
#include "community-page.h"
#include "community-text.h"

static void
listed_post_free (CommunityListedPost *post)
{
  g_free (post->name);
  g_free (post->sha);
  g_free (post);
}

void
community_notice_listing_free (CommunityNoticeListing *listing)
{
  if (listing == NULL)
    return;

  g_clear_pointer (&listing->posts, g_ptr_array_unref);
  g_clear_pointer (&listing->refused, g_ptr_array_unref);
  g_free (listing);
}

/* NULL, with why in @error. */
static gpointer
refuse_listing (GError    **error,
                const char *why)
{
  g_set_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED,
               /* Translators: %s says what is wrong with the list of the
                * site's posts that GitHub gave */
               _("The list of posts cannot be used: %s"), why);
  return NULL;
}

static JsonNode *
parse_json (GBytes  *bytes,
            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = community_json_parse_bounded (bytes, COMMUNITY_NOTICE_LISTING_MAX_SIZE,
                                                 COMMUNITY_NOTICE_LISTING_MAX_DEPTH,
                                                 &local_error);

  return root != NULL ? root : refuse_listing (error, local_error->message);
}

/* Entries. */

static const char *
member_string (JsonObject *entry,
               const char *member)
{
  JsonNode *node = json_object_get_member (entry, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A size, or -1. */
static gint64
member_size (JsonObject *entry)
{
  JsonNode *node = json_object_get_member (entry, "size");
  gint64 size;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  size = json_node_get_int (node);
  return size >= 0 ? size : -1;
}

gboolean
community_notice_listing_is_blob_sha (const char *sha)
{
  gsize length = 0;

  for (; sha != NULL && sha[length] != '\0'; length++)
    if (!g_ascii_isxdigit (sha[length]) || g_ascii_isupper (sha[length]))
      return FALSE;

  return length == 40;
}

static void
add_refused (CommunityNoticeListing *listing,
             char                   *why)
{
  listing->n_refused++;
  if (listing->refused->len < COMMUNITY_NOTICE_LISTING_MAX_NAMED)
    g_ptr_array_add (listing->refused, why);
  else
    g_free (why);
}

/* Why the entry named @name is refused, or NULL. @names holds the
 * names of the posts listed before it. */
static char *
check_entry (GHashTable *names,
             JsonObject *entry,
             const char *name)
{
  const char *type = member_string (entry, "type");
  gint64 size = member_size (entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = community_text_make_safe (name, -1, COMMUNITY_TEXT_FLAGS_NONE, 80);

  if (g_strcmp0 (type, "file") != 0)
    /* Translators: %s is a name in the list of the site's posts */
    return g_strdup_printf (_("“%s” is not a file"), shown);
  if (!community_notice_check_name (name, &error))
    return g_strdup (error->message);
  if (size < 0 || !community_notice_listing_is_blob_sha (member_string (entry, "sha")))
    /* Translators: %s is a name in the list of the site's posts */
    return g_strdup_printf (_("“%s” has no valid size or hash in the list"), name);
  if (size > COMMUNITY_PAGE_MAX_SIZE)
    /* Translators: %s is a post's file name, %u a number of KiB */
    return g_strdup_printf (_("The post “%s” is larger than %u KiB"), name,
                            COMMUNITY_PAGE_MAX_SIZE / 1024);
  if (g_hash_table_contains (names, name))
    /* Translators: %s is a name in the list of the site's posts */
    return g_strdup_printf (_("“%s” is listed twice"), name);
  return NULL;
}

static void
read_entry (CommunityNoticeListing *listing,
            GHashTable             *names,
            JsonNode               *node,
            guint                   index)
{
  JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name = entry != NULL ? member_string (entry, "name") : NULL;
  CommunityListedPost *post;
  char *why;

  if (name == NULL)
    {
      /* Translators: %u counts the entries of the list of posts, from 1 */
      add_refused (listing, g_strdup_printf (_("Entry %u of the list of posts has no name"),
                                             index + 1));
      return;
    }

  why = check_entry (names, entry, name);
  if (why != NULL)
    {
      add_refused (listing, why);
      return;
    }

  post = g_new0 (CommunityListedPost, 1);
  post->name = g_strdup (name);
  post->sha = g_strdup (member_string (entry, "sha"));
  post->size = member_size (entry);
  g_ptr_array_add (listing->posts, post);
  g_hash_table_add (names, post->name);
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  const CommunityListedPost *post_a = *(CommunityListedPost * const *) a;
  const CommunityListedPost *post_b = *(CommunityListedPost * const *) b;

  return -strcmp (post_a->name, post_b->name);
}

CommunityNoticeListing *
community_notice_listing_parse (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(CommunityNoticeListing) listing = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint n_read;

  g_return_val_if_fail (bytes != NULL, NULL);

  root = parse_json (bytes, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return refuse_listing (error, _("it does not list a folder"));

  array = json_node_get_array (root);
  listing = g_new0 (CommunityNoticeListing, 1);
  listing->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) listed_post_free);
  listing->refused = g_ptr_array_new_with_free_func (g_free);
  listing->n_entries = json_array_get_length (array);
  listing->truncated = listing->n_entries > COMMUNITY_NOTICE_LISTING_MAX_ENTRIES;
  n_read = MIN (listing->n_entries, COMMUNITY_NOTICE_LISTING_MAX_ENTRIES);

  for (guint i = 0; i < n_read; i++)
    read_entry (listing, names, json_array_get_element (array, i), i);
  g_ptr_array_sort (listing->posts, compare_names_descending);

  return g_steal_pointer (&listing);
}

char *
community_notice_listing_blob_sha (GBytes *bytes)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *header = NULL;
  gsize size = 0;
  const guchar *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  header = g_strdup_printf ("blob %" G_GSIZE_FORMAT, size);
  /* The header's NUL is part of what is hashed. */
  g_checksum_update (checksum, (const guchar *) header, strlen (header) + 1);
  if (size > 0)
    g_checksum_update (checksum, data, size);

  return g_strdup (g_checksum_get_string (checksum));
}
