#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the project with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc) in _build-asan and runs the whole meson test suite under Xvfb with a
# private session bus. Any ASan, LSan or UBSan report from the project's own
# code fails the step. Leaks inside system libraries (fontconfig, Mesa, ...)
# are suppressed by tools/lsan.supp, where each entry says why.
#
# Runs as one step of tools/test.sh; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${COMMUNITY_ASAN_BUILD:-_build-asan}

fail () {
  echo "test-sanitizers: FAILED: $*" >&2
  exit 1
}

start=$(date +%s)

if [ ! -d "$build" ]; then
  meson setup "$build" \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    --buildtype=debug \
    || fail "meson setup"
fi
meson compile -C "$build" || fail "build with -Db_sanitize=address,undefined"

# abort_on_error: a report is a crash, which every test runner sees.
# detect_leaks: at exit; tools/lsan.supp covers system libraries only.
# The default fast unwinder stops at the first system library without frame
# pointers, which is enough for the project's own frames and for the
# fontconfig suppression (fontconfig is the direct caller of malloc); the
# slow one would make the pathological-input tests 100 times slower.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$root/tools/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$root/tools/ubsan.supp"
# GDK 4.8 probes OpenGL when it opens the X11 display even with the cairo
# renderer the tests use; Mesa's driver is unloaded at exit, so its
# one-time allocations could not be told apart by the fast unwinder.
export GDK_DEBUG=gl-disable
# GSlice's own allocator would hide use-after-free and leaks from ASan.
export G_SLICE=always-malloc
# GIO loads its system modules (dconf, the proxy resolvers, TLS) once per
# process and never frees the GIOModule objects; the fast unwinder cannot
# name them for a suppression, and whether LSan reports them varies from run
# to run. The tests need none of them (GSettings uses the memory backend,
# files are local), so they load none.
GIO_MODULE_DIR=$(mktemp -d)
export GIO_MODULE_DIR
trap 'rmdir "$GIO_MODULE_DIR"' EXIT

in_display () {
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$@"
}

in_display meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
  --no-suite soup-server
status=$?
log="$build/meson-logs/testlog.txt"
check_log () {
  if [ -f "$log" ] && grep -E -q 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then
    grep -E -n -A 20 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log" | head -200
    fail "a sanitizer report is in $log"
  fi
}
check_log

# The tests with a SoupServer: libsoup 3.2 keeps the listening socket's
# address and every accepted GSocket after the server is freed (a 30-line
# program using only SoupServer shows it too). Their stacks go through
# GLib's allocator, so only the slow unwinder reaches the libsoup and GIO
# frames that tools/lsan-soup-server.supp names; it is cheap for these two.
# LSan reads one suppressions file: the two files together.
soup_supp=$(mktemp)
cat tools/lsan.supp tools/lsan-soup-server.supp > "$soup_supp"
ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" \
LSAN_OPTIONS="suppressions=$soup_supp:print_suppressions=0" \
  in_display meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
  --suite soup-server
soup_status=$?
rm -f "$soup_supp"
[ "$status" -ne 0 ] || status=$soup_status

# A report inside a subprocess that a test expected to fail (g_test_trap)
# would not fail that test: look at the logs of both runs too.
check_log

echo "test-sanitizers: $(( $(date +%s) - start )) s"
if [ "$status" -ne 0 ]; then
  echo "test-sanitizers: for whole allocation stacks through system libraries, run one test again with" >&2
  echo "  ASAN_OPTIONS=\$ASAN_OPTIONS:fast_unwind_on_malloc=0 meson test -C $build TEST" >&2
  fail "meson test under ASan/UBSan (exit status $status)"
fi
echo "test-sanitizers: passed"
