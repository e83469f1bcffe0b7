#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Offline install test for flatpak/top.jpom.Community.json.
#
# The GNOME runtime cannot be downloaded on the machines this runs on, so the
# test builds the real manifest against a stand-in and installs the result
# the way a user would:
#
#   1. A stand-in org.gnome.Sdk and org.gnome.Platform at the manifest's
#      runtime version, made from this machine's own /usr (a hard-link copy)
#      plus /etc/ld.so.conf*, /etc/alternatives and /etc/fonts, exported with
#      `flatpak build-export --runtime` into a bare-user-only repository and
#      installed into a private FLATPAK_USER_DIR under the cache directory,
#      never into the system installation. It is rebuilt only when its inputs
#      (the installed Debian packages and the recipe below) change.
#
#      THE STAND-IN HOLDS DEBIAN'S GTK 4.8, LIBADWAITA 1.2 AND GLIB 2.74, NOT
#      THE REAL GNOME RUNTIME. It tests the packaging (the manifest, the
#      modules, the finish-args, the bundle, installing and starting the app
#      in the sandbox), not the ABI or the behaviour on the real runtime.
#
#   2. The cmark and libqrencode tarballs come from Debian's source archive,
#      which holds the same bytes as the manifest's upstream URLs: a private
#      deb-src list used through apt-get -o Dir::... options, apt-get
#      --print-uris source, a download checked against both apt's signed
#      index and the manifest's sha256, laid out as
#      SOURCES/downloads/<sha256>/<file name from the URL> for
#      flatpak-builder --extra-sources, which checks the checksums again.
#
#   3. flatpak-builder into a repository, flatpak build-bundle, the bundle
#      installed into a fresh private installation, `flatpak run` under Xvfb
#      with a private session bus, a screenshot, and zbarimg must decode the
#      page's WeChat QR code in it to the page's payload.
#
# Usage: flatpak/test-offline-install.sh [--bundle-only]
#   --bundle-only   stop after writing the bundle (steps 1, 2 and the build)
#
# Environment:
#   JPOM_FLATPAK_CACHE  cache directory (default
#                       ${XDG_CACHE_HOME:-$HOME/.cache}/jpom-community-flatpak)
#   JPOM_FLATPAK_OUT    where the bundle and screenshot go (default
#                       <source dir>/_build-flatpak)
#   DEBIAN_MIRROR       Debian mirror for the source tarballs (default: the
#                       one in /etc/apt/sources.list*, else deb.debian.org)
#
# Needs (Debian 12 packages): flatpak, flatpak-builder, elfutils (eu-strip,
# run by flatpak-builder on the host), appstream-util (appstream-compose,
# which Debian 12's flatpak-builder 1.2 runs inside the stand-in Sdk), curl,
# git, python3, xvfb, xauth, dbus, imagemagick (import), zbar-tools, and the
# project's build dependencies (the stand-in Sdk is this machine's /usr).
# Runs as root or as a user, non-interactively, on one filesystem.

set -euo pipefail

bundle_only=false
case "${1:-}" in
  --bundle-only) bundle_only=true ;;
  '') ;;
  -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "Unknown argument: $1 (try --help)" >&2; exit 2 ;;
esac

script=$(readlink -f "${BASH_SOURCE[0]}")
flatpak_src=$(dirname "$script")
srcdir=$(dirname "$flatpak_src")
manifest=$flatpak_src/top.jpom.Community.json

export HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
cache=${JPOM_FLATPAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jpom-community-flatpak}
outdir=${JPOM_FLATPAK_OUT:-$srcdir/_build-flatpak}
mkdir -p "$cache" "$outdir"
cache=$(readlink -f "$cache")
outdir=$(readlink -f "$outdir")

# The payload of the page's QR image (/images/wx_qrcode.jpg), as the page
# and data/qr-payloads.json give it.
expected_payload='https://u.wechat.com/MP_PrhfdwmlBhmKp35BloEw'

# Keep every flatpak call away from the machine's own installations and
# configuration: the user installation is chosen per step below, and the
# system installation and config point at empty private directories.
export FLATPAK_SYSTEM_DIR=$cache/empty-system-installation
export FLATPAK_CONFIG_DIR=$cache/empty-config
mkdir -p "$FLATPAK_SYSTEM_DIR" "$FLATPAK_CONFIG_DIR"
unset FLATPAK_USER_DIR

