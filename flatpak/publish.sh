#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the folder that publishes Jpom Community as a Flatpak repository,
# from flatpak/top.jpom.Community.json, ready to copy to any static web
# host at URL:
#
#   repo/                          the OSTree repository: the app and its
#                                  .Debug extension exported with `flatpak
#                                  build-export`, then `flatpak
#                                  build-update-repo` (appstream data,
#                                  static deltas, summary), GPG-signed
#   top.jpom.Community.flatpakref  what a user installs (GPGKey, RuntimeRepo
#                                  = Flathub, Title, Homepage, Url, Icon)
#   jpom-community.flatpakrepo     the repository, to add as a remote
#   jpom-community.flatpak         a single-file bundle that updates from
#                                  repo/ (--repo-url, --gpg-keys)
#   jpom-community.gpg             the public key
#   top.jpom.Community.png         the icon the two files above name
#   screenshots/                   the metainfo's screenshots, which it
#                                  names by URL (data/screenshots/)
#
# Publishing again into the same folder adds the new build on top of the
# old one (a static delta from it, a new signed summary), so `flatpak
# update` brings it.
#
# Usage: flatpak/publish.sh --url URL [--output DIR] [--work DIR]
#                           [--source DIR] [--state-dir DIR]
#                           [-- FLATPAK-BUILDER-OPTION...]
#   --url URL        where the folder will be served (https://.../)
#   --output DIR     the folder (default _build-publish/site)
#   --work DIR       build directory and logs (default _build-publish/work)
#   --source DIR     the app's source tree (default: this checkout)
#   --state-dir DIR  flatpak-builder's cache (default WORK/builder-state)
#   after --, options for flatpak-builder, such as --user
#   --install-deps-from=flathub to fetch the GNOME SDK
#
# Environment (required): the signing key.
#   JPOM_FLATPAK_GPG_KEY   the key id (or fingerprint) to sign with
#   JPOM_FLATPAK_GPG_HOME  the GnuPG home that holds its secret key
#
# Needs: flatpak, flatpak-builder, gpg, python3, and the GNOME SDK of the
# manifest's runtime version (the real one for a folder to hand out; the
# offline test's stand-in makes a folder for tests only).

set -euo pipefail

branch=stable
runtime_repo=https://dl.flathub.org/repo/flathub.flatpakrepo
remote_name=jpom-community
title="Jpom Community"
homepage=https://jpom.top/pages/praise/join/

flatpak_src=$(dirname "$(readlink -f "$0")")
checkout=$(dirname "$flatpak_src")
manifest=$flatpak_src/top.jpom.Community.json

die () {
  printf 'publish.sh: %s\n' "$*" >&2
  exit 1
}

usage () {
  sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
}

url='' output='' work='' source='' state_dir=''
while [ $# -gt 0 ]; do
  case $1 in
    --url) url=${2:-}; shift 2 ;;
    --url=*) url=${1#--url=}; shift ;;
    --output) output=${2:-}; shift 2 ;;
    --output=*) output=${1#--output=}; shift ;;
    --work) work=${2:-}; shift 2 ;;
    --work=*) work=${1#--work=}; shift ;;
    --source) source=${2:-}; shift 2 ;;
    --source=*) source=${1#--source=}; shift ;;
    --state-dir) state_dir=${2:-}; shift 2 ;;
    --state-dir=*) state_dir=${1#--state-dir=}; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    *) echo "Unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
builder_options=("$@")

case $url in
  https://*|http://*) ;;
  *) echo "publish.sh: --url must name where the folder will be served (https://...), not '$url'" >&2; exit 2 ;;
esac
url=${url%/}/

key=${JPOM_FLATPAK_GPG_KEY:-}
gpg_home=${JPOM_FLATPAK_GPG_HOME:-}
if [ -z "$key" ] || [ -z "$gpg_home" ]; then
  die "no signing key: set JPOM_FLATPAK_GPG_KEY to a key id and JPOM_FLATPAK_GPG_HOME to the GnuPG home that holds its secret key; a repository is never published unsigned"
fi
gpg_home=$(readlink -f "$gpg_home")
gpg --homedir "$gpg_home" --batch --list-secret-keys "$key" >/dev/null 2>&1 ||
  die "GnuPG home $gpg_home holds no secret key $key"
sign=(--gpg-sign="$key" --gpg-homedir="$gpg_home")

for tool in flatpak flatpak-builder gpg python3 base64; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

source=$(readlink -f "${source:-$checkout}")
output=${output:-$checkout/_build-publish/site}
work=${work:-$checkout/_build-publish/work}
mkdir -p "$output" "$work"
output=$(readlink -f "$output")
work=$(readlink -f "$work")
state_dir=${state_dir:-$work/builder-state}
[ -f "$source/meson.build" ] || die "$source is not the app's source tree"

