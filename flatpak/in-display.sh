#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the Flatpak test does in the display: run under Xvfb with a private
# session bus as `in-display.sh SCENE ARGS...`, it starts the sandboxed app,
# drives it and screenshots it. The scenes and their helpers read
# FLATPAK_SRC, APP_ID, KEYFILE, DOCS_URL and WORK from the environment, and
# RUN_ARGS when it is set: more options for flatpak run, such as
# --env=ADW_DEBUG_COLOR_SCHEME=prefer-dark.
#
# No -e: a scene notes what went wrong and returns a status of its own.

set -uo pipefail

# Starts the app in the sandbox (after checking its keyfile) with the
# given arguments; its output goes to $WORK/app-<name>.log.
start_app () {
  local name=$1
  shift
  python3 "$FLATPAK_SRC/check-loopback.py" "$KEYFILE" "$DOCS_URL" || exit 3
  # shellcheck disable=SC2086 # RUN_ARGS is words
  flatpak run ${RUN_ARGS:-} "$APP_ID" "$@" >"$WORK/app-$name.log" 2>&1 </dev/null &
  app_pid=$!
}

stop_app () {
  flatpak kill "$APP_ID" 2>/dev/null || kill "$app_pid" 2>/dev/null
  wait "$app_pid" 2>/dev/null
}

# Waits until the app owns its name on the session bus.
wait_for_bus_name () {
  for _ in $(seq 1 60); do
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
  local out=$1 prev=$WORK/settle-prev.png cur=$WORK/settle-cur.png diff
  rm -f "$prev"
  for _ in $(seq 1 30); do
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

# ---------------------------------------------------------------------------
# Scenes.

# update STATUS-FILE: `jpom-community --update`; its exit status goes to
# STATUS-FILE.
update () {
  start_app update --update
  wait "$app_pid"
  echo "$?" > "$1"
}

# qr SCREENSHOT PAYLOAD REPORT [APP-ARGS...]: starts the app, then
# screenshots until zbarimg finds PAYLOAD on screen or time runs out.
qr () {
  local screenshot=$1 expected=$2 report=$3 found=1 attempt
  shift 3
  exec 3>"$report"
  start_app qr "$@"
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
  return "$found"
}

# shot OUT NAME [TRIGGER [APP-ARGS...]]: the window, once settled, after
# TRIGGER: "action:NAME" activates app.NAME over D-Bus (org.gtk.Actions, as
# the shell does), "keys:KEY..." types into the window (xdotool), as a user
# would; empty: nothing. Why a shot failed goes to $WORK/shot-NAME.txt.
shot () {
  local out=$1 name=$2 trigger=${3:-}
  shift 3 || shift $#
  start_app "$name" "$@"
  if ! wait_for_bus_name; then
    echo "the app did not appear on the session bus" > "$WORK/shot-$name.txt"
    stop_app
    return 1
  fi
  case $trigger in
    action:*)
      settled_screenshot "$WORK/settle-before.png"
      if ! has_action "${trigger#action:}"; then
        echo "the app has no app.${trigger#action:} action" > "$WORK/shot-$name.txt"
        stop_app
        return 2
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
    return 4
  fi
  return 0
}

# desktop_action OUT PAGE: a launcher's desktop action, as GNOME Shell runs
# it: ActivateAction on the app's name, which the session bus starts from
# the D-Bus service file the installation exported (flatpak run ...
# --gapplication-service). The WeChat ID must then be on the clipboard; the
# app's own --inspect of PAGE says which it is.
desktop_action () {
  local out=$1 page=$2 expected got='' status=1
  python3 "$FLATPAK_SRC/check-loopback.py" "$KEYFILE" "$DOCS_URL" || return 3
  flatpak run "$APP_ID" --inspect - <"$page" >"$WORK/inspect.json" 2>"$WORK/app-inspect.log"
  expected=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["join"]["wechat_id"])'                "$WORK/inspect.json") || { echo "--inspect gave no WeChat ID" >"$WORK/desktop-action.txt"; return 1; }
  if ! gdbus call --session --dest "$APP_ID" --object-path "/${APP_ID//.//}"          --method org.freedesktop.Application.ActivateAction copy-wechat-id '[]' '{}'          >"$WORK/desktop-action.txt" 2>&1; then
    return 1
  fi
  flatpak ps --columns=application >"$WORK/desktop-action-ps.txt"
  for _ in $(seq 1 20); do
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
  return "$status"
}

