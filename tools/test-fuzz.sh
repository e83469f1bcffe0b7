#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The page fuzzer as a test step: fuzz/run-fuzz.sh (clang, libFuzzer, ASan,
# UBSan) runs cmark's pathological shapes once and then fuzzes for
# COMMUNITY_FUZZ_SECONDS (default 60) over the checked-in corpus; then the
# same binary runs the pathological shapes that run-fuzz.sh does not cover
# (the rest of cmark's test/pathological_tests.py, and shapes aimed at the
# page model and the join model). A crash, a leak, an input slower than
# 10 s or over 2 GiB fails the step; the input is left in fuzz/crashes/.
#
# Runs as one step of tools/test.sh; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${COMMUNITY_FUZZ_SECONDS:-60}
out=$root/fuzz/out
extra=$out/patho-extra
start=$(date +%s)

fail () {
  echo "test-fuzz: FAILED: $*" >&2
  if compgen -G "$root/fuzz/crashes/*" >/dev/null; then
    echo "test-fuzz: inputs that failed (add each to fuzz/corpus/ as a regression test once fixed):" >&2
    ls -l "$root"/fuzz/crashes/ >&2
  fi
  echo "test-fuzz: $(( $(date +%s) - start )) s" >&2
  exit 1
}

command -v clang >/dev/null || fail "clang is missing (bash tools/install-deps.sh installs it)"
[ -x fuzz/run-fuzz.sh ] || [ -f fuzz/run-fuzz.sh ] || fail "fuzz/run-fuzz.sh is missing"

# run-fuzz.sh picks its own sanitizer options when none are set.
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

sh fuzz/run-fuzz.sh "$seconds" || fail "fuzz/run-fuzz.sh"

# The rest of cmark's pathological shapes, and shapes for our own layers,
# each kept under the page size limit so that it reaches the parser.
mkdir -p "$extra"
python3 - "$extra" <<'PY' || fail "writing the extra shapes"
import itertools, os, sys

def collisions(count):
    # Keys that all land in one bucket of a 16-bucket table under the
    # shift-add hash cmark's reference map used; many references, one label.
    def bucket0(key):
        h = 0
        for c in key:
            h = (ord(c) + ((h << 6) & 0xFFFFFFFF) + ((h << 16) & 0xFFFFFFFF) - h) & 0xFFFFFFFF
        return h % 16 == 0
    keys = list(itertools.islice((k for k in ("x%d" % i for i in itertools.count()) if bucket0(k)), count))
    return "".join("[%s]: /url\n\n[%s]\n\n" % (k, keys[0]) for k in keys[1:])

shapes = {
    # cmark test/pathological_tests.py shapes run-fuzz.sh leaves out.
    "emph-issue-389": "*a " * 20000 + "_a*_ " * 20000,
    "hard-link-emph": "**x [a*b**c*](d)",
    "nul-in-input": "abc\0de\0",
    "empty-lines-in-nested-lists": "- " * 30000 + "x" + "\n" * 30000,
    "empty-lines-in-nested-lists-in-quote": "> " + "- " * 30000 + "x\n" + ">\n" * 30000,
    "emph-in-deep-quote": ">" * 100000 + "a*" * 100000,
    "reference-collisions": collisions(12000),
    # The same kind of shapes one layer up: containers, front matter, the
    # document model and the join model.
    "image-brackets-in-container": "::: tip\n" + "![[]()" * 80000 + "\n:::\n",
    "container-closers": ":::\n" * 100000,
    "containers-in-list-items": "- ::: tip a\n  b\n" * 20000,
    "long-paragraph-soft-breaks": "a\n" * 200000,
    "sections-with-remark-items": "## 社群 a\n\n- 备注：`x` 表示社群 a\n" * 12000,
    "wechat-paragraphs": "微信 WeChat `id` 微信\n\n" * 20000,
    "strong-prices": "## a\n\n" + "**20元/月** " * 40000,
    "headings-same-anchor": "## 社群\n\n" * 60000,
}
for name, text in shapes.items():
    with open(os.path.join(sys.argv[1], name + ".md"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
PY

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "# more pathological shapes"
for f in "$extra"/*.md; do
  t0=$(date +%s%N)
  if ! "$out/fuzz-page" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$root/fuzz/crashes/" "$f" > "$out/patho-extra.log" 2>&1; then
    tail -40 "$out/patho-extra.log"
    cp "$f" "$root/fuzz/crashes/" 2>/dev/null
    fail "$(basename "$f")"
  fi
  printf '  %-40s %6d ms\n' "$(basename "$f")" $(( ($(date +%s%N) - t0) / 1000000 ))
done

echo "test-fuzz: $(( $(date +%s) - start )) s"
echo "test-fuzz: passed"
