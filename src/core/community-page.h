/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page.h: a parsed page: front matter, the document tree,
 * sections and warnings. Display-free.
 *
 * Trusted pages (the bundled ones) are parsed in place with
 * community_page_new_from_bytes(). Every other page goes through a loader
 * (community-page-loader.h), which reads, validates and parses it off the
 * caller's thread and gives up after a time limit: cmark 0.30.2 takes
 * minutes on some inputs. */
#pragma once

#include <gio/gio.h>

#include "community-node.h"
#include "community-page-error.h"

G_BEGIN_DECLS

/* Limits. */

/* Pages larger than this are refused with COMMUNITY_PAGE_ERROR_TOO_LARGE. */
#define COMMUNITY_PAGE_MAX_SIZE (512 * 1024)
/* Blocks may nest this deep on one line ("> > - x" is 3). */
#define COMMUNITY_PAGE_MAX_DEPTH 32
/* The document tree (blocks and inlines) may be this deep. */
#define COMMUNITY_PAGE_MAX_TREE_DEPTH 64
/* At most this many image openers "![" in one paragraph. */
#define COMMUNITY_PAGE_MAX_IMAGE_OPENERS 1000
/* The loaders give up waiting for a parse after this long. */
#define COMMUNITY_PAGE_LOAD_TIMEOUT_MS 2000

typedef enum
{
  COMMUNITY_PAGE_FLAGS_NONE = 0,
  /* Skip the cheap checks for nesting and for shapes cmark is slow on, so
   * that tests can show the loaders' time bound on real slow input. */
  COMMUNITY_PAGE_FLAGS_NO_SHAPE_CHECK = 1 << 0,
  /* Accept pages over COMMUNITY_PAGE_MAX_SIZE, so that the pipeline
   * benchmark can show how parse time grows with far larger pages. */
  COMMUNITY_PAGE_FLAGS_NO_SIZE_LIMIT = 1 << 1,
} CommunityPageFlags;

/* One "##" section of the page. */
typedef struct
{
  char                *heading;  /* plain text of the heading */
  char                *anchor;   /* VuePress anchor, without '#' */
  const CommunityNode *node;     /* the heading node, owned by the page */
} CommunityPageSection;

#define COMMUNITY_TYPE_PAGE (community_page_get_type ())

G_DECLARE_FINAL_TYPE (CommunityPage, community_page, COMMUNITY, PAGE, GObject)

/* Parsing in place, in the caller's thread, without a time bound: for
 * trusted pages only. Validates the bytes (size, NUL, UTF-8) and the
 * page's shape unless @flags say otherwise. */
CommunityPage       *community_page_new_from_bytes    (GBytes              *bytes,
                                                       GError             **error);
CommunityPage       *community_page_new_from_bytes_full (GBytes             *bytes,
                                                         CommunityPageFlags  flags,
                                                         GError            **error);

/* Reading a parsed page. */

/* Front matter "title", or NULL. */
const char          *community_page_get_title         (CommunityPage       *self);
/* Front matter: keys in page order; values are strings, or for YAML lists
 * the items joined by "\n". Unknown keys are kept. */
const char * const  *community_page_get_front_matter_keys (CommunityPage   *self);
const char          *community_page_get_front_matter  (CommunityPage       *self,
                                                       const char          *key);
/* Front matter: the items of a YAML list, or NULL when @key is a scalar
 * or missing. */
const char * const  *community_page_get_front_matter_list (CommunityPage   *self,
                                                           const char      *key);
const CommunityNode *community_page_get_root          (CommunityPage       *self);
/* Element type CommunityPageSection. */
GPtrArray           *community_page_get_sections      (CommunityPage       *self);
/* The section whose anchor is @anchor, or NULL. */
const CommunityPageSection *community_page_find_section (CommunityPage     *self,
                                                         const char        *anchor);
/* Element type char *: human-readable warnings. */
GPtrArray           *community_page_get_warnings      (CommunityPage       *self);

G_END_DECLS
