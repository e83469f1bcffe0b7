#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Offline install test for flatpak/top.jpom.Community.json.
#
# The GNOME runtime cannot be downloaded on the machines this runs on, so the
# test builds the real manifest against a stand-in and installs the result
# the way a user would:
#
#   1. A Debian root (trixie, or the suite in COMMUNITY_FLATPAK_SUITE) made
#      with mmdebstrap from Debian's archive, holding what the GNOME Sdk
#      offers this build: the compiler and build tools, GTK 4, libadwaita,
#      libsoup 3, json-glib, the fonts and icons. It is cached as a tarball
#      keyed by its suite and package list. Its /usr (with its /etc as
#      /usr/etc) becomes a stand-in org.gnome.Sdk and org.gnome.Platform at
#      the manifest's runtime version, exported with `flatpak build-export
#      --runtime` into a bare-user-only repository and installed into a
#      private FLATPAK_USER_DIR under the cache directory, never into the
#      system installation.
#
#      THE STAND-IN IS DEBIAN'S GTK, LIBADWAITA AND GLIB (TRIXIE: 4.18, 1.7,
#      2.84), NOT THE REAL GNOME RUNTIME. It tests the packaging (the
#      manifest, the modules, the finish-args, the bundle, installing and
#      starting the app in the sandbox) and the build on current libraries,
#      not the ABI of the real runtime.
#
#   2. The cmark, libqrencode and zbar tarballs come from Debian's source
#      archive (bookworm, whose versions the manifest pins), which holds the
#      same bytes as the manifest's upstream URLs: a private deb-src list
#      used through apt-get -o Dir::... options, apt-get --print-uris source,
#      a download checked against both apt's signed index and the
#      manifest's sha256, laid out as
#      SOURCES/downloads/<sha256>/<file name from the URL> for
#      flatpak-builder --extra-sources, which checks the checksums again.
#
#   3. flatpak-builder into a repository (the app with -Dcurrent-api=true:
#      deprecated API of the stand-in's libraries is an error), flatpak
#      build-bundle, the bundle installed into a fresh private installation.
#
#   4. In the sandbox, under Xvfb with a private session bus, with the app's
#      page-sources pointed at a docs tree served on 127.0.0.1 (checked
#      before every start, so no run can reach the real upstream):
#      `jpom-community --update` must exit 0 and the server must log the
#      page's GET; the window must show the WeChat QR code, which zbarimg
#      decodes from a screenshot; then screenshots of the main window and of
#      the dialogs the app can open from the command line or its actions.
#
# Usage: flatpak/test-offline-install.sh [--bundle-only]
#   --bundle-only   stop after writing the bundle (steps 1, 2 and 3)
#
# Environment:
#   COMMUNITY_FLATPAK_SUITE  Debian suite of the stand-in (default trixie;
#                       forky is the GNOME 51 level)
#   JPOM_FLATPAK_CACHE  cache directory (default
#                       ${XDG_CACHE_HOME:-$HOME/.cache}/jpom-community-flatpak)
#   JPOM_FLATPAK_OUT    where the bundle and screenshots go (default
#                       <source dir>/_build-flatpak, or _build-flatpak-SUITE
#                       for a suite other than trixie)
#   DEBIAN_MIRROR       Debian mirror for the root and the source tarballs
#                       (default: the one in /etc/apt/sources.list*, else
#                       deb.debian.org)
#
# Needs (Debian 12 packages): flatpak, flatpak-builder, elfutils (eu-strip,
# run by flatpak-builder on the host), mmdebstrap, debian-archive-keyring,
# curl, git, python3, xvfb, xauth, dbus, libglib2.0-bin (gdbus),
# imagemagick (import, compare), zbar-tools, xclip, xdotool. The build
# itself runs in the stand-in, so the project's build dependencies are not
# needed here.
# Runs as root (mmdebstrap's root mode) or as a user with subordinate ids
# (its unshare mode), non-interactively, on one file system.

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
# Background helpers (the docs server) end with the script.
reported=
cleanup_pids=()
on_exit () {
  local status=$? pid
  for pid in "${cleanup_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
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

# A check of the runs in the sandbox failed: said now, and the test goes on
# to the other checks and fails at the end.
failures=()
failed () {
  printf '    FAILED: %s\n' "$*"
  failures+=("$*")
}

manifest_get () {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
    "$manifest" "$1"
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

# ---------------------------------------------------------------------------
step "Checking tools and reading the manifest"

for tool in flatpak flatpak-builder eu-strip mmdebstrap curl python3 apt-get ostree \
            xvfb-run dbus-run-session gdbus import compare zbarimg xclip xdotool; do
  command -v "$tool" >/dev/null || die "$tool is missing (see the list of packages at the top of $0)"
done

app_id=$(manifest_get id)
runtime=$(manifest_get runtime)
sdk=$(manifest_get sdk)
runtime_version=$(manifest_get runtime-version)
arch=$(flatpak --default-arch)
mirror=$(debian_mirror)
info "app $app_id, runtime $runtime//$runtime_version, sdk $sdk//$runtime_version, arch $arch"
info "stand-in suite $suite, mirror $mirror"
info "cache $cache"
info "output $outdir"
info "flatpak $(flatpak --version | cut -d' ' -f2), flatpak-builder $(flatpak-builder --version | cut -d' ' -f2), mmdebstrap $(mmdebstrap --version | cut -d' ' -f2)"

# The cache of the earlier stand-in made from this machine's /usr.
for old in "$cache/standin" "$cache/work" "$cache/builder-state"; do
  if [ -d "$old" ]; then
    info "removing $old (the old stand-in made from this machine's /usr)"
    rm -rf "$old"
  fi
done

# ---------------------------------------------------------------------------
# Step 1: the stand-in runtime, from a Debian root.

# What the GNOME Sdk gives this build, as Debian packages: the Sdk and the
# Platform are both this root. cmark, libqrencode and libzbar are not here:
# the manifest builds them, as it must on the real runtime.
standin_packages=(
  # Toolchain: meson for the app, cmake and C++ (its project names both)
  # for cmark, autotools for qrencode and zbar (whose tarball has no
  # configure script)
  gcc g++ libc6-dev make meson ninja-build pkgconf cmake gettext
  autoconf automake libtool autopoint
  # Libraries the app builds against (the GNOME runtime has them all)
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin libgtk-4-dev libgtk-4-bin
  libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libgdk-pixbuf-2.0-dev
  # Run time: TLS for libsoup, SVG icons (also for appstream-compose),
  # fonts for the Chinese page, icons, MIME data, settings schemas
  glib-networking librsvg2-common fonts-noto-cjk fonts-cantarell
  adwaita-icon-theme hicolor-icon-theme shared-mime-info
  gsettings-desktop-schemas ca-certificates locales
  # What flatpak-builder 1.2 runs in the Sdk: appstream-compose (see
  # appstream_compose_shim); and the validators
  appstream appstream-compose desktop-file-utils
)

# Locales built into the root: the test runs the app in Chinese.
standin_locales=(zh_CN en_US)

roots=$cache/roots
standin=$cache/standin-$suite
standin_repo=$standin/repo
standin_installation=$standin/installation

# Debian 12's flatpak-builder 1.2 runs appstream-glib's appstream-compose
# in the Sdk, which Debian no longer has after trixie; newer flatpak-builder
# runs `appstreamcli compose`, as the real GNOME Sdk offers. This stands in
# for the first with the second, writing what appstream-compose wrote.
appstream_compose_shim () {
  cat <<'EOF'
#!/bin/sh
# appstream-compose --prefix=P --origin=O --basename=B ID, as flatpak-builder
# 1.2 calls it, done by appstreamcli compose. Written by the Jpom Community
# Flatpak test for its Debian stand-in runtime.
set -e
prefix=/app origin=flatpak basename= ids=
for arg; do
  case $arg in
    --prefix=*) prefix=${arg#--prefix=} ;;
    --origin=*) origin=${arg#--origin=} ;;
    --basename=*) basename=${arg#--basename=} ;;
    -*) ;;
    *) ids=${ids:+$ids,}$arg ;;
  esac
done
# flatpak-builder 1.2 moved the metainfo to the old share/appdata, which
# AppStream 1.x no longer reads: a copy in share/metainfo for the run.
copies=
for old in "$prefix"/share/appdata/*.appdata.xml; do
  [ -f "$old" ] || continue
  new=$prefix/share/metainfo/$(basename "$old" .appdata.xml).metainfo.xml
  [ -e "$new" ] && continue
  mkdir -p "$prefix/share/metainfo"
  cp "$old" "$new"
  copies="$copies $new"
done
xmls=$prefix/share/app-info/xmls
status=0
appstreamcli compose --prefix=/ --origin="$origin" --result-root="$prefix" \
  --data-dir="$xmls" --icons-dir="$prefix/share/app-info/icons/$origin" \
  ${ids:+--components="$ids"} "$prefix" || status=$?
for new in $copies; do
  rm -f "$new"
done
rmdir "$prefix/share/metainfo" 2>/dev/null || true
[ "$status" -eq 0 ] || exit "$status"
if [ -n "$basename" ] && [ "$basename" != "$origin" ]; then
  mv "$xmls/$origin.xml.gz" "$xmls/$basename.xml.gz"
fi
EOF
}

root_build () {
  local tar=$1 hooks=() loc shim
  for loc in "${standin_locales[@]}"; do
    hooks+=(--customize-hook="chroot \"\$1\" localedef -i $loc -c -f UTF-8 $loc.UTF-8")
  done
  # A list of what is in the root, for the log and for anyone looking into
  # the runtime.
  hooks+=(--customize-hook='mkdir -p "$1/usr/share/jpom-standin" && chroot "$1" dpkg-query -W -f "\${Package} \${Version}\n" > "$1/usr/share/jpom-standin/packages"')
  shim=$(mktemp)
  appstream_compose_shim > "$shim"
  hooks+=(--customize-hook="upload $shim /usr/bin/appstream-compose"
          --customize-hook='chmod 755 "$1/usr/bin/appstream-compose"')
  # Testing suites carry a Valid-Until date, which a mirror frozen in time
  # (a snapshot) outlives; the signatures are still checked.
  mmdebstrap --mode=auto --variant=essential --format=tar \
    --aptopt='Acquire::Check-Valid-Until "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --include="$(IFS=,; echo "${standin_packages[*]}")" \
    "${hooks[@]}" \
    "$suite" "$tar" "$mirror"
  local status=$?
  rm -f "$shim"
  return "$status"
}

root_key () {
  {
    declare -f root_build appstream_compose_shim
    printf '%s\n' "$suite" "${standin_packages[@]}" "${standin_locales[@]}"
  } | sha256sum | cut -c1-16
}

# Writes a runtime build directory at $2 from the root tarball $1: files/ is
# the root's /usr, files/etc its /etc (flatpak mounts it as /etc).
standin_make_tree () {
  local tar=$1 tree=$2
  rm -rf "$tree"
  mkdir -p "$tree"
  tar -C "$tree" -xf "$tar" ./usr ./etc
  mv "$tree/usr" "$tree/files"
  # Only root may read these, and the sandbox brings its own users.
  rm -f "$tree"/etc/shadow* "$tree"/etc/gshadow*
  mv "$tree/etc" "$tree/files/etc"
}

standin_key () {
  {
    declare -f standin_make_tree standin_build
    printf '%s\n' "$root_key" "$runtime" "$sdk" "$runtime_version" "$arch"
  } | sha256sum | cut -d' ' -f1
}

standin_build () {
  local tar=$1 name tree=$standin/tree
  rm -rf "$standin"
  mkdir -p "$standin"
  ostree init --repo="$standin_repo" --mode=bare-user-only
  info "unpacking the root's /usr and /etc"
  standin_make_tree "$tar" "$tree"
  for name in "$sdk" "$runtime"; do
    cat > "$tree/metadata" <<EOF
[Runtime]
name=$name
runtime=$runtime/$arch/$runtime_version
sdk=$sdk/$arch/$runtime_version
EOF
    info "exporting $name//$runtime_version"
    flatpak build-export --runtime --files=files --disable-fsync --no-update-summary \
      --subject="Stand-in $name from Debian $suite" \
      "$standin_repo" "$tree" "$runtime_version" >/dev/null
  done
  rm -rf "$tree"
  flatpak build-update-repo "$standin_repo" >/dev/null
  info "installing into $standin_installation"
  FLATPAK_USER_DIR=$standin_installation flatpak --user remote-add --no-gpg-verify \
    standin "file://$standin_repo"
  FLATPAK_USER_DIR=$standin_installation flatpak --user install -y --noninteractive \
    standin "$sdk//$runtime_version" "$runtime//$runtime_version" </dev/null
}

step "Debian $suite root for the stand-in (mmdebstrap)"
root_key=$(root_key)
root_tar=$roots/$suite-$root_key.tar
if [ -f "$root_tar" ]; then
  info "package list unchanged (key $root_key); reusing $root_tar"
else
  mkdir -p "$roots"
  info "building $root_tar from $mirror (${#standin_packages[@]} packages and their dependencies)"
  info "log: $roots/$suite-$root_key.log"
  if ! root_build "$root_tar.part" >"$roots/$suite-$root_key.log" 2>&1; then
    tail -n 20 "$roots/$suite-$root_key.log" | sed 's/^/      /'
    rm -f "$root_tar.part"
    die "mmdebstrap could not make the $suite root (log: $roots/$suite-$root_key.log)"
  fi
  # Only the newest root of each suite is kept, with its log.
  find "$roots" -maxdepth 1 -name "$suite-*" ! -name "$suite-$root_key.*" -delete
  mv "$root_tar.part" "$root_tar"
fi
info "$(du -h "$root_tar" | cut -f1) $root_tar"
# What the build will see.
tar -xOf "$root_tar" ./usr/share/jpom-standin/packages |
  grep -E '^(libgtk-4-1|libadwaita-1-0|libglib2.0-0t64|libglib2.0-0|libsoup-3.0-0|libjson-glib-1.0-0|meson|gcc|cmake) ' |
  sed 's/^/    /'

step "Stand-in $sdk and $runtime //$runtime_version from the $suite root"
info "NOTE: the stand-in is Debian $suite, not the real GNOME runtime:"
info "      this tests the packaging and the build on its libraries, not the ABI."
key=$(standin_key)
if [ -f "$standin/key" ] && [ "$(cat "$standin/key")" = "$key" ] &&
   FLATPAK_USER_DIR=$standin_installation flatpak --user info "$sdk//$runtime_version" >/dev/null 2>&1 &&
   FLATPAK_USER_DIR=$standin_installation flatpak --user info "$runtime//$runtime_version" >/dev/null 2>&1; then
  info "inputs unchanged (key ${key:0:12}); reusing $standin"
else
  info "building (key ${key:0:12})"
  standin_build "$root_tar"
  echo "$key" > "$standin/key"
fi

# ---------------------------------------------------------------------------
# Step 2: the module tarballs from Debian's source archive.

# The manifest's modules and the Debian source packages holding their
# tarballs, and the suite whose versions the manifest pins.
declare -A debian_source=(
  [cmark]=cmark
  [libqrencode]=qrencode
  [libzbar]=zbar
)
source_suite=bookworm

sources=$cache/sources
apt_dir=$cache/apt

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
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $source_suite main" \
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

step "Module tarballs from Debian's source archive ($source_suite)"
apt_updated=
while read -r module url sha; do
  fetch_archive "$module" "$url" "$sha"
done < <(manifest_archives)

# ---------------------------------------------------------------------------
# Step 3: build and bundle.

work=$cache/work-$suite
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

# After a failed build: the deprecated API the app still calls, one line
# per call site, from the compiler's errors.
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

step "Building $app_id with flatpak-builder (offline, deprecations are errors)"
mkdir -p "$work"
stage_source "$work/source"
info "source staged in $work/source ($(find "$work/source" -type f | wc -l) files)"
info "log: $work/builder.log"
# rofiles-fuse needs a usable FUSE mount, which containers and root CI
# sandboxes often lack; it only guards the hard-linked build tree.
build_status=0
FLATPAK_USER_DIR=$standin_installation flatpak-builder \
  --disable-rofiles-fuse \
  --disable-download \
  --force-clean \
  --state-dir="$work/builder-state" \
  --extra-sources="$sources" \
  --repo="$work/repo" \
  "$work/build" "$work/source/flatpak/${manifest##*/}" </dev/null >"$work/builder.log" 2>&1 ||
  build_status=$?
