/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-test-core.h: test data the display-free tests share. */
#pragma once

#include "community-join.h"
#include "community-page.h"

/* Defined when the tests (and so the helper) are built with
 * AddressSanitizer, which is slower and cannot run under RLIMIT_AS. */
#if defined(__SANITIZE_ADDRESS__)
# define COMMUNITY_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define COMMUNITY_TEST_ASAN 1
# endif
#endif

G_BEGIN_DECLS

/* The bundled page for @language ("zh_CN", "en"). */
GBytes *community_test_bundled_page (const char *language);
/* The bundled Chinese page with each @from replaced by the string after
 * it (pairs, NULL-ended); each @from must occur. */
GBytes *community_test_edited_page  (const char *from,
                                ...) G_GNUC_NULL_TERMINATED;
/* The join model of @page, which it takes; the page must parse. */
CommunityJoin *community_test_join_take (GBytes *page);
/* A file under tests/data/images/, such as "qrcode/weixin-jpom66.jpg". */
GBytes *community_test_read_image   (const char *name);
/* A PNG of the app's own QR code for @text. */
GBytes *community_test_qr_png       (const char *text);
/* An executable shell script @name in @dir that runs @body: a stand-in
 * for a program the app runs, such as its network helper. Returns its
 * path. */
char   *community_test_write_script (const char *dir,
                                const char *name,
                                const char *body);
/* Makes a temporary folder from @tmpl (as g_dir_make_tmp ()), with a
 * folder in it for each of the @n_dirs pairs of @dirs (an environment
 * variable such as XDG_CACHE_HOME, and the folder's name), and points
 * each variable at its folder: a process started afterwards has them,
 * empty. Returns the temporary folder, for community_test_remove_tree (). */
char   *community_test_isolate_dirs (const char          *tmpl,
                                     const char * const (*dirs)[2],
                                     guint                n_dirs);
/* Fails the test unless @haystack (nullable) contains @needle. */
void    community_test_assert_contains (const char *haystack,
                                        const char *needle);
/* Removes @path and everything below it; each removal must succeed. */
void    community_test_remove_tree  (const char *path);

/* @text parsed as a trusted page; it must parse. */
CommunityPage *community_test_parse      (const char *text);
/* The tree of @text, as community_node_dump() writes it. */
char          *community_test_dump_tree  (const char *text);
/* The bundled Chinese page through the loader, as --inspect reads it. */
CommunityPage *community_test_seed_page  (void);
/* How many nodes of @type @root holds, and the @nth (from 0) of them. */
guint          community_test_count_nodes (const CommunityNode *root,
                                           CommunityNodeType    type);
const CommunityNode *community_test_nth_node (const CommunityNode *root,
                                              CommunityNodeType    type,
                                              guint                nth);

/* Markdown and the tree it must give. */
typedef struct
{
  const char *markdown;
  const char *tree;
} CommunityTestTreeCase;

/* Checks each case's tree. */
void           community_test_check_trees (const CommunityTestTreeCase *cases,
                                           gsize                        n_cases);

G_END_DECLS