# ---------------------------------------------------------------------------
# Output helpers: step headers with the time since start, and a summary.

t_start=$SECONDS
t_step=$SECONDS
step_name=
timings=()

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

# A command that fails under set -e still gets a FAIL line naming its step.
reported=
on_exit () {
  local status=$?
  if [ "$status" -ne 0 ] && [ -z "$reported" ]; then
    printf '\nFAIL: step "%s" failed (exit status %d)\n' "$step_name" "$status" >&2
  fi
}
trap on_exit EXIT

print_timings () {
  end_step
  step_name=
  printf '\nStep timings:\n'
  printf '  %s\n' "${timings[@]}"
  printf '  %5ds  total\n' $((SECONDS - t_start))
}

manifest_get () {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
    "$manifest" "$1"
}

# ---------------------------------------------------------------------------
step "Checking tools and reading the manifest"

for tool in flatpak flatpak-builder eu-strip appstream-compose curl python3 \
            apt-get ostree xvfb-run dbus-run-session import zbarimg; do
  command -v "$tool" >/dev/null || die "$tool is missing (see the list of packages at the top of $0)"
done

app_id=$(manifest_get id)
runtime=$(manifest_get runtime)
sdk=$(manifest_get sdk)
runtime_version=$(manifest_get runtime-version)
arch=$(flatpak --default-arch)
info "app $app_id, runtime $runtime//$runtime_version, sdk $sdk//$runtime_version, arch $arch"
info "cache $cache"
info "output $outdir"
info "flatpak $(flatpak --version | cut -d' ' -f2), flatpak-builder $(flatpak-builder --version | cut -d' ' -f2)"

# ---------------------------------------------------------------------------
# Step 1: the stand-in runtime.

standin=$cache/standin
standin_repo=$standin/repo
standin_installation=$standin/installation

# Parts of /usr that no GNOME runtime carries and that are large to export:
# documentation, /usr/local, other languages' toolchains and this machine's
# own tooling. Paths are relative to /usr.
standin_skip=(
  local
  lib/debug
  lib/google-cloud-sdk
  lib/jvm
  lib/node_modules
  lib/postgresql
  share/doc
  share/fpcsrc
  share/info
  share/man
  share/package-lists
)

standin_skipped () {
  local rel=$1 skip
  for skip in "${standin_skip[@]}"; do
    [ "$rel" = "$skip" ] && return 0
  done
  return 1
}

standin_skip_below () {
  local rel=$1 skip
  for skip in "${standin_skip[@]}"; do
    case "$skip" in "$rel"/*) return 0 ;; esac
  done
  return 1
}

# Copies $1 (a directory under /usr) into $2, hard-linking files when
# $copy_mode is "link". Descends only into directories that hold something
# to skip, so everything else is one cp call.
standin_copy_tree () {
  local src=$1 dest=$2 entry rel
  mkdir -p "$dest"
  for entry in "$src"/* "$src"/.[!.]*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    rel=${entry#/usr/}
    standin_skipped "$rel" && continue
    if [ -d "$entry" ] && [ ! -L "$entry" ] && standin_skip_below "$rel"; then
      standin_copy_tree "$entry" "$dest/${entry##*/}"
    elif [ "$copy_mode" = link ]; then
      cp -al "$entry" "$dest/"
    else
      cp -a "$entry" "$dest/"
    fi
  done
}

# Writes a runtime build directory for $1 (org.gnome.Sdk or
# org.gnome.Platform) at $2: metadata and files/ (the runtime's /usr).
standin_make_tree () {
  local name=$1 tree=$2
  standin_copy_tree /usr "$tree/files"
  mkdir -p "$tree/files/etc"
  cp -a /etc/ld.so.conf /etc/ld.so.conf.d /etc/alternatives /etc/fonts "$tree/files/etc/"
  cat > "$tree/metadata" <<EOF
[Runtime]
name=$name
runtime=$name/$arch/$runtime_version
sdk=$sdk/$arch/$runtime_version
EOF
}