grep -E '^Building module ' "$work/builder.log" | sed -E 's/ in .*//; s/^/    /' || true
if [ "$build_status" -ne 0 ]; then
  if report_deprecations "$work/builder.log"; then
    die "the app does not build against Debian $suite's libraries without deprecated API"
  fi
  tail -n 40 "$work/builder.log" | sed 's/^/      /'
  die "flatpak-builder failed (exit status $build_status; log: $work/builder.log)"
fi
warnings=$(grep -cE '\.[ch]:[0-9]+:[0-9]+: warning: ' "$work/builder.log" || true)
info "built; C compiler warnings in the log (all modules): $warnings"

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

# ---------------------------------------------------------------------------
# Step 4: install and run.

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
# every language in po/LINGUAS arrived, and the launcher's D-Bus service.
app_files=$(flatpak --user info --show-location "$app_id")/files
for lang in $(grep -v '^#' "$srcdir/po/LINGUAS" 2>/dev/null || true); do
  mo=share/locale/$lang/LC_MESSAGES/jpom-community.mo
  [ -f "$app_files/$mo" ] || die "the installed app lacks /app/$mo"
  info "translation present: /app/$mo"
done
service=$app_files/share/dbus-1/services/$app_id.service
[ -f "$service" ] || die "the installed app lacks /app/share/dbus-1/services/$app_id.service"
info "D-Bus service: $(grep '^Exec=' "$service")"
exported=$installation/exports/share/dbus-1/services/$app_id.service
[ -f "$exported" ] || die "flatpak did not export the D-Bus service ($exported)"
info "exported as: $(grep '^Exec=' "$exported")"

