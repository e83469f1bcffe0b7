/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "community-containers.h"
#include "community-page-error.h"

static const char * const known_types[] = {
  "note", "tip", "warning", "danger", "right", "theorem", "details",
  "center", "cardList", "cardImgList",
};

gboolean
community_container_type_is_known (const char *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    if (g_str_equal (type, known_types[i]))
      return TRUE;

  return FALSE;
}

const char *
community_container_default_title (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  /* The default titles of VuePress and vdoing, in the UI language. */
  if (g_str_equal (type, "note"))
    return C_("container title", "Note");
  if (g_str_equal (type, "tip"))
    return C_("container title", "Tip");
  if (g_str_equal (type, "warning"))
    return C_("container title", "Warning");
  if (g_str_equal (type, "danger"))
    /* Translators: the title of a red "danger" callout without its own
     * title; VuePress shows 警告 in Chinese. */
    return C_("container title", "Danger");
  if (g_str_equal (type, "details"))
    return C_("container title", "Details");

  return NULL;
}

void
community_segment_free (CommunitySegment *segment)
{
  if (segment == NULL)
    return;

  g_free (segment->type);
  g_free (segment->title);
  if (segment->text != NULL)
    g_string_free (segment->text, TRUE);
  g_clear_pointer (&segment->children, g_ptr_array_unref);
  g_free (segment);
}

static CommunitySegment *
segment_new (CommunitySegmentKind kind,
             guint                line)
{
  CommunitySegment *segment = g_new0 (CommunitySegment, 1);

  segment->kind = kind;
  segment->line = line;
  if (kind == COMMUNITY_SEGMENT_MARKDOWN)
    segment->text = g_string_new (NULL);
  else
    segment->children = g_ptr_array_new_with_free_func ((GDestroyNotify) community_segment_free);
  return segment;
}

/* Up to 3 spaces, then a run of at least 3 @c; returns the run's length
 * and sets @rest to what follows it, or returns 0. */
static guint
marker_run (const char  *line,
            char         c,
            const char **rest)
{
  const char *p = line;
  guint n = 0;

  while (*p == ' ' && p - line < 3)
    p++;
  while (p[n] == c)
    n++;
  *rest = p + n;
  return n >= 3 ? n : 0;
}

static gboolean
is_blank (const char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  return *s == '\0';
}

static gboolean
is_type_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* "::: tip 温馨提示" -> type "tip", title "温馨提示". */
static gboolean
parse_opening (const char  *line,
               guint       *colons,
               char       **type,
               char       **title)
{
  const char *rest;
  const char *word;
  const char *word_end;

  *colons = marker_run (line, ':', &rest);
  if (*colons == 0)
    return FALSE;
  while (*rest == ' ')
    rest++;
  word = rest;
  for (word_end = word; is_type_char (*word_end); word_end++)
    ;
  if (word_end == word || !g_ascii_isalpha (*word)
      || (*word_end != ' ' && *word_end != '\0' && !is_blank (word_end)))
    return FALSE;

  *type = g_strndup (word, word_end - word);
  *title = g_strstrip (g_strdup (word_end));
  if (**title == '\0')
    g_clear_pointer (title, g_free);
  return TRUE;
}

/* A fence of ``` or ~~~ at any indentation (fences in list items are
 * indented); returns its character and length. */
static guint
fence_run (const char *line,
           char       *c)
{
  const char *p = line;
  guint n = 0;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '`' && *p != '~')
    return 0;
  while (p[n] == *p)
    n++;
  if (n < 3 || (*p == '`' && strchr (p + n, '`') != NULL))
    return 0;
  *c = *p;
  return n;
}

typedef struct
{
  GPtrArray        *stack;      /* open segments, borrowed; [0] is the root */
  CommunitySegment *markdown;   /* the text being collected, borrowed */
  char              fence_char;
  guint             fence_len;  /* 0 outside a fenced code block */
  GPtrArray        *warnings;
} Splitter;

