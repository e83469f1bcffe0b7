#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmarks: start-up against a minimal GTK4 + libadwaita window, the page
# pipeline as the page grows, and the QR code. Prints BENCHMARKS.md-ready
# rows (also saved to _build-bench/bench-results/report.md).
#
#   bash bench/run-benchmarks.sh [RUNS]      (RUNS: start-up rounds, default 21)
#
# COMMUNITY_BENCH_MODES=bundled,cached,stalled picks the app's start-up
# modes (all three by default). COMMUNITY_BENCH_EXTRA="NAME=PATH ..." adds
# other builds of the app, run like the bundled mode, for A/B measurements.
#
# COMMUNITY_BENCH_A11Y=1 leaves accessibility on (GTK registers every
# widget with the AT-SPI bus); by default GTK_A11Y=none, for steadier
# figures.
#
# Builds in _build-bench (release). The start-up part runs in a network
# namespace of its own, where every address but loopback leads to a dead
# end (a veth pair) whose packets are counted, in one Xvfb server and one
# private session bus, with GSK_RENDERER=cairo and the Chinese page. The
# app's settings (GSETTINGS_BACKEND=keyfile) point page-sources at loopback
# servers: the benchmark never reaches the real upstream. It prints figures
# and never fails because the machine is slow; it exits non-zero only when
# something cannot be built or run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${COMMUNITY_BENCH_BUILD:-_build-bench}
results=$build/bench-results
page=data/pages/join.zh_CN.md
. bench/common.sh

# The part that needs the display and the bus, run again by the isolated
# part under xvfb-run and dbus-run-session.
in_display () {
  local runs=$1 extra=() other
  for other in ${COMMUNITY_BENCH_EXTRA:-}; do
    extra+=(--extra "$other")
  done
  echo "== start-up: first content frame, PSS and peak RSS, app vs minimal window, $runs rounds"
  python3 bench/startup.py \
    --launcher "$build/bench/bench-launch" \
    --hook "$root/$build/bench/libbench-hook.so" \
    --app "$build/src/jpom-community" \
    --minimal "$build/bench/minimal-window" \
    --schema-dir "$build/data" \
    --workdir "$results/startup" \
    --page "$page" --runs "$runs" \
    --modes "${COMMUNITY_BENCH_MODES:-bundled,cached,stalled}" \
    "${extra[@]}" \
    --log "$results/startup.log" \
    --results "$results/startup.txt" || return 1
  echo
  echo "== screenshots every 20 ms: nothing visible changes after the first content frame"
  if [ -x "$build/bench/screen-watch" ]; then
    echo "| program | | screenshots from the first content frame to 1 s after the first frame |"
    echo "|---|---|---|"
    python3 bench/check-late-changes.py \
      --launcher "$build/bench/bench-launch" \
      --hook "$root/$build/bench/libbench-hook.so" \
      --screen-watch "$build/bench/screen-watch" \
      --app "$build/src/jpom-community" \
      --minimal "$build/bench/minimal-window" \
      --schema-dir "$build/data" \
      --workdir "$results/screens-work" \
      --modes "${COMMUNITY_BENCH_MODES:-bundled,cached,stalled}" \
      "${extra[@]}" \
      --page "$page" \
      --outdir "$results/screens" \
      --log "$results/startup.log" \
      || echo "A change after the first content frame: the screenshots are in $results/screens"
  else
    echo "not run: screen-watch was not built (libx11 missing)"
  fi
  echo
  echo "== QR code widget: first paint"
  "$build/bench/bench-qr-paint" "$(cat "$results/qr-payload.txt")" 15 \
    "$results/qr-paint.txt" 2>>"$results/startup.log" || return 1
}

# Packets sent towards any address but loopback, in this namespace (the
# packets counter of the TX line of `ip -s -o link`).
outside_packets () {
  ip -s -o link show bench-out 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i == "TX:") { print $(i + 9); exit } }'
}

