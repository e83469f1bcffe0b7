/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-i18n-pages.c: the bundled English and Traditional Chinese pages are
 * translations of the Chinese one with the same structure, so each gives
 * the same join model as the Chinese page, through the API and through
 * --inspect: the same tiers (count, remarks, prices), WeChat ID, QR
 * payload and e-mail. Display-free. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "community-inspect.h"
#include "community-join.h"
#include "community-page.h"

#define PAGE_ZH RESOURCE_BASE "/pages/join.zh_CN.md"

/* A bundled translation and what it calls the page and its tiers. */
typedef struct
{
  const char *language;
  const char *file;           /* in data/pages */
  const char *title;
  const char *tier_names[2];  /* the paid tier, the free one */
} Translation;

static const Translation translations[] = {
  { "en", "join.en.md", "Join the Community", { "Paid Community", "Free Community" } },
  { "zh_TW", "join.zh_TW.md", "加入社群", { "付費社群", "免費社群" } },
};

/* The Chinese page and one translation ("tr"), with their join models. */
typedef struct
{
  CommunityPage *zh;
  CommunityPage *tr;
  CommunityJoin *zh_join;
  CommunityJoin *tr_join;
} Fixture;

static char *
resource_path (const Translation *translation)
{
  return g_strconcat (RESOURCE_BASE "/pages/", translation->file, NULL);
}

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
  g_autofree char *path = resource_path (user_data);

  fixture->zh = load_page (PAGE_ZH);
  fixture->tr = load_page (path);
  fixture->zh_join = community_join_new (fixture->zh);
  fixture->tr_join = community_join_new (fixture->tr);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->zh_join);
  g_assert_finalize_object (fixture->tr_join);
  g_assert_finalize_object (fixture->zh);
  g_assert_finalize_object (fixture->tr);
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
  g_autoptr(GPtrArray) tr = skeleton (fixture->tr);

  for (guint i = 0; i < MIN (zh->len, tr->len); i++)
    if (g_strcmp0 (g_ptr_array_index (zh, i), g_ptr_array_index (tr, i)) != 0)
      g_error ("The pages differ at node %u:\n  zh_CN: %s\n  %s: %s", i,
               (char *) g_ptr_array_index (zh, i),
               ((const Translation *) user_data)->language,
               (char *) g_ptr_array_index (tr, i));

  g_assert_cmpuint (zh->len, ==, tr->len);
  g_assert_cmpuint (community_page_get_sections (fixture->zh)->len, ==,
                    community_page_get_sections (fixture->tr)->len);
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
  const Translation *translation = user_data;
  const char * const *zh_keys = community_page_get_front_matter_keys (fixture->zh);
  const char * const *tr_keys = community_page_get_front_matter_keys (fixture->tr);
  g_auto(GStrv) tr_shared_keys = keys_but_translates (tr_keys);
  const char *same[] = { "date", "permalink" };
  const char *lists[] = { "tags", "categories" };

  /* The same keys, except that the translation names what it translates. */
  g_assert_cmpstrv (zh_keys, tr_shared_keys);
  g_assert_true (g_strv_contains (tr_keys, "translates"));
  g_assert_false (g_strv_contains (zh_keys, "translates"));
  g_assert_cmpstr (community_page_get_title (fixture->zh), ==, "加入社群");
  g_assert_cmpstr (community_page_get_title (fixture->tr), ==, translation->title);

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_cmpstr (community_page_get_front_matter (fixture->zh, same[i]), ==,
                     community_page_get_front_matter (fixture->tr, same[i]));

  /* Lists are translated item by item. */
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) zh_items = g_strsplit (community_page_get_front_matter (fixture->zh, lists[i]), "\n", -1);
      g_auto(GStrv) tr_items = g_strsplit (community_page_get_front_matter (fixture->tr, lists[i]), "\n", -1);

      g_assert_cmpuint (g_strv_length (zh_items), ==, g_strv_length (tr_items));
    }
}

/* The translation translates the bundled Chinese page as it is now: its
 * "translates" key is the sha256 of those very bytes. */
