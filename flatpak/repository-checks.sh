#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Job 5 of the Flatpak offline test: a user's path through the repository
# that job 3 published (version N, signed with its throwaway key), in a
# network namespace of its own where only 127.0.0.1 exists:
#
#   1. the published folder is served on 127.0.0.1:8642; its .flatpakref
#      and .flatpakrepo say what they must (GPGKey is the signing key,
#      RuntimeRepo is Flathub's, ...), the repository has its appstream
#      branches, static deltas and signed summary;
#   2. `flatpak install --user --from` the served .flatpakref into a
#      private installation: the remote verifies GPG signatures with the
#      key from the .flatpakref, the installed commit carries a good
#      signature, and the app shows its page (the QR code decodes from a
#      screenshot); its About window shows N;
#   3. the same .flatpakref pointing at a copy of the repository signed
#      with another key, or at a copy with a tampered summary, is refused;
#   4. version N+1 (a scratch copy of the source with a new version and
#      release entry) is published into the same folder; `flatpak update`
#      brings it through a static delta; the app says N+1 and its About
#      window shows it (read back by OCR);
#   5. the bundle of version N, installed into a second private
#      installation, updates to N+1 from the served repository;
#   6. `flatpak remote-ls --app` and the appstream data show the name, the
#      summary, and the four screenshots with English and Chinese captions,
#      each served from the folder;
#   7. `flatpak uninstall --delete-data` leaves no file of the app behind.
#
# Flathub cannot be reached here, and the stand-in runtime is installed in
# each private installation beforehand, as a user has the GNOME runtime.
# flatpak fetches a .flatpakref's RuntimeRepo on every install even then,
# so the test installs from a served copy of the published .flatpakref
# whose RuntimeRepo names a .flatpakrepo of the stand-in instead; it checks
# that this line is the only difference.
#
# Needs: flatpak, ostree, gpg, python3, curl, unshare, ip, and what job 4
# needs in the display, plus tesseract (tesseract-ocr). Environment: see
# flatpak/lib.sh.

set -euo pipefail

# Into a network namespace with nothing but a loopback interface: no run
# of this job can reach anything but 127.0.0.1, and port 8642 is free.
if [ -z "${JPOM_FLATPAK_NETNS:-}" ]; then
  for tool in unshare ip; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing" >&2; exit 1; }
  done
  if [ "$(id -u)" -eq 0 ]; then
    ns=(unshare --net)
  else
    ns=(unshare --user --map-root-user --net)
  fi
  exec "${ns[@]}" -- env JPOM_FLATPAK_NETNS=1 bash "$(readlink -f "$0")" "$@"
fi

# shellcheck source=flatpak/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_tools flatpak ostree gpg python3 curl ip xvfb-run dbus-run-session gdbus import \
  compare convert zbarimg tesseract
ip link set lo up
links=$(ip -o link show | awk -F': ' '{ print $2 }' | tr '\n' ' ')
[ "$links" = "lo " ] || die "the network namespace has more than a loopback interface: $links"
info "network namespace: interfaces $links(nothing else can be reached)"

[ -f "$site/repo/summary" ] || die "nothing published in $site: run flatpak/build-and-publish.sh first"
test_home=$work/gnupg-test
test_key=$(cat "$test_home/key")
gnupg_homes+=("$test_home")
flatpakref=$app_id.flatpakref
runtime_repo=https://dl.flathub.org/repo/flathub.flatpakrepo
app_ref=app/$app_id/$arch/stable
remote=jpom-community

# keyfile_get FILE GROUP KEY: a value of a .flatpakref or .flatpakrepo.
keyfile_get () {
  python3 - "$@" <<'EOF'
import configparser, sys
path, group, key = sys.argv[1:]
parser = configparser.ConfigParser(interpolation=None)
parser.optionxform = str
parser.read(path, encoding="utf-8")
print(parser.get(group, key, fallback=""))
EOF
}

# expect_value WHAT GOT WANTED
expect_value () {
  if [ "$2" = "$3" ]; then
    info "$1: $2"
  else
    failed "$1 is '$2', not '$3'"
  fi
}

meson_version () {
  sed -nE "s/^  version: '([^']+)',$/\1/p" "$1/meson.build"
}