step "A docs tree on 127.0.0.1 for the sandboxed app"
# The payload of the page's WeChat QR image: the first image of
# data/qr-payloads.json that the bundled Chinese page shows.
expected_payload=$(python3 - "$srcdir/data/qr-payloads.json" "$srcdir/data/pages/join.zh_CN.md" <<'EOF'
import json, re, sys
images = json.load(open(sys.argv[1], encoding="utf-8"))["images"]
page = open(sys.argv[2], encoding="utf-8").read()
shown = [src for src in re.findall(r'src="([^"]+)"', page) if src in images]
print(images[shown[0]] if shown else "")
EOF
)
[ -n "$expected_payload" ] || die "the bundled page shows no QR image listed in data/qr-payloads.json"
info "the page's QR code should decode to $expected_payload"
run_home=$work/home
run_dir=$work/xdg-runtime
docs=$work/docs
rm -rf "$run_home" "$run_dir" "$docs"
mkdir -p "$run_dir" "$docs"
chmod 700 "$run_dir"

# The upstream page with one price changed, so a fetched copy is told
# from the bundled one in the window.
page_rel='支持/110.加入社群.md'
page_src=$srcdir/data/pages/join.zh_CN.md
mkdir -p "$docs/$(dirname "$page_rel")"
grep -q '30元/月' "$page_src" || die "$page_src has no '30元/月' to change"
sed 's|30元/月|40元/月|' "$page_src" > "$docs/$page_rel"
info "serving $docs/$page_rel (30元/月 changed to 40元/月)"

