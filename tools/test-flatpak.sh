#!/usr/bin/env bash
# The Flatpak offline install test as a step of tools/test.sh: builds the
# real manifest against a stand-in runtime made from a Debian trixie root
# (COMMUNITY_FLATPAK_SUITE=forky for the GNOME 51 level), with deprecated
# API as an error, installs the bundle into a private installation, and in
# the sandbox under Xvfb: fetches the page from a server on 127.0.0.1
# (--update), decodes the window's QR code, runs a launcher action by D-Bus
# activation, and takes screenshots (in _build-flatpak/).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash flatpak/test-offline-install.sh
