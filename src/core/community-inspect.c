/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-inspect.h"
#include "community-json.h"
#include "community-join.h"
#include "community-page-loader.h"

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_front_matter (JsonBuilder   *builder,
                  CommunityPage *page)
{
  const char * const *keys = community_page_get_front_matter_keys (page);

  json_builder_set_member_name (builder, "front_matter");
  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char * const *list = community_page_get_front_matter_list (page, keys[i]);

      if (list == NULL)
        {
          community_json_add_string (builder, keys[i],
                                     community_page_get_front_matter (page, keys[i]));
          continue;
        }
      json_builder_set_member_name (builder, keys[i]);
      json_builder_begin_array (builder);
      for (guint j = 0; list[j] != NULL; j++)
        json_builder_add_string_value (builder, list[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_sections (JsonBuilder   *builder,
              CommunityPage *page)
{
  GPtrArray *sections = community_page_get_sections (page);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);

      json_builder_begin_object (builder);
      community_json_add_string (builder, "heading", section->heading);
      community_json_add_string (builder, "anchor", section->anchor);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_heading (JsonBuilder         *builder,
             const CommunityNode *node)
{
  g_autofree char *text = community_node_get_plain_text (node);

  json_builder_begin_object (builder);
  add_int (builder, "level", node->level);
  community_json_add_string (builder, "text", g_strstrip (text));
  community_json_add_string (builder, "anchor", node->anchor);
  json_builder_end_object (builder);
}

static void
add_container (JsonBuilder         *builder,
               const CommunityNode *node)
{
  json_builder_begin_object (builder);
  community_json_add_string (builder, "type", node->info);
  community_json_add_string (builder, "title", node->title);
  json_builder_end_object (builder);
}

static void
add_link (JsonBuilder         *builder,
          const CommunityNode *node)
{
  g_autofree char *text = community_node_get_plain_text (node);

  json_builder_begin_object (builder);
  community_json_add_string (builder, "text", text);
  community_json_add_string (builder, "target", node->raw_url);
  community_json_add_string (builder, "resolved", node->url);
  json_builder_set_member_name (builder, "opens");
  json_builder_add_boolean_value (builder, node->url != NULL);
  json_builder_end_object (builder);
}

static void
add_image (JsonBuilder         *builder,
           const CommunityNode *node)
{
  json_builder_begin_object (builder);
  community_json_add_string (builder, "alt", node->text);
  community_json_add_string (builder, "src", node->url);
  json_builder_end_object (builder);
}

typedef void (*AddNodeFunc) (JsonBuilder *, const CommunityNode *);

/* An array of every node of @type in document order. */
static void
add_nodes (JsonBuilder       *builder,
           const char        *name,
           CommunityPage     *page,
           CommunityNodeType  type,
           AddNodeFunc        add)
{
  const CommunityNode *root = community_page_get_root (page);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (const CommunityNode *n = root; n != NULL; n = community_node_next_in (n, root))
    if (n->type == type)
      add (builder, n);
  json_builder_end_array (builder);
}

static void
add_counts (JsonBuilder   *builder,
            CommunityPage *page)
{
  const CommunityNode *root = community_page_get_root (page);
  guint counts[COMMUNITY_NODE_IMAGE + 1] = { 0 };

  for (const CommunityNode *n = root; n != NULL; n = community_node_next_in (n, root))
    counts[n->type]++;

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint type = COMMUNITY_NODE_HEADING; type <= COMMUNITY_NODE_IMAGE; type++)
    add_int (builder, community_node_type_to_string (type), counts[type]);
  json_builder_end_object (builder);
}

static void
add_strings (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

/* What the page itself must give for the app to show it. */
static void
check_page (CommunityPage *page,
            GPtrArray     *problems)
{
  if (community_page_get_sections (page)->len == 0)
    g_ptr_array_add (problems, g_strdup (_("The page has no “##” sections")));
}

/* ---- The join model. ----------------------------------------------------
 * A "join" member: the tiers with their remarks and prices, the WeChat ID,
 * the QR image and payload, the e-mail and the join model's warnings.
 * What the app cannot do without goes to @problems, so --inspect exits 1. */
static void
add_tier (JsonBuilder         *builder,
          const CommunityTier *tier)
{
  json_builder_begin_object (builder);
  community_json_add_string (builder, "name", tier->name);
  community_json_add_string (builder, "anchor", tier->anchor);
  community_json_add_string (builder, "remark", tier->remark);
  json_builder_set_member_name (builder, "prices");
  json_builder_begin_array (builder);
  for (guint i = 0; tier->prices[i] != NULL; i++)
    json_builder_add_string_value (builder, tier->prices[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_join (JsonBuilder   *builder,
          CommunityPage *page,
          GPtrArray     *problems)
{
  g_autoptr(CommunityJoin) join = community_join_new (page);
  GPtrArray *tiers = community_join_get_tiers (join);
  GPtrArray *join_problems = community_join_get_problems (join);

  json_builder_set_member_name (builder, "join");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, community_join_is_complete (join));
  json_builder_set_member_name (builder, "tiers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tiers->len; i++)
    add_tier (builder, g_ptr_array_index (tiers, i));
  json_builder_end_array (builder);
  community_json_add_string (builder, "wechat_id", community_join_get_wechat_id (join));
  community_json_add_string (builder, "qr_image", community_join_get_qr_image (join));
  community_json_add_string (builder, "qr_payload", community_join_get_qr_payload (join));
  community_json_add_string (builder, "email", community_join_get_email (join));
  add_strings (builder, "warnings", community_join_get_warnings (join));
  json_builder_end_object (builder);

  for (guint i = 0; i < join_problems->len; i++)
    g_ptr_array_add (problems, g_strdup (g_ptr_array_index (join_problems, i)));
}

JsonNode *
community_inspect_build (CommunityPage *page,
                         GPtrArray     *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) own_problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (COMMUNITY_IS_PAGE (page), NULL);

  if (problems == NULL)
    problems = own_problems;

  json_builder_begin_object (builder);
  community_json_add_string (builder, "title", community_page_get_title (page));
  add_front_matter (builder, page);
  add_sections (builder, page);
  add_nodes (builder, "headings", page, COMMUNITY_NODE_HEADING, add_heading);
  add_nodes (builder, "containers", page, COMMUNITY_NODE_CONTAINER, add_container);
  add_nodes (builder, "links", page, COMMUNITY_NODE_LINK, add_link);
  add_nodes (builder, "images", page, COMMUNITY_NODE_IMAGE, add_image);
  add_counts (builder, page);
  add_strings (builder, "warnings", community_page_get_warnings (page));
  check_page (page, problems);
  add_join (builder, page, problems);
  add_strings (builder, "problems", problems);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
status_for_error (const GError *error)
{
  if (g_error_matches (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TIMED_OUT))
    return COMMUNITY_INSPECT_TIMED_OUT;
  return COMMUNITY_INSPECT_INVALID;
}

static void
print_json (JsonNode *root,
            FILE     *out)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  fprintf (out, "%s\n", text);
  fflush (out);
}

int
community_inspect_run (const char *path_or_dash,
                       FILE       *out,
                       FILE       *err)
{
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path_or_dash != NULL, COMMUNITY_INSPECT_INVALID);
  g_return_val_if_fail (out != NULL && err != NULL, COMMUNITY_INSPECT_INVALID);

  page = community_page_load_file_sync (path_or_dash, 0, &error);
  if (page == NULL)
    {
      fprintf (err, "%s\n", error->message);
      return status_for_error (error);
    }

  root = community_inspect_build (page, problems);
  print_json (root, out);
  for (guint i = 0; i < problems->len; i++)
    fprintf (err, "%s\n", (const char *) g_ptr_array_index (problems, i));

  return problems->len > 0 ? COMMUNITY_INSPECT_INCOMPLETE : COMMUNITY_INSPECT_OK;
}
