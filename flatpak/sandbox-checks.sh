#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Job 4 of the Flatpak offline test: the bundle that job 3 published,
# installed into a fresh private installation, in the sandbox under Xvfb
# with a private session bus, with the app's page-sources pointed at a docs
# tree served on 127.0.0.1 (checked before every start, so no run can reach
# the real upstream):
#
#   - every translation and the launcher's D-Bus service are installed;
#   - `jpom-community --update` exits 0 and the server logs the page's GET;
#   - the window shows the WeChat QR code, which zbarimg decodes from a
#     screenshot;
#   - a launcher action started by D-Bus activation copies the WeChat ID;
#   - screenshots (_build-flatpak/screenshots/): the main window, the Join
#     dialog, the dark style and a narrow window, which data/screenshots/
#     holds for the metainfo, and the About window and the Join dialog at a
#     phone's width (whose QR code must decode too).
#
# Needs: flatpak, python3, xvfb-run, dbus-run-session, gdbus, imagemagick
# (import, compare, convert), zbarimg, xclip, xdotool, curl. Environment:
# see flatpak/lib.sh.

set -euo pipefail
# shellcheck source=flatpak/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_tools flatpak python3 curl xvfb-run dbus-run-session gdbus import compare convert \
  zbarimg xclip xdotool
bundle=$site/jpom-community.flatpak
[ -f "$bundle" ] || die "no bundle at $bundle: run flatpak/build-and-publish.sh first"

step "Installing the bundle into a fresh private installation"
installation=$work/installation
new_installation "$installation"
flatpak_in "$installation" install -y --noninteractive --bundle "$bundle" </dev/null
flatpak_in "$installation" info "$app_id" | sed 's/^/    /'

# A bundle carries only the app, not a .Locale extension, so the manifest
# keeps the translations in the app (separate-locales false). Check that
# every language in po/LINGUAS arrived, and the launcher's D-Bus service.
app_files=$(flatpak_in "$installation" info --show-location "$app_id")/files
for lang in $(grep -v '^#' "$srcdir/po/LINGUAS"); do
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
expected_payload=$(expected_qr_payload)
[ -n "$expected_payload" ] || die "the bundled page shows no QR image listed in data/qr-payloads.json"
info "the page's QR code should decode to $expected_payload"

# The upstream page with one price changed, so a fetched copy is told
# from the bundled one in the window.
docs=$work/docs
rm -rf "$docs"
page_rel='支持/110.加入社群.md'
page_src=$srcdir/data/pages/join.zh_CN.md
mkdir -p "$docs/$(dirname "$page_rel")"
grep -q '30元/月' "$page_src" || die "$page_src has no '30元/月' to change"
sed 's|30元/月|40元/月|' "$page_src" > "$docs/$page_rel"
info "serving $docs/$page_rel (30元/月 changed to 40元/月)"

server_log=$work/docs-server.log
serve_dir "$docs" 0 "$server_log"
docs_url=http://127.0.0.1:$server_port/
update_docs_url=$docs_url
page_path=/$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$page_rel")
curl -fsS -o /dev/null "$docs_url${page_path#/}" || die "the docs server does not serve $page_path"
# The server appends, so the log can start afresh here.
: > "$server_log"
info "docs root $docs_url (pid $server_pid); the page is GET $page_path"

run_home=$work/home
display_log=$work/session.log
: > "$display_log"
init_display
python3 "$flatpak_src/check-loopback.py" "$keyfile" "$docs_url" ||
  die "the keyfile does not confine the app to $docs_url"
info "keyfile $keyfile: page-sources=['$docs_url']"
# What the sandbox reads: GSettings inside it, with this HOME.
seen=$(FLATPAK_USER_DIR=$installation HOME="$run_home" XDG_RUNTIME_DIR="$run_dir" \
  flatpak run --command=gsettings "$app_id" get top.jpom.Community page-sources 2>&1 </dev/null || true)
