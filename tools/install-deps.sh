#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, run and test the app.
# Runs apt-get as root (directly, or through sudo).
set -euo pipefail

packages=(
  # Build (opencc only remakes the Traditional Chinese page: data/pages)
  build-essential meson ninja-build pkg-config gettext opencc
  libgtk-4-dev libadwaita-1-dev libcmark-dev libqrencode-dev
  libjson-glib-dev libgdk-pixbuf-2.0-dev libsoup-3.0-dev libzbar-dev
  libseccomp-dev
  # Run: fonts for the Chinese page and the UI, icons
  fonts-noto-cjk fonts-cantarell adwaita-icon-theme
  # Run: TLS for libsoup
  glib-networking
  # Tests: display, session bus, screenshots, QR decoding, validators
  xvfb xauth x11-utils dbus dbus-x11 imagemagick zbar-tools librsvg2-bin
  desktop-file-utils appstream libglib2.0-bin locales
  # Quality gates: sanitizers and the fuzzer
  clang libclang-rt-14-dev llvm
  # What a contributor's GNOME desktop has, so that the suite is shown to
  # run there as it runs here: gvfs's GIO modules and daemons, and the
  # desktop portal (tests/meson.build keeps both out of the run)
  gvfs xdg-desktop-portal
  # Flatpak offline test: its stand-in runtime is a Debian root made by
  # mmdebstrap; xclip reads what the sandboxed app copied, xdotool types
  # into its window; the published repository is signed with gpg and read
  # with ostree, served in a network namespace (iproute2), and tesseract
  # reads the version off the About window
  flatpak flatpak-builder elfutils curl ca-certificates git
  mmdebstrap debian-archive-keyring xclip xdotool
  gpg gpg-agent ostree iproute2 tesseract-ocr tesseract-ocr-eng
)

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# gettext ignores LANGUAGE under the C locale, and a fresh machine has no
# other: the tests that switch language need these (zh_HK for the test
# that Hong Kong readers get the Traditional Chinese catalogue without
# LANGUAGE).
for loc in en_US zh_CN zh_TW zh_HK; do
  if ! locale -a 2>/dev/null | grep -qi "^$loc\.utf-\?8$"; then
    echo "Generating the $loc.UTF-8 locale"
    "${sudo[@]}" localedef -i "$loc" -f UTF-8 "$loc.UTF-8"
  fi
done