# installed_commit INSTALLATION: the commit of the installed app.
installed_commit () {
  flatpak_in "$1" info --show-commit "$app_id" 2>/dev/null
}

app_version () {
  FLATPAK_USER_DIR=$1 HOME=$run_home XDG_RUNTIME_DIR=$run_dir \
    flatpak run "$app_id" --version 2>/dev/null </dev/null
}

# about_shows VERSION NAME: the About window, opened by its app action,
# shows VERSION (tesseract reads the screenshot, enlarged).
about_shows () {
  local version=$1 name=$2 status=0 text
  rm -f "$work/shot-$name.txt"
  write_keyfile 720 820
  in_display 720 820 shot "$shots_dir/$name.png" "$name" action:about --offline || status=$?
  if [ "$status" -ne 0 ]; then
    failed "no About window screenshot ($name): $(cat "$work/shot-$name.txt" 2>/dev/null || echo "exit status $status")"
    return
  fi
  convert "$shots_dir/$name.png" -resize 300% -colorspace Gray "$work/$name-ocr.png"
  text=$(tesseract "$work/$name-ocr.png" - --psm 11 2>/dev/null | tr -s ' \n' ' ')
  if grep -qF -- " $version " <<<" $text "; then
    info "the About window shows $version (OCR of $shots_dir/$name.png)"
  else
    failed "the About window ($shots_dir/$name.png) does not show $version; OCR read: $text"
  fi
}

# expect_refusal WHAT INSTALLATION FLATPAKREF-URL: installing must fail
# for a reason about signatures, and leave the app uninstalled. flatpak
# 1.14 says why only in its verbose output: it treats a summary index whose
# signature fails as missing, and then reports the ref as missing.
expect_refusal () {
  local what=$1 installation=$2 url=$3 log
  log=$work/refusal-$(basename "$installation").log
  rm -rf "$installation"
  if flatpak_in "$installation" -v install -y --noninteractive --from "$url" >"$log" 2>&1 </dev/null; then
    failed "$what: flatpak installed it"
  elif ! grep -qiE 'gpg|signature' "$log"; then
    failed "$what: refused, but not for its signatures: $(tr '\n' ' ' <"$log")"
  elif flatpak_in "$installation" info "$app_id" >/dev/null 2>&1; then
    failed "$what: refused, yet the app is installed"
  else
    info "$what: refused: $(grep -iE 'signature' "$log" | tail -n 1)"
  fi
}

# ---------------------------------------------------------------------------
step "1. The published folder (version N), served on 127.0.0.1:$site_port"
version_n=$(meson_version "$work/source")
commit_n=$(ostree --repo="$site/repo" rev-parse "$app_ref")
info "version $version_n, $app_ref at ${commit_n:0:12}, key $test_key"
cp "$site/jpom-community.flatpak" "$work/bundle-n.flatpak"

ref=$site/$flatpakref
repofile=$site/jpom-community.flatpakrepo
gpg_key=$(gpg --homedir "$test_home" --batch --export "$test_key" | base64 -w 0)
expect_value "$flatpakref Name" "$(keyfile_get "$ref" 'Flatpak Ref' Name)" "$app_id"
expect_value "$flatpakref Branch" "$(keyfile_get "$ref" 'Flatpak Ref' Branch)" stable
expect_value "$flatpakref Url" "$(keyfile_get "$ref" 'Flatpak Ref' Url)" "${site_url}repo/"
expect_value "$flatpakref RuntimeRepo" "$(keyfile_get "$ref" 'Flatpak Ref' RuntimeRepo)" "$runtime_repo"
expect_value "$flatpakref Title" "$(keyfile_get "$ref" 'Flatpak Ref' Title)" "Jpom Community"
expect_value "$flatpakref IsRuntime" "$(keyfile_get "$ref" 'Flatpak Ref' IsRuntime)" false
expect_value "$flatpakref Homepage" "$(keyfile_get "$ref" 'Flatpak Ref' Homepage)" \
  "https://jpom.top/pages/praise/join/"
