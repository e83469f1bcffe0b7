#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The build is warning-clean: everything meson builds (app, tests,
# benchmarks) compiles with -Werror at warning_level=2 with the GLib, GTK
# and libadwaita version pins on, so API that is deprecated or newer than
# Debian 12's fails here unless it sits behind a version check.
#
# Runs as one step of tools/test.sh; exits non-zero on any warning.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${COMMUNITY_WERROR_BUILD:-_build-werror}
start=$(date +%s)

fail () {
  echo "test-warnings: FAILED: $*" >&2
  exit 1
}

if [ ! -d "$build" ]; then
  meson setup "$build" -Dwerror=true --buildtype=debugoptimized >/dev/null \
    || fail "meson setup $build -Dwerror=true"
fi
meson compile -C "$build" || fail "the build has warnings (see above)"

echo "test-warnings: $(( $(date +%s) - start )) s"
echo "test-warnings: passed"
