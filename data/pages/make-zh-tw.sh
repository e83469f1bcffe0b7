#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the Traditional Chinese page, join.zh_TW.md, from the Chinese one:
# OpenCC with s2twp (Taiwan characters, phrases and vocabulary), then the
# hand mends in join.zh_TW.sed, then "translates:" in the front matter with
# the sha256 of the Chinese page, so the app knows which version it
# translates. OpenCC is needed here only, never by the app.
#
# Usage: make-zh-tw.sh [--check] PAGES_DIR
#   Writes PAGES_DIR/join.zh_TW.md and prints the diff against the page it
#   replaces: read it, then commit the page (and any new mend) together.
#   With --check, writes nothing and exits 1 when the committed page is not
#   what the Chinese page and the mends make (exit 77, a skip for meson,
#   when opencc is missing).
#
# The build target: meson compile -C _build update-zh-tw-page

set -u

check=false
if [ "${1:-}" = "--check" ]; then
  check=true
  shift
fi
dir=${1:?usage: make-zh-tw.sh [--check] PAGES_DIR}

source_page=$dir/join.zh_CN.md
mends=$dir/join.zh_TW.sed
page=$dir/join.zh_TW.md

if ! command -v opencc > /dev/null; then
  echo "make-zh-tw.sh: opencc not found (Debian: apt-get install opencc)" >&2
  if $check; then exit 77; fi
  exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

opencc -c s2twp.json -i "$source_page" -o "$tmp/converted.md" || exit 1
sed -f "$mends" "$tmp/converted.md" > "$tmp/mended.md" || exit 1

# "translates:" goes last in the front matter, before its closing "---",
# as in join.en.md.
sha256=$(sha256sum "$source_page" | cut -d ' ' -f 1)
awk -v sha256="$sha256" '
  NR == 1 && $0 == "---" { in_front = 1; print; next }
  in_front && $0 == "---" { print "translates: " sha256; in_front = 0 }
  { print }
' "$tmp/mended.md" > "$tmp/join.zh_TW.md" || exit 1

if ! grep -q "^translates: $sha256\$" "$tmp/join.zh_TW.md"; then
  echo "make-zh-tw.sh: $source_page has no front matter to record what the page translates" >&2
  exit 1
fi

if $check; then
  if diff -u "$page" "$tmp/join.zh_TW.md"; then
    echo "$page is what OpenCC and $mends make of $source_page"
    exit 0
  fi
  echo "$page is not what OpenCC and $mends make of $source_page:" \
       "run meson compile -C BUILDDIR update-zh-tw-page" >&2
  exit 1
fi

if [ -f "$page" ] && cmp -s "$page" "$tmp/join.zh_TW.md"; then
  echo "$page is current: nothing changed"
  exit 0
fi

# The diff is the point of the command: it is not a failure.
old=$page
[ -f "$page" ] || old=/dev/null
diff -u "$old" "$tmp/join.zh_TW.md"
cp "$tmp/join.zh_TW.md" "$page" || exit 1
echo "Wrote $page: read the diff above, mend join.zh_TW.sed where OpenCC" \
     "is wrong, run this again, and commit both."
