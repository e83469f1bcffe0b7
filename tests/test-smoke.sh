#!/usr/bin/env bash
# Smoke test: installs the app into a scratch prefix inside the build tree
# (the installed layout, with its schema and icons), starts it on the
# current X display, waits for its window and saves a screenshot.
# It never reaches the real upstream: the app runs with --offline, and the
# scratch schema directory gets the tests' override as well (loopback page
# sources, no automatic refresh), so even without the flag nothing leaves
# this computer.
set -euo pipefail

build=${TOP_BUILDDIR:?}
dest="$build/smoke-root"
shot="$build/smoke-screenshot.png"
prefix=$(meson introspect "$build" --buildoptions |
         python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')

echo "# installing into $dest"
rm -rf "$dest"
DESTDIR="$dest" meson install -C "$build" --quiet --no-rebuild >/dev/null
bin="$dest$prefix/bin/jpom-community"
share="$dest$prefix/share"
cp "${TOP_SRCDIR:?}/tests/schemas/tests.gschema.override" "$share/glib-2.0/schemas/"
glib-compile-schemas "$share/glib-2.0/schemas"

if [ -z "${DISPLAY:-}" ]; then
  echo "not ok 1 - no X display: run the tests through the README's test command"
  exit 1
fi

export XDG_DATA_DIRS="$share:/usr/local/share:/usr/share"
export GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas"
unset G_DEBUG
"$bin" --offline &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

echo "1..1"
for _ in $(seq 1 100); do
  if xwininfo -root -tree | grep -q '"加入社群"\|"Join the Community"'; then
    sleep 1
    import -window root "$shot"
    echo "ok 1 - window shown; screenshot in $shot"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "not ok 1 - jpom-community exited before showing a window"
    exit 1
  fi
  sleep 0.2
done
echo "not ok 1 - no window within 20 s"
exit 1