# search_provider OUT PAGE SERVER-LOG INI PAYLOAD: GNOME Shell's overview
# search, as the shell makes it: the BusName and ObjectPath from the
# installation's exported search-provider file, the first call starting the
# app by D-Bus activation. Results for "jpom", none for "weather", no
# window, the WeChat ID as the copy result's clipboardText and on the
# clipboard after ActivateResult, no request to the docs server; then a
# tier's Join result opens its Join dialog, whose QR code (PAYLOAD) must
# show on screen within 30 s (the last screenshot is OUT).
search_provider () {
  local out=$1 page=$2 server_log=$3 ini=$4 payload=$5 bus path expected ids got='' before join
  local S=org.gnome.Shell.SearchProvider2 report=$WORK/search-provider.txt
  python3 "$FLATPAK_SRC/check-loopback.py" "$KEYFILE" "$DOCS_URL" || return 3
  : >"$report"
  bus=$(sed -n 's/^BusName=//p' "$ini")
  path=$(sed -n 's/^ObjectPath=//p' "$ini")
  flatpak run "$APP_ID" --inspect - <"$page" >"$WORK/inspect.json" 2>"$WORK/app-inspect.log"
  expected=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["join"]["wechat_id"])' \
               "$WORK/inspect.json") || { echo "--inspect gave no WeChat ID" >>"$report"; return 1; }
  before=$(wc -l <"$server_log")
  call () { gdbus call --session --dest "$bus" --object-path "$path" --method "$S.$1" "${@:2}"; }

  ids=$(call GetInitialResultSet "['jpom']" 2>&1)
  echo "jpom: $ids" >>"$report"
  for id in "'wechat-id'" "'join:" "'email'"; do
    grep -qF "$id" <<<"$ids" || { echo "no $id result" >>"$report"; return 1; }
  done
  got=$(call GetInitialResultSet "['weather']" 2>&1)
  echo "weather: $got" >>"$report"
  [ "$got" = "(@as [],)" ] || { echo "weather found something" >>"$report"; return 1; }
  flatpak ps --columns=application >"$WORK/search-provider-ps.txt"
  grep -qx "$APP_ID" "$WORK/search-provider-ps.txt" ||
    { echo "the search did not start the app in the sandbox" >>"$report"; return 1; }
  if xdotool search --onlyvisible --name . >/dev/null 2>&1; then
    echo "a search opened a window" >>"$report"
    return 1
  fi
  got=$(call GetResultMetas "['wechat-id']" 2>&1)
  echo "metas: $got" >>"$report"
  grep -qF "'clipboardText': <'$expected'>" <<<"$got" ||
    { echo "the copy result's clipboardText is not '$expected'" >>"$report"; return 1; }
  call ActivateResult wechat-id "['jpom']" 0 >>"$report" 2>&1 || return 1
  got=''
  for _ in $(seq 1 20); do
    got=$(xclip -o -selection clipboard 2>/dev/null || true)
    [ "$got" = "$expected" ] && break
    sleep 0.5
  done
  echo "clipboard: '$got', WeChat ID: '$expected'" >>"$report"
  [ "$got" = "$expected" ] || return 1
  if [ "$(wc -l <"$server_log")" != "$before" ]; then
    echo "the search reached the docs server" >>"$report"
    return 1
  fi
  join=$(grep -o "'join:[^']*'" <<<"$ids" | head -n1 | tr -d "'")
  call ActivateResult "$join" "['jpom']" 0 >>"$report" 2>&1 || return 1
  for attempt in $(seq 1 15); do
    sleep 2
    import -window root "$out" 2>/dev/null || continue
    if zbarimg --quiet --raw "$out" 2>/dev/null | grep -Fxq -- "$payload"; then
      echo "the Join dialog's QR code decoded after $((attempt * 2)) s" >>"$report"
      flatpak kill "$APP_ID" 2>/dev/null
      return 0
    fi
  done
  echo "no QR code decoding to $payload on screen 30 s after the Join result" >>"$report"
  flatpak kill "$APP_ID" 2>/dev/null
  return 1
}

"$@"