static CommunitySegment *
top (Splitter *s)
{
  return g_ptr_array_index (s->stack, s->stack->len - 1);
}

static void
add_text_line (Splitter   *s,
               const char *line,
               guint       line_no)
{
  if (s->markdown == NULL)
    {
      s->markdown = segment_new (COMMUNITY_SEGMENT_MARKDOWN, line_no);
      g_ptr_array_add (top (s)->children, s->markdown);
    }
  g_string_append (s->markdown->text, line);
  g_string_append_c (s->markdown->text, '\n');
}

/* Tracks fenced code blocks; TRUE when @line belongs to one. */
static gboolean
in_fence (Splitter   *s,
          const char *line)
{
  char c = 0;
  guint n = fence_run (line, &c);

  if (s->fence_len > 0)
    {
      const char *p = line;

      while (*p == ' ' || *p == '\t')
        p++;
      if (n >= s->fence_len && c == s->fence_char && is_blank (p + n))
        s->fence_len = 0;
      return TRUE;
    }
  if (n > 0)
    {
      s->fence_char = c;
      s->fence_len = n;
      return TRUE;
    }

  return FALSE;
}

static gboolean
try_close (Splitter   *s,
           const char *line)
{
  const char *rest;
  guint n = marker_run (line, ':', &rest);

  if (n == 0 || !is_blank (rest) || s->stack->len < 2
      || n < top (s)->colons)
    return FALSE;

  g_ptr_array_remove_index (s->stack, s->stack->len - 1);
  s->markdown = NULL;
  return TRUE;
}

static gboolean
try_open (Splitter    *s,
          const char  *line,
          guint        line_no,
          GError     **error)
{
  CommunitySegment *container;
  guint colons;
  char *type;
  char *title;

  if (!parse_opening (line, &colons, &type, &title))
    return FALSE;

  container = segment_new (COMMUNITY_SEGMENT_CONTAINER, line_no);
  container->type = type;
  container->title = title;
  container->colons = colons;
  g_ptr_array_add (top (s)->children, container);
  g_ptr_array_add (s->stack, container);
  s->markdown = NULL;

  if (s->stack->len > COMMUNITY_CONTAINERS_MAX_DEPTH + 1)
    g_set_error (error, COMMUNITY_PAGE_ERROR, COMMUNITY_PAGE_ERROR_TOO_DEEP,
                 _("Containers are nested more than %d deep (line %u)"),
                 COMMUNITY_CONTAINERS_MAX_DEPTH, line_no);
  return TRUE;
}

static void
warn_unclosed (Splitter *s)
{
  while (s->stack->len > 1)
    {
      CommunitySegment *open = top (s);

      g_ptr_array_add (s->warnings,
                       g_strdup_printf (_("The “%s” container that starts on line %u is not closed; it ends at the end of the page"),
                                        open->type, open->line));
      g_ptr_array_remove_index (s->stack, s->stack->len - 1);
    }
}

CommunitySegment *
community_containers_split (const char  *text,
                            guint        first_line,
                            GPtrArray   *warnings,
                            GError     **error)
{
  g_autoptr(CommunitySegment) root = segment_new (COMMUNITY_SEGMENT_ROOT, first_line);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  Splitter s = { stack, NULL, 0, 0, warnings };
  g_autofree char *copy = g_strdup (text);
  char *line = copy;

  g_return_val_if_fail (text != NULL, NULL);

  g_ptr_array_add (stack, root);
  for (guint line_no = first_line; line != NULL && *line != '\0'; line_no++)
    {
      char *eol = strchr (line, '\n');

      if (eol != NULL)
        *eol = '\0';
      if (in_fence (&s, line) || !(try_close (&s, line)
                                   || try_open (&s, line, line_no, error)))
        add_text_line (&s, line, line_no);
      if (error != NULL && *error != NULL)
        return NULL;
      line = eol != NULL ? eol + 1 : NULL;
    }
  warn_unclosed (&s);

  return g_steal_pointer (&root);
}
