/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "community-anchor.h"
#include "community-containers.h"
#include "community-front-matter.h"
#include "community-page.h"
#include "community-page-parser.h"
#include "community-text.h"

struct _CommunityPage
{
  GObject               parent_instance;

  /* Owned. */
  CommunityFrontMatter *front_matter;   /* NULL without front matter */
  CommunityNode        *root;
  GPtrArray            *sections;       /* CommunityPageSection */
  GPtrArray            *warnings;       /* char * */
};

G_DEFINE_FINAL_TYPE (CommunityPage, community_page, G_TYPE_OBJECT)

static const char * const no_keys[] = { NULL };

static void
section_free (gpointer data)
{
  CommunityPageSection *section = data;

  g_free (section->heading);
  g_free (section->anchor);
  g_free (section);
}

static void
community_page_finalize (GObject *object)
{
  CommunityPage *self = (CommunityPage *) object;

  g_clear_pointer (&self->front_matter, community_front_matter_free);
  g_clear_pointer (&self->root, community_node_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (community_page_parent_class)->finalize (object);
}

static void
community_page_class_init (CommunityPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = community_page_finalize;
}

static void
community_page_init (CommunityPage *self)
{
  self->root = community_node_new (COMMUNITY_NODE_DOCUMENT);
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

/* Validation of the bytes. */

static guint
line_of (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    line += (*p == '\n');
  return line;
}

static gboolean
validate_bytes (const char          *data,
                gsize                size,
                CommunityPageFlags   flags,
                GError             **error)
{
  const char *nul;
  const char *bad;

  if (size > COMMUNITY_PAGE_MAX_SIZE && !(flags & COMMUNITY_PAGE_FLAGS_NO_SIZE_LIMIT))
    {
      g_autofree char *have = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (COMMUNITY_PAGE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_LARGE,
                   _("The page is too large (%s; the limit is %s)"), have, limit);
      return FALSE;
    }

  nul = memchr (data, '\0', size);
  if (nul != NULL)
    {
      g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_NUL_BYTE,
                   _("The page contains a NUL byte on line %u; it is not a text file"),
                   line_of (data, nul));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, size, &bad))
    {
      g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_INVALID_UTF8,
                   _("The page is not valid UTF-8 text (line %u, byte %lu)"),
                   line_of (data, bad), (unsigned long) (bad - data) + 1);
      return FALSE;
    }

  return TRUE;
}

/* The text without a byte order mark, with "\n" for "\r\n" and "\r". */
static char *
normalize_lines (const char *data,
                 gsize       size)
{
  GString *out = g_string_sized_new (size);
  const char *end = data + size;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3;
  for (const char *p = data; p < end; p++)
    {
      if (*p != '\r')
        g_string_append_c (out, *p);
      else if (p + 1 >= end || p[1] != '\n')
        g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* The text without a byte order mark, with "\n" for "\r\n" and "\r",
 * and with U+FFFD for each control or bidi character (community-text.h):
 * the page comes from outside, and none of its text, front matter
 * included, may act on a label or a terminal. */
static char *
normalize_text (const char *data,
                gsize       size)
{
  g_autofree char *lines = normalize_lines (data, size);

  if (community_text_is_safe (lines, COMMUNITY_TEXT_FLAGS_KEEP_LAYOUT))
    return g_steal_pointer (&lines);
  return community_text_make_safe (lines, -1, COMMUNITY_TEXT_FLAGS_KEEP_LAYOUT, 0);
}

/* Character references (&#x1B;, &#x202E;) are decoded by cmark and by the
 * raw HTML reader after normalize_text(): every string of the tree is
 * made safe once more. */
static void
make_safe (char               **field,
           CommunityTextFlags   flags)
{
  char *safe;

  if (*field == NULL || community_text_is_safe (*field, flags))
    return;
  safe = community_text_make_safe (*field, -1, flags, 0);
  g_free (*field);
  *field = safe;
}

static void
make_tree_safe (CommunityNode *root)
{
  for (CommunityNode *n = root; n != NULL;
       n = (CommunityNode *) community_node_next_in (n, root))
    {
      make_safe (&n->text, COMMUNITY_TEXT_FLAGS_KEEP_LAYOUT);
      make_safe (&n->url, COMMUNITY_TEXT_FLAGS_NONE);
      make_safe (&n->raw_url, COMMUNITY_TEXT_FLAGS_NONE);
      make_safe (&n->info, COMMUNITY_TEXT_FLAGS_NONE);
      make_safe (&n->title, COMMUNITY_TEXT_FLAGS_NONE);
    }
}


/* The cheap shape checks. */

/* How many block containers ("> ", "- ", "1. ") open on this line. */
static guint
line_depth (const char *p)
{
  guint depth = 0;

  for (;;)
    {
      const char *q = p;

      while (*q == ' ' || *q == '\t')
        q++;
      if (*q == '>')
        p = q + 1;
      else if ((*q == '-' || *q == '+' || *q == '*')
               && (q[1] == ' ' || q[1] == '\t' || q[1] == '\n' || q[1] == '\0'))
        p = q + 1;
      else if (g_ascii_isdigit (*q))
        {
          while (g_ascii_isdigit (*q))
            q++;
          if ((*q != '.' && *q != ')') || (q[1] != ' ' && q[1] != '\n'))
            return depth;
          p = q + 1;
        }
      else
        return depth;
      depth++;
    }
}

static gboolean
is_blank_line (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '\n' || *p == '\0';
}

static gboolean
check_shape (const char  *text,
             GError     **error)
{
  guint openers = 0;
  guint line = 1;

  for (const char *p = text; *p != '\0'; line++)
    {
      const char *eol = strchr (p, '\n');
      const char *end = eol != NULL ? eol : p + strlen (p);

      if (line_depth (p) > COMMUNITY_PAGE_MAX_DEPTH)
        {
          g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_DEEP,
                       _("Line %u nests blocks more than %d levels deep"),
                       line, COMMUNITY_PAGE_MAX_DEPTH);
          return FALSE;
        }

      /* cmark 0.30.2 is quadratic in the "![" openers of one paragraph,
       * and a paragraph never spans a blank line. */
      if (is_blank_line (p))
        openers = 0;
      for (const char *q = p; q + 1 < end; q++)
        openers += (q[0] == '!' && q[1] == '[');
      if (openers > COMMUNITY_PAGE_MAX_IMAGE_OPENERS)
        {
          g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_COMPLEX,
                       _("The paragraph that ends on line %u has more than %d images or image brackets"),
                       line, COMMUNITY_PAGE_MAX_IMAGE_OPENERS);
          return FALSE;
        }
      p = eol != NULL ? eol + 1 : end;
    }

  return TRUE;
}

