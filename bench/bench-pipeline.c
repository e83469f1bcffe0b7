/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-pipeline.c: the display-free page pipeline as the page grows, and
 * the QR encoder.
 *
 * Usage: bench-pipeline SEED_PAGE [RESULTS_FILE]
 *
 * For the seed page and synthetic pages 10, 100 and 1000 times its size
 * (its front matter and introduction once, then its "##" sections repeated,
 * so every copy is a valid page the join model reads), times the whole
 * pipeline: validation, front matter, containers, cmark, the document
 * model (community_page_new_from_bytes) and the join model
 * (community_join_new). Prints BENCHMARKS.md rows. Exits non-zero only when
 * the seed page does not parse; a slow machine only gives bigger numbers. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "community-join.h"
#include "community-page.h"
#include "community-qr.h"

/* Each size runs at least this many times and for at least this long. */
#define MIN_RUNS 5
#define MAX_RUNS 2000
#define MIN_TOTAL_NS (500 * G_GINT64_CONSTANT (1000000))

typedef struct
{
  guint    factor;
  gsize    size;
  guint    runs;
  double   page_ms;   /* median, community_page_new_from_bytes */
  double   join_ms;   /* median, community_join_new */
  double   total_ms;  /* median of the sum */
  double   best_ms;   /* fastest run: the least disturbed by the machine */
  gboolean measured;
  char    *skipped;   /* why not, when not measured */
} Row;

/* The seed's front matter and introduction, then its "##" sections
 * repeated until the page is about @factor times the seed's size. */
static GBytes *
synthetic_page (const char *seed,
                guint       factor)
{
  gsize seed_len = strlen (seed);
  const char *first_section = strstr (seed, "\n## ");
  g_autoptr(GString) page = NULL;
  gsize head_len, body_len;
  guint copies;

  g_assert (first_section != NULL);
  head_len = (gsize) (first_section + 1 - seed);
  body_len = seed_len - head_len;
  copies = MAX (1, (guint) ((factor * seed_len - head_len + body_len / 2) / body_len));

  page = g_string_sized_new (head_len + copies * (body_len + 1));
  g_string_append_len (page, seed, (gssize) head_len);
  for (guint i = 0; i < copies; i++)
    {
      g_string_append_len (page, seed + head_len, (gssize) body_len);
      if (page->str[page->len - 1] != '\n')
        g_string_append_c (page, '\n');
    }

  return g_string_free_to_bytes (g_steal_pointer (&page));
}

static gboolean
run_pipeline (GBytes  *bytes,
              double  *page_ms,
              double  *join_ms,
              GError **error)
{
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(CommunityJoin) join = NULL;
  gint64 t0, t1, t2;

  t0 = bench_now_ns ();
  page = community_page_new_from_bytes_full (bytes, COMMUNITY_PAGE_FLAGS_NO_SIZE_LIMIT,
                                                   error);
  t1 = bench_now_ns ();
  if (page == NULL)
    return FALSE;
  join = community_join_new (page);
  t2 = bench_now_ns ();

  *page_ms = (double) (t1 - t0) / 1e6;
  *join_ms = (double) (t2 - t1) / 1e6;

  return TRUE;
}

static void
measure (Row    *row,
         GBytes *bytes)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) joins = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gint64 start = bench_now_ns ();
  double page_ms, join_ms;

  row->size = g_bytes_get_size (bytes);

  /* One unmeasured run: the payload table and cmark's first allocations. */
  if (!run_pipeline (bytes, &page_ms, &join_ms, &error))
    {
      row->skipped = g_strdup (error->message);
      return;
    }

  while (pages->len < MAX_RUNS &&
         (pages->len < MIN_RUNS || bench_now_ns () - start < MIN_TOTAL_NS))
    {
      double total;

      run_pipeline (bytes, &page_ms, &join_ms, NULL);
      total = page_ms + join_ms;
      g_array_append_val (pages, page_ms);
      g_array_append_val (joins, join_ms);
      g_array_append_val (totals, total);
    }

  row->runs = pages->len;
  row->page_ms = bench_median (pages);
  row->join_ms = bench_median (joins);
  row->total_ms = bench_median (totals);
  row->best_ms = g_array_index (totals, double, 0);  /* sorted by bench_median () */
  row->measured = TRUE;
}

