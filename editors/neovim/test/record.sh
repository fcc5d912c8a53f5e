#!/usr/bin/env bash
# Records editors/neovim-session.txt: Neovim under tmux with the plugin and a real
# gouji, the screen captured after opening the draft, after K (hover) on a total, and
# after :GoujiFixAll.
#
#   editors/neovim/test/record.sh      # GOUJI_BIN, NVIM as in run.sh; needs tmux
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin="$(dirname "$here")"
editors="$(dirname "$plugin")"
gouji="${GOUJI_BIN:-$(dirname "$editors")/target/debug/gouji}"
nvim="${NVIM:-nvim}"
out="$editors/neovim-session.txt"
case "$gouji" in /*) ;; *) gouji="$PWD/$gouji" ;; esac

tmp="$(mktemp -d)"
session="gouji-record-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/预算公开"
ln -s "$gouji" "$tmp/bin/gouji"
cp "$editors/testdata/draft.txt" "$tmp/预算公开/draft.txt"

tmux new-session -d -s "$session" -x 132 -y 24 \
  "cd '$tmp/预算公开' && PATH='$tmp/bin':\$PATH XDG_STATE_HOME='$tmp/state' XDG_DATA_HOME='$tmp/data' \
   '$nvim' --clean --cmd 'set rtp^=$plugin' -c \"lua require('gouji').setup{}\" draft.txt"

# The screen without the empty lines Neovim marks with ~ at its end.
capture() {
  tmux capture-pane -t "$session" -p | sed -e 's/[[:space:]]*$//' |
    awk '{ lines[NR] = $0 } END { n = NR; while (n > 0 && (lines[n] == "" || lines[n] == "~")) n--;
           for (i = 1; i <= n; i++) print lines[i] }'
}
settle() { sleep "${1:-2}"; }

{
  echo "# Neovim $("$nvim" --version | head -1 | cut -d' ' -f2) with editors/neovim and $("$gouji" --version),"
  echo "# recorded by editors/neovim/test/record.sh (tmux capture-pane)."
  echo
  echo "## nvim --clean --cmd 'set rtp^=editors/neovim' -c \"lua require('gouji').setup{}\" draft.txt"
  echo
  settle 3
  capture | sed '/^~$/d'
  echo
  echo "## /100 <Enter> K      (hover on the total)"
  echo
  tmux send-keys -t "$session" '/100' Enter
  settle 0.5
  tmux send-keys -t "$session" K
  settle
  capture
  echo
  echo "## <Esc> j :GoujiFixAll      (the safe fix: 占 20% becomes 占 25%; the total is left to you)"
  echo
  tmux send-keys -t "$session" Escape
  settle 0.3
  tmux send-keys -t "$session" j
  settle 0.3
  tmux send-keys -t "$session" ':GoujiFixAll' Enter
  settle
  capture | sed '/^~$/d'
} >"$out"
tmux send-keys -t "$session" ':qa!' Enter
echo "wrote $out"
