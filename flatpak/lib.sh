# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by the jobs of the Flatpak offline test (sourced, not run): where
# the cache, the output and the private installations are, what the
# manifest says, the step headers and the failure report, and small helpers
# (a lock on the shared cache, a static file server on 127.0.0.1).
#
# Environment (all optional):
#   COMMUNITY_FLATPAK_SUITE  Debian suite of the stand-in runtime (default
#                       trixie; forky is the GNOME 51 level)
#   JPOM_FLATPAK_CACHE  cache shared by every checkout (default
#                       ${XDG_CACHE_HOME:-$HOME/.cache}/jpom-community-flatpak)
#   JPOM_FLATPAK_OUT    this checkout's output: the published folder, the
#                       screenshots, the logs and the private installations
#                       (default <source dir>/_build-flatpak, or
#                       _build-flatpak-SUITE for a suite other than trixie)
#   DEBIAN_MIRROR       Debian mirror for the root and the source tarballs
#                       (default: the one in /etc/apt/sources.list*, else
#                       deb.debian.org)

# The jobs that source this file read its variables and set those that
# its display helpers read (installation, run_home, docs_url, ...).
# shellcheck disable=SC2034,SC2154

flatpak_src=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
srcdir=$(dirname "$flatpak_src")
manifest=$flatpak_src/top.jpom.Community.json

suite=${COMMUNITY_FLATPAK_SUITE:-trixie}
case "$suite" in
  *[!a-z0-9-]*|'') echo "COMMUNITY_FLATPAK_SUITE must be a Debian suite name, not '$suite'" >&2; exit 2 ;;
esac

export HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
cache=${JPOM_FLATPAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jpom-community-flatpak}
if [ "$suite" = trixie ]; then
  outdir=${JPOM_FLATPAK_OUT:-$srcdir/_build-flatpak}
else
  outdir=${JPOM_FLATPAK_OUT:-$srcdir/_build-flatpak-$suite}
fi
mkdir -p "$cache" "$outdir"
cache=$(readlink -f "$cache")
outdir=$(readlink -f "$outdir")

# What is shared between checkouts (keyed by content, or locked while in
# use) lives in the cache; what one run makes lives in this checkout's
# output, so two checkouts can run the test at once. The roots and the
# stand-in have folders of their own, apart from the roots/ and
# standin-SUITE/ of the single script this test used to be, which takes
# no lock and removes the roots it did not make.
roots=$cache/debian-roots
sources=$cache/sources
standin=$cache/standin-runtime-$suite
standin_repo=$standin/repo
standin_installation=$standin/installation
builder_state=$cache/builder-state-$suite
work=$outdir/work
site=$outdir/site
shots_dir=$outdir/screenshots

# The published folder is served here by the repository test, which runs
# in a network namespace of its own, where this port is always free.
site_port=8642
site_url=http://127.0.0.1:$site_port/

# Keep every flatpak call away from the machine's own installations and
# configuration: each job picks its private user installation, and the
# system installation and config point at empty private directories.
export FLATPAK_SYSTEM_DIR=$cache/empty-system-installation
export FLATPAK_CONFIG_DIR=$cache/empty-config
mkdir -p "$FLATPAK_SYSTEM_DIR" "$FLATPAK_CONFIG_DIR"
unset FLATPAK_USER_DIR

manifest_get () {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
    "$manifest" "$1"
}

app_id=$(manifest_get id)
runtime=$(manifest_get runtime)
sdk=$(manifest_get sdk)
runtime_version=$(manifest_get runtime-version)
arch=$(flatpak --default-arch)

# ---------------------------------------------------------------------------
# Step headers with the time since the job started, a failure report that
# names the step, and checks that fail at the end of the job.

t_start=$SECONDS
t_step=$SECONDS
step_name=
timings=()
failures=()
reported=
cleanup_pids=()
gnupg_homes=()

end_step () {
  if [ -n "$step_name" ]; then
    timings+=("$(printf '%5ds  %s' $((SECONDS - t_step)) "$step_name")")
  fi
}

step () {
  end_step
  step_name=$1
  t_step=$SECONDS
  printf '\n==> [%4ds] %s\n' $((SECONDS - t_start)) "$step_name"
}

info () {
  printf '    %s\n' "$*"
}

die () {
  printf '\nFAIL: %s\n' "$*" >&2
  reported=yes
  exit 1
}

# A check failed: said now; the job goes on to its other checks and fails
# at the end (finish_job).
failed () {
  printf '    FAILED: %s\n' "$*"
  failures+=("$*")
}