# In a fresh network namespace: loopback, and a default route into a veth
# pair that leads nowhere, so that the network looks present (GIO's
# network monitor sees a default route) while nothing can leave the
# machine, and anything that tries is counted.
isolated () {
  local runs=$1 before after
  ip link set lo up || return 1
  if ip link add bench-out type veth peer name bench-peer 2>/dev/null; then
    for dev in bench-out bench-peer; do
      sysctl -qw "net.ipv6.conf.$dev.disable_ipv6=1" 2>/dev/null
      ip link set "$dev" up
    done
    ip addr add 192.0.2.1/24 dev bench-out
    ip route add default via 192.0.2.2 dev bench-out
  fi
  before=$(outside_packets)
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    bash "$0" --in-display "$runs" || return 1
  after=$(outside_packets)
  if [ -n "$before" ]; then
    echo "Packets towards addresses outside this machine during the run: $((after - before)) (none can leave; a network namespace of its own)"
  else
    echo "A network namespace with loopback only: no address outside this machine was reachable"
  fi
}

case "${1:-}" in
  --in-display) in_display "$2"; exit $? ;;
  --isolated) isolated "$2"; exit $? ;;
esac

runs=${1:-21}
[ "$runs" -ge 7 ] 2>/dev/null || fail "at least 7 start-up runs, please (got '$runs')"
require meson xvfb-run dbus-run-session python3 unshare ip gsettings
build_release
mkdir -p "$results"
: > "$results/startup.log"

export GSK_RENDERER=cairo
export GDK_BACKEND=x11
if [ "${COMMUNITY_BENCH_A11Y:-0}" = 1 ]; then
  unset GTK_A11Y
else
  export GTK_A11Y=none
fi
unset GTK_DEBUG GDK_DEBUG LD_PRELOAD
use_chinese_locale

echo "== page pipeline (front matter, containers, cmark, model, join model)" > "$results/pipeline.md"
"$build/bench/bench-pipeline" "$page" "$results/pipeline.txt" >> "$results/pipeline.md" \
  || fail "bench-pipeline"
awk '$1 == "qr-payload" { print $2 }' "$results/pipeline.txt" > "$results/qr-payload.txt"

find_isolation
rm -rf "$results/startup" "$results/screens-work" "$results/screens"
"${isolate[@]}" bash "$0" --isolated "$runs" > "$results/display.md" 2>>"$results/startup.log" \
  || fail "the start-up or QR benchmark did not run; see $results/startup.log"

value () {
  awk -v k="$1" '$1 == k { print $2 }' "$results"/*.txt
}

{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
       "$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)," \
       "$(. /etc/os-release && echo "$PRETTY_NAME"), GTK $(pkg-config --modversion gtk4)," \
       "libadwaita $(pkg-config --modversion libadwaita-1), cmark $(pkg-config --modversion libcmark)"
  prefix=""
  [ "${COMMUNITY_BENCH_A11Y:-0}" = 1 ] && prefix="COMMUNITY_BENCH_A11Y=1 "
  echo "Command: ${prefix}bash bench/run-benchmarks.sh $runs   (GSK_RENDERER=$GSK_RENDERER, GTK_A11Y=${GTK_A11Y:-on}, LC_ALL=$LC_ALL, Xvfb 1280x1024x24, one session bus)"
  echo "Load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end; main at $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo ' with local changes')"
  echo
  cat "$results/display.md"
  echo
  cat "$results/pipeline.md"
  seed=$(value pipeline-1x-ms)
  app=$(value app-first-frame-ms)
  if [ -n "$seed" ] && [ -n "$app" ]; then
    awk -v s="$seed" -v a="$app" 'BEGIN {
      p = 100 * s / a
      printf "seed page pipeline: %.3f ms = %.2f%% of the app'\''s start-up (%.1f ms); target < 2%%: %s\n",
             s, p, a, (p < 2 ? "met" : "missed")
    }'
  fi
} | tee "$results/report.md"
