/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page.h: a parsed page: front matter, the document tree,
 * sections and warnings. Display-free. */
#pragma once

#include <gio/gio.h>

#include "community-node.h"

G_BEGIN_DECLS

/* Pages larger than this are refused with COMMUNITY_PAGE_ERROR_TOO_LARGE. */
#define COMMUNITY_PAGE_MAX_SIZE (512 * 1024)

#define COMMUNITY_PAGE_ERROR (community_page_error_quark ())

typedef enum
{
  COMMUNITY_PAGE_ERROR_INVALID_UTF8,
  COMMUNITY_PAGE_ERROR_NUL_BYTE,
  COMMUNITY_PAGE_ERROR_TOO_LARGE,
  COMMUNITY_PAGE_ERROR_TOO_DEEP,
  COMMUNITY_PAGE_ERROR_TIMED_OUT,
} CommunityPageError;

/* One "##" section of the page. */
typedef struct
{
  char                *heading;  /* plain text of the heading */
  char                *anchor;   /* VuePress anchor, without '#' */
  const CommunityNode *node;     /* the heading node, owned by the page */
} CommunityPageSection;

#define COMMUNITY_TYPE_PAGE (community_page_get_type ())

G_DECLARE_FINAL_TYPE (CommunityPage, community_page, COMMUNITY, PAGE, GObject)

GQuark               community_page_error_quark       (void);

CommunityPage       *community_page_new_from_bytes    (GBytes        *bytes,
                                                       GError       **error);

/* Reads, validates and parses a page that is not bundled off the main
 * thread, in bounded time (COMMUNITY_PAGE_ERROR_TIMED_OUT otherwise). */
void                 community_page_load_async        (GFile         *file,
                                                       GCancellable  *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer       user_data);
CommunityPage       *community_page_load_finish       (GAsyncResult  *result,
                                                       GError       **error);
/* Blocking variant for --inspect; path "-" reads standard input. */
CommunityPage       *community_page_load_file_sync    (const char    *path,
                                                       guint          timeout_ms,
                                                       GError       **error);

/* Front matter "title", or NULL. */
const char          *community_page_get_title         (CommunityPage *self);
/* Front matter: keys in page order; values are strings, or for YAML lists
 * the items joined by "\n". Unknown keys are kept. */
const char * const  *community_page_get_front_matter_keys (CommunityPage *self);
const char          *community_page_get_front_matter  (CommunityPage *self,
                                                       const char    *key);
const CommunityNode *community_page_get_root          (CommunityPage *self);
/* Element type CommunityPageSection. */
GPtrArray           *community_page_get_sections      (CommunityPage *self);
/* Element type char *: human-readable warnings. */
GPtrArray           *community_page_get_warnings      (CommunityPage *self);

G_END_DECLS
