#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark: how fast the app answers GNOME Shell's overview search over
# D-Bus (bench/bench-search-provider.c), started by D-Bus activation as
# the shell starts it (against a minimal libadwaita service,
# bench/minimal-service.c, started the same way), and once running. Prints BENCHMARKS.md-ready rows
# (also saved to _build-bench/bench-results/search-provider.md).
#
#   bash bench/run-search-provider.sh [COLD_RUNS [WARM_CALLS]]   (21 and 501)
#
# Builds in _build-bench (release), like run-benchmarks.sh. Runs in a
# network namespace of its own (loopback only), one Xvfb server and one
# private session bus whose services directory holds a D-Bus service
# file for the build's app; the app's settings (GSETTINGS_BACKEND=memory,
# and the tests' schema override) point page-sources at a dead loopback
# address, though the search never refreshes. It prints figures and never
# fails because the machine is slow.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${COMMUNITY_BENCH_BUILD:-_build-bench}
results=$build/bench-results
work=$results/search-provider
. bench/common.sh

# On the private bus: the bus reads its services directories from
# XDG_DATA_DIRS as it starts.
in_display () {
  "$build/bench/bench-search-provider" "$1" "$2" "$results/search-provider.txt"
}

case "${1:-}" in
  --in-display) in_display "$2" "$3"; exit $? ;;
esac

cold=${1:-21}
warm=${2:-501}
require meson xvfb-run dbus-run-session unshare glib-compile-schemas
build_release
rm -rf "$work"
mkdir -p "$work/share/dbus-1/services" "$work/schemas" "$work/cache" "$work/config" "$work/data"

# The app and the minimal service as D-Bus activation starts them, from
# the build tree.
cat > "$work/share/dbus-1/services/top.jpom.Community.service" <<EOF
[D-BUS Service]
Name=top.jpom.Community
Exec=$root/$build/src/jpom-community --gapplication-service
EOF
cat > "$work/share/dbus-1/services/top.jpom.Community.BenchMinimalService.service" <<EOF
[D-BUS Service]
Name=top.jpom.Community.BenchMinimalService
Exec=$root/$build/bench/minimal-service --gapplication-service
EOF
cp data/top.jpom.Community.gschema.xml tests/schemas/tests.gschema.override "$work/schemas/"
glib-compile-schemas --strict "$work/schemas" || fail "glib-compile-schemas"

export XDG_DATA_DIRS="$root/$work/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export XDG_CACHE_HOME="$root/$work/cache" XDG_CONFIG_HOME="$root/$work/config"
export XDG_DATA_HOME="$root/$work/data"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$root/$work/schemas"
export GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1
unset GTK_DEBUG GDK_DEBUG LD_PRELOAD
use_chinese_locale
find_isolation

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
       "$(. /etc/os-release && echo "$PRETTY_NAME"), GTK $(pkg-config --modversion gtk4)," \
       "libadwaita $(pkg-config --modversion libadwaita-1), GLib $(pkg-config --modversion glib-2.0)"
  echo "Command: bash bench/run-search-provider.sh $cold $warm   (LC_ALL=$LC_ALL, Xvfb 1280x1024x24, one session bus, loopback only)"
  echo
  "${isolate[@]}" bash -c 'ip link set lo up 2>/dev/null; exec "$@"' _ \
    xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    bash "$0" --in-display "$cold" "$warm" 2>>"$results/search-provider.log" \
    || fail "the benchmark did not run; see $results/search-provider.log"
  echo
  echo "Load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end; tree at $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo ' with local changes')"
} | tee "$results/search-provider.md"
