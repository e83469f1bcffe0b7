#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the fuzz targets (fuzz/fuzz-page.c, the page pipeline, and
# fuzz/fuzz-notices.c, the notices' listing, posts and saved set) with the
# core under libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer
# (clang, meson -Dfuzzing=true in _build-fuzz), runs the page target once
# over the pathological shapes (fuzz/make-shapes.py), then fuzzes each
# target for SECONDS over its seeds and checked-in corpus. Exits non-zero
# on a crash, a leak, a timeout or memory over 2 GiB. Findings go to
# fuzz/crashes/. A fuzzed input (at most 16 KiB) has 10 s; a shape (up to
# the 512 KiB page limit; ten times slower under the sanitizers than in
# meson test's run of the same shapes) has 60 s.
#
# Usage: fuzz/run-fuzz.sh [SECONDS]     (default 60, for each target)

set -eu

seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=$top/_build-fuzz
out=$here/out
mkdir -p "$out/corpus" "$out/corpus-notices" "$here/crashes"

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Doptimization=1 \
    -Dc_args=-fno-sanitize-recover=undefined
fi
meson compile -C "$build" fuzz-page fuzz-notices fuzz-shapes

# The bundled pages and the seed post seed the corpora (they stay in
# data/ with their licence notice).
cp "$top"/data/pages/join.*.md "$out/corpus/"
cp "$top"/data/notices/*.md "$out/corpus-notices/"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
common="-rss_limit_mb=2048 -artifact_prefix=$here/crashes/"

echo "# pathological shapes"
for f in "$build"/fuzz/shape-*.md; do
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  "$build/fuzz/fuzz-page" $common -timeout=60 "$f" > "$out/shapes.log" 2>&1 || {
    tail -40 "$out/shapes.log"
    cp "$f" "$here/crashes/"
    echo "FAILED on $f"
    exit 1
  }
  printf '  %-50s %6d ms\n' "$(basename "$f")" $(( ($(date +%s%N) - start) / 1000000 ))
done

echo "# fuzz-page: fuzzing for $seconds s"
# shellcheck disable=SC2086
"$build/fuzz/fuzz-page" $common -timeout=10 -max_total_time="$seconds" -max_len=16384 \
  -dict="$here/page.dict" -print_final_stats=1 \
  "$out/corpus" "$here/corpus"

echo "# fuzz-notices: fuzzing for $seconds s"
# shellcheck disable=SC2086
"$build/fuzz/fuzz-notices" $common -timeout=10 -max_total_time="$seconds" -max_len=16384 \
  -dict="$here/notices.dict" -print_final_stats=1 \
  "$out/corpus-notices" "$here/corpus-notices"