on_exit () {
  local status=$? pid home
  for pid in "${cleanup_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  # The agents gpg started for the test's keys.
  for home in "${gnupg_homes[@]}"; do
    gpgconf --homedir "$home" --kill all 2>/dev/null || true
  done
  if [ "$status" -ne 0 ] && [ -z "$reported" ]; then
    printf '\nFAIL: step "%s" failed (exit status %d)\n' "$step_name" "$status" >&2
  fi
}
trap on_exit EXIT

# Prints the step timings and fails the job if any check failed.
finish_job () {
  end_step
  step_name=
  printf '\nStep timings (%s):\n' "$(basename "$0")"
  printf '  %s\n' "${timings[@]}"
  printf '  %5ds  total\n' $((SECONDS - t_start))
  if [ "${#failures[@]}" -gt 0 ]; then
    printf '\nFAIL: %s\n' "${failures[@]}" >&2
    reported=yes
    exit 1
  fi
}

require_tools () {
  local tool
  for tool; do
    command -v "$tool" >/dev/null ||
      die "$tool is missing (tools/install-deps.sh installs what the Flatpak test needs)"
  done
}

debian_mirror () {
  local uri
  if [ -n "${DEBIAN_MIRROR:-}" ]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  uri=$( { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | sed 's/^URIs:[[:space:]]*//' | tr ' ' '\n'
           grep -hsE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
             sed -E 's/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//' | cut -d' ' -f1
         } | grep -E '/debian/?$' | head -n 1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# Holds an exclusive lock on the shared cache entry $1 until the job ends,
# so two checkouts never build the same stand-in or tarball at once.
lock_cache () {
  local fd
  exec {fd}>"$cache/$1.lock"
  if ! flock -n "$fd"; then
    info "waiting for another run that holds $cache/$1.lock"
    flock "$fd"
  fi
}

# Serves directory $1 on 127.0.0.1 port $2 (0: any free port), logging
# requests to $3. Sets server_pid and server_port; the server ends with the
# job.
serve_dir () {
  local dir=$1 port=$2 log=$3 out=$3.out
  : > "$log"
  python3 -u -m http.server --bind 127.0.0.1 --directory "$dir" "$port" >"$out" 2>>"$log" &
  server_pid=$!
  cleanup_pids+=("$server_pid")
  server_port=
  for _ in $(seq 1 50); do
    server_port=$(sed -nE 's/^Serving HTTP on 127\.0\.0\.1 port ([0-9]+).*/\1/p' "$out")
    [ -n "$server_port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  die "could not serve $dir on 127.0.0.1 port $port (log: $log)"
}

# Runs flatpak on the private user installation $1.
flatpak_in () {
  local installation=$1
  shift
  FLATPAK_USER_DIR=$installation flatpak --user "$@"
}

# A fresh private installation at $1 with the stand-in runtime installed
# from the stand-in's repository, as a user has the GNOME runtime from
# Flathub.
new_installation () {
  local installation=$1
  rm -rf "$installation"
  flatpak_in "$installation" remote-add --no-gpg-verify standin "file://$standin_repo"
  flatpak_in "$installation" install -y --noninteractive standin \
    "$runtime//$runtime_version" </dev/null >/dev/null
}

# A throwaway GnuPG home at $1 with one new signing key named $2, no
# passphrase; sets new_key to the key's fingerprint.
make_test_key () {
  local home=$1 name=$2
  rm -rf "$home"
  mkdir -p "$home"
  chmod 700 "$home"
  gnupg_homes+=("$home")
  gpg --homedir "$home" --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "$name <jpom-community-test@invalid>" rsa2048 sign 1d 2>/dev/null
  new_key=$(gpg --homedir "$home" --batch --with-colons --list-secret-keys 2>/dev/null |
               awk -F: '$1 == "fpr" { print $10; exit }')
  [ -n "$new_key" ] || die "gpg made no key in $home"
}

# After a failed build: the deprecated API the app still calls, one line
# per call site, from the compiler's errors in log $1.
report_deprecations () {
  local log=$1 found
  found=$(grep -E "error: .*\[-Werror=deprecated-declarations\]" "$log" |
            sed -E 's|^.*/(src/[^:]+:[0-9]+):[0-9]+: error: |\1: |; s/ \[-Werror=deprecated-declarations\]//' |
            LC_ALL=C sort -u || true)
  if [ -n "$found" ]; then
    printf '\n    Deprecated API still used (an error with -Dcurrent-api=true against Debian %s):\n' "$suite"
    printf '%s\n' "$found" | sed 's/^/      /'
    printf '    (%d call sites; full log: %s)\n' "$(printf '%s\n' "$found" | wc -l)" "$log"
    return 0
  fi
  return 1
}

# Runs flatpak/publish.sh on source tree $1 into $site for $site_url,
# signed with key $2 of GnuPG home $3, offline on the stand-in (with the
# tarballs of module-sources.sh), logging to $4. The builder's cache is
# shared between checkouts, under a lock.
publish_for_test () {
  local source=$1 key=$2 home=$3 log=$4 status=0
  lock_cache "builder-state-$suite"
  info "log: $log"
  # rofiles-fuse needs a usable FUSE mount, which containers and root CI
  # sandboxes often lack; it only guards the hard-linked build tree.
  JPOM_FLATPAK_GPG_KEY=$key JPOM_FLATPAK_GPG_HOME=$home \
  FLATPAK_USER_DIR=$standin_installation \
    bash "$flatpak_src/publish.sh" --url "$site_url" --output "$site" \
      --work "$cache/publish-$suite" --source "$source" --state-dir "$builder_state" -- \
      --disable-rofiles-fuse --disable-download --extra-sources="$sources" \
      </dev/null >"$log" 2>&1 || status=$?
  grep -E '^(Building module|Cache hit for|Exporting|Published) ' "$log" | sed -E 's/ in .*//; s/^/    /' || true
  if [ "$status" -ne 0 ]; then
    if report_deprecations "$log"; then
      die "the app does not build against Debian $suite's libraries without deprecated API"
    fi
    tail -n 40 "$log" | sed 's/^/      /'
    die "publish.sh failed (exit status $status; log: $log)"
  fi
}

# ---------------------------------------------------------------------------
# Running the sandboxed app in a display. A job sets installation (its
# private installation), run_home (the HOME the app sees), docs_url (the
# only page source the app may use) and display_log, then calls
# init_display.

# The payload of the page's WeChat QR image: the first image of
# data/qr-payloads.json that the bundled Chinese page shows.
expected_qr_payload () {
  python3 - "$srcdir/data/qr-payloads.json" "$srcdir/data/pages/join.zh_CN.md" <<'PY'
import json, re, sys
images = json.load(open(sys.argv[1], encoding="utf-8"))["images"]
page = open(sys.argv[2], encoding="utf-8").read()
shown = [src for src in re.findall(r'src="([^"]+)"', page) if src in images]
print(images[shown[0]] if shown else "")
PY
}

init_display () {
  run_dir=$run_home.xdg-runtime
  rm -rf "$run_home" "$run_dir"
  mkdir -p "$run_home" "$run_dir"
  chmod 700 "$run_dir"
  settings=$run_home/.var/app/$app_id/config/glib-2.0/settings
  keyfile=$settings/keyfile
  mkdir -p "$settings"
  write_keyfile 720 820
}

# The app's settings in the sandbox are its keyfile. Every run points
# page-sources and notice-sources (whose list of posts is not there: the
# notices stay the bundled ones) at docs_url, and check-loopback.py refuses
# to let the app start when the keyfile would let it reach anything else.
write_keyfile () {
  local width=$1 height=$2
  cat > "$keyfile" <<KEYFILE
[top/jpom/Community]
page-sources=['$docs_url']
notice-sources=['${docs_url}no-list-of-posts']
window-width=$width
window-height=$height
window-maximized=false
KEYFILE
}

# in_display WIDTH HEIGHT SCENE ARGS...: runs a scene of in-display.sh
# under Xvfb (screen WIDTH x HEIGHT) with a private session bus, as the
# private HOME, with the app's keyfile checked first. The UI is in Chinese
# (the stand-in has the locale) unless display_lang says otherwise; the
# session's own chatter goes to display_log.
in_display () {
  local width=$1 height=$2
  shift 2
  python3 "$flatpak_src/check-loopback.py" "$keyfile" "$docs_url" ||
    die "refusing to start the app: its keyfile lets it leave $docs_url"
  env -u GSETTINGS_BACKEND -u GSETTINGS_SCHEMA_DIR -u G_DEBUG \
    FLATPAK_USER_DIR="$installation" \
    HOME="$run_home" XDG_RUNTIME_DIR="$run_dir" LANG="${display_lang:-zh_CN.UTF-8}" LC_ALL= LANGUAGE= \
    XDG_DATA_DIRS="$installation/exports/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    FLATPAK_SRC="$flatpak_src" APP_ID="$app_id" KEYFILE="$keyfile" DOCS_URL="$docs_url" \
    WORK="$work" RUN_ARGS="${run_args:-}" \
    xvfb-run -a -s "-screen 0 ${width}x${height}x24 -nolisten tcp" \
    dbus-run-session -- bash "$flatpak_src/in-display.sh" "$@" >>"$display_log" 2>&1
}
