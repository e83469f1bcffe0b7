#!/usr/bin/env bash
# Installs what is missing, builds, installs into ./_install and starts the
# app from there, so the schema, icons and translations are all found.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash tools/install-deps.sh
[ -d _build ] || meson setup _build --prefix="$root/_install"
meson compile -C _build
meson install -C _build --quiet

export XDG_DATA_DIRS="$root/_install/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$root/_install/share/glib-2.0/schemas"
exec "$root/_install/bin/jpom-community" "$@"