server_log=$work/docs-server.log
server_out=$work/docs-server.out
python3 -u -m http.server --bind 127.0.0.1 --directory "$docs" 0 >"$server_out" 2>>"$server_log" &
server_pid=$!
cleanup_pids+=("$server_pid")
port=
for _ in $(seq 1 50); do
  port=$(sed -nE 's/^Serving HTTP on 127\.0\.0\.1 port ([0-9]+).*/\1/p' "$server_out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$port" ] || die "the docs server did not start (log: $server_log)"
docs_url=http://127.0.0.1:$port/
page_path=/$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$page_rel")
curl -fsS -o /dev/null "$docs_url${page_path#/}" || die "the docs server does not serve $page_path"
# The server appends, so the log can start afresh here.
: > "$server_log"
info "docs root $docs_url (pid $server_pid); the page is GET $page_path"

# The app's settings in the sandbox are its keyfile. Every run below points
# page-sources at the docs server, and check-loopback.py refuses to let the
# app start when the keyfile would let it reach anything else.
settings=$run_home/.var/app/$app_id/config/glib-2.0/settings
keyfile=$settings/keyfile
mkdir -p "$settings"

write_keyfile () {
  local width=$1 height=$2
  cat > "$keyfile" <<EOF
[top/jpom/Community]
page-sources=['$docs_url']
window-width=$width
window-height=$height
window-maximized=false
EOF
}

