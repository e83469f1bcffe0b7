/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-join.c: the join model, derived from the page tree alone.
 *
 * Nothing the page says is written here: the rules below only read the
 * page's structure (sections, list items, code spans, strong text, images
 * and links) and the few words that name WeChat. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "community-join.h"
#include "community-mailto.h"

#define QR_PAYLOADS_RESOURCE "/top/jpom/Community/qr-payloads.json"

struct _CommunityJoin
{
  GObject        parent_instance;

  /* Owned references. */
  CommunityPage *page;
  GPtrArray     *tiers;        /* CommunityTier * */
  GPtrArray     *warnings;     /* char * */
  GPtrArray     *problems;     /* char *: the warnings that make it incomplete */
  char          *wechat_id;
  char          *qr_image;
  char          *qr_payload;
  char          *email;
};

G_DEFINE_FINAL_TYPE (CommunityJoin, community_join, G_TYPE_OBJECT)

/* Tree walking. */

/* The node after @node and all its descendants, staying under @root. */
static const CommunityNode *
next_node_skipping_children (const CommunityNode *node,
                             const CommunityNode *root)
{
  for (; node != NULL && node != root; node = node->parent)
    if (node->next != NULL)
      return node->next;

  return NULL;
}

/* The first node of @type at or after @node in document order. */
static const CommunityNode *
find_next (const CommunityNode *node,
           const CommunityNode *root,
           CommunityNodeType    type)
{
  for (; node != NULL; node = community_node_next_in (node, root))
    if (node->type == type)
      return node;

  return NULL;
}

/* A "##" section runs from its heading to the next heading of level 2 or
 * less among the heading's siblings. Returns that end, or NULL. */
static const CommunityNode *
section_end (const CommunityNode *heading)
{
  for (const CommunityNode *n = heading->next; n != NULL; n = n->next)
    if (n->type == COMMUNITY_NODE_HEADING && n->level <= heading->level)
      return n;

  return NULL;
}

static gboolean
contains_casefolded (const char *haystack,
                     const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return *n != '\0' && strstr (h, n) != NULL;
}

/* Records a warning; an @essential one also makes the model incomplete. */
static void
warn (CommunityJoin *self,
      gboolean       essential,
      char          *message)
{
  if (essential)
    g_ptr_array_add (self->problems, g_strdup (message));
  g_ptr_array_add (self->warnings, message);
}

/* Tiers. */

static CommunityTier *
tier_new (const CommunityPageSection *section,
          const char                 *remark)
{
  CommunityTier *tier = g_new0 (CommunityTier, 1);

  tier->name = g_strdup (section->heading);
  tier->anchor = g_strdup (section->anchor);
  tier->remark = g_strdup (remark);
  tier->heading = section->node;

  return tier;
}

static void
tier_free (CommunityTier *tier)
{
  g_free (tier->name);
  g_free (tier->anchor);
  g_free (tier->remark);
  g_strfreev (tier->prices);
  g_free (tier);
}

/* Appends the inline text under @node, leaving code spans out; @code gets
 * the first code span met, if it is still unset. */
static void
collect_item_text (const CommunityNode  *node,
                   GString              *text,
                   const CommunityNode **code)
{
  for (const CommunityNode *n = node->first_child; n != NULL; n = n->next)
    {
      if (n->type == COMMUNITY_NODE_CODE && *code == NULL)
        *code = n;
      else if (n->type == COMMUNITY_NODE_TEXT)
        g_string_append (text, n->text);
      else if (n->type == COMMUNITY_NODE_SOFT_BREAK)
        g_string_append_c (text, ' ');
      else if (!community_node_is_block (n) || n->type == COMMUNITY_NODE_PARAGRAPH)
        collect_item_text (n, text, code);
    }
}

/* A real page has a handful of "##" sections; only the first ones can be
 * tiers, which keeps matching remarks linear in the page's size. */
#define MAX_TIER_CANDIDATES 64

/* The casefolded headings of the sections that can be tiers, in the
 * order of @sections. */
