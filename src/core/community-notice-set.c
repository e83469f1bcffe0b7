/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice-set.c: the known posts, saved and bundled.
 *
 * Saved as {"posts": [{"name", "sha", "notice": {"title", "date",
 * "permalink", "announcement"} or null}]}: only what the app shows, so
 * that the file stays small and is read before the first frame. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-json.h"
#include "community-notice-listing.h"
#include "community-notice-set.h"

/* {"posts": [{"notice": {...}}]} */
#define SET_DEPTH 4

CommunityNoticeEntry *
community_notice_entry_new (const char      *name,
                            const char      *sha,
                            CommunityNotice *notice)
{
  CommunityNoticeEntry *entry = g_new0 (CommunityNoticeEntry, 1);

  g_return_val_if_fail (name != NULL, NULL);

  entry->name = g_strdup (name);
  entry->sha = g_strdup (sha);
  entry->notice = notice != NULL ? community_notice_ref (notice) : NULL;
  return entry;
}

void
community_notice_entry_free (CommunityNoticeEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->name);
  g_free (entry->sha);
  g_clear_pointer (&entry->notice, community_notice_unref);
  g_free (entry);
}

GPtrArray *
community_notice_set_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) community_notice_entry_free);
}

CommunityNoticeEntry *
community_notice_set_find (GPtrArray  *set,
                           const char *name)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < set->len; i++)
    {
      CommunityNoticeEntry *entry = g_ptr_array_index (set, i);

      if (g_str_equal (entry->name, name))
        return entry;
    }

  return NULL;
}

GPtrArray *
community_notice_set_get_notices (GPtrArray *set)
{
  GPtrArray *notices = g_ptr_array_new_with_free_func ((GDestroyNotify) community_notice_unref);

  g_return_val_if_fail (set != NULL, notices);

  for (guint i = 0; i < set->len; i++)
    {
      CommunityNoticeEntry *entry = g_ptr_array_index (set, i);

      if (entry->notice != NULL)
        g_ptr_array_add (notices, community_notice_ref (entry->notice));
    }
  g_ptr_array_sort (notices, community_notice_compare);
  return notices;
}

void
community_notice_set_trim (GPtrArray *set)
{
  g_autoptr(GPtrArray) notices = NULL;

  g_return_if_fail (set != NULL);

  notices = community_notice_set_get_notices (set);
  /* The older ones stay known by their hash, so they are not fetched
   * again, but are no longer notices. */
  for (guint i = COMMUNITY_NOTICE_SET_MAX_NOTICES; i < notices->len; i++)
    {
      CommunityNotice *notice = g_ptr_array_index (notices, i);
      CommunityNoticeEntry *entry = community_notice_set_find (set, notice->name);

      g_clear_pointer (&entry->notice, community_notice_unref);
    }
}

/* The seed. */

static void
add_seed_post (GPtrArray  *set,
               const char *name)
{
  g_autofree char *path = g_strconcat (COMMUNITY_NOTICE_SET_SEED_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityNotice) notice = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    notice = community_notice_new_from_post (name, bytes, &error);
  if (notice == NULL)
    {
      g_critical ("The bundled notice %s cannot be read: %s", path, error->message);
      return;
    }

  g_ptr_array_add (set, community_notice_entry_new (name, NULL, notice));
}

GPtrArray *
community_notice_set_new_seed (void)
{
  GPtrArray *set = community_notice_set_new ();
  g_auto(GStrv) names = NULL;

  names = g_resources_enumerate_children (COMMUNITY_NOTICE_SET_SEED_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    add_seed_post (set, names[i]);

  return set;
}

/* Saving. */

static void
add_notice (JsonBuilder           *builder,
            const CommunityNotice *notice)
{
  json_builder_set_member_name (builder, "notice");
  if (notice == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  community_json_add_string (builder, "title", notice->title);
  community_json_add_string (builder, "date", notice->date);
  community_json_add_string (builder, "permalink", notice->permalink);
  json_builder_set_member_name (builder, "announcement");
  json_builder_add_boolean_value (builder, notice->announcement);
  json_builder_end_object (builder);
}

GBytes *
community_notice_set_to_json (GPtrArray *set)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  char *text;

  g_return_val_if_fail (set != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "posts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < set->len; i++)
    {
      CommunityNoticeEntry *entry = g_ptr_array_index (set, i);

      json_builder_begin_object (builder);
      community_json_add_string (builder, "name", entry->name);
      community_json_add_string (builder, "sha", entry->sha);
      add_notice (builder, entry->notice);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* Reading back. */

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_boolean (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* The entry @node describes, checked as a fetched post is; NULL when it
 * fails. */
static CommunityNoticeEntry *
read_entry (JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *notice_node = object != NULL ? json_object_get_member (object, "notice") : NULL;
  const char *name = object != NULL ? get_string (object, "name") : NULL;
  const char *sha = object != NULL ? get_string (object, "sha") : NULL;
  g_autoptr(CommunityNotice) notice = NULL;
  JsonObject *fields;

  if (name == NULL || !community_notice_check_name (name, NULL)
      || (sha != NULL && !community_notice_listing_is_blob_sha (sha)) || notice_node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_NULL (notice_node))
    return sha != NULL ? community_notice_entry_new (name, sha, NULL) : NULL;
  if (!JSON_NODE_HOLDS_OBJECT (notice_node))
    return NULL;

  fields = json_node_get_object (notice_node);
  notice = community_notice_new (name, get_string (fields, "title"), get_string (fields, "date"),
                                 get_string (fields, "permalink"),
                                 get_boolean (fields, "announcement"), NULL);
  return notice != NULL ? community_notice_entry_new (name, sha, notice) : NULL;
}

GPtrArray *
community_notice_set_from_json (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) set = NULL;
  g_autoptr(GHashTable) names = NULL;
  JsonNode *posts;
  JsonArray *array;

  g_return_val_if_fail (bytes != NULL, NULL);

  root = community_json_parse_bounded (bytes, COMMUNITY_NOTICE_SET_MAX_SIZE, SET_DEPTH, error);
  if (root == NULL)
    return NULL;
  posts = JSON_NODE_HOLDS_OBJECT (root)
          ? json_object_get_member (json_node_get_object (root), "posts") : NULL;
  if (posts == NULL || !JSON_NODE_HOLDS_ARRAY (posts))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it is not a list of posts"));
      return NULL;
    }

  array = json_node_get_array (posts);
  set = community_notice_set_new ();
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array)
                    && i < COMMUNITY_NOTICE_LISTING_MAX_ENTRIES; i++)
    {
      CommunityNoticeEntry *entry = read_entry (json_array_get_element (array, i));

      /* The first entry of a name counts. (Not g_hash_table_add(): it
       * would keep the later entry's name, freed here.) */
      if (entry != NULL && !g_hash_table_contains (names, entry->name))
        {
          g_hash_table_add (names, entry->name);
          g_ptr_array_add (set, entry);
        }
      else
        community_notice_entry_free (entry);
    }
  community_notice_set_trim (set);

  return g_steal_pointer (&set);
}