cat > "$work/check-loopback.py" <<'EOF'
# Exits 1 unless the keyfile's page-sources names only the docs server.
import ast, configparser, sys
keyfile, allowed = sys.argv[1], sys.argv[2]
parser = configparser.ConfigParser(interpolation=None)
parser.optionxform = str
parser.read(keyfile, encoding="utf-8")
try:
    sources = ast.literal_eval(parser["top/jpom/Community"]["page-sources"])
except Exception as error:
    sys.exit(f"no readable page-sources in {keyfile}: {error}")
bad = [s for s in sources if not s.startswith(allowed)]
if not sources or bad:
    sys.exit(f"page-sources {sources} in {keyfile} is not only {allowed}")
EOF
write_keyfile 720 820
python3 "$work/check-loopback.py" "$keyfile" "$docs_url" || die "the keyfile does not confine the app to $docs_url"
info "keyfile $keyfile: page-sources=['$docs_url']"
# What the sandbox reads: GSettings inside it, with this HOME.
seen=$(HOME="$run_home" XDG_RUNTIME_DIR="$run_dir" \
  flatpak run --command=gsettings "$app_id" get top.jpom.Community page-sources 2>&1 </dev/null || true)
[ "$seen" = "['$docs_url']" ] ||
  die "in the sandbox GSettings gives page-sources $seen, not ['$docs_url']: the keyfile is not read"