static void
test_translates (gconstpointer user_data)
{
  g_autofree char *path = resource_path (user_data);
  g_autoptr(GBytes) zh_bytes = NULL;
  g_autoptr(CommunityPage) tr = load_page (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  zh_bytes = g_resources_lookup_data (PAGE_ZH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, zh_bytes);

  g_assert_cmpuint (strlen (sha256), ==, 64);
  g_assert_cmpstr (community_page_get_front_matter (tr, "translates"), ==, sha256);
}

static void
test_same_tiers (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const Translation *translation = user_data;
  GPtrArray *zh = community_join_get_tiers (fixture->zh_join);
  GPtrArray *tr = community_join_get_tiers (fixture->tr_join);
  const char *zh_names[] = { "付费社群", "免费社群" };

  g_assert_cmpuint (zh->len, ==, G_N_ELEMENTS (zh_names));
  g_assert_cmpuint (tr->len, ==, zh->len);

  for (guint i = 0; i < zh->len; i++)
    {
      const CommunityTier *zh_tier = g_ptr_array_index (zh, i);
      const CommunityTier *tr_tier = g_ptr_array_index (tr, i);

      g_assert_cmpstr (zh_tier->name, ==, zh_names[i]);
      g_assert_cmpstr (tr_tier->name, ==, translation->tier_names[i]);
      /* Remarks stay as the Chinese page writes them (in Simplified
       * characters in Traditional Chinese too): they must be typed
       * exactly. */
      g_assert_cmpstr (tr_tier->remark, ==, zh_tier->remark);
      g_assert_true (g_strv_equal ((const char * const *) tr_tier->prices,
                                   (const char * const *) zh_tier->prices));
      g_assert_cmpint (community_tier_is_paid (tr_tier), ==, community_tier_is_paid (zh_tier));
    }

  /* The paid tier has its price, the free one none. */
  g_assert_true (community_tier_is_paid (g_ptr_array_index (tr, 0)));
  g_assert_false (community_tier_is_paid (g_ptr_array_index (tr, 1)));
}

static void
test_same_contact (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CommunityJoin *zh = fixture->zh_join;
  CommunityJoin *tr = fixture->tr_join;

  g_assert_nonnull (community_join_get_wechat_id (zh));
  g_assert_cmpstr (community_join_get_wechat_id (tr), ==, community_join_get_wechat_id (zh));

  g_assert_nonnull (community_join_get_qr_payload (zh));
  g_assert_cmpstr (community_join_get_qr_image (tr), ==, community_join_get_qr_image (zh));
  g_assert_cmpstr (community_join_get_qr_payload (tr), ==, community_join_get_qr_payload (zh));

  g_assert_nonnull (community_join_get_email (zh));
  g_assert_cmpstr (community_join_get_email (tr), ==, community_join_get_email (zh));
}

static void
test_complete (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_assert_true (community_join_is_complete (fixture->zh_join));
  g_assert_true (community_join_is_complete (fixture->tr_join));
  g_assert_cmpuint (community_join_get_warnings (fixture->zh_join)->len, ==, 0);
  g_assert_cmpuint (community_join_get_warnings (fixture->tr_join)->len, ==, 0);
  g_assert_cmpuint (community_page_get_warnings (fixture->tr)->len, ==,
                    community_page_get_warnings (fixture->zh)->len);
}

/* The Traditional Chinese page keeps Simplified characters in its
 * remarks only: OpenCC converted the rest, and the mends put the remark
 * back as the assistant matches it. */
static void
test_traditional_remarks (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "..", "data", "pages", "join.zh_TW.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint simplified = 0, in_remarks = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  for (const char *p = text; (p = strstr (p, "付费")) != NULL; p++)
    simplified++;
  for (const char *p = text; (p = strstr (p, "`Jpom 付费社群`")) != NULL; p++)
    in_remarks++;

  /* The paid tier's section and the list of remarks. */
  g_assert_cmpuint (in_remarks, ==, 2);
  g_assert_cmpuint (simplified, ==, in_remarks);
  g_assert_null (strstr (text, "付费社群 "));
  g_assert_nonnull (strstr (text, "## 付費社群\n"));
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
                      JsonObject *tr,
                      const char *member)
{
  JsonNode *zh_node = json_object_get_member (zh, member);
  JsonNode *tr_node = json_object_get_member (tr, member);

  if (zh_node == NULL || tr_node == NULL || !json_node_equal (zh_node, tr_node))
    {
      g_autofree char *zh_text = zh_node != NULL ? json_to_string (zh_node, FALSE) : NULL;
      g_autofree char *tr_text = tr_node != NULL ? json_to_string (tr_node, FALSE) : NULL;

      g_error ("--inspect gives a different “%s”: zh_CN %s, the translation %s",
               member, zh_text, tr_text);
    }
}

static void
test_inspect (gconstpointer user_data)
{
  const Translation *translation = user_data;
  g_autoptr(JsonObject) zh = inspect_join ("join.zh_CN.md");
  g_autoptr(JsonObject) tr = inspect_join (translation->file);
  const char *members[] = { "complete", "wechat_id", "qr_image", "qr_payload", "email", "warnings" };
  JsonArray *zh_tiers = json_object_get_array_member (zh, "tiers");
  JsonArray *tr_tiers = json_object_get_array_member (tr, "tiers");

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    assert_members_equal (zh, tr, members[i]);
  g_assert_true (json_object_get_boolean_member (tr, "complete"));
  g_assert_nonnull (json_object_get_string_member (tr, "qr_payload"));

  /* Tier names and anchors are translated; remarks and prices are not. */
  g_assert_cmpuint (json_array_get_length (zh_tiers), >, 0);
  g_assert_cmpuint (json_array_get_length (tr_tiers), ==, json_array_get_length (zh_tiers));
  for (guint i = 0; i < json_array_get_length (zh_tiers); i++)
    {
      JsonObject *zh_tier = json_array_get_object_element (zh_tiers, i);
      JsonObject *tr_tier = json_array_get_object_element (tr_tiers, i);

      assert_members_equal (zh_tier, tr_tier, "remark");
      assert_members_equal (zh_tier, tr_tier, "prices");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (translations); i++)
    {
      const Translation *t = &translations[i];
      const struct { const char *name; void (*func) (Fixture *, gconstpointer); } cases[] = {
        { "same-structure", test_same_structure },
        { "front-matter", test_front_matter },
        { "same-tiers", test_same_tiers },
        { "same-contact", test_same_contact },
        { "complete", test_complete },
      };
      g_autofree char *translates = g_strdup_printf ("/community/i18n/pages/%s/translates", t->language);
      g_autofree char *inspect = g_strdup_printf ("/community/i18n/pages/%s/inspect", t->language);

      for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
        {
          g_autofree char *path = g_strdup_printf ("/community/i18n/pages/%s/%s",
                                                   t->language, cases[j].name);

          g_test_add (path, Fixture, t, fixture_set_up, cases[j].func, fixture_tear_down);
        }
      g_test_add_data_func (translates, t, test_translates);
      g_test_add_data_func (inspect, t, test_inspect);
    }
  g_test_add_func ("/community/i18n/pages/zh_TW/traditional-remarks", test_traditional_remarks);

  return g_test_run ();
}
