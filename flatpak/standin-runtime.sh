#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Job 1 of the Flatpak offline test: the stand-in for the GNOME runtime.
#
# The GNOME runtime cannot be downloaded on the machines this runs on, so a
# Debian root (trixie, or the suite in COMMUNITY_FLATPAK_SUITE) made with
# mmdebstrap from Debian's archive holds what the GNOME Sdk offers this
# build: the compiler and build tools, GTK 4, libadwaita, libsoup 3,
# json-glib, libseccomp, the fonts and icons. It is cached as a tarball
# keyed by its suite and package list. Its /usr (with its /etc as
# /usr/etc) becomes a stand-in org.gnome.Sdk and org.gnome.Platform at the
# manifest's runtime version, exported with `flatpak build-export --runtime`
# into a bare-user-only repository and installed into a private
# FLATPAK_USER_DIR under the cache directory, never into the system
# installation.
#
# THE STAND-IN IS DEBIAN'S GTK, LIBADWAITA AND GLIB (TRIXIE: 4.18, 1.7,
# 2.84), NOT THE REAL GNOME RUNTIME. It tests the packaging (the manifest,
# the modules, the finish-args, the repository, installing and starting the
# app in the sandbox) and the build on current libraries, not the ABI of
# the real runtime.
#
# Needs: mmdebstrap, debian-archive-keyring, flatpak, ostree. Runs as root
# (mmdebstrap's root mode) or as a user with subordinate ids (its unshare
# mode). Environment: see flatpak/lib.sh.

set -euo pipefail
# shellcheck source=flatpak/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_tools mmdebstrap flatpak ostree tar sha256sum
mirror=$(debian_mirror)
info "stand-in suite $suite, mirror $mirror, cache $cache"
info "flatpak $(flatpak --version | cut -d' ' -f2), mmdebstrap $(mmdebstrap --version | cut -d' ' -f2)"

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
  # The network helper's seccomp filter: the freedesktop Platform under
  # GNOME's has libseccomp, its Sdk the headers and libseccomp.pc
  libseccomp-dev libseccomp2
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

# Debian 12's flatpak-builder 1.2 runs appstream-glib's appstream-compose
# in the Sdk, which Debian no longer has after trixie; newer flatpak-builder
# runs `appstreamcli compose`, as the real GNOME Sdk offers. This stands in
# for the first with the second, writing what appstream-compose wrote. Like
# appstream-compose it fetches nothing (--no-net): the build has no network,
# and appstreamcli drops the screenshots it cannot download.
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
appstreamcli compose --no-net --prefix=/ --origin="$origin" --result-root="$prefix" \
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

lock_cache "standin-$suite"

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
  # Only the newest root of each suite is kept, with its log (not a root
  # that an older copy of this script, which takes no lock, is making).
  find "$roots" -maxdepth 1 \( -name "$suite-*.tar" -o -name "$suite-*.log" \) \
    ! -name "$suite-$root_key.*" -delete
  mv "$root_tar.part" "$root_tar"
fi
info "$(du -h "$root_tar" | cut -f1) $root_tar"
# What the build will see.
tar -xOf "$root_tar" ./usr/share/jpom-standin/packages |
  grep -E '^(libgtk-4-1|libadwaita-1-0|libglib2.0-0t64|libglib2.0-0|libsoup-3.0-0|libjson-glib-1.0-0|libseccomp2|meson|gcc|cmake) ' |
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

finish_job