info "in the sandbox, gsettings get top.jpom.Community page-sources: $seen"

# ---------------------------------------------------------------------------
# Step 5: runs in the sandbox.

# The UI in Chinese (the stand-in has the locale): the translations at work.
run_lang=zh_CN.UTF-8

# Runs a script under Xvfb (screen $1 x $2) with a private session bus, as
# the private HOME, with the app's keyfile checked first. The session's own
# chatter goes to session.log.
in_display () {
  local width=$1 height=$2
  shift 2
  python3 "$work/check-loopback.py" "$keyfile" "$docs_url" ||
    die "refusing to start the app: its keyfile lets it leave $docs_url"
  env -u GSETTINGS_BACKEND -u GSETTINGS_SCHEMA_DIR -u G_DEBUG \
    HOME="$run_home" XDG_RUNTIME_DIR="$run_dir" LANG="${display_lang:-$run_lang}" LC_ALL= LANGUAGE= \
    XDG_DATA_DIRS="$installation/exports/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    APP_ID="$app_id" KEYFILE="$keyfile" DOCS_URL="$docs_url" WORK="$work" \
    xvfb-run -a -s "-screen 0 ${width}x${height}x24 -nolisten tcp" \
    dbus-run-session -- "$@" >>"$work/session.log" 2>&1
}

# Helpers for the scripts that run in the display, sourced by each.
cat > "$work/display-lib.sh" <<'EOF'
# Starts the app in the sandbox (after checking its keyfile) with the
# given arguments; its output goes to $WORK/app-<name>.log.
start_app () {
  local name=$1
  shift
  python3 "$WORK/check-loopback.py" "$KEYFILE" "$DOCS_URL" || exit 3
  flatpak run "$APP_ID" "$@" >"$WORK/app-$name.log" 2>&1 </dev/null &
  app_pid=$!
}

stop_app () {
  flatpak kill "$APP_ID" 2>/dev/null || kill "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
}

