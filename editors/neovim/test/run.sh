#!/usr/bin/env bash
# Headless Neovim against a real gouji: opens a draft with two deliberate errors, waits
# for the diagnostics, hovers a total, applies one quick fix through the code action menu
# (and undoes it), fixes all, changes a setting, restarts.
#
#   editors/neovim/test/run.sh            # gouji from GOUJI_BIN, else target/debug/gouji
#   GOUJI_BIN=target/release/gouji NVIM=/opt/nvim/bin/nvim editors/neovim/test/run.sh
#
# The plugin is set up with exactly `require('gouji').setup{}`: `gouji` is found on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin="$(dirname "$here")"
repo="$(cd "$plugin/../.." && pwd)"
gouji="${GOUJI_BIN:-$repo/target/debug/gouji}"
nvim="${NVIM:-nvim}"

case "$gouji" in /*) ;; *) gouji="$PWD/$gouji" ;; esac
if [ ! -x "$gouji" ]; then
  echo "run.sh: no gouji executable at $gouji (build it, or set GOUJI_BIN)" >&2
  exit 2
fi
if ! command -v "$nvim" >/dev/null; then
  echo "run.sh: no Neovim ($nvim); apt-get install neovim, or set NVIM" >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/drafts"
ln -s "$gouji" "$tmp/bin/gouji"
cp "$plugin/../testdata/draft.txt" "$tmp/drafts/draft.txt"

# A fresh XDG tree, so no user state, shada or log of this machine takes part.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export GOUJI_DRAFT="$tmp/drafts/draft.txt"
status=0
PATH="$tmp/bin:$PATH" timeout 120 "$nvim" --headless --clean \
  --cmd "set rtp^=$plugin" \
  -c "luafile $here/lsp_test.lua" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: Neovim exited with $status" >&2
  log="$(find "$tmp/state" "$tmp/cache" -name 'lsp.log' 2>/dev/null | head -1)"
  if [ -n "$log" ]; then
    echo "--- last lines of $log" >&2
    tail -n 40 "$log" >&2
  fi
fi
exit "$status"
