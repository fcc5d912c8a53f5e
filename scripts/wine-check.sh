#!/usr/bin/env bash
# Checks a Windows gouji.exe under wine against the Linux gouji:
#   - `check` on a draft in GBK with CRLF line ends, in a folder and a file named in
#     Chinese, gives the same findings (human and JSON output, exit status) as on Linux;
#   - output to a pipe is UTF-8 (the findings' Chinese text read back as UTF-8);
#   - `check -` reads standard input; `rules` lists the same rules; `check --fix` writes
#     the same file (GBK and CRLF kept);
#   - `lsp` answers over stdio and publishes the same diagnostics;
#   - in a console whose code page is 936 the Chinese text arrives as GBK, not mojibake.
#
#   scripts/wine-check.sh path/to/gouji.exe path/to/gouji
#
# Needs Debian's wine (apt-get install wine wine64) and iconv. The wine prefix is kept in
# ${XDG_CACHE_HOME:-~/.cache}/gouji-wine (made once, about 20 s).
set -euo pipefail

exe="$(realpath "$1")"
linux="$(realpath "$2")"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

wine=$(command -v wine64 || true)
[[ -n $wine ]] || wine=/usr/lib/wine/wine64 # Debian's wine64 package keeps it here
[[ -x $wine ]] || { echo "wine-check: no wine64 (apt-get install wine wine64)" >&2; exit 2; }
export WINEPREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/gouji-wine"
export WINEDEBUG=-all
if [[ ! -f $WINEPREFIX/system.reg ]]; then
  echo "wine-check: making the wine prefix $WINEPREFIX"
  "$wine" wineboot -i >/dev/null 2>&1 || true
fi
echo "wine-check: $("$wine" --version), $("$wine" cmd /c ver 2>/dev/null | tr -d '\r' | grep -v '^$')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
folder="$work/预算 草稿"
mkdir -p "$folder"
draft="2025年部门预算（草稿）.txt"
iconv -f UTF-8 -t GBK "$repo/examples/draft.txt" | sed 's/$/\r/' >"$folder/$draft"
if iconv -f GBK -t UTF-8 "$folder/$draft" | cmp -s - <(sed 's/$/\r/' "$repo/examples/draft.txt"); then
  echo "wine-check: the draft $draft is GBK with CRLF line ends ($(grep -c $'\r$' "$folder/$draft") lines)"
else
  echo "wine-check: the draft did not convert to GBK" >&2
  exit 1
fi

failed=0
same() { # NAME LINUX_FILE WINDOWS_FILE
  if cmp -s "$2" "$3"; then
    echo "ok   $1"
  else
    echo "FAIL $1"
    diff "$2" "$3" | head -20 || true
    failed=1
  fi
}

run_both() { # NAME DIR ARGS... : runs both in DIR, compares stdout (paths with /) and exit status
  local name="$1" dir="$2" lrc=0 wrc=0
  shift 2
  (cd "$dir" && "$linux" "$@") >"$work/linux.out" 2>"$work/linux.err" || lrc=$?
  (cd "$dir" && "$wine" "$exe" "$@") 2>"$work/wine.err" | sed 's#\\\\#/#g; s#\\#/#g' >"$work/wine.out" || wrc=$?
  same "$name: output" "$work/linux.out" "$work/wine.out"
  if [[ $lrc == "$wrc" ]]; then
    echo "ok   $name: exit status $wrc"
  else
    echo "FAIL $name: exit status $lrc on Linux, $wrc under wine"
    cat "$work/wine.err"
    failed=1
  fi
}

run_both "check (human)" "$folder" check --color never "$draft"
grep -q '^error: ' "$work/wine.out" || { echo "FAIL check found nothing"; failed=1; }
echo "     $(grep -c '^error: ' "$work/wine.out") findings, e.g.: $(grep -m1 '^error: ' "$work/wine.out")"
if iconv -f UTF-8 -t UTF-8 "$work/wine.out" >/dev/null && grep -q '万元' "$work/wine.out"; then
  echo "ok   output to a pipe is UTF-8 (万元 read back)"
else
  echo "FAIL output to a pipe is not UTF-8"
  failed=1
fi
run_both "check (json)" "$folder" check --format json "$draft"
run_both "check a folder named in Chinese" "$work" check --color never --format json "预算 草稿"
(cd "$folder" && "$linux" check --format json - <"$draft") >"$work/linux.out" || true
(cd "$folder" && "$wine" "$exe" check --format json - <"$draft") >"$work/wine.out" || true
same "check - (standard input)" "$work/linux.out" "$work/wine.out"
run_both "rules" "$work" rules
mkdir "$work/fix-linux" "$work/fix-wine"
cp "$folder/$draft" "$work/fix-linux/"
cp "$folder/$draft" "$work/fix-wine/"
(cd "$work/fix-linux" && "$linux" check --fix "$draft" >/dev/null) || true
(cd "$work/fix-wine" && "$wine" "$exe" check --fix "$draft" >/dev/null) || true
if cmp -s "$folder/$draft" "$work/fix-wine/$draft"; then
  echo "FAIL check --fix changed nothing"
  failed=1
else
  same "check --fix: the same file, still GBK with CRLF" "$work/fix-linux/$draft" "$work/fix-wine/$draft"
fi

"$repo/scripts/lsp-smoke.py" "$folder/$draft" "$linux" >"$work/linux.lsp"
if "$repo/scripts/lsp-smoke.py" "$folder/$draft" "$wine" "$exe" >"$work/wine.lsp"; then
  same "lsp: initialize, didOpen, publishDiagnostics ($(wc -l <"$work/wine.lsp") diagnostics)" \
    "$work/linux.lsp" "$work/wine.lsp"
else
  echo "FAIL lsp under wine"
  failed=1
fi

# A console whose code page is 936 (GBK): wine makes one on a terminal in a GBK locale.
# gouji writes to a console in UTF-16, which the console shows in its code page: the
# terminal must receive GBK. Needs `script` (util-linux) and the zh_CN.GBK locale
# (made with localedef when the locales package is there).
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.gbk$' && command -v localedef >/dev/null; then
  localedef -i zh_CN -f GBK zh_CN.GBK >/dev/null 2>&1 || true
fi
if command -v script >/dev/null && locale -a 2>/dev/null | grep -qi '^zh_CN\.gbk$'; then
  # An ASCII name: wine would read a UTF-8 argument as GBK in this locale. Standard input
  # from /dev/null: with none at all (as in CI), script(1) ends before wine has written.
  cp "$folder/$draft" "$work/console.txt"
  (cd "$work" && LANG=zh_CN.GBK LC_ALL=zh_CN.GBK timeout 120 \
    script -qc "'$wine' '$exe' check --color never console.txt" /dev/null </dev/null) >"$work/console.raw" || true
  line9="$(sed -n 9p "$repo/examples/draft.txt")"
  if iconv -f GBK -t UTF-8 "$work/console.raw" 2>/dev/null | tr -d '\r' | grep -qF "$line9" &&
    ! grep -qF "$line9" "$work/console.raw"; then
    echo "ok   a console in code page 936 (zh_CN.GBK) gets the text in GBK"
  else
    echo "FAIL a console in code page 936 does not show the draft's text"
    head -c 400 "$work/console.raw" | od -c | head
    failed=1
  fi
else
  echo "skip a GBK console: no script(1) or no zh_CN.GBK locale (apt-get install locales)"
fi

if [[ $failed == 0 ]]; then
  echo "wine-check: all passed"
else
  echo "wine-check: FAILED"
fi
exit $failed