# Waits until the app owns its name on the session bus.
wait_for_bus_name () {
  local i
  for i in $(seq 1 60); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner "$APP_ID" 2>/dev/null | grep -q true && return 0
    kill -0 "$app_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# Activates an app action through org.gtk.Actions, as a launcher does.
activate_action () {
  gdbus call --session --dest "$APP_ID" --object-path "/${APP_ID//.//}" \
    --method org.gtk.Actions.Activate "$1" '[]' '{}' >/dev/null
}

has_action () {
  gdbus call --session --dest "$APP_ID" --object-path "/${APP_ID//.//}" \
    --method org.gtk.Actions.List 2>/dev/null | grep -q "'$1'"
}

# Screenshots the screen into $1 once it has stopped changing (two shots a
# second apart are the same and not blank), or after 30 s.
settled_screenshot () {
  local out=$1 prev=$WORK/settle-prev.png cur=$WORK/settle-cur.png i diff
  rm -f "$prev"
  for i in $(seq 1 30); do
    sleep 1
    import -window root "$cur" 2>/dev/null || continue
    if [ -f "$prev" ] &&
       [ "$(convert "$cur" -format '%[fx:standard_deviation>0]' info: 2>/dev/null)" = 1 ]; then
      diff=$(compare -metric AE "$prev" "$cur" null: 2>&1 || true)
      if [ "$diff" = 0 ]; then
        mv "$cur" "$out"
        return 0
      fi
    fi
    mv "$cur" "$prev"
  done
  mv "$prev" "$out"
  return 1
}
EOF

step "Sandbox: jpom-community --update fetches the page from 127.0.0.1"
cat > "$work/run-update.sh" <<'EOF'
. "$WORK/display-lib.sh"
start_app update --update
wait "$app_pid"
echo "$?" > "$WORK/update-status"
EOF
rm -f "$work/update-status" "$work/session.log"
# Messages in English here, for the log and the check for an unknown option.
display_lang=C.UTF-8 in_display 1024 768 bash "$work/run-update.sh" || true
update_status=$(cat "$work/update-status" 2>/dev/null || echo none)
sed 's/^/      /' "$work/app-update.log"
info "exit status $update_status"
info "docs server log:"
sed 's/^/      /' "$server_log"
if grep -q 'Unknown option --update' "$work/app-update.log"; then
  failed "the installed app does not know --update (the live page is not in this tree yet)"
elif [ "$update_status" != 0 ]; then
  failed "flatpak run $app_id --update exited with $update_status, not 0 (current)"
elif ! grep -qF "\"GET $page_path HTTP/1.1\" 200" "$server_log"; then
  failed "the docs server saw no GET $page_path from the sandboxed app"
else
  info "the sandboxed app fetched the page from $docs_url and reports it current"
fi

step "Sandbox: the window's QR code decodes under Xvfb"
rm -f "$screenshot"
# A tall screen and window, so the whole page, down to the QR code near its
# end, is on screen without scrolling.
screen_w=1280
screen_h=4000
write_keyfile "$screen_w" "$screen_h"
cat > "$work/run-qr.sh" <<'EOF'
# Starts the app, then screenshots until zbarimg finds the expected
# payload or time runs out.
. "$WORK/display-lib.sh"
screenshot=$1 expected=$2 report=$3
exec 3>"$report"
start_app qr
found=1
for attempt in $(seq 1 45); do
  sleep 2
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "    the app exited early; its log:" >&3
    sed 's/^/      /' "$WORK/app-qr.log" >&3
    break
  fi
  import -window root "$screenshot" 2>/dev/null || continue
  if zbarimg --quiet --raw "$screenshot" 2>/dev/null | grep -Fxq -- "$expected"; then
    echo "    decoded the expected payload after $((attempt * 2)) s, while running in the sandbox:" >&3
    flatpak ps --columns=pid,application,runtime | while read -r pid app runtime; do
      kill -0 "$pid" 2>/dev/null && echo "      pid $pid: $app on $runtime"
    done >&3
    found=0
    break
  fi
done
[ "$found" -eq 0 ] || echo "    no QR code with the expected payload on screen after $((attempt * 2)) s" >&3
stop_app
exit "$found"
EOF
qr_status=0
in_display "$screen_w" "$screen_h" bash "$work/run-qr.sh" "$screenshot" "$expected_payload" \
  "$work/run-report.txt" || qr_status=$?
cat "$work/run-report.txt"
info "screenshot: $screenshot"
if [ -f "$screenshot" ]; then
  info "zbarimg on the screenshot:"
  zbarimg --quiet "$screenshot" 2>/dev/null | sed 's/^/      /' || info "  (no code found)"
fi
[ "$qr_status" -eq 0 ] || failed "the QR code in the screenshot did not decode to $expected_payload"

step "Sandbox: screenshots of the main window and the dialogs"
# The window at its default size on a screen of that size, then each
# dialog the app can open from outside (an app action over D-Bus).
# TRIGGER opens what to screenshot: "action:NAME" activates app.NAME over
# D-Bus (org.gtk.Actions, as the shell does), "keys:KEY..." types into the
# window (xdotool), as a user would.
cat > "$work/run-shots.sh" <<'EOF'
. "$WORK/display-lib.sh"
out=$1 name=$2 trigger=${3:-}
start_app "$name"
wait_for_bus_name || { echo "the app did not appear on the session bus" > "$WORK/shot-$name.txt"; stop_app; exit 1; }
case $trigger in
  action:*)
    settled_screenshot "$WORK/settle-before.png"
    if ! has_action "${trigger#action:}"; then
      echo "the app has no app.${trigger#action:} action" > "$WORK/shot-$name.txt"
      stop_app
      exit 2
    fi
    activate_action "${trigger#action:}"
    ;;
  keys:*)
    settled_screenshot "$WORK/settle-before.png"
    # No window manager: focus the window by hand.
    xdotool windowfocus "$(xdotool search --onlyvisible --name . | head -n 1)"
    sleep 0.5
    # shellcheck disable=SC2086 # the keys are words
    xdotool key --delay 300 ${trigger#keys:}
    ;;
esac
settled_screenshot "$out" || echo "(the screen did not settle in 30 s)" > "$WORK/shot-$name.txt"
stop_app
# What the trigger opened must show.
if [ -n "$trigger" ] && [ "$(compare -metric AE "$WORK/settle-before.png" "$out" null: 2>&1)" = 0 ]; then
  echo "$trigger changed nothing on screen" > "$WORK/shot-$name.txt"
  exit 4
fi
exit 0
EOF
shots=()
# With "qr" as $5 the screenshot must show the page's QR code.
take_shot () {
  local name=$1 width=$2 height=$3 trigger=${4:-} check=${5:-} status=0
  rm -f "$work/shot-$name.txt" "$outdir/$name.png"
  write_keyfile "$width" "$height"
  in_display "$width" "$height" bash "$work/run-shots.sh" "$outdir/$name.png" "$name" "$trigger" ||
    status=$?
  if [ "$status" -eq 0 ] && [ "$check" = qr ] &&
     ! zbarimg --quiet --raw "$outdir/$name.png" 2>/dev/null | grep -Fxq -- "$expected_payload"; then
    echo "it shows no QR code decoding to $expected_payload" > "$work/shot-$name.txt"
    status=5
  fi
  if [ "$status" -eq 0 ] && [ -f "$outdir/$name.png" ]; then
    info "$outdir/$name.png (${width}x$height) $(cat "$work/shot-$name.txt" 2>/dev/null || true)"
    shots+=("$name.png")
  else
    failed "no good $name screenshot: $(cat "$work/shot-$name.txt" 2>/dev/null || echo "exit status $status")"
  fi
}
take_shot main-window 720 820
# A launcher's desktop action, as GNOME Shell runs it: ActivateAction on the
# app's name, which the session bus starts from the D-Bus service file the
# installation exported (flatpak run ... --gapplication-service). The WeChat
# ID must then be on the clipboard; the app's own --inspect of the served
# page says which it is.
cat > "$work/run-desktop-action.sh" <<'EOF'
. "$WORK/display-lib.sh"
out=$1 page=$2
python3 "$WORK/check-loopback.py" "$KEYFILE" "$DOCS_URL" || exit 3
flatpak run "$APP_ID" --inspect - <"$page" >"$WORK/inspect.json" 2>"$WORK/app-inspect.log"
expected=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["join"]["wechat_id"])' \
             "$WORK/inspect.json") || { echo "--inspect gave no WeChat ID" >"$WORK/desktop-action.txt"; exit 1; }