/* Anchors and sections. */

/* The text VuePress slugifies: text and code, not image alt text. */
static char *
heading_slug_text (const CommunityNode *heading)
{
  GString *out = g_string_new (NULL);

  for (const CommunityNode *n = heading; n != NULL;
       n = community_node_next_in (n, heading))
    if (n->type == COMMUNITY_NODE_TEXT || n->type == COMMUNITY_NODE_CODE)
      g_string_append (out, n->text);

  return g_string_free (out, FALSE);
}

static void
add_anchors (CommunityPage *self)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);

  for (const CommunityNode *n = self->root; n != NULL;
       n = community_node_next_in (n, self->root))
    {
      CommunityNode *heading = (CommunityNode *) n;
      g_autofree char *text = NULL;
      CommunityPageSection *section;

      if (n->type != COMMUNITY_NODE_HEADING)
        continue;
      text = heading_slug_text (n);
      heading->anchor = community_anchor_unique (used, text);
      if (n->level != 2 || n->parent != self->root)
        continue;

      section = g_new0 (CommunityPageSection, 1);
      section->heading = g_strstrip (community_node_get_plain_text (n));
      section->anchor = g_strdup (n->anchor);
      section->node = n;
      g_ptr_array_add (self->sections, section);
    }
}

/* Parsing. */

static gboolean
parse_text (CommunityPage       *self,
            const char          *text,
            CommunityPageFlags   flags,
            GError             **error)
{
  g_autoptr(CommunitySegment) segments = NULL;
  gsize body = 0;
  guint body_line = 1;

  if (!(flags & COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK) && !check_shape (text, error))
    return FALSE;

  self->front_matter = community_front_matter_parse (text, &body, &body_line,
                                                     self->warnings);
  segments = community_containers_split (text + body, body_line,
                                         self->warnings, error);
  if (segments == NULL)
    return FALSE;

  community_page_parser_convert (self->root, segments,
                                 self->front_matter != NULL
                                 ? community_front_matter_get (self->front_matter, "permalink")
                                 : NULL);
  make_tree_safe (self->root);

  if (community_node_get_depth (self->root) > COMMUNITY_PAGE_MAX_TREE_DEPTH)
    {
      g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_DEEP,
                   _("The page nests its blocks and inline text more than %d levels deep"),
                   COMMUNITY_PAGE_MAX_TREE_DEPTH);
      return FALSE;
    }

  add_anchors (self);
  return TRUE;
}

CommunityPage *
community_page_new_from_bytes_full (GBytes              *bytes,
                                          CommunityPageFlags   flags,
                                          GError             **error)
{
  g_autoptr(CommunityPage) self = NULL;
  g_autofree char *text = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (!validate_bytes (data != NULL ? data : "", size, flags, error))
    return NULL;

  text = normalize_text (data != NULL ? data : "", size);
  self = g_object_new (COMMUNITY_TYPE_PAGE, NULL);
  if (!parse_text (self, text, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

CommunityPage *
community_page_new_from_bytes (GBytes  *bytes,
                               GError **error)
{
  return community_page_new_from_bytes_full (bytes,
                                                   COMMUNITY_PAGE_FLAGS_NONE,
                                                   error);
}

/* Getters. */

const char *
community_page_get_title (CommunityPage *self)
{
  return community_page_get_front_matter (self, "title");
}

const char * const *
community_page_get_front_matter_keys (CommunityPage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE (self), NULL);

  if (self->front_matter == NULL)
    return no_keys;
  return community_front_matter_get_keys (self->front_matter);
}

const char *
community_page_get_front_matter (CommunityPage *self,
                                 const char    *key)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->front_matter == NULL)
    return NULL;
  return community_front_matter_get (self->front_matter, key);
}

const char * const *
community_page_get_front_matter_list (CommunityPage *self,
                                      const char    *key)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->front_matter == NULL)
    return NULL;
  return community_front_matter_get_list (self->front_matter, key);
}

const CommunityNode *
community_page_get_root (CommunityPage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE (self), NULL);

  return self->root;
}

GPtrArray *
community_page_get_sections (CommunityPage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE (self), NULL);

  return self->sections;
}

const CommunityPageSection *
community_page_find_section (CommunityPage *self,
                             const char    *anchor)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE (self), NULL);
  g_return_val_if_fail (anchor != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (self->sections, i);

      if (g_str_equal (section->anchor, anchor))
        return section;
    }

  return NULL;
}

GPtrArray *
community_page_get_warnings (CommunityPage *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE (self), NULL);

  return self->warnings;
}