expect_value "$flatpakref SuggestRemoteName" "$(keyfile_get "$ref" 'Flatpak Ref' SuggestRemoteName)" "$remote"
[ "$(keyfile_get "$ref" 'Flatpak Ref' GPGKey)" = "$gpg_key" ] ||
  failed "$flatpakref GPGKey is not the signing key"
expect_value "jpom-community.flatpakrepo Url" "$(keyfile_get "$repofile" 'Flatpak Repo' Url)" "${site_url}repo/"
[ "$(keyfile_get "$repofile" 'Flatpak Repo' GPGKey)" = "$gpg_key" ] ||
  failed "jpom-community.flatpakrepo GPGKey is not the signing key"
info "GPGKey in both: the public key of $test_key"
refs=$(ostree --repo="$site/repo" refs | LC_ALL=C sort | tr '\n' ' ')
info "refs: $refs"
for want in "$app_ref" "appstream/$arch" "appstream2/$arch"; do
  grep -qw -- "$want" <<<"$refs" || failed "the repository has no ref $want"
done
for file in summary summary.sig summary.idx summary.idx.sig; do
  [ -s "$site/repo/$file" ] || failed "the repository has no $file"
done
deltas=$(ostree --repo="$site/repo" static-delta list | grep -cE '^[0-9a-f]{64}' || true)
[ "$deltas" -gt 0 ] || failed "the repository has no static delta"
info "static deltas: $deltas"

