#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Job 3 of the Flatpak offline test: builds the real manifest on the
# stand-in runtime (job 1) with the module tarballs of job 2, offline, the
# app with -Dcurrent-api=true (deprecated API of the stand-in's libraries
# is an error), and publishes it with flatpak/publish.sh, as a maintainer
# would, into _build-flatpak/site for http://127.0.0.1:8642/: the signed
# repository, the .flatpakref, the .flatpakrepo and the bundle. The signing
# key is a throwaway one made here (_build-flatpak/work/gnupg-test).
#
# THE FOLDER IS FOR TESTS ONLY: it holds an app built on the stand-in
# runtime, signed with a throwaway key, for a server on 127.0.0.1.
#
# Needs: flatpak, flatpak-builder, eu-strip (run by flatpak-builder on the
# host), gpg, git, python3. Environment: see flatpak/lib.sh.

set -euo pipefail
# shellcheck source=flatpak/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

require_tools flatpak flatpak-builder eu-strip gpg git python3
FLATPAK_USER_DIR=$standin_installation flatpak --user info "$sdk//$runtime_version" >/dev/null 2>&1 ||
  die "the stand-in $sdk//$runtime_version is not installed: run flatpak/standin-runtime.sh first"

# The app's source: the files git knows of (tracked and untracked, not
# ignored), as they are in the working tree, so build directories and caches
# in the checkout never reach the build.
stage_source () {
  local stage=$1
  rm -rf "$stage"
  mkdir -p "$stage"
  if git -C "$srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$srcdir" ls-files -z --cached --others --exclude-standard |
      (cd "$srcdir" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
      tar -C "$srcdir" --null -T - -cf - | tar -C "$stage" -xf -
  else
    tar -C "$srcdir" --exclude='./_build*' --exclude='./_install*' --exclude=./.git -cf - . |
      tar -C "$stage" -xf -
  fi
}

step "A throwaway signing key"
mkdir -p "$work"
make_test_key "$work/gnupg-test" "Jpom Community test key"
test_key=$new_key
echo "$test_key" > "$work/gnupg-test/key"
info "key $test_key in $work/gnupg-test"

step "publish.sh refuses to publish without a key"
refusal=$(env -u JPOM_FLATPAK_GPG_KEY -u JPOM_FLATPAK_GPG_HOME \
            bash "$flatpak_src/publish.sh" --url "$site_url" --output "$work/no-key" 2>&1 </dev/null) &&
  die "publish.sh ran without a signing key"
grep -q 'no signing key' <<<"$refusal" || die "publish.sh failed without a key, but did not say so: $refusal"
[ ! -e "$work/no-key/repo" ] || die "publish.sh wrote a repository without a key"
info "$refusal"

step "Building $app_id and publishing it (offline, deprecations are errors)"
stage_source "$work/source"
info "source staged in $work/source ($(find "$work/source" -type f | wc -l) files)"
rm -rf "$site"
publish_for_test "$work/source" "$test_key" "$work/gnupg-test" "$work/publish.log"
warnings=$(grep -cE '\.[ch]:[0-9]+:[0-9]+: warning: ' "$work/publish.log" || true)
info "C compiler warnings in the log (all modules): $warnings"
(cd "$site" && find . -maxdepth 2 ! -path './repo/*' -type f | LC_ALL=C sort | sed 's/^/    /')

finish_job
