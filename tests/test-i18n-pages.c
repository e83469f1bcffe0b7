/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-i18n-pages.c: the bundled English page is a translation of the
 * Chinese one with the same structure, so both give the same join model,
 * through the API and through --inspect: the same tiers (count, remarks,
 * prices), WeChat ID, QR payload and e-mail. Display-free. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "community-inspect.h"
#include "community-join.h"
#include "community-page.h"

#define PAGE_ZH RESOURCE_BASE "/pages/join.zh_CN.md"
#define PAGE_EN RESOURCE_BASE "/pages/join.en.md"

typedef struct
{
  CommunityPage *zh;
  CommunityPage *en;
  CommunityJoin *zh_join;
  CommunityJoin *en_join;
} Fixture;

static CommunityPage *
load_page (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CommunityPage *page;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  page = community_page_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return page;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->zh = load_page (PAGE_ZH);
  fixture->en = load_page (PAGE_EN);
  fixture->zh_join = community_join_new (fixture->zh);
  fixture->en_join = community_join_new (fixture->en);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->zh_join);
  g_assert_finalize_object (fixture->en_join);
  g_assert_finalize_object (fixture->zh);
  g_assert_finalize_object (fixture->en);
}

static guint
depth_of (const CommunityNode *node)
{
  guint depth = 0;

  for (; node->parent != NULL; node = node->parent)
    depth++;

  return depth;
}

/* The structure of a page: one line per node in document order, with what
 * a translation keeps (types, heading levels, list kinds, container types,
 * link and image targets) and without what it changes (text, titles,
 * anchors). Text and line breaks are left out, since a translation joins
 * and splits text freely. */
static GPtrArray *
skeleton (CommunityPage *page)
{
  const CommunityNode *root = community_page_get_root (page);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (const CommunityNode *n = root; n != NULL; n = community_node_next_in (n, root))
    {
      g_autoptr(GString) line = NULL;

      if (n->type == COMMUNITY_NODE_TEXT
          || n->type == COMMUNITY_NODE_SOFT_BREAK
          || n->type == COMMUNITY_NODE_LINE_BREAK)
        continue;

      line = g_string_new (NULL);
      g_string_append_printf (line, "%*s%s", 2 * (int) depth_of (n),
                              "", community_node_type_to_string (n->type));

      if (n->type == COMMUNITY_NODE_HEADING)
        g_string_append_printf (line, " level=%d", n->level);
      else if (n->type == COMMUNITY_NODE_LIST)
        g_string_append_printf (line, " ordered=%d start=%d", n->ordered, n->start);
      else if (n->type == COMMUNITY_NODE_CONTAINER)
        g_string_append_printf (line, " type=%s", n->info);
      else if (n->type == COMMUNITY_NODE_LINK || n->type == COMMUNITY_NODE_IMAGE)
        g_string_append_printf (line, " raw_url=%s url=%s", n->raw_url, n->url);

      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }

  return lines;
}

static void
test_same_structure (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) zh = skeleton (fixture->zh);
  g_autoptr(GPtrArray) en = skeleton (fixture->en);

  for (guint i = 0; i < MIN (zh->len, en->len); i++)
    if (g_strcmp0 (g_ptr_array_index (zh, i), g_ptr_array_index (en, i)) != 0)
      g_error ("The pages differ at node %u:\n  zh_CN: %s\n  en:    %s", i,
               (char *) g_ptr_array_index (zh, i), (char *) g_ptr_array_index (en, i));

  g_assert_cmpuint (zh->len, ==, en->len);
  g_assert_cmpuint (community_page_get_sections (fixture->zh)->len, ==,
                    community_page_get_sections (fixture->en)->len);
}

/* @keys without "translates", which only a translation has. */
static GStrv
keys_but_translates (const char * const *keys)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_str_equal (keys[i], "translates"))
      g_strv_builder_add (builder, keys[i]);

  return g_strv_builder_end (builder);
}