# What the server serves: the published folder as it is, and beside it,
# under test/, what only the test adds.
www=$work/www
rm -rf "$www"
mkdir -p "$www/test"
for entry in "$site"/*; do
  ln -s "$entry" "$www/$(basename "$entry")"
done
# The stand-in's "Flathub": its repository is the one the private
# installations already have as a remote, so flatpak adds nothing for it.
cat > "$www/test/standin.flatpakrepo" <<EOF
[Flatpak Repo]
Title=Stand-in runtime (Debian $suite)
Url=file://$standin_repo
EOF
sed "s|^RuntimeRepo=.*|RuntimeRepo=${site_url}test/standin.flatpakrepo|" "$ref" > "$www/test/$flatpakref"
changed=$(diff "$ref" "$www/test/$flatpakref" | grep -c '^[<>]' || true)
[ "$changed" -eq 2 ] || die "the test's copy of $flatpakref differs in more than RuntimeRepo"
server_log=$work/site-server.log
serve_dir "$www" "$site_port" "$server_log"
curl -fsS -o /dev/null "${site_url}$flatpakref" || die "the server does not serve $flatpakref"
info "serving $www at $site_url (pid $server_pid)"

step "2. flatpak install --user --from ${site_url}test/$flatpakref"
installation=$work/installation-ref
new_installation "$installation"
: > "$server_log"
flatpak_in "$installation" install -y --noninteractive --from "${site_url}test/$flatpakref" \
  </dev/null >"$work/install-ref.log" 2>&1 ||
  die "flatpak install --from failed: $(cat "$work/install-ref.log")"
sed 's/^/      /' "$work/install-ref.log" | tail -n 5
for path in "test/$flatpakref" test/standin.flatpakrepo repo/summary; do
  grep -qE "\"GET /${path}[^ ]* HTTP/1.1\" 200" "$server_log" || failed "the server saw no GET /$path"
done
origin=$(flatpak_in "$installation" info --show-origin "$app_id")
expect_value "installed from remote" "$origin" "$remote"
config=$installation/repo/config
remote_conf=$(sed -n "/^\[remote \"$remote\"\]/,/^\[/p" "$config")
grep -qx 'gpg-verify=true' <<<"$remote_conf" || failed "remote $remote does not verify commits: $remote_conf"
grep -qx 'gpg-verify-summary=true' <<<"$remote_conf" || failed "remote $remote does not verify its summary"
trusted=$(gpg --batch --no-default-keyring --keyring "$installation/repo/$remote.trustedkeys.gpg" \
            --with-colons --list-keys 2>/dev/null | awk -F: '$1 == "fpr" { print $10 }')
expect_value "the remote trusts key" "$trusted" "$test_key"
expect_value "installed commit" "$(installed_commit "$installation")" "$commit_n"
if ostree --repo="$installation/repo" show --gpg-verify-remote="$remote" "$commit_n" 2>&1 |
     grep -q 'Good signature'; then
  info "the installed commit has a good signature from the remote's key"
else
  failed "ostree finds no good signature on the installed commit"
fi

run_home=$work/home-ref
docs_url=$site_url
display_log=$work/session-repository.log
: > "$display_log"
init_display
expect_value "flatpak run $app_id --version" "$(app_version "$installation")" "jpom-community $version_n"
expected_payload=$(expected_qr_payload)
write_keyfile 1280 4000
qr_status=0
in_display 1280 4000 qr "$shots_dir/repository-qr.png" "$expected_payload" "$work/run-report.txt" \
  --offline || qr_status=$?
cat "$work/run-report.txt"
[ "$qr_status" -eq 0 ] || failed "the app installed from the repository shows no QR code decoding to $expected_payload"
about_shows "$version_n" about-n

step "3. A repository signed with another key, and a tampered summary, are refused"
other_home=$work/gnupg-other
make_test_key "$other_home" "Another key"
other_key=$new_key
mkdir -p "$www/other" "$www/tampered"
cp -a "$site/repo" "$www/other/repo"
find "$www/other/repo/objects" -name '*.commitmeta' -delete
flatpak build-sign --gpg-sign="$other_key" --gpg-homedir="$other_home" "$www/other/repo" "$app_id" stable
flatpak build-update-repo --gpg-sign="$other_key" --gpg-homedir="$other_home" "$www/other/repo" >/dev/null
sed "s|^Url=.*|Url=${site_url}other/repo/|" "$www/test/$flatpakref" > "$www/test/other.flatpakref"
expect_refusal "a repository signed with another key ($other_key)" \
  "$work/installation-other" "${site_url}test/other.flatpakref"

cp -a "$site/repo" "$www/tampered/repo"
python3 - "$www/tampered/repo" <<'EOF' || die "found nothing to tamper with in the summary"
# The same bytes, one letter changed, where a client reads the refs: the
# summary and its index (which flatpak reads first).
import pathlib, sys
repo = pathlib.Path(sys.argv[1])
changed = 0
for name in ("summary", "summary.idx"):
    path = repo / name
    data = path.read_bytes()
    for old, new in ((b"Jpom Community", b"Jpom Communitz"), (b"x86_64", b"x86_65")):
        if old in data:
            path.write_bytes(data.replace(old, new, 1))
            changed += 1
            break
sys.exit(0 if changed == 2 else 1)
EOF
sed "s|^Url=.*|Url=${site_url}tampered/repo/|" "$www/test/$flatpakref" > "$www/test/tampered.flatpakref"
expect_refusal "a repository whose summary was changed after signing" \
  "$work/installation-tampered" "${site_url}test/tampered.flatpakref"

step "4. Version N+1 published into the same folder; flatpak update brings it"
version_next=$(python3 -c 'import sys; v = sys.argv[1].split("."); v[-1] = str(int(v[-1]) + 1); print(".".join(v))' "$version_n")
next_source=$work/source-next
rm -rf "$next_source"
cp -a "$work/source" "$next_source"
sed -i -E "s/^  version: '[^']+',$/  version: '$version_next',/" "$next_source/meson.build"
metainfo_in=$next_source/data/$app_id.metainfo.xml.in
python3 - "$metainfo_in" "$version_next" "$(date -u +%F)" <<'EOF'
import sys
path, version, date = sys.argv[1:]
text = open(path, encoding="utf-8").read()
entry = (f'<release version="{version}" date="{date}">\n'
         '      <description>\n'
         '        <p>A release made by the Flatpak repository test.</p>\n'
         '      </description>\n'
         '    </release>\n    ')
assert "<releases>\n    <release " in text
open(path, "w", encoding="utf-8").write(text.replace("<release ", entry + "<release ", 1))
EOF
[ "$(meson_version "$next_source")" = "$version_next" ] || die "could not set version $version_next in the scratch copy"
info "scratch copy $next_source: version $version_next, with its release entry"
publish_for_test "$next_source" "$test_key" "$test_home" "$work/publish-next.log"
commit_next=$(ostree --repo="$site/repo" rev-parse "$app_ref")
parent=$(ostree --repo="$site/repo" rev-parse "$app_ref^")
expect_value "the new commit's parent" "$parent" "$commit_n"
ostree --repo="$site/repo" static-delta list | grep -qx "$commit_n-$commit_next" ||
  failed "no static delta from N to N+1"

: > "$server_log"
flatpak_in "$installation" update -y --noninteractive </dev/null >"$work/update-ref.log" 2>&1 ||
  failed "flatpak update failed: $(cat "$work/update-ref.log")"
expect_value "installed commit after flatpak update" "$(installed_commit "$installation")" "$commit_next"
if grep -qE '"GET /repo/deltas/[^ ]+ HTTP/1.1" 200' "$server_log"; then
  info "flatpak update fetched a static delta: $(grep -cE '"GET /repo/deltas/' "$server_log") requests"
else
  failed "flatpak update fetched no static delta"
fi
expect_value "flatpak run $app_id --version" "$(app_version "$installation")" "jpom-community $version_next"
about_shows "$version_next" about-next

step "5. The bundle of version N, in a second installation, updates to N+1"
bundle_installation=$work/installation-bundle
new_installation "$bundle_installation"
flatpak_in "$bundle_installation" install -y --noninteractive --bundle "$work/bundle-n.flatpak" \
  </dev/null >"$work/install-bundle.log" 2>&1 ||
  die "installing the bundle failed: $(cat "$work/install-bundle.log")"
expect_value "installed from the bundle" "$(installed_commit "$bundle_installation")" "$commit_n"
bundle_origin=$(flatpak_in "$bundle_installation" info --show-origin "$app_id")
expect_value "the bundle's remote URL" \
  "$(flatpak_in "$bundle_installation" remotes --columns=name,url | awk -v r="$bundle_origin" '$1 == r { print $2 }')" \
  "${site_url}repo/"
grep -A8 "^\[remote \"$bundle_origin\"\]" "$bundle_installation/repo/config" | grep -qx 'gpg-verify=true' ||
  failed "the bundle's remote does not verify signatures"
flatpak_in "$bundle_installation" update -y --noninteractive </dev/null >"$work/update-bundle.log" 2>&1 ||
  failed "flatpak update of the bundle's install failed: $(cat "$work/update-bundle.log")"
expect_value "after flatpak update" "$(installed_commit "$bundle_installation")" "$commit_next"
expect_value "flatpak run $app_id --version" "$(app_version "$bundle_installation")" "jpom-community $version_next"

step "6. What an app centre shows: remote-ls and the appstream data"
flatpak_in "$installation" update --appstream "$remote" </dev/null >/dev/null 2>&1 ||
  failed "flatpak update --appstream $remote failed"
listing=$(flatpak_in "$installation" remote-ls --app --columns=application,name,description,version "$remote")
info "flatpak remote-ls --app $remote:"
sed 's/^/      /' <<<"$listing"
grep -qF "Jpom Community" <<<"$listing" || failed "remote-ls shows no name"
grep -qF "Join the Jpom user community on WeChat" <<<"$listing" || failed "remote-ls shows no summary"
appstream=$installation/appstream/$remote/$arch/active/appstream.xml
if [ ! -f "$appstream" ] && [ -f "$appstream.gz" ]; then
  gunzip -c "$appstream.gz" > "$work/appstream.xml"
  appstream=$work/appstream.xml
fi
[ -f "$appstream" ] || die "no appstream data for $remote in the installation"
python3 - "$appstream" "$app_id" "$site_url" "$version_next" "$srcdir/data/screenshots" \
  >"$work/appstream-check.txt" 2>&1 <<'EOF' || failed "the appstream data: $(cat "$work/appstream-check.txt")"
import hashlib, sys, urllib.request, xml.etree.ElementTree as ET
path, app_id, url, version, shots = sys.argv[1:]
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
problems = []
component = next(c for c in ET.parse(path).getroot() if c.findtext("id") == app_id)
# appstreamcli compose writes zh_CN as zh-Hans-CN.
def lang(element):
    code = element.get(LANG, "C")
    return "zh" if code.startswith("zh") else code
def texts(tag, where=component):
    return {lang(e): e.text for e in where.findall(tag)}
print("name:", texts("name"))
print("summary:", texts("summary"))
if texts("name").get("C") != "Jpom Community" or "zh" not in texts("name"):
    problems.append("no English and Chinese name")
if not texts("summary").get("C") or "zh" not in texts("summary"):
    problems.append("no English and Chinese summary")
keywords = {lang(e) for e in component.findall("keywords") if e.find("keyword") is not None}
print("keyword languages:", sorted(keywords))
if not {"C", "zh"} <= keywords:
    problems.append("keywords not in both languages")
releases = [r.get("version") for r in component.iter("release")]
print("releases:", releases)
if not releases or releases[0] != version:
    problems.append(f"the newest release is not {version}")
if any(r.find("description") is None for r in component.iter("release")):
    problems.append("a release without a description")
screenshots = component.findall("screenshots/screenshot")
if len(screenshots) != 4:
    problems.append(f"{len(screenshots)} screenshots, not 4")
for shot in screenshots:
    captions = texts("caption", shot)
    image = shot.find("image").text
    print("screenshot", image, captions)
    if not captions.get("C") or not captions.get("zh"):
        problems.append(f"{image} lacks an English or Chinese caption")
    if not image.startswith(url + "screenshots/"):
        problems.append(f"{image} is not in the published folder")
        continue
    with urllib.request.urlopen(image) as reply:
        served = reply.read()
    local = open(shots + "/" + image[len(url + "screenshots/"):], "rb").read()
    if served != local or not served.startswith(b"\x89PNG"):
        problems.append(f"{image} does not serve data/screenshots' PNG")
if problems:
    print("; ".join(problems))
    sys.exit(1)
EOF
sed 's/^/    /' "$work/appstream-check.txt"

step "7. flatpak uninstall --delete-data leaves nothing behind"
data_dir=$run_home/.var/app/$app_id
[ -d "$data_dir" ] || failed "the app left no data in $data_dir to delete (the check would prove nothing)"
# flatpak also resets the app's permissions on the session bus.
HOME=$run_home FLATPAK_USER_DIR=$installation dbus-run-session -- flatpak --user uninstall -y \
  --noninteractive --delete-data "$app_id" </dev/null >"$work/uninstall.log" 2>&1 ||
  failed "flatpak uninstall failed: $(cat "$work/uninstall.log")"
[ ! -e "$data_dir" ] || failed "$data_dir is still there"
for commit in "$commit_n" "$commit_next"; do
  ! ostree --repo="$installation/repo" show "$commit" >/dev/null 2>&1 ||
    failed "the installation's repository still holds commit ${commit:0:12}"
done
# Files (not folders: ostree leaves the empty folders of a ref) inside
# the installation and the HOME whose path names the app or its remote (the
# remote's appstream data names the app until the remote goes).
leftovers () {
  { find "$installation" -mindepth 1 ! -type d -printf 'installation/%P\n'
    find "$run_home" -mindepth 1 ! -type d -printf 'home/%P\n'
  } | grep -E "$1" | head -n 20 || true
}
leftover=$(leftovers "$app_id" | grep -v "^installation/appstream/$remote/" || true)
[ -z "$leftover" ] || failed "files of the app left after uninstalling: $leftover"
flatpak_in "$installation" remote-delete "$remote" </dev/null
leftover=$(leftovers "$app_id|$remote")
[ -z "$leftover" ] || failed "files left after removing the remote too: $leftover"
[ -z "$leftover" ] && info "no file of $app_id or of the $remote remote is left in $installation or $run_home"
HOME=$run_home FLATPAK_USER_DIR=$bundle_installation dbus-run-session -- flatpak --user uninstall -y \
  --noninteractive --delete-data "$app_id" </dev/null >/dev/null 2>&1 ||
  failed "uninstalling the bundle's install failed"
[ ! -e "$bundle_installation/app/$app_id" ] || failed "the bundle's install left $bundle_installation/app/$app_id"

finish_job
printf '\nPASS: %s installs from the signed repository at %s, refuses other keys and a\n' "$app_id" "$site_url"
printf '      tampered summary, updates from %s to %s (also from the bundle), and uninstalls cleanly\n' \
  "$version_n" "$version_next"