static GStrv
candidate_headings (GPtrArray *sections)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < MIN (sections->len, MAX_TIER_CANDIDATES); i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);
      g_autofree char *folded = g_utf8_casefold (section->heading, -1);

      g_strv_builder_add (builder, folded);
    }

  return g_strv_builder_end (builder);
}

/* The section whose heading the text names. When several do (付费社群 also
 * contains 社群), the longest heading is the one meant. */
static const CommunityPageSection *
find_named_section (GPtrArray          *sections,
                    const char * const *headings,
                    const char         *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  const CommunityPageSection *best = NULL;
  gsize best_length = 0;

  for (guint i = 0; headings[i] != NULL; i++)
    {
      gsize length = strlen (headings[i]);

      if (length > best_length && strstr (folded, headings[i]) != NULL)
        {
          best = g_ptr_array_index (sections, i);
          best_length = length;
        }
    }

  return best;
}

/* A remark is a code span in a list item whose other text names a "##"
 * heading: "备注：`Jpom 社群` 表示您期望加入免费社群". Only the item's own
 * paragraphs count, not its nested lists. The first remark of a section
 * wins. */
static void
collect_remarks (const CommunityNode *root,
                 GPtrArray           *sections,
                 GHashTable          *remarks)
{
  g_auto(GStrv) headings = candidate_headings (sections);

  for (const CommunityNode *item = find_next (root, root, COMMUNITY_NODE_ITEM);
       item != NULL;
       item = find_next (community_node_next_in (item, root), root, COMMUNITY_NODE_ITEM))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const CommunityNode *code = NULL;
      const CommunityPageSection *section;

      collect_item_text (item, text, &code);
      if (code == NULL || code->text == NULL)
        continue;

      section = find_named_section (sections, (const char * const *) headings, text->str);
      if (section != NULL && !g_hash_table_contains (remarks, section))
        g_hash_table_insert (remarks, (gpointer) section, code->text);
    }
}

/* Prices.
 *
 * A strong span is a price when its whole text is an amount with a currency
 * ("20元", "20 元", "¥20", "￥20", "20 CNY", "CNY 20", "20 yuan") and
 * either
 *  - it carries a period after a slash ("20元/月", "80元/季度", "¥20/month"):
 *    such a text reads as a price wherever it stands; or
 *  - it stands as the value of its block: it is the whole text of its
 *    paragraph or list item (the bulleted list of bold prices after
 *    "付费金额："), or the text just before it ends with a label colon
 *    ("付费金额：**20元**").
 * So "请发起**20元转账**" (an instruction, with words after the amount) is
 * not a price, nor is "请发起**20元**转账" (no period, mid-sentence). The
 * rule reads structure and punctuation only; no page wording is built in. */
static GRegex *
price_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^(?:[¥￥]\\s*\\d[\\d,]*(?:\\.\\d+)?"
                               "|(?:CNY|RMB)\\s*\\d[\\d,]*(?:\\.\\d+)?"
                               "|\\d[\\d,]*(?:\\.\\d+)?\\s*(?:元|CNY|RMB|yuan))"
                               "(\\s*/\\s*[^\\s/]+)?$",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }

  return regex;
}

static gboolean
stands_as_value (const CommunityNode *strong,
                 const char          *text)
{
  const CommunityNode *block = strong->parent;
  g_autofree char *block_text = NULL;
  g_autofree char *before = NULL;

  if (strong->prev != NULL && strong->prev->type == COMMUNITY_NODE_TEXT)
    {
      before = g_strchomp (g_strdup (strong->prev->text));
      if (g_str_has_suffix (before, "：") || g_str_has_suffix (before, ":"))
        return TRUE;
    }

  if (block == NULL || block->type != COMMUNITY_NODE_PARAGRAPH)
    return FALSE;

  block_text = community_node_get_plain_text (block);
  return g_strcmp0 (g_strstrip (block_text), text) == 0;
}

static char *
strong_as_price (const CommunityNode *strong)
{
  g_autofree char *text = g_strstrip (community_node_get_plain_text (strong));
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *period = NULL;

  if (!g_regex_match (price_regex (), text, 0, &match))
    return NULL;

  period = g_match_info_fetch (match, 1);
  if ((period == NULL || *period == '\0') && !stands_as_value (strong, text))
    return NULL;

  return g_steal_pointer (&text);
}

