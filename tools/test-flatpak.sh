#!/usr/bin/env bash
# The Flatpak offline install test as a step of tools/test.sh: builds the
# real manifest against a stand-in runtime, installs the bundle into a
# private installation, runs it under Xvfb and decodes its QR code.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash flatpak/test-offline-install.sh