[ "$seen" = "['$docs_url']" ] ||
  die "in the sandbox GSettings gives page-sources $seen, not ['$docs_url']: the keyfile is not read"
info "in the sandbox, gsettings get top.jpom.Community page-sources: $seen"

step "Sandbox: jpom-community --update fetches the page from 127.0.0.1"
rm -f "$work/update-status"
# Messages in English here, for the log and the check for an unknown option.
display_lang=C.UTF-8 in_display 1024 768 update "$work/update-status" || true
update_status=$(cat "$work/update-status" 2>/dev/null || echo none)
sed 's/^/      /' "$work/app-update.log"
info "exit status $update_status"
info "docs server log:"
sed 's/^/      /' "$server_log"
if grep -q 'Unknown option --update' "$work/app-update.log"; then
  failed "the installed app does not know --update"
elif [ "$update_status" != 0 ]; then
  failed "flatpak run $app_id --update exited with $update_status, not 0 (current)"
elif ! grep -qF "\"GET $page_path HTTP/1.1\" 200" "$server_log"; then
  failed "the docs server saw no GET $page_path from the sandboxed app"
else
  info "the sandboxed app fetched the page from $docs_url and reports it current"
fi

step "Sandbox: the window's QR code decodes under Xvfb"
mkdir -p "$shots_dir"
screenshot=$shots_dir/qr-full-page.png
rm -f "$screenshot"
# A tall screen and window, so the whole page, down to the QR code near its
# end, is on screen without scrolling.
write_keyfile 1280 4000
qr_status=0
in_display 1280 4000 qr "$screenshot" "$expected_payload" "$work/run-report.txt" || qr_status=$?
cat "$work/run-report.txt"
info "screenshot: $screenshot"
if [ -f "$screenshot" ]; then
  info "zbarimg on the screenshot:"
  zbarimg --quiet "$screenshot" 2>/dev/null | sed 's/^/      /' || info "  (no code found)"
fi
[ "$qr_status" -eq 0 ] || failed "the QR code in the screenshot did not decode to $expected_payload"

step "Sandbox: a launcher action by D-Bus activation"
write_keyfile 720 820
rm -f "$shots_dir/desktop-action.png" "$work/desktop-action-ps.txt"
action_status=0
in_display 720 820 desktop_action "$shots_dir/desktop-action.png" "$docs/$page_rel" ||
  action_status=$?
if ! grep -qx "$app_id" "$work/desktop-action-ps.txt" 2>/dev/null; then
  failed "the launcher action did not start the app by D-Bus activation: $(cat "$work/desktop-action.txt" 2>/dev/null)"
elif [ "$action_status" -ne 0 ]; then
  failed "the launcher action copy-wechat-id started the app by D-Bus activation but did not copy the ID ($(cat "$work/desktop-action.txt"))"
else
  info "launcher action copy-wechat-id, by D-Bus activation: $(cat "$work/desktop-action.txt")"
fi

step "Sandbox: GNOME Shell's overview search"
ini=$installation/exports/share/gnome-shell/search-providers/$app_id.search-provider.ini
search_status=0
for line in "DesktopId=$app_id.desktop" "BusName=$app_id" \
            "ObjectPath=/top/jpom/Community/SearchProvider" "Version=2" "DefaultDisabled=true"; do
  grep -qxF "$line" "$ini" 2>/dev/null || { failed "the exported $ini lacks $line"; search_status=1; }
done
[ -f "$installation/exports/share/applications/$app_id.desktop" ] ||
  { failed "no exported desktop file for the search provider's DesktopId"; search_status=1; }
if [ "$search_status" -eq 0 ]; then
  write_keyfile 720 820
  rm -f "$shots_dir/search-join.png"
  in_display 720 820 search_provider "$shots_dir/search-join.png" "$docs/$page_rel" \
    "$server_log" "$ini" "$expected_payload" || search_status=$?
  sed 's/^/      /' "$work/search-provider.txt" 2>/dev/null
  if [ "$search_status" -ne 0 ]; then
    failed "the overview search in the sandbox (exit status $search_status; $shots_dir/search-join.png)"
  else
    info "overview search: results, a copy on the clipboard, a Join dialog; no request made"
  fi
