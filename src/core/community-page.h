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
  /* A shape cmark 0.30.2 takes very long on, such as thousands of "![" in
   * one paragraph. */
  COMMUNITY_PAGE_ERROR_TOO_COMPLEX,
} CommunityPageError;

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

/* Additions to the contract. */
CommunityPage       *community_page_new_from_bytes_with_flags (GBytes             *bytes,
                                                               CommunityPageFlags  flags,
                                                               GError            **error);
/* Front matter: the items of a YAML list, or NULL when @key is a scalar
 * or missing. */
const char * const  *community_page_get_front_matter_list (CommunityPage *self,
                                                           const char    *key);
/* The section whose anchor is @anchor, or NULL. */
const CommunityPageSection *community_page_find_section   (CommunityPage *self,
                                                           const char    *anchor);

/* Loading with a time bound. The file is read (at most
 * COMMUNITY_PAGE_MAX_SIZE bytes), validated and parsed in a worker thread;
 * when that takes longer than COMMUNITY_PAGE_LOAD_TIMEOUT_MS the caller
 * gets COMMUNITY_PAGE_ERROR_TIMED_OUT and the worker finishes on its own,
 * its result discarded. I/O errors are G_IO_ERROR with a readable
 * message naming the file. */
void                 community_page_load_async        (GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
void                 community_page_load_async_full   (GFile               *file,
                                                       CommunityPageFlags   flags,
                                                       guint                timeout_ms,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
CommunityPage       *community_page_load_finish       (GAsyncResult        *result,
                                                       GError             **error);
/* Blocking, for --inspect: @path_or_dash is a file name, or "-" for
 * standard input. @timeout_ms 0 means COMMUNITY_PAGE_LOAD_TIMEOUT_MS. */
CommunityPage       *community_page_load_file_sync    (const char          *path_or_dash,
                                                       guint                timeout_ms,
                                                       GError             **error);
CommunityPage       *community_page_load_file_sync_full (const char        *path_or_dash,
                                                         guint              timeout_ms,
                                                         CommunityPageFlags flags,
                                                         GError           **error);

G_END_DECLS
