#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds fuzz/fuzz-page.c with the display-free core under libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer (clang), runs it once
# over cmark's pathological shapes, then fuzzes for SECONDS over the seed
# corpus. Exits non-zero on a crash, a leak, a timeout (10 s for one
# input) or memory over 2 GiB. Findings go to fuzz/crashes/.
#
# Usage: fuzz/run-fuzz.sh [SECONDS]     (default 60)

set -eu

seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=$here/out
mkdir -p "$out/gen" "$out/corpus" "$out/patho" "$here/crashes"

# Every library of the core (src/meson.build's core_deps): all of
# src/core/*.c is compiled in, whatever the fuzz target calls.
pkgs="glib-2.0 gio-2.0 json-glib-1.0 libcmark libqrencode gdk-pixbuf-2.0"

cat > "$out/gen/config.h" <<CONFIG
#pragma once
#define APPLICATION_ID "top.jpom.Community"
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "jpom-community"
#define LOCALEDIR "/usr/share/locale"
#define LIBEXECDIR "/usr/libexec"
#define RESOURCE_BASE "/top/jpom/Community"
CONFIG

glib-compile-resources --sourcedir "$top/data" --generate-source \
  --c-name community_core --target "$out/gen/community-core-resources.c" \
  "$top/src/community-core.gresource.xml"

# shellcheck disable=SC2046 # pkg-config output is a list of flags
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
  -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -I"$out/gen" -I"$top/src/core" $(pkg-config --cflags $pkgs) \
  "$here/fuzz-page.c" "$top"/src/core/*.c "$out/gen/community-core-resources.c" \
  $(pkg-config --libs $pkgs) -o "$out/fuzz-page"

# cmark's test/pathological_tests.py shapes, at sizes up to the page limit.
python3 - "$out/patho" <<'PY'
import os, sys
d = sys.argv[1]
shapes = {
    "nested-strong-emph": ("*a **a " * 20000) + "b" + (" a** a*" * 20000),
    "emph-closers": "a_ " * 60000,
    "emph-openers": "_a " * 60000,
    "link-closers": "a]" * 60000,
    "link-openers": "[a" * 60000,
    "mismatched": "*a_ " * 60000,
    "openers-closers-3": "a**b" + ("c* " * 60000),
    "link-emph": "[ a_" * 60000,
    "bracket-paren": "[ (](" * 60000,
    "image-brackets": "![[]()" * 80000,
    "image-brackets-a": "![[a]()" * 70000,
    "nested-brackets": "[" * 50000 + "a" + "]" * 50000,
    "nested-block-quotes": ">" * 50000 + "a",
    "nested-block-quotes-spaced": "> " * 50000 + "a",
    "deep-lists": "".join("  " * x + "* a\n" for x in range(400)),
    "empty-list-items": "- " * 50000 + "a\n",
    "backticks": "".join("e" + "`" * x for x in range(1, 700)),
    "unclosed-links-a": "[a](<b" * 30000,
    "unclosed-links-b": "[a](b" * 30000,
    "unclosed-comments": "</" + "<!--" * 60000,
    "nested-inlines": "*" * 20000 + "a" + "*" * 20000,
    "many-references": "".join("[%d]: /u\n" % i for i in range(20000)) + "[0]" * 20000,
    "containers": "::: tip\n" * 20000,
    "html-attributes": "<a title=\"" * 40000,
    "headings": "## a\n" * 60000,
    "front-matter": "---\n" + "k: v\n" * 60000,
}
for name, text in shapes.items():
    with open(os.path.join(d, name + ".md"), "w") as f:
        f.write(text)
PY

# The bundled pages seed the corpus (they stay in data/ with their
# licence notice).
cp "$top"/data/pages/*.md "$out/corpus/"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
common="-timeout=10 -rss_limit_mb=2048 -artifact_prefix=$here/crashes/"

echo "# pathological shapes"
for f in "$out"/patho/*.md; do
  # shellcheck disable=SC2086
  "$out/fuzz-page" $common "$f" > "$out/patho.log" 2>&1 || {
    cat "$out/patho.log"
    echo "FAILED on $f"
    exit 1
  }
done

echo "# fuzzing for $seconds s"
# shellcheck disable=SC2086
"$out/fuzz-page" $common -max_total_time="$seconds" -max_len=16384 \
  -dict="$here/page.dict" -print_final_stats=1 \
  "$out/corpus" "$here/corpus"
