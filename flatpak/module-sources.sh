#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Job 2 of the Flatpak offline test: the tarballs of the manifest's modules
# (cmark, libqrencode, zbar) from Debian's source archive (bookworm, whose
# versions the manifest pins), which holds the same bytes as the manifest's
# upstream URLs: a private deb-src list used through apt-get -o Dir::...
# options, apt-get --print-uris source, a download checked against both
# apt's signed index and the manifest's sha256, laid out as
# SOURCES/downloads/<sha256>/<file name from the URL> for
# flatpak-builder --extra-sources, which checks the checksums again.
#
# Needs: apt-get, curl, debian-archive-keyring, python3. Environment: see
# flatpak/lib.sh.

set -euo pipefail
# shellcheck source=flatpak/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_tools apt-get curl python3 sha256sum
mirror=$(debian_mirror)

# The manifest's modules and the Debian source packages holding their
# tarballs, and the suite whose versions the manifest pins.
declare -A debian_source=(
  [cmark]=cmark
  [libqrencode]=qrencode
  [libzbar]=zbar
)
source_suite=bookworm

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

lock_cache sources

step "Module tarballs from Debian's source archive ($source_suite)"
apt_updated=
while read -r module url sha; do
  fetch_archive "$module" "$url" "$sha"
done < <(manifest_archives)

finish_job