app_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$manifest")
repo=$output/repo
build=$work/build

# The manifest as it is, but for the app's source (this tree, wherever it
# is) and the URL the metainfo names its screenshots by.
python3 - "$manifest" "$source" "$url" > "$work/$app_id.json" <<'EOF'
import json, sys
manifest_path, source, url = sys.argv[1:]
manifest = json.load(open(manifest_path))
app = manifest["modules"][-1]
app["config-opts"] = app.get("config-opts", []) + ["-Dpublish-url=" + url]
for src in app["sources"]:
    if src.get("type") == "dir":
        src["path"] = source
json.dump(manifest, sys.stdout, indent=2)
EOF

echo "Building $app_id from $source"
flatpak-builder --force-clean --state-dir="$state_dir" "${builder_options[@]}" \
  "$build" "$work/$app_id.json"

# The version and the screenshots the app's metainfo declares (flatpak-builder
# 1.2 moves the file to share/appdata).
metainfo=
for candidate in "$build/files/share/metainfo/$app_id.metainfo.xml" \
                 "$build/files/share/appdata/$app_id.appdata.xml"; do
  [ -f "$candidate" ] && metainfo=$candidate && break
done
[ -n "$metainfo" ] || die "the build installs no metainfo for $app_id"
version=$(python3 -c '
import sys, xml.etree.ElementTree as ET
print(ET.parse(sys.argv[1]).find("releases/release").get("version"))' "$metainfo")

echo "Exporting $app_id $version to $repo ($branch), signed with $key"
flatpak build-export "${sign[@]}" --no-update-summary \
  --subject="$title $version" \
  --exclude='/lib/debug/*' --include=/lib/debug/app \
  "$repo" "$build" "$branch"
if [ -f "$build/metadata.debuginfo" ]; then
  flatpak build-export "${sign[@]}" --no-update-summary \
    --subject="$title $version, debug information" \
    --metadata=metadata.debuginfo --files=files/lib/debug \
    "$repo" "$build" "$branch"
fi

echo "Updating the summary, appstream data and static deltas"
flatpak build-update-repo "${sign[@]}" --generate-static-deltas \
  --title="$title" --homepage="$homepage" --default-branch="$branch" \
  --comment="Join the Jpom user community on WeChat" \
  "$repo"

gpg --homedir "$gpg_home" --batch --export "$key" > "$output/jpom-community.gpg"
[ -s "$output/jpom-community.gpg" ] || die "gpg exported no public key for $key"
gpg_key_base64=$(base64 -w 0 "$output/jpom-community.gpg")

icon=$build/files/share/app-info/icons/flatpak/128x128/$app_id.png
icon_line=
if [ -f "$icon" ]; then
  cp "$icon" "$output/$app_id.png"
  icon_line="Icon=$url$app_id.png"
fi

cat > "$output/$app_id.flatpakref" <<EOF
[Flatpak Ref]
Name=$app_id
Branch=$branch
Title=$title
Comment=Join the Jpom user community on WeChat
Url=${url}repo/
SuggestRemoteName=$remote_name
Homepage=$homepage
${icon_line}
RuntimeRepo=$runtime_repo
IsRuntime=false
GPGKey=$gpg_key_base64
EOF

cat > "$output/$remote_name.flatpakrepo" <<EOF
[Flatpak Repo]
Title=$title
Comment=Jpom Community, the app to join the Jpom user community
Url=${url}repo/
Homepage=$homepage
${icon_line}
DefaultBranch=$branch
GPGKey=$gpg_key_base64
EOF

echo "Writing the bundle"
flatpak build-bundle "${sign[@]}" --repo-url="${url}repo/" \
  --gpg-keys="$output/jpom-community.gpg" \
  "$repo" "$output/jpom-community.flatpak" "$app_id" "$branch"

# The screenshots the metainfo names under this URL, from data/screenshots.
mkdir -p "$output/screenshots"
python3 - "$metainfo" "$url" <<'EOF' | while read -r name; do
import sys, xml.etree.ElementTree as ET
metainfo, url = sys.argv[1:]
for image in ET.parse(metainfo).iter("image"):
    if image.text.startswith(url + "screenshots/"):
        print(image.text[len(url + "screenshots/"):])
EOF
  [ -f "$source/data/screenshots/$name" ] ||
    die "the metainfo names screenshots/$name, which data/screenshots does not have"
  cp "$source/data/screenshots/$name" "$output/screenshots/$name"
done
[ -n "$(ls -A "$output/screenshots")" ] ||
  die "the metainfo names no screenshot under ${url}screenshots/"

echo
echo "Published $app_id $version in $output, for $url"
echo "Copy the folder to that address; users then run:"
echo "  flatpak install --user ${url}$app_id.flatpakref"
echo "  flatpak run $app_id"