fi

step "Sandbox: screenshots of the window and its dialogs"
# The page as a new user sees it, not the one --update saved: a fresh
# HOME, and a docs tree that serves the bundled page as it is, so the app
# finds it current (neither the changed price nor an offline notice).
same_docs=$work/docs-same
rm -rf "$same_docs"
mkdir -p "$same_docs/$(dirname "$page_rel")"
cp "$page_src" "$same_docs/$page_rel"
serve_dir "$same_docs" 0 "$work/docs-same-server.log"
docs_url=http://127.0.0.1:$server_port/
run_home=$work/home-screenshots
init_display
# take_shot NAME WIDTH HEIGHT [TRIGGER [CHECK]]: with "qr" as CHECK the
# screenshot must show the page's QR code. run_args may add options for
# flatpak run.
take_shot () {
  local name=$1 width=$2 height=$3 trigger=${4:-} check=${5:-} status=0
  rm -f "$work/shot-$name.txt" "$shots_dir/$name.png"
  write_keyfile "$width" "$height"
  in_display "$width" "$height" shot "$shots_dir/$name.png" "$name" "$trigger" || status=$?
  if [ "$status" -eq 0 ] && [ "$check" = qr ] &&
     ! zbarimg --quiet --raw "$shots_dir/$name.png" 2>/dev/null | grep -Fxq -- "$expected_payload"; then
    echo "it shows no QR code decoding to $expected_payload" > "$work/shot-$name.txt"
    status=5
  fi
  if [ "$status" -eq 0 ] && [ -f "$shots_dir/$name.png" ]; then
    info "$shots_dir/$name.png (${width}x$height) $(cat "$work/shot-$name.txt" 2>/dev/null || true)"
  else
    failed "no good $name screenshot: $(cat "$work/shot-$name.txt" 2>/dev/null || echo "exit status $status")"
  fi
}
# The four of the metainfo. The Join dialog: Alt+J goes to the first tier's
# Join button (both cards have that mnemonic), Return presses it.
take_shot main 720 820
take_shot join 720 820 "keys:alt+j Return" qr
run_args=--env=ADW_DEBUG_COLOR_SCHEME=prefer-dark take_shot dark 720 820 "keys:alt+j Return" qr
take_shot narrow 360 720
# The dark style must be dark: the screenshot's mean brightness.
if [ -f "$shots_dir/dark.png" ] && [ -f "$shots_dir/join.png" ]; then
  dark_mean=$(convert "$shots_dir/dark.png" -colorspace Gray -format '%[fx:mean]' info:)
  light_mean=$(convert "$shots_dir/join.png" -colorspace Gray -format '%[fx:mean]' info:)
  info "mean brightness: dark $dark_mean, light $light_mean"
  python3 -c 'import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]) / 2)' \
    "$dark_mean" "$light_mean" || failed "dark.png is not much darker than join.png"
fi
take_shot about 720 820 action:about
# The Join dialog at a phone's width, where it is a bottom sheet.
take_shot join-360 360 720 "keys:alt+j Return" qr
for name in main join dark narrow; do
  if [ -f "$shots_dir/$name.png" ] && ! cmp -s "$shots_dir/$name.png" "$srcdir/data/screenshots/$name.png"; then
    info "$name.png differs from data/screenshots/$name.png (the metainfo's); look at both"
  fi
done

step "Result"
info "bundle: $bundle"
info "screenshots: $shots_dir"
info "logs: $work/publish.log, $work/app-*.log, $display_log, $server_log"
finish_job
printf '\nPASS: %s installed from %s runs in the sandbox on the Debian %s stand-in;\n' \
  "$app_id" "$bundle" "$suite"
printf '      --update fetched the page from %s; its QR code decodes to %s\n' \
  "$update_docs_url" "$expected_payload"