static GStrv
collect_prices (const CommunityNode *heading)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const CommunityNode *end = section_end (heading);

  for (const CommunityNode *block = heading->next; block != end; block = block->next)
    for (const CommunityNode *n = find_next (block, block, COMMUNITY_NODE_STRONG);
         n != NULL;
         n = find_next (next_node_skipping_children (n, block), block, COMMUNITY_NODE_STRONG))
      {
        char *price = strong_as_price (n);

        if (price != NULL && g_hash_table_add (seen, price))
          g_strv_builder_add (builder, price);
      }

  return g_strv_builder_end (builder);
}

static void
derive_tiers (CommunityJoin *self)
{
  GPtrArray *sections = community_page_get_sections (self->page);
  g_autoptr(GHashTable) remarks = g_hash_table_new (NULL, NULL);

  collect_remarks (community_page_get_root (self->page), sections, remarks);

  for (guint i = 0; i < sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);
      const char *remark = g_hash_table_lookup (remarks, section);
      CommunityTier *tier;

      if (remark == NULL)
        continue;

      tier = tier_new (section, remark);
      tier->prices = collect_prices (section->node);
      g_ptr_array_add (self->tiers, tier);
    }

  if (self->tiers->len == 0)
    warn (self, TRUE, g_strdup (_("No community tier: no list item names a “##” section "
                                  "and gives its remark as a code span")));
}

/* The WeChat ID. */

static gboolean
names_wechat (const char *text)
{
  /* The words that name WeChat in the page's languages. */
  return contains_casefolded (text, "微信") || contains_casefolded (text, "WeChat");
}

/* An ID is one word; a code span with spaces (a remark such as
 * `Jpom 付费社群`) is not one. */