standin_key () {
  {
    declare -f standin_copy_tree standin_make_tree standin_build
    printf '%s\n' "${standin_skip[@]}" "$runtime" "$sdk" "$runtime_version" "$arch"
    dpkg-query -W -f '${Package} ${Version} ${Architecture}\n' | LC_ALL=C sort
  } | sha256sum | cut -d' ' -f1
}

standin_build () {
  local name tree
  rm -rf "$standin"
  mkdir -p "$standin"
  ostree init --repo="$standin_repo" --mode=bare-user-only
  for name in "$sdk" "$runtime"; do
    tree=$standin/tree
    info "copying /usr for $name ($copy_mode copy)"
    standin_make_tree "$name" "$tree"
    info "exporting $name//$runtime_version"
    flatpak build-export --runtime --files=files --disable-fsync --no-update-summary \
      --subject="Stand-in $name from Debian's /usr" \
      "$standin_repo" "$tree" "$runtime_version" >/dev/null
    rm -rf "$tree"
  done
  flatpak build-update-repo "$standin_repo" >/dev/null
  info "installing into $standin_installation"
  FLATPAK_USER_DIR=$standin_installation flatpak --user remote-add --no-gpg-verify \
    standin "file://$standin_repo"
  FLATPAK_USER_DIR=$standin_installation flatpak --user install -y --noninteractive \
    standin "$sdk//$runtime_version" "$runtime//$runtime_version" </dev/null
}

step "Stand-in $sdk and $runtime //$runtime_version from this machine's /usr"
info "NOTE: the stand-in is Debian's /usr (GTK 4.8), not the real GNOME runtime:"
info "      this tests the packaging, not the ABI."

# Hard links need the same file system, and, for a user other than root
# under fs.protected_hardlinks, files they own: try one first.
copy_mode=full
if [ "$(stat -c %d /usr)" = "$(stat -c %d "$cache")" ] &&
   ln -f /usr/bin/env "$cache/.link-test" 2>/dev/null; then
  copy_mode=link
else
  info "WARNING: cannot hard-link /usr into $cache; copying it in full (slow)"
fi
rm -f "$cache/.link-test"

key=$(standin_key)
if [ -f "$standin/key" ] && [ "$(cat "$standin/key")" = "$key" ] &&
   FLATPAK_USER_DIR=$standin_installation flatpak --user info "$sdk//$runtime_version" >/dev/null 2>&1 &&
   FLATPAK_USER_DIR=$standin_installation flatpak --user info "$runtime//$runtime_version" >/dev/null 2>&1; then
  info "inputs unchanged (key ${key:0:12}); reusing $standin"
else
  info "building (key ${key:0:12})"
  standin_build
  echo "$key" > "$standin/key"
fi

# ---------------------------------------------------------------------------
# Step 2: the module tarballs from Debian's source archive.

# The manifest's modules and the Debian source packages holding their
# tarballs.
declare -A debian_source=(
  [cmark]=cmark
  [libqrencode]=qrencode
)

sources=$cache/sources
apt_dir=$cache/apt

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

apt_private () {
  apt-get -q \
    -o Dir::Etc::SourceList="$apt_dir/sources.list" \
    -o Dir::Etc::SourceParts="$apt_dir/sources.list.d" \
    -o Dir::State::Lists="$apt_dir/lists" \
    -o Dir::Cache="$apt_dir/cache" \
    -o APT::Sandbox::User="$(id -un)" \
    "$@" </dev/null
}

apt_private_update () {
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_mirror) $codename main" \
    > "$apt_dir/sources.list"
  info "$(cat "$apt_dir/sources.list")"
  apt_private update >/dev/null
}

# Prints "module url sha256" for each archive source in the manifest.
manifest_archives () {
  python3 - "$manifest" <<'EOF'
import json, sys
for module in json.load(open(sys.argv[1]))["modules"]:
    for source in module.get("sources", []):
        if source.get("type") == "archive":
            print(module["name"], source["url"], source["sha256"])
EOF
}

