#!/usr/bin/env bash
# Emacs in batch mode with gouji.el (eglot) against a real gouji: diagnostics through
# flymake, a hover, gouji-fix-all.
#
#   editors/emacs/test/run.sh          # gouji from GOUJI_BIN, else target/debug/gouji
#
# Needs Emacs 29+, or Emacs 28 with eglot (Debian: apt-get install emacs-nox elpa-eglot).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
editors="$(cd "$here/../.." && pwd)"
repo="$(dirname "$editors")"
gouji="${GOUJI_BIN:-$repo/target/debug/gouji}"
emacs="${EMACS:-emacs}"

case "$gouji" in /*) ;; *) gouji="$PWD/$gouji" ;; esac
if [ ! -x "$gouji" ]; then
  echo "run.sh: no gouji executable at $gouji (build it, or set GOUJI_BIN)" >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/drafts" "$tmp/home"
ln -s "$gouji" "$tmp/bin/gouji"
cp "$editors/testdata/draft.txt" "$tmp/drafts/draft.txt"

# -q, not -Q: Debian's site-start puts its elpa-eglot on the load-path.
HOME="$tmp/home" GOUJI_DRAFT="$tmp/drafts/draft.txt" PATH="$tmp/bin:$PATH" \
  timeout 120 "$emacs" --batch -q -L "$editors/emacs" -l "$here/eglot-test.el" </dev/null