static void
test_front_matter (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char * const *zh_keys = community_page_get_front_matter_keys (fixture->zh);
  const char * const *en_keys = community_page_get_front_matter_keys (fixture->en);
  g_auto(GStrv) en_shared_keys = keys_but_translates (en_keys);
  const char *same[] = { "date", "permalink" };
  const char *lists[] = { "tags", "categories" };

  /* The same keys, except that the translation names what it translates. */
  g_assert_cmpstrv (zh_keys, en_shared_keys);
  g_assert_true (g_strv_contains (en_keys, "translates"));
  g_assert_false (g_strv_contains (zh_keys, "translates"));
  g_assert_cmpstr (community_page_get_title (fixture->zh), ==, "加入社群");
  g_assert_cmpstr (community_page_get_title (fixture->en), ==, "Join the Community");

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_cmpstr (community_page_get_front_matter (fixture->zh, same[i]), ==,
                     community_page_get_front_matter (fixture->en, same[i]));

  /* Lists are translated item by item. */
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) zh_items = g_strsplit (community_page_get_front_matter (fixture->zh, lists[i]), "\n", -1);
      g_auto(GStrv) en_items = g_strsplit (community_page_get_front_matter (fixture->en, lists[i]), "\n", -1);

      g_assert_cmpuint (g_strv_length (zh_items), ==, g_strv_length (en_items));
    }
}

/* The English page translates the bundled Chinese page as it is now: its
 * "translates" key is the sha256 of those very bytes. */
static void
test_translates (void)
{
  g_autoptr(GBytes) zh_bytes = NULL;
  g_autoptr(CommunityPage) en = load_page (PAGE_EN);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  zh_bytes = g_resources_lookup_data (PAGE_ZH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, zh_bytes);

  g_assert_cmpuint (strlen (sha256), ==, 64);
  g_assert_cmpstr (community_page_get_front_matter (en, "translates"), ==, sha256);
}

static void
test_same_tiers (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GPtrArray *zh = community_join_get_tiers (fixture->zh_join);
  GPtrArray *en = community_join_get_tiers (fixture->en_join);
  /* The tier headings as the English page names them. */
  const struct { const char *zh; const char *en; } names[] = {
    { "付费社群", "Paid Community" },
    { "免费社群", "Free Community" },
  };

  g_assert_cmpuint (zh->len, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (en->len, ==, zh->len);

  for (guint i = 0; i < zh->len; i++)
    {
      const CommunityTier *zh_tier = g_ptr_array_index (zh, i);
      const CommunityTier *en_tier = g_ptr_array_index (en, i);

      g_assert_cmpstr (zh_tier->name, ==, names[i].zh);
      g_assert_cmpstr (en_tier->name, ==, names[i].en);
      /* Remarks stay in Chinese: they must be typed exactly. */
      g_assert_cmpstr (en_tier->remark, ==, zh_tier->remark);
      g_assert_true (g_strv_equal ((const char * const *) en_tier->prices,
                                   (const char * const *) zh_tier->prices));
      g_assert_cmpint (community_tier_is_paid (en_tier), ==, community_tier_is_paid (zh_tier));
    }

  /* The paid tier has its price, the free one none. */
  g_assert_true (community_tier_is_paid (g_ptr_array_index (en, 0)));
  g_assert_false (community_tier_is_paid (g_ptr_array_index (en, 1)));
}

static void
test_same_contact (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CommunityJoin *zh = fixture->zh_join;
  CommunityJoin *en = fixture->en_join;

  g_assert_nonnull (community_join_get_wechat_id (zh));
  g_assert_cmpstr (community_join_get_wechat_id (en), ==, community_join_get_wechat_id (zh));

  g_assert_nonnull (community_join_get_qr_payload (zh));
  g_assert_cmpstr (community_join_get_qr_image (en), ==, community_join_get_qr_image (zh));
  g_assert_cmpstr (community_join_get_qr_payload (en), ==, community_join_get_qr_payload (zh));

  g_assert_nonnull (community_join_get_email (zh));
  g_assert_cmpstr (community_join_get_email (en), ==, community_join_get_email (zh));
}

static void
test_complete (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_assert_true (community_join_is_complete (fixture->zh_join));
  g_assert_true (community_join_is_complete (fixture->en_join));
  g_assert_cmpuint (community_join_get_warnings (fixture->zh_join)->len, ==, 0);
  g_assert_cmpuint (community_join_get_warnings (fixture->en_join)->len, ==, 0);
  g_assert_cmpuint (community_page_get_warnings (fixture->en)->len, ==,
                    community_page_get_warnings (fixture->zh)->len);
}

/* --inspect. */

/* Runs --inspect on a source page, as `jpom-community --inspect FILE`
 * does, and returns the "join" member of its JSON. */
static JsonObject *
inspect_join (const char *page_name)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "data", "pages", page_name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  FILE *out = tmpfile ();
  FILE *err = tmpfile ();
  char buffer[4096];
  size_t n;
  int status;

  g_assert_nonnull (out);
  g_assert_nonnull (err);

  status = community_inspect_run (path, out, err);
  g_assert_cmpint (status, ==, COMMUNITY_INSPECT_OK);
  g_assert_cmpint (ftell (err), ==, 0);

  rewind (out);
  while ((n = fread (buffer, 1, sizeof buffer, out)) > 0)
    g_string_append_len (json, buffer, n);
  fclose (out);
  fclose (err);

  json_parser_load_from_data (parser, json->str, json->len, &error);
  g_assert_no_error (error);

  return json_object_ref (json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), "join"));
}