fetch_archive () {
  local module=$1 url=$2 sha=$3 name dest package line uri file hash got
  name=${url##*/}
  dest=$sources/downloads/$sha/$name
  if [ -f "$dest" ] && [ "$(sha256sum < "$dest" | cut -d' ' -f1)" = "$sha" ]; then
    info "$module: $name already verified"
    return
  fi
  package=${debian_source[$module]:-}
  [ -n "$package" ] || die "no Debian source package is known for module $module"
  [ -d "$apt_dir/lists" ] && [ -n "$apt_updated" ] || { apt_private_update; apt_updated=yes; }
  line=$(apt_private --print-uris source "$package" | grep -E "\.orig\.tar\.[a-z0-9]+' " | head -n 1 || true)
  [ -n "$line" ] || die "apt-get --print-uris source $package gave no .orig tarball"
  read -r uri file _ hash <<<"$line"
  uri=${uri//\'/}
  info "$module: $file from $uri"
  mkdir -p "$sources/downloads/$sha"
  curl -fsSL --retry 3 -o "$dest.part" "$uri"
  got=$(sha256sum < "$dest.part" | cut -d' ' -f1)
  case "$hash" in
    SHA256:*) [ "${hash#SHA256:}" = "$got" ] || die "$file does not match apt's signed index" ;;
  esac
  [ "$got" = "$sha" ] || die "$file has sha256 $got, the manifest wants $sha"
  mv "$dest.part" "$dest"
  info "$module: sha256 $sha verified, laid out as downloads/$sha/$name"
}

step "Module tarballs from Debian's source archive"
apt_updated=
while read -r module url sha; do
  fetch_archive "$module" "$url" "$sha"
done < <(manifest_archives)

# ---------------------------------------------------------------------------
# Step 3: build, bundle, install, run.

work=$cache/work
bundle=$outdir/jpom-community.flatpak
screenshot=$outdir/screenshot.png

# The app's source: the files git knows of (tracked and untracked, not
# ignored), as they are in the working tree, so build directories and caches
# in the checkout never reach the build. The manifest keeps its place, so
# its "dir" source ".." is this copy's top.
stage_source () {
  local stage=$1
  rm -rf "$stage"
  mkdir -p "$stage"
  if git -C "$srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$srcdir" ls-files -z --cached --others --exclude-standard |
      (cd "$srcdir" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
      tar -C "$srcdir" --null -T - -cf - | tar -C "$stage" -xf -
  else
    tar -C "$srcdir" --exclude='./_build*' --exclude='./_install*' --exclude=./.git -cf - . |
      tar -C "$stage" -xf -
  fi
}

step "Building $app_id with flatpak-builder (offline)"
stage_source "$work/source"
info "source staged in $work/source ($(find "$work/source" -type f | wc -l) files)"
# rofiles-fuse needs a usable FUSE mount, which containers and root CI
# sandboxes often lack; it only guards the hard-linked build tree.
FLATPAK_USER_DIR=$standin_installation flatpak-builder \
  --disable-rofiles-fuse \
  --disable-download \
  --force-clean \
  --state-dir="$cache/builder-state" \
  --extra-sources="$sources" \
  --repo="$work/repo" \
  "$work/build" "$work/source/flatpak/${manifest##*/}" </dev/null

# No --runtime-repo: flatpak would fetch that .flatpakrepo file on every
# install, even with the runtime present. Users add Flathub themselves.
step "Writing the bundle"
flatpak build-bundle "$work/repo" "$bundle" "$app_id" master
info "$bundle ($(du -h "$bundle" | cut -f1))"

if $bundle_only; then
  print_timings
  printf '\nBundle written: %s\n' "$bundle"
  exit 0
fi

step "Installing the bundle into a fresh private installation"
installation=$work/installation
rm -rf "$installation"
export FLATPAK_USER_DIR=$installation
flatpak --user remote-add --no-gpg-verify standin "file://$standin_repo"
flatpak --user install -y --noninteractive standin "$runtime//$runtime_version" </dev/null >/dev/null
flatpak --user install -y --noninteractive --bundle "$bundle" </dev/null
flatpak --user info "$app_id" | sed 's/^/    /'

# A bundle carries only the app, not a .Locale extension, so the manifest
# keeps the translations in the app (separate-locales false). Check that
# every language in po/LINGUAS arrived.
app_files=$(flatpak --user info --show-location "$app_id")/files
for lang in $(grep -v '^#' "$srcdir/po/LINGUAS" 2>/dev/null || true); do
  mo=share/locale/$lang/LC_MESSAGES/jpom-community.mo
  [ -f "$app_files/$mo" ] || die "the installed app lacks /app/$mo"
  info "translation present: /app/$mo"
done

step "Running $app_id from the sandbox under Xvfb"
run_home=$work/home
run_dir=$work/xdg-runtime
rm -rf "$run_home" "$run_dir" "$screenshot"
mkdir -p "$run_dir"
chmod 700 "$run_dir"
# The Chinese UI when this machine has the locale (the stand-in is its /usr),
# which shows the translations at work; the QR code is the same in both.
run_lang=C.UTF-8
if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
  run_lang=zh_CN.UTF-8
fi
info "running with LANG=$run_lang"
# A tall screen and window, so the whole page, down to the QR code near its
# end, is on screen without scrolling. The window reads its size from
# GSettings, which in the sandbox is the app's keyfile.
screen_w=1280
screen_h=4000
settings=$run_home/.var/app/$app_id/config/glib-2.0/settings
mkdir -p "$settings"
cat > "$settings/keyfile" <<EOF
[top/jpom/Community]
window-width=$screen_w
window-height=$screen_h
window-maximized=false
EOF

cat > "$work/in-display.sh" <<'EOF'
#!/usr/bin/env bash
# Runs inside xvfb-run and dbus-run-session: start the app, then screenshot
# until zbarimg finds the expected payload or time runs out.
set -uo pipefail
app_id=$1 screenshot=$2 expected=$3 log=$4 report=$5
# Services the session starts write to this script's stdout; the report goes
# to a file of its own.
exec 3>"$report"
flatpak run "$app_id" >"$log" 2>&1 </dev/null &
app_pid=$!
found=1
for attempt in $(seq 1 45); do
  sleep 2
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "    the app exited early; its log:" >&3
    sed 's/^/      /' "$log" >&3
    break
  fi
  import -window root "$screenshot" 2>/dev/null || continue
  if zbarimg --quiet --raw "$screenshot" 2>/dev/null | grep -Fxq -- "$expected"; then
    echo "    decoded the expected payload after $((attempt * 2)) s, while running in the sandbox:" >&3
    flatpak ps --columns=instance,pid,application,runtime | sed 's/^/      /' >&3
    found=0
    break
  fi
done
[ "$found" -eq 0 ] || echo "    no QR code with the expected payload on screen after $((attempt * 2)) s" >&3
flatpak kill "$app_id" 2>/dev/null || kill "$app_pid" 2>/dev/null
wait "$app_pid" 2>/dev/null
exit "$found"
EOF

# The session's own chatter (dbus-daemon, the accessibility bus) goes to
# session.log; the app's output to app.log. Settings from a meson test
# environment must not leak into the sandbox.
status=0
env -u GSETTINGS_BACKEND -u GSETTINGS_SCHEMA_DIR -u G_DEBUG \
  HOME="$run_home" XDG_RUNTIME_DIR="$run_dir" LANG="$run_lang" LC_ALL= LANGUAGE= \
  xvfb-run -a -s "-screen 0 ${screen_w}x${screen_h}x24 -nolisten tcp" \
  dbus-run-session -- \
  bash "$work/in-display.sh" "$app_id" "$screenshot" "$expected_payload" "$work/app.log" \
  "$work/run-report.txt" >"$work/session.log" 2>&1 || status=$?
cat "$work/run-report.txt"

step "Result"
info "screenshot: $screenshot"
info "app log: $work/app.log, session log: $work/session.log"
if [ -f "$screenshot" ]; then
  info "zbarimg on the screenshot:"
  zbarimg --quiet "$screenshot" 2>/dev/null | sed 's/^/      /' || info "  (no code found)"
fi
print_timings
if [ "$status" -ne 0 ]; then
  die "the QR code in the screenshot did not decode to $expected_payload"
fi
printf '\nPASS: %s installed from %s runs in the sandbox; its QR code decodes to %s\n' \
  "$app_id" "$bundle" "$expected_payload"