if ! gdbus call --session --dest "$APP_ID" --object-path "/${APP_ID//.//}" \
       --method org.freedesktop.Application.ActivateAction copy-wechat-id '[]' '{}' \
       >"$WORK/desktop-action.txt" 2>&1; then
  exit 1
fi
flatpak ps --columns=application >"$WORK/desktop-action-ps.txt"
status=1
for i in $(seq 1 20); do
  got=$(xclip -o -selection clipboard 2>/dev/null || true)
  if [ "$got" = "$expected" ]; then
    status=0
    break
  fi
  sleep 0.5
done
echo "clipboard: '${got:-}', WeChat ID: '$expected'" >"$WORK/desktop-action.txt"
settled_screenshot "$out"
flatpak kill "$APP_ID" 2>/dev/null
exit "$status"
EOF
write_keyfile 720 820
rm -f "$outdir/desktop-action.png" "$work/desktop-action-ps.txt"
action_status=0
in_display 720 820 bash "$work/run-desktop-action.sh" "$outdir/desktop-action.png" "$docs/$page_rel" ||
  action_status=$?
if ! grep -qx "$app_id" "$work/desktop-action-ps.txt" 2>/dev/null; then
  failed "the launcher action did not start the app by D-Bus activation: $(cat "$work/desktop-action.txt" 2>/dev/null)"
elif [ "$action_status" -ne 0 ]; then
  failed "the launcher action copy-wechat-id started the app by D-Bus activation but did not copy the ID ($(cat "$work/desktop-action.txt"))"
else
  info "launcher action copy-wechat-id, by D-Bus activation: $(cat "$work/desktop-action.txt")"
fi
[ -f "$outdir/desktop-action.png" ] && shots+=("desktop-action.png")
take_shot about 720 820 action:about
# The Join dialog at a phone's width, where it is a bottom sheet: Alt+J
# goes to the first tier's Join button (both cards have that mnemonic),
# Return presses it.
take_shot join-360 360 720 "keys:alt+j Return" qr

step "Result"
info "bundle: $bundle"
info "screenshots in $outdir: screenshot.png ${shots[*]}"
info "logs: $work/builder.log, $work/app-*.log, $work/session.log, $server_log"
print_timings
if [ "${#failures[@]}" -gt 0 ]; then
  printf '\nFAIL: %s\n' "${failures[@]}" >&2
  reported=yes
  exit 1
fi
printf '\nPASS: %s installed from %s runs in the sandbox on the Debian %s stand-in;\n' \
  "$app_id" "$bundle" "$suite"
printf '      --update fetched the page from %s; its QR code decodes to %s\n' \
  "$docs_url" "$expected_payload"
