#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks each translation in po/LINGUAS: it compiles with msgfmt --check,
# keeps the access keys of its labels (a Chinese catalogue, zh_CN's very
# letters), has no untranslated or fuzzy entry, and is up to date with the
# sources (merged with a template extracted now, nothing is missing and
# nothing is left over). TAP output.
#
# Usage: test-po.sh [TOP_SRCDIR]

set -u

top=${1:-${TOP_SRCDIR:-$(dirname "$0")/..}}
cd "$top" || { echo "Bail out! no source tree at $top"; exit 1; }

for tool in xgettext msgmerge msgfmt msgattrib msgexec; do
  command -v "$tool" > /dev/null || { echo "Bail out! $tool not found (gettext)"; exit 1; }
done

domain=jpom-community
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

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
}

# Prints a file as TAP diagnostics.
diag () {
  sed 's/^/# /' "$1"
}

# The template, extracted the way `meson compile jpom-community-pot` does:
# the keywords and flags of meson's i18n glib preset. Written to a temporary
# directory, so the test leaves the source tree alone.
if xgettext --package-name="$domain" --directory=. --files-from=po/POTFILES.in \
     --output="$tmp/$domain.pot" \
     --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
     --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
     --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
     --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
     --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
     2> "$tmp/xgettext.log"; then
  ok "xgettext extracts the template from po/POTFILES.in"
  # Its warnings (a msgid built with a macro, say) are worth reading.
  diag "$tmp/xgettext.log"
else
  not_ok "xgettext extracts the template from po/POTFILES.in"
  diag "$tmp/xgettext.log"
  echo "1..$n"
  exit 1
fi

# Prints, for each message of the catalogue $1 whose msgid has a mnemonic
# ("_Save"), a line "msgctxt|msgid<TAB>access keys of the msgstr" (the
# letters after an underscore: "保存(_S)" gives S). An underscore inside a
# word is not one: XDG_CACHE_HOME names a variable.
mnemonics () {
  msgexec --input="$1" sh -c '
    key="(^|[^[:alnum:]_])_[[:alnum:]]"
    printf "%s" "$MSGEXEC_MSGID" | grep -q -E "$key" || exit 0
    keys=$(grep -o -E "$key" | grep -o "_[[:alnum:]]" | tr -d "_\n")
    printf "%s|%s\t%s\n" "${MSGEXEC_MSGCTXT:-}" "$MSGEXEC_MSGID" "$keys"
  ' | LC_ALL=C sort
}

# The Simplified Chinese access keys, which the other Chinese catalogues
# keep: a reader who knows one knows the other.
if [ -f po/zh_CN.po ]; then
  mnemonics po/zh_CN.po > "$tmp/mnemonics.zh_CN"
fi

# Words of mainland usage that a Taiwan or Hong Kong reader says
# otherwise (設定, 剪貼簿, 網路, 預設, 選單, 視窗, 儲存, 重新整理, 結束,
# 連結, 軟體, 資料夾, 螢幕, 使用者, 圖示, 程式, 訊息/資訊, 檔案): a
# character-by-character conversion keeps them.
mainland_words='設置|剪貼板|網絡|默認|菜單|窗口|保存|刷新|退出|鏈接|軟件|文件夾|屏幕|用戶|圖標|程序|信息|文件名'

# Traditional Chinese catalogues: every msgstr is in Traditional characters
# (OpenCC's s2tw or s2hk, characters and variants only, leaves it as it
# is), and none uses the mainland words above.
traditional_checks () {
  msgexec --input="$2" sh -c 'cat; echo' > "$tmp/msgstrs"

  case $1 in zh_HK) config=s2hk.json ;; *) config=s2tw.json ;; esac
  if ! command -v opencc > /dev/null; then
    ok "$1: every msgstr is in Traditional characters # SKIP opencc not found"
  elif opencc -c "$config" -i "$tmp/msgstrs" -o "$tmp/converted" \
       && diff "$tmp/msgstrs" "$tmp/converted" > "$tmp/simplified"; then
    ok "$1: every msgstr is in Traditional characters"
  else
    not_ok "$1: every msgstr is in Traditional characters (opencc -c $config changes these)"
    diag "$tmp/simplified"
  fi

  if grep -n -E "$mainland_words" "$tmp/msgstrs" > "$tmp/mainland"; then
    not_ok "$1: no mainland word ($mainland_words)"
    diag "$tmp/mainland"
  else
    ok "$1: no mainland word"
  fi
}

