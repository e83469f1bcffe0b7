/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-bench.h: the start-up benchmark's hook (bench/run-benchmarks.sh).
 * The app and the benchmark's minimal window share it, so both are timed
 * the same way. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* When COMMUNITY_BENCH_FIRST_FRAME is set: prints "first-frame <µs>"
 * (CLOCK_MONOTONIC) and "first-frame-cpu <µs>" (the process's CPU time)
 * after @window's first painted frame, then lets the
 * work queued for after that frame run, paints once more and quits the
 * window's application, so the peak memory the benchmark reads covers the
 * whole window. Does nothing otherwise. */
void community_bench_watch_first_frame (GtkWindow *window);

G_END_DECLS