static double
qr_encode_ms (const char *payload,
              guint      *runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = bench_now_ns ();

  while (times->len < MAX_RUNS &&
         (times->len < MIN_RUNS || bench_now_ns () - start < MIN_TOTAL_NS))
    {
      g_autoptr(CommunityQrMatrix) matrix = NULL;
      gint64 t0 = bench_now_ns ();
      double ms;

      matrix = community_qr_encode (payload, NULL);
      ms = (double) (bench_now_ns () - t0) / 1e6;
      g_assert (matrix != NULL);
      g_array_append_val (times, ms);
    }

  *runs = times->len;

  return bench_median (times);
}

static void
print_rows (Row  *rows,
            guint n_rows,
            FILE *results)
{
  const Row *ten = &rows[1];

  g_print ("| page | size | runs | page model | join model | pipeline | µs per KiB | × the 10x page |\n");
  g_print ("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < n_rows; i++)
    {
      const Row *r = &rows[i];
      g_autofree char *size = g_format_size_full (r->size, G_FORMAT_SIZE_IEC_UNITS);

      if (!r->measured)
        {
          g_print ("| %ux | %s | – | – | – | not measured: %s | – | – |\n",
                   r->factor, size, r->skipped);
          continue;
        }

      g_print ("| %ux | %s | %u | %.3f ms | %.3f ms | %.3f ms | %.1f | %.2f |\n",
               r->factor, size, r->runs, r->page_ms, r->join_ms, r->total_ms,
               r->total_ms * 1000.0 / ((double) r->size / 1024.0),
               ten->measured ? r->total_ms / ten->total_ms : 0.0);
      if (results != NULL)
        fprintf (results, "pipeline-%ux-ms %.4f\n", r->factor, r->total_ms);
    }
}

int
main (int   argc,
      char *argv[])
{
  Row rows[] = { { .factor = 1 }, { .factor = 10 }, { .factor = 100 }, { .factor = 1000 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = NULL;
  g_autoptr(GBytes) seed_bytes = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(CommunityJoin) join = NULL;
  FILE *results = NULL;
  const char *payload;
  double qr_ms;
  guint qr_runs;

  /* g_print () writes UTF-8 only under a UTF-8 locale. */
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      g_printerr ("Usage: %s SEED_PAGE [RESULTS_FILE]\n", argv[0]);
      return 2;
    }

  if (!g_file_get_contents (argv[1], &seed, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The seed must give the whole join model, or we would time an error. */
  seed_bytes = g_bytes_new_static (seed, strlen (seed));
  page = community_page_new_from_bytes (seed_bytes, &error);
  if (page == NULL)
    {
      g_printerr ("The seed page does not parse: %s\n", error->message);
      return 1;
    }
  join = community_join_new (page);
  payload = community_join_get_qr_payload (join);
  if (!community_join_is_complete (join) || payload == NULL)
    {
      g_printerr ("The seed page does not give a complete join model\n");
      return 1;
    }

  if (argc > 2)
    results = fopen (argv[2], "w");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GBytes) bytes = synthetic_page (seed, rows[i].factor);

      measure (&rows[i], bytes);
    }
  print_rows (rows, G_N_ELEMENTS (rows), results);

  if (rows[1].measured && rows[3].measured)
    g_print ("growth 1000x / 10x: %.1f (linear: 100); fastest runs: %.1f\n",
             rows[3].total_ms / rows[1].total_ms, rows[3].best_ms / rows[1].best_ms);
  if (rows[1].measured && rows[2].measured)
    g_print ("growth 100x / 10x: %.1f (linear: 10); fastest runs: %.1f\n",
             rows[2].total_ms / rows[1].total_ms, rows[2].best_ms / rows[1].best_ms);

  qr_ms = qr_encode_ms (payload, &qr_runs);
  g_print ("| QR encode (%s, %zu bytes) | %.3f ms | median of %u |\n",
           payload, strlen (payload), qr_ms, qr_runs);
  if (results != NULL)
    {
      fprintf (results, "qr-encode-ms %.4f\nqr-payload %s\n", qr_ms, payload);
      fclose (results);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_free (rows[i].skipped);

  return 0;
}
