/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h: timing helpers shared by the benchmark programs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CLOCK_MONOTONIC in nanoseconds. */
gint64 bench_now_ns (void);
/* The median of an array of doubles; sorts it. */
double bench_median (GArray *values);
/* The @q quantile (0 to 1, linear between the two nearest values) of an
 * array of doubles; sorts it. */
double bench_quantile (GArray *values,
                       double  q);

G_END_DECLS