static gboolean
looks_like_id (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Whether @text, read after what @tail keeps of the text before it, names
 * WeChat. Only the last few characters are kept, enough for a word split
 * across two text nodes, so a long paragraph costs linear time. */
static gboolean
names_wechat_across (GString    *tail,
                     const char *text)
{
  const char *start;

  g_string_append (tail, text);
  if (names_wechat (tail->str))
    return TRUE;

  start = tail->str + tail->len;
  for (guint i = 0; i < 8 && start > tail->str; i++)
    start = g_utf8_prev_char (start);
  g_string_erase (tail, 0, start - tail->str);

  return FALSE;
}

/* The first code span after the word that names WeChat, in one paragraph. */
static const char *
paragraph_wechat_id (const CommunityNode *paragraph)
{
  g_autoptr(GString) before = g_string_new (NULL);
  gboolean named = FALSE;

  for (const CommunityNode *n = community_node_next_in (paragraph, paragraph);
       n != NULL;
       n = community_node_next_in (n, paragraph))
    {
      if (n->type == COMMUNITY_NODE_TEXT && !named)
        named = names_wechat_across (before, n->text);
      else if (n->type == COMMUNITY_NODE_CODE && named && looks_like_id (n->text))
        return n->text;
    }

  return NULL;
}

static void
derive_wechat_id (CommunityJoin *self)
{
  const CommunityNode *root = community_page_get_root (self->page);

  for (const CommunityNode *p = find_next (root, root, COMMUNITY_NODE_PARAGRAPH);
       p != NULL && self->wechat_id == NULL;
       p = find_next (community_node_next_in (p, root), root, COMMUNITY_NODE_PARAGRAPH))
    self->wechat_id = g_strdup (paragraph_wechat_id (p));

  if (self->wechat_id == NULL)
    warn (self, TRUE, g_strdup (_("No WeChat ID: no paragraph has a code span after "
                                  "the word “微信” or “WeChat”")));
}

/* The QR image and its payload. */

/* The payload of @image_path: the table first, then the caller's lookup
 * (a payload decoded from the image and cached). */
static const char *
lookup_payload (const char             *image_path,
                CommunityQrPayloadFunc  lookup,
                gpointer                user_data)
{
  const char *payload;

  if (image_path == NULL)
    return NULL;

  payload = community_qr_payload_lookup (image_path);
  if (payload == NULL && lookup != NULL)
    payload = lookup (image_path, user_data);

  return payload;
}

static void
derive_qr (CommunityJoin          *self,
           CommunityQrPayloadFunc  lookup,
           gpointer                user_data)
{
  const CommunityNode *root = community_page_get_root (self->page);
  const CommunityNode *first = NULL;

  for (const CommunityNode *n = find_next (root, root, COMMUNITY_NODE_IMAGE);
       n != NULL && self->qr_payload == NULL;
       n = find_next (community_node_next_in (n, root), root, COMMUNITY_NODE_IMAGE))
    {
      const char *payload = lookup_payload (n->url, lookup, user_data);

      if (first == NULL)
        first = n;
      if (payload != NULL)
        {
          self->qr_image = g_strdup (n->url);
          self->qr_payload = g_strdup (payload);
        }
    }

  if (self->qr_payload != NULL)
    return;

  if (first == NULL)
    {
      warn (self, FALSE, g_strdup (_("No QR image: the page has no image")));
      return;
    }

  self->qr_image = g_strdup (first->url);
  warn (self, FALSE, g_strdup_printf (_("The QR image “%s” has no known payload; "
                                        "only the WeChat ID can be offered"),
                                      first->url != NULL ? first->url : ""));
}

/* The e-mail address. */

static void
derive_email (CommunityJoin *self)
{
  const CommunityNode *root = community_page_get_root (self->page);

  for (const CommunityNode *n = find_next (root, root, COMMUNITY_NODE_LINK);
       n != NULL && self->email == NULL;
       n = find_next (community_node_next_in (n, root), root, COMMUNITY_NODE_LINK))
    {
      const char *target = n->url != NULL ? n->url : n->raw_url;

      if (target != NULL)
        self->email = community_mailto_parse_address (target);
    }

  if (self->email == NULL)
    warn (self, TRUE, g_strdup (_("No e-mail: the page has no mailto: link with an address")));
}

/* The object. */

static void
community_join_finalize (GObject *object)
{
  CommunityJoin *self = (CommunityJoin *)object;

  g_clear_object (&self->page);
  g_clear_pointer (&self->tiers, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->wechat_id, g_free);
  g_clear_pointer (&self->qr_image, g_free);
  g_clear_pointer (&self->qr_payload, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (community_join_parent_class)->finalize (object);
}

static void
community_join_class_init (CommunityJoinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = community_join_finalize;
}

static void
community_join_init (CommunityJoin *self)
{
  self->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) tier_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

CommunityJoin *
community_join_new (CommunityPage *page)
{
  return community_join_new_full (page, NULL, NULL);
}

CommunityJoin *
community_join_new_full (CommunityPage          *page,
                         CommunityQrPayloadFunc  lookup,
                         gpointer                user_data)
{
  CommunityJoin *self;

  g_return_val_if_fail (COMMUNITY_IS_PAGE (page), NULL);

  self = g_object_new (COMMUNITY_TYPE_JOIN, NULL);
  self->page = g_object_ref (page);

  derive_tiers (self);
  derive_wechat_id (self);
  derive_qr (self, lookup, user_data);
  derive_email (self);

  return self;
}

/* A translation. */

static const CommunityTier *
find_tier_by_remark (CommunityJoin *self,
                     const char    *remark)
{
  for (guint i = 0; i < self->tiers->len; i++)
    {
      const CommunityTier *tier = g_ptr_array_index (self->tiers, i);

      if (g_strcmp0 (tier->remark, remark) == 0)
        return tier;
    }

  return NULL;
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

/* Keeps the translation's tiers that the source page still has (the
 * remark is what a reader types, so it names a tier in both languages),
 * each with the source's prices. */
static void
translate_tiers (CommunityJoin *self,
                 CommunityJoin *source)
{
  for (guint i = self->tiers->len; i > 0; i--)
    {
      CommunityTier *tier = g_ptr_array_index (self->tiers, i - 1);
      const CommunityTier *current = find_tier_by_remark (source, tier->remark);

      if (current == NULL)
        {
          g_ptr_array_remove_index (self->tiers, i - 1);
          continue;
        }
      g_strfreev (tier->prices);
      tier->prices = g_strdupv (current->prices);
    }
}

CommunityJoin *
community_join_new_translated (CommunityPage *translation,
                               CommunityJoin *source)
{
  CommunityJoin *self;

  g_return_val_if_fail (COMMUNITY_IS_PAGE (translation), NULL);
  g_return_val_if_fail (COMMUNITY_IS_JOIN (source), NULL);

  self = g_object_new (COMMUNITY_TYPE_JOIN, NULL);
  self->page = g_object_ref (translation);

  copy_strings (self->warnings, source->warnings);
  copy_strings (self->problems, source->problems);
  derive_tiers (self);
  translate_tiers (self, source);
  if (self->tiers->len == 0 && source->tiers->len > 0)
    warn (self, TRUE, g_strdup (_("No tier of the translation is on the current page")));

  self->wechat_id = g_strdup (source->wechat_id);
  self->qr_image = g_strdup (source->qr_image);
  self->qr_payload = g_strdup (source->qr_payload);
  self->email = g_strdup (source->email);

  return self;
}

CommunityPage *
community_join_get_page (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->page;
}

GPtrArray *
community_join_get_tiers (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->tiers;
}

const CommunityTier *
community_join_find_tier (CommunityJoin *self,
                          const char    *anchor)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);
  g_return_val_if_fail (anchor != NULL, NULL);

  for (guint i = 0; i < self->tiers->len; i++)
    {
      const CommunityTier *tier = g_ptr_array_index (self->tiers, i);

      if (g_strcmp0 (tier->anchor, anchor) == 0)
        return tier;
    }

  return NULL;
}

const CommunityTier *
community_join_find_tier_for_heading (CommunityJoin       *self,
                                      const CommunityNode *heading)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  for (guint i = 0; i < self->tiers->len; i++)
    {
      const CommunityTier *tier = g_ptr_array_index (self->tiers, i);

      if (tier->heading == heading)
        return tier;
    }

  return NULL;
}