for lang in $(grep -v -E '^[[:space:]]*(#|$)' po/LINGUAS); do
  po=po/$lang.po

  if [ ! -f "$po" ]; then
    not_ok "$po exists"
    continue
  fi

  # msgfmt --check: syntax, header, plural forms, c-format arguments.
  if msgfmt --check --statistics --output-file=/dev/null "$po" 2> "$tmp/stats"; then
    ok "$lang: msgfmt --check passes ($(tail -n 1 "$tmp/stats"))"
  else
    not_ok "$lang: msgfmt --check passes"
    diag "$tmp/stats"
  fi

  # Every label with an access key keeps exactly one; a Chinese one keeps
  # zh_CN's letter.
  mnemonics "$po" > "$tmp/mnemonics"
  awk -F '\t' 'length($2) != 1' "$tmp/mnemonics" > "$tmp/bad-mnemonics"
  case $lang in
    zh_*)
      if [ "$lang" != zh_CN ]; then
        LC_ALL=C comm -23 "$tmp/mnemonics" "$tmp/mnemonics.zh_CN" \
          | sed 's/$/  (zh_CN has another)/' >> "$tmp/bad-mnemonics"
      fi ;;
  esac
  if [ ! -s "$tmp/mnemonics" ]; then
    not_ok "$lang: labels keep their access keys (none found)"
  elif [ -s "$tmp/bad-mnemonics" ]; then
    not_ok "$lang: labels keep their access keys"
    diag "$tmp/bad-mnemonics"
  else
    ok "$lang: labels keep their access keys ($(wc -l < "$tmp/mnemonics") labels)"
  fi

  case $lang in
    zh_TW|zh_HK) traditional_checks "$lang" "$po" ;;
  esac

  if grep -q -E 'fuzzy|untranslated' "$tmp/stats"; then
    not_ok "$lang: no untranslated or fuzzy entry"
    diag "$tmp/stats"
    msgattrib --only-fuzzy --no-obsolete "$po" > "$tmp/fuzzy" 2>&1 && diag "$tmp/fuzzy"
    msgattrib --untranslated --no-obsolete "$po" > "$tmp/untranslated" 2>&1 && diag "$tmp/untranslated"
  else
    ok "$lang: no untranslated or fuzzy entry"
  fi

  # Up to date: merged with the fresh template, every string is translated
  # (a new msgid comes in untranslated) and none is obsolete (a msgid the
  # sources no longer have).
  if ! msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" \
         "$po" "$tmp/$domain.pot" 2> "$tmp/merge.log"; then
    not_ok "$lang: msgmerge with the current template"
    diag "$tmp/merge.log"
    continue
  fi

  msgfmt --statistics --output-file=/dev/null "$tmp/$lang.po" 2> "$tmp/merged-stats"
  if grep -q -E 'fuzzy|untranslated' "$tmp/merged-stats"; then
    not_ok "$lang: every string in the sources is translated (run: meson compile -C BUILDDIR $domain-update-po)"
    diag "$tmp/merged-stats"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" > "$tmp/new" 2>&1 && diag "$tmp/new"
  else
    ok "$lang: every string in the sources is translated"
  fi

  msgattrib --only-obsolete --no-wrap "$tmp/$lang.po" | grep -E '^#~ (msgctxt|msgid) ' > "$tmp/old"
  if [ -s "$tmp/old" ]; then
    not_ok "$lang: no entry for a string the sources no longer have"
    diag "$tmp/old"
  else
    ok "$lang: no entry for a string the sources no longer have"
  fi
done

echo "1..$n"
exit $failed
