#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks po/POTFILES.in against the tree: every source file with a
# translatable string is listed, every listed file exists and has one, and
# the list is sorted. TAP output.
#
# Usage: test-potfiles.sh [TOP_SRCDIR]

set -u

top=${1:-${TOP_SRCDIR:-$(dirname "$0")/..}}
cd "$top" || { echo "Bail out! no source tree at $top"; exit 1; }

potfiles=po/POTFILES.in
[ -f "$potfiles" ] || { echo "Bail out! $potfiles is missing"; exit 1; }

# The markers of meson's glib preset, plus plain ngettext and GtkBuilder's
# attribute. An identifier character before "_(" makes it another name.
c_markers='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext|g_dpgettext2|ngettext)[[:space:]]*\('
ui_markers='translatable="(yes|true|1)"'

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# Listed files: comments and blank lines left out.
grep -v -E '^[[:space:]]*(#|$)' "$potfiles" | sed 's/[[:space:]]*$//' > "$tmp/listed"
LC_ALL=C sort -u "$tmp/listed" > "$tmp/listed.sorted"

# Files that need listing. Sources: C and GtkBuilder files under src/.
# Data: desktop files, metainfo and schemas are translatable by format.
{
  find src -type f \( -name '*.c' -o -name '*.h' \) -exec grep -l -E "$c_markers" {} + 2>/dev/null
  find src data -type f -name '*.ui' -exec grep -l -E "$ui_markers" {} + 2>/dev/null
  find data -type f \( -name '*.desktop.in' -o -name '*.desktop.in.in' \
                       -o -name '*.metainfo.xml.in' -o -name '*.metainfo.xml.in.in' \
                       -o -name '*.appdata.xml.in' -o -name '*.gschema.xml' \) 2>/dev/null
} | sed 's|^\./||' | LC_ALL=C sort -u > "$tmp/needed"

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "# $line"
  done
}

missing=$(LC_ALL=C comm -23 "$tmp/needed" "$tmp/listed.sorted")
if [ -z "$missing" ]; then
  ok "every file with translatable strings is in $potfiles"
else
  # shellcheck disable=SC2086
  not_ok "files with translatable strings missing from $potfiles" $missing
fi

absent=
while IFS= read -r f; do
  [ -f "$f" ] || absent="$absent $f"
done < "$tmp/listed"
if [ -z "$absent" ]; then
  ok "every file in $potfiles exists"
else
  # shellcheck disable=SC2086
  not_ok "files in $potfiles that do not exist" $absent
fi

stale=$(LC_ALL=C comm -13 "$tmp/needed" "$tmp/listed.sorted")
if [ -z "$stale" ]; then
  ok "every file in $potfiles has translatable strings"
else
  # shellcheck disable=SC2086
  not_ok "files in $potfiles without translatable strings" $stale
fi

if LC_ALL=C sort -c "$tmp/listed" 2>/dev/null && [ "$(uniq -d "$tmp/listed")" = "" ]; then
  ok "$potfiles is sorted, without duplicates"
else
  not_ok "$potfiles is not sorted (LC_ALL=C sort) or has duplicates"
fi

echo "1..$n"
exit $failed
