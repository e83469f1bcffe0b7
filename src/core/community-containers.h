/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-containers.h: vdoing custom containers, split out of the text
 * before cmark sees it. Display-free.
 *
 * "::: TYPE TITLE" opens a container when TYPE is a word of ASCII letters,
 * digits, '-' or '_' followed by a space or the end of the line (":::tip
 * 温馨提示" opens one, ":::tip温馨提示" does not); up to 3 spaces may
 * precede the colons. A line of three or more colons, indented up to 3
 * spaces, closes the innermost open container whose opening had no more
 * colons, even right after a list item, where CommonMark would take it as
 * a lazy continuation line. Nothing inside a fenced code block is a
 * marker. A container still open at the end of the text closes there,
 * with a warning. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Containers may nest this deep; deeper is COMMUNITY_PAGE_ERROR_TOO_DEEP. */
#define COMMUNITY_CONTAINERS_MAX_DEPTH 16

typedef enum
{
  COMMUNITY_SEGMENT_ROOT,
  COMMUNITY_SEGMENT_MARKDOWN,   /* text */
  COMMUNITY_SEGMENT_CONTAINER,  /* type, title, children */
} CommunitySegmentKind;

typedef struct _CommunitySegment CommunitySegment;

struct _CommunitySegment
{
  CommunitySegmentKind  kind;
  char                 *type;      /* CONTAINER: the type word as written */
  char                 *title;     /* CONTAINER: the title, or NULL */
  GString              *text;      /* MARKDOWN: the lines, with newlines */
  guint                 line;      /* first line, 1-based, in the page */
  guint                 colons;    /* CONTAINER: length of the marker */
  GPtrArray            *children;  /* ROOT, CONTAINER: CommunitySegment */
};

/* Splits @text (with "\n" line ends) whose first line is line @first_line
 * of the page. Warnings are added to @warnings. Returns NULL and sets
 * @error when containers nest deeper than the limit. */
CommunitySegment *community_containers_split           (const char  *text,
                                                        guint        first_line,
                                                        GPtrArray   *warnings,
                                                        GError     **error);
void              community_segment_free               (CommunitySegment *segment);

/* TRUE for the types vdoing knows: note, tip, warning, danger, right,
 * theorem, details, center, cardList, cardImgList. */
gboolean          community_container_type_is_known    (const char  *type);
/* The title a container of @type shows when its opening line has none,
 * in the UI language, or NULL for types without one (right, center,
 * theorem, the card lists and unknown types). */
const char       *community_container_default_title    (const char  *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunitySegment, community_segment_free)

G_END_DECLS
