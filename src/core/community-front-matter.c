/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "community-front-matter.h"

typedef struct
{
  char      *key;
  GString   *scalar;   /* the value as text */
  GPtrArray *items;    /* list items, or NULL for a scalar */
  GStrv      strv;     /* items as a NULL-terminated copy, built lazily */
  char       block;    /* '|' or '>' while reading a block scalar */
} Entry;

struct _CommunityFrontMatter
{
  GPtrArray  *entries;  /* Entry, in page order */
  GHashTable *by_key;   /* key -> Entry, borrowed */
  GStrv       keys;
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_string_free (entry->scalar, TRUE);
  g_clear_pointer (&entry->items, g_ptr_array_unref);
  g_strfreev (entry->strv);
  g_free (entry);
}

void
community_front_matter_free (CommunityFrontMatter *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->by_key);
  g_strfreev (self->keys);
  g_free (self);
}

/* A "---" (or "..." to close) line, trailing white space allowed. */
static gboolean
is_fence (const char *line,
          gsize       len,
          gboolean    closing)
{
  while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
    len--;

  return len == 3 && (strncmp (line, "---", 3) == 0
                      || (closing && strncmp (line, "...", 3) == 0));
}

/* Removes quotes from a scalar, or a trailing " # comment" from a plain
 * one. */
static char *
unquote (const char *value)
{
  gsize len = strlen (value);
  const char *comment;

  if (len >= 2 && (value[0] == '"' || value[0] == '\'')
      && value[len - 1] == value[0])
    {
      g_autofree char *inner = g_strndup (value + 1, len - 2);

      return value[0] == '"' ? g_strcompress (inner) : g_steal_pointer (&inner);
    }

  comment = strstr (value, " #");
  return g_strstrip (g_strndup (value, comment != NULL ? (gsize) (comment - value)
                                                      : len));
}

static Entry *
add_entry (CommunityFrontMatter *self,
           const char           *key)
{
  Entry *entry = g_hash_table_lookup (self->by_key, key);

  /* A repeated key keeps its place; its last value wins, as in YAML
   * parsers that accept it. */
  if (entry != NULL)
    {
      g_string_truncate (entry->scalar, 0);
      g_clear_pointer (&entry->items, g_ptr_array_unref);
      entry->block = 0;
      return entry;
    }

  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->scalar = g_string_new (NULL);
  g_ptr_array_add (self->entries, entry);
  g_hash_table_insert (self->by_key, entry->key, entry);
  return entry;
}

static void
add_item (Entry      *entry,
          const char *item)
{
  if (entry->items == NULL)
    entry->items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (entry->items, unquote (item));
  if (entry->scalar->len > 0)
    g_string_append_c (entry->scalar, '\n');
  g_string_append (entry->scalar, g_ptr_array_index (entry->items,
                                                     entry->items->len - 1));
}

/* "[a, b]" */
static void
set_flow_list (Entry      *entry,
               const char *value)
{
  g_autofree char *inner = g_strndup (value + 1, strlen (value) - 2);
  g_auto(GStrv) items = g_strsplit (inner, ",", -1);

  entry->items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        add_item (entry, items[i]);
    }
}

static void
set_value (Entry      *entry,
           const char *value)
{
  gsize len = strlen (value);

  if (len >= 2 && value[0] == '[' && value[len - 1] == ']')
    set_flow_list (entry, value);
  else if (value[0] == '|' || value[0] == '>')
    entry->block = value[0];
  else
    {
      g_autofree char *plain = unquote (value);

      g_string_assign (entry->scalar, plain);
    }
}

/* An indented line under @entry: a list item, a block scalar line, or a
 * nested mapping kept as text. */
static void
add_indented (Entry      *entry,
              const char *stripped)
{
  if (entry->block == 0 && (g_str_has_prefix (stripped, "- ")
                            || g_str_equal (stripped, "-")))
    {
      add_item (entry, g_strstrip ((char *) stripped + 1));
      return;
    }

  if (entry->scalar->len > 0)
    g_string_append_c (entry->scalar, entry->block == '>' ? ' ' : '\n');
  g_string_append (entry->scalar, stripped);
}

