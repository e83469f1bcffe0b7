/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A standalone driver for the fuzz target, for builds without libFuzzer:
 * runs LLVMFuzzerTestOneInput() once on each file named, and on each file
 * of each folder named, and prints how long each took. meson test runs
 * the corpus and the pathological shapes through it (fuzz/meson.build),
 * so they are checked in every build, the sanitizer build included. A
 * failure is the target's own assertion, or a crash. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  gint64 start;

  if (!g_file_get_contents (path, &contents, &size, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, size);
  printf ("%-60s %7" G_GSIZE_FORMAT " bytes %6" G_GINT64_FORMAT " ms\n", path, size,
          (g_get_monotonic_time () - start) / 1000);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The folder's files in name order, so that runs compare. */
static void
run_folder (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    run_file (g_ptr_array_index (names, i));
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE-OR-FOLDER...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
      run_folder (argv[i]);
    else
      run_file (argv[i]);
  return 0;
}