const char *
community_join_get_wechat_id (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->wechat_id;
}

const char *
community_join_get_qr_image (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->qr_image;
}

const char *
community_join_get_qr_payload (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->qr_payload;
}

const char *
community_join_get_email (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->email;
}

GPtrArray *
community_join_get_warnings (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->warnings;
}

GPtrArray *
community_join_get_problems (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), NULL);

  return self->problems;
}

gboolean
community_join_is_complete (CommunityJoin *self)
{
  g_return_val_if_fail (COMMUNITY_IS_JOIN (self), FALSE);

  return self->problems->len == 0;
}

gboolean
community_tier_is_paid (const CommunityTier *tier)
{
  g_return_val_if_fail (tier != NULL, FALSE);

  return tier->prices != NULL && tier->prices[0] != NULL;
}

/* The payload table. */

/* Image path -> payload, read from the resource once. A missing or broken
 * table is an empty one: every image then has "no known payload", which the
 * join model reports as a warning. */
static GHashTable *
load_payload_table (void)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *images_node;
  JsonObject *images;
  g_autoptr(GList) members = NULL;

  bytes = g_resources_lookup_data (QR_PAYLOADS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return table;

  images_node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                        "images");
  if (images_node == NULL || !JSON_NODE_HOLDS_OBJECT (images_node))
    return table;

  images = json_node_get_object (images_node);
  members = json_object_get_members (images);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *payload = json_object_get_string_member_with_default (images, l->data, NULL);

      if (payload != NULL)
        g_hash_table_insert (table, g_strdup (l->data), g_strdup (payload));
    }

  return table;
}

const char *
community_qr_payload_lookup (const char *image_path)
{
  static GHashTable *table;
  g_autofree char *bare = NULL;

  g_return_val_if_fail (image_path != NULL, NULL);

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, load_payload_table ());

  if (g_hash_table_contains (table, image_path))
    return g_hash_table_lookup (table, image_path);

  bare = g_strndup (image_path, strcspn (image_path, "?#"));
  return g_hash_table_lookup (table, bare);
}