static void
assert_members_equal (JsonObject *zh,
                      JsonObject *en,
                      const char *member)
{
  JsonNode *zh_node = json_object_get_member (zh, member);
  JsonNode *en_node = json_object_get_member (en, member);

  if (zh_node == NULL || en_node == NULL || !json_node_equal (zh_node, en_node))
    {
      g_autofree char *zh_text = zh_node != NULL ? json_to_string (zh_node, FALSE) : NULL;
      g_autofree char *en_text = en_node != NULL ? json_to_string (en_node, FALSE) : NULL;

      g_error ("--inspect gives a different “%s”: zh_CN %s, en %s",
               member, zh_text, en_text);
    }
}

static void
test_inspect (void)
{
  g_autoptr(JsonObject) zh = inspect_join ("join.zh_CN.md");
  g_autoptr(JsonObject) en = inspect_join ("join.en.md");
  const char *members[] = { "complete", "wechat_id", "qr_image", "qr_payload", "email", "warnings" };
  JsonArray *zh_tiers = json_object_get_array_member (zh, "tiers");
  JsonArray *en_tiers = json_object_get_array_member (en, "tiers");

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    assert_members_equal (zh, en, members[i]);
  g_assert_true (json_object_get_boolean_member (en, "complete"));
  g_assert_nonnull (json_object_get_string_member (en, "qr_payload"));

  /* Tier names and anchors are translated; remarks and prices are not. */
  g_assert_cmpuint (json_array_get_length (zh_tiers), >, 0);
  g_assert_cmpuint (json_array_get_length (en_tiers), ==, json_array_get_length (zh_tiers));
  for (guint i = 0; i < json_array_get_length (zh_tiers); i++)
    {
      JsonObject *zh_tier = json_array_get_object_element (zh_tiers, i);
      JsonObject *en_tier = json_array_get_object_element (en_tiers, i);

      assert_members_equal (zh_tier, en_tier, "remark");
      assert_members_equal (zh_tier, en_tier, "prices");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/community/i18n/pages/same-structure", Fixture, NULL,
              fixture_set_up, test_same_structure, fixture_tear_down);
  g_test_add ("/community/i18n/pages/front-matter", Fixture, NULL,
              fixture_set_up, test_front_matter, fixture_tear_down);
  g_test_add_func ("/community/i18n/pages/translates", test_translates);
  g_test_add ("/community/i18n/pages/same-tiers", Fixture, NULL,
              fixture_set_up, test_same_tiers, fixture_tear_down);
  g_test_add ("/community/i18n/pages/same-contact", Fixture, NULL,
              fixture_set_up, test_same_contact, fixture_tear_down);
  g_test_add ("/community/i18n/pages/complete", Fixture, NULL,
              fixture_set_up, test_complete, fixture_tear_down);
  g_test_add_func ("/community/i18n/pages/inspect", test_inspect);

  return g_test_run ();
}
