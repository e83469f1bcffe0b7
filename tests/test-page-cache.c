/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-page-cache.c: the saved page as other programs and a hostile disk
 * leave it: two programs saving at once, files that are not what we
 * wrote (a FIFO, a huge file), a folder that is not absolute. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "community-page.h"
#include "community-page-cache.h"
#include "community-test-core.h"

static CommunityCachedPage *
page_of (const char *text)
{
  CommunityCachedPage *page = community_cached_page_new ();

  page->bytes = g_bytes_new (text, strlen (text));
  page->sha256 = community_page_cache_checksum (page->bytes);
  page->source = g_strdup ("https://example.org/docs/");
  return page;
}

/* Two programs store different pages into one folder while a third
 * reads it: a reader never sees one program's page with the other's
 * metadata (which it would call damaged). Each program is a cache object
 * of its own, as in separate processes: the lock is a file lock. */

#define ROUNDS 300

typedef struct
{
  const char *dir;
  const char *text;
  gint       *running;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(CommunityPageCache) cache = community_page_cache_new (writer->dir);
  g_autoptr(CommunityCachedPage) page = page_of (writer->text);

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (community_page_cache_store (cache, page, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_add (writer->running, -1);
  return NULL;
}

static void
test_concurrent_stores (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-page-cache-XXXXXX", NULL);
  g_autoptr(CommunityPageCache) reader = community_page_cache_new (dir);
  gint running = 2;
  Writer a = { dir, "# Page A\n\nThe first program's page, a little longer.\n", &running };
  Writer b = { dir, "# Page B\n\nThe second program's.\n", &running };
  g_autoptr(CommunityCachedPage) final = NULL;
  g_autoptr(GError) error = NULL;
  GThread *threads[2];
  guint loads = 0;

  threads[0] = g_thread_new ("writer-a", writer_thread, &a);
  threads[1] = g_thread_new ("writer-b", writer_thread, &b);
  while (g_atomic_int_get (&running) > 0)
    {
      g_autoptr(GError) load_error = NULL;
      g_autoptr(CommunityCachedPage) page = community_page_cache_load (reader, &load_error);

      if (page == NULL)
        g_assert_error (load_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      loads++;
    }
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);
  g_test_message ("%u loads during %u stores", loads, 2 * ROUNDS);
  g_assert_cmpuint (loads, >, 10);
  /* What is left is one program's page and metadata. */
  final = community_page_cache_load (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (final);
  community_test_remove_tree (dir);
}

/* Files that anything could have put there are read only as small
 * regular files: a FIFO in place of the page or its metadata does not
 * block the start, and a huge metadata file is not read into memory. */
static void
test_hostile_files (void)
{
  const char *names[] = { COMMUNITY_PAGE_CACHE_PAGE, COMMUNITY_PAGE_CACHE_METADATA };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint fifo = 0; fifo <= 1; fifo++)
      {
        g_autofree char *dir = g_dir_make_tmp ("test-page-cache-XXXXXX", NULL);
        g_autoptr(CommunityPageCache) cache = community_page_cache_new (dir);
        g_autoptr(CommunityCachedPage) page = page_of ("# A page\n");
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_autoptr(CommunityCachedPage) loaded = NULL;
        g_autoptr(GError) error = NULL;
        gint64 start;

        g_assert_true (community_page_cache_store (cache, page, NULL));
        g_assert_cmpint (g_remove (path), ==, 0);
        if (fifo)
          {
            g_assert_cmpint (mkfifo (path, 0600), ==, 0);
          }
        else
          {
            /* Sparse: large on paper, nothing on disk. */
            FILE *file = fopen (path, "w");

            g_assert_nonnull (file);
            g_assert_cmpint (fseek (file, 1024 * 1024 * 1024, SEEK_SET), ==, 0);
            g_assert_cmpint (fputc ('x', file), !=, EOF);
            fclose (file);
          }

        g_test_message ("%s as a %s", names[i], fifo ? "FIFO" : "1 GiB file");
        start = g_get_monotonic_time ();
        loaded = community_page_cache_load (cache, &error);
        g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
        g_assert_null (loaded);
        g_assert_error (error, COMMUNITY_PAGE_CACHE_ERROR, COMMUNITY_PAGE_CACHE_ERROR_DAMAGED);
        community_test_remove_tree (dir);
      }
}

/* A relative folder would be the working directory's: never read, never
 * written. */
static void
test_relative_folder (void)
{
  g_autoptr(CommunityPageCache) cache = community_page_cache_new ("relative/jpom-community");
  g_autoptr(CommunityCachedPage) page = page_of ("# A page\n");
  g_autoptr(GError) error = NULL;

  g_assert_null (community_page_cache_load (cache, &error));
  g_assert_error (error, COMMUNITY_PAGE_CACHE_ERROR, COMMUNITY_PAGE_CACHE_ERROR_NO_FOLDER);
  g_clear_error (&error);

  g_assert_false (community_page_cache_store (cache, page, &error));
  g_assert_error (error, COMMUNITY_PAGE_CACHE_ERROR, COMMUNITY_PAGE_CACHE_ERROR_NO_FOLDER);
  g_clear_error (&error);

  g_assert_false (community_page_cache_store_payload (cache, "/images/x.png", "00",
                                                      "https://u.wechat.com/x", &error));
  g_assert_error (error, COMMUNITY_PAGE_CACHE_ERROR, COMMUNITY_PAGE_CACHE_ERROR_NO_FOLDER);
  g_assert_null (community_page_cache_lookup_payload (cache, "/images/x.png", NULL));
  g_assert_false (g_file_test ("relative", G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/page-cache/concurrent-stores", test_concurrent_stores);
  g_test_add_func ("/community/page-cache/hostile-files", test_hostile_files);
  g_test_add_func ("/community/page-cache/relative-folder", test_relative_folder);

  return g_test_run ();
}
