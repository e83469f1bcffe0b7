#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The fuzzers as a test step: fuzz/run-fuzz.sh (clang, libFuzzer, ASan,
# UBSan) runs the pathological shapes once and then fuzzes each target
# (the page, the notices) for COMMUNITY_FUZZ_SECONDS (default 60) over its
# checked-in corpus. A crash,
# a leak, a timeout or memory over 2 GiB fails the step; the input is left
# in fuzz/crashes/.
#
# Runs as one step of tools/test.sh; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${COMMUNITY_FUZZ_SECONDS:-60}
start=$(date +%s)

command -v clang >/dev/null || {
  echo "test-fuzz: FAILED: clang is missing (bash tools/install-deps.sh installs it)" >&2
  exit 1
}

# run-fuzz.sh picks its own sanitizer options when none are set.
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

if ! sh fuzz/run-fuzz.sh "$seconds"; then
  echo "test-fuzz: FAILED" >&2
  if compgen -G "$root/fuzz/crashes/*" >/dev/null; then
    echo "test-fuzz: inputs that failed (add each to its target's corpus in fuzz/ as a regression test once fixed):" >&2
    ls -l "$root"/fuzz/crashes/ >&2
  fi
  echo "test-fuzz: $(( $(date +%s) - start )) s" >&2
  exit 1
fi

echo "test-fuzz: $(( $(date +%s) - start )) s"
echo "test-fuzz: passed"
