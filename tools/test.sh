#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the meson suite
# (unit, widget and smoke tests under Xvfb with a private session bus), the
# Flatpak offline test (the stand-in runtime, the build, the published
# repository, the app in the sandbox, install and update from the repository),
# the fuzzers (page, notices) for a fixed budget, the same suite under
# AddressSanitizer and UndefinedBehaviorSanitizer, and the -Werror build.
# Ends with one summary line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
passed=0
failed=0

bash tools/install-deps.sh || exit 1

step () {
  local name=$1; shift
  echo "=== $name"
  if "$@"; then
    echo "=== $name: passed"
    passed=$((passed + 1))
  else
    echo "=== $name: FAILED"
    failed=$((failed + 1))
  fi
}

in_display () {
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$@"
}

meson_suite () {
  local build=$1; shift
  [ -d "$build" ] || meson setup "$build" --prefix="$root/_install" "$@" || return 1
  meson compile -C "$build" || return 1
  in_display meson test -C "$build" --print-errorlogs --num-processes 2
}

step "meson test" meson_suite _build
step "flatpak offline install" bash flatpak/test-offline-install.sh
step "fuzz" bash tools/test-fuzz.sh
step "sanitizers" bash tools/test-sanitizers.sh
step "warnings" bash tools/test-warnings.sh

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
