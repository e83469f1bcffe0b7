/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <time.h>

#include "bench-util.h"

gint64
bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (GArray *values)
{
  return bench_quantile (values, 0.5);
}

double
bench_quantile (GArray *values,
                double  q)
{
  double *v = (double *) (gpointer) values->data;
  double position;
  guint below;

  g_assert (values->len > 0);
  g_array_sort (values, compare_doubles);
  position = q * (values->len - 1);
  below = (guint) position;
  if (below + 1 >= values->len)
    return v[values->len - 1];

  return v[below] + (position - below) * (v[below + 1] - v[below]);
}
