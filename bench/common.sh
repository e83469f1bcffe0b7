# SPDX-License-Identifier: GPL-3.0-or-later
# bench/common.sh: what the benchmark scripts share. Sourced, from the
# top of the source tree, with $build set to the release build folder.

fail () {
  echo "$(basename "$0" .sh): $*" >&2
  exit 1
}

# Fails unless each of the programs named is installed.
require () {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || fail "$tool is missing (bash tools/install-deps.sh installs it)"
  done
}

# Configures $build (release, no tests) the first time, and builds it.
build_release () {
  if [ ! -d "$build" ]; then
    meson setup "$build" --buildtype=release -Dtests=false >/dev/null || fail "meson setup $build"
  fi
  meson compile -C "$build" >/dev/null || fail "build (meson compile -C $build)"
}

# The Chinese page, as most readers see it; the C locale when zh_CN is
# not installed (tools/install-deps.sh installs it).
use_chinese_locale () {
  if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
    export LC_ALL=zh_CN.UTF-8
  else
    export LC_ALL=C.UTF-8
  fi
  export LANGUAGE=zh_CN
}

# Sets the array isolate to the command that runs a program in a network
# namespace of its own: as root a network namespace needs nothing more;
# otherwise a user namespace maps this user to root inside it. Fails
# where none can be made: no benchmark runs where the app could reach the
# real upstream.
find_isolation () {
  if [ "$(id -u)" = 0 ]; then
    isolate=(unshare -n)
  else
    isolate=(unshare -r -n)
  fi
  "${isolate[@]}" true 2>/dev/null \
    || fail "cannot make a network namespace (${isolate[*]}); the benchmark does not run where the app could reach the real upstream"
}
