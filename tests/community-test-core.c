/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "community-bundled.h"
#include "community-node-private.h"
#include "community-page-loader.h"
#include "community-qr.h"
#include "community-test-core.h"

GBytes *
community_test_bundled_page (const char *language)
{
  const char * const languages[] = { language, NULL };
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (community_bundled_page_for_languages (languages),
                                           G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return bytes;
}

GBytes *
community_test_edited_page (const char *from,
                       ...)
{
  g_autoptr(GBytes) bundled = community_test_bundled_page ("zh_CN");
  GString *text = g_string_new_len (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled));
  va_list args;

  va_start (args, from);
  for (const char *f = from; f != NULL; f = va_arg (args, const char *))
    {
      const char *to = va_arg (args, const char *);

      g_assert_cmpuint (g_string_replace (text, f, to, 0), >, 0);
    }
  va_end (args);

  return g_string_free_to_bytes (text);
}

CommunityJoin *
community_test_join_take (GBytes *page)
{
  g_autoptr(GBytes) bytes = page;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) parsed = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  return community_join_new (parsed);
}

GBytes *
community_test_read_image (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "images", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, size);
}

GBytes *
community_test_qr_png (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityQrMatrix) matrix = community_qr_encode (text, &error);
  GBytes *png;

  g_assert_no_error (error);
  png = community_qr_matrix_to_png (matrix, 5, &error);
  g_assert_no_error (error);

  return png;
}

char *
community_test_write_script (const char *dir,
                        const char *name,
                        const char *body)
{
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", body);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

char *
community_test_isolate_dirs (const char          *tmpl,
                             const char * const (*dirs)[2],
                             guint                n_dirs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *top = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_dirs; i++)
    {
      g_autofree char *dir = g_build_filename (top, dirs[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (dirs[i][0], dir, TRUE);
    }

  return g_steal_pointer (&top);
}

void
community_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        community_test_remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

CommunityPage *
community_test_parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CommunityPage *page = community_page_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

char *
community_test_dump_tree (const char *text)
{
  g_autoptr(CommunityPage) page = community_test_parse (text);

  return community_node_dump (community_page_get_root (page));
}

CommunityPage *
community_test_seed_page (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "pages", "join.zh_CN.md", NULL);
  g_autoptr(GError) error = NULL;
  CommunityPage *page = community_page_load_file_sync (path, 10000, &error);

  g_assert_no_error (error);
  return page;
}

guint
community_test_count_nodes (const CommunityNode *root,
                            CommunityNodeType    type)
{
  guint n = 0;

  for (const CommunityNode *node = root; node; node = community_node_next_in (node, root))
    n += (node->type == type);
  return n;
}

const CommunityNode *
community_test_nth_node (const CommunityNode *root,
                         CommunityNodeType    type,
                         guint                nth)
{
  for (const CommunityNode *node = root; node; node = community_node_next_in (node, root))
    if (node->type == type && nth-- == 0)
      return node;
  return NULL;
}

void
community_test_check_trees (const CommunityTestTreeCase *cases,
                            gsize                        n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *tree = community_test_dump_tree (cases[i].markdown);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].markdown);
      g_assert_cmpstr (tree, ==, cases[i].tree);
    }
}

void
community_test_assert_contains (const char *haystack,
                                const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}
