/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h: timing helpers shared by the benchmark programs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CLOCK_MONOTONIC in nanoseconds. */
gint64 bench_now_ns (void);
/* The median of an array of doubles; sorts it. */
double bench_median (GArray *values);

G_END_DECLS