static void
warn_line (GPtrArray *warnings,
           guint      line)
{
  g_ptr_array_add (warnings,
                   g_strdup_printf (_("Front matter line %u is not “key: value”; it is ignored"),
                                    line));
}

static void
parse_line (CommunityFrontMatter  *self,
            char                  *line,
            guint                  line_no,
            Entry                **current,
            GPtrArray             *warnings)
{
  gboolean indented = (line[0] == ' ' || line[0] == '\t');
  char *stripped = g_strstrip (line);
  char *colon;

  if (*stripped == '\0' || *stripped == '#')
    return;
  if (indented && *current != NULL)
    {
      add_indented (*current, stripped);
      return;
    }

  colon = strstr (stripped, ": ");
  if (colon == NULL && g_str_has_suffix (stripped, ":"))
    colon = stripped + strlen (stripped) - 1;
  if (indented || colon == NULL || colon == stripped)
    {
      warn_line (warnings, line_no);
      return;
    }

  *colon = '\0';
  *current = add_entry (self, g_strstrip (stripped));
  set_value (*current, g_strstrip (colon + 1));
}

static CommunityFrontMatter *
front_matter_new (void)
{
  CommunityFrontMatter *self = g_new0 (CommunityFrontMatter, 1);

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

static void
parse_lines (CommunityFrontMatter *self,
             const char           *start,
             const char           *end,
             GPtrArray            *warnings)
{
  g_autofree char *block = g_strndup (start, end - start);
  g_auto(GStrv) lines = g_strsplit (block, "\n", -1);
  Entry *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    parse_line (self, lines[i], i + 2, &current, warnings);
}

static void
finish_keys (CommunityFrontMatter *self)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_strv_builder_add (keys, entry->key);
      if (entry->items != NULL)
        {
          g_ptr_array_add (entry->items, NULL);
          entry->strv = g_strdupv ((char **) entry->items->pdata);
          g_ptr_array_remove_index (entry->items, entry->items->len - 1);
        }
    }
  self->keys = g_strv_builder_end (keys);
}

CommunityFrontMatter *
community_front_matter_parse (const char *text,
                              gsize      *body_offset,
                              guint      *body_line,
                              GPtrArray  *warnings)
{
  g_autoptr(CommunityFrontMatter) self = NULL;
  const char *first_end = strchr (text, '\n');
  const char *line;
  guint line_no = 2;

  g_return_val_if_fail (text != NULL, NULL);

  *body_offset = 0;
  *body_line = 1;
  if (first_end == NULL || !is_fence (text, first_end - text, FALSE))
    return NULL;

  for (line = first_end + 1; *line != '\0'; line_no++)
    {
      const char *eol = strchr (line, '\n');
      gsize len = eol != NULL ? (gsize) (eol - line) : strlen (line);

      if (is_fence (line, len, TRUE))
        {
          self = front_matter_new ();
          parse_lines (self, first_end + 1, line, warnings);
          finish_keys (self);
          *body_offset = (eol != NULL ? eol + 1 : line + len) - text;
          *body_line = line_no + 1;
          return g_steal_pointer (&self);
        }
      line += len + (eol != NULL);
    }

  g_ptr_array_add (warnings,
                   g_strdup (_("The front matter that starts on line 1 is not closed by a “---” line; the page is read as Markdown")));
  return NULL;
}

const char * const *
community_front_matter_get_keys (CommunityFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->keys;
}

const char *
community_front_matter_get (CommunityFrontMatter *self,
                            const char           *key)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  entry = g_hash_table_lookup (self->by_key, key);
  return entry != NULL ? entry->scalar->str : NULL;
}

const char * const *
community_front_matter_get_list (CommunityFrontMatter *self,
                                 const char           *key)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  entry = g_hash_table_lookup (self->by_key, key);
  return entry != NULL ? (const char * const *) entry->strv : NULL;
}
