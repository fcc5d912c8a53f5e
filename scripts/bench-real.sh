#!/usr/bin/env bash
# The command line on real text against ripgrep finding every figure, one core.
#
#   scripts/bench-real.sh [BIN] [MB]
#
# Builds F, the drafts of ../shared/corpus (*.txt) concatenated to about MB
# megabytes (9 by default) in a temporary folder (nothing is copied into
# the repository), then times, best of five each:
#   taskset -c 0 BIN check --format json F
#   taskset -c 0 rg -j1 -c '[0-9]+(\.[0-9]+)?' F
# and prints both, their ratio, gouji's throughput and its peak memory
# (/usr/bin/time -v). BIN defaults to target/release/gouji (built if absent).
# Skips, with a note, when the corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/corpus
bin=${1:-target/release/gouji}
mb=${2:-9}

shopt -s nullglob
drafts=("$corpus"/*.txt)
if [[ ${#drafts[@]} -eq 0 ]]; then
  echo "bench-real: no drafts in $corpus; skipped"
  exit 0
fi
for tool in rg taskset; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-real: $tool not found (apt-get install ripgrep util-linux); skipped"
    exit 0
  fi
done
[[ -x $bin ]] || cargo build --release --quiet

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=$tmp/real.txt
target=$((mb * 1000 * 1000))
while :; do
  for d in "${drafts[@]}"; do
    cat "$d" >>"$f"
    printf '\n\n' >>"$f"
  done
  (($(stat -c %s "$f") < target)) || break
done
size=$(stat -c %s "$f")

# Best of five wall-clock runs, in seconds.
best() {
  local best=
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    local t=$((t1 - t0))
    if [[ -z $best || $t -lt $best ]]; then best=$t; fi
  done
  echo "$best"
}

g=$(best taskset -c 0 "$bin" check --format json "$f")
r=$(best taskset -c 0 rg -j1 -c '[0-9]+(\.[0-9]+)?' "$f")
# gouji exits 1 when it finds errors: not a failure here.
peak=$({ /usr/bin/time -v taskset -c 0 "$bin" check --format json "$f" 2>&1 >/dev/null || true; } | awk -F': ' '/Maximum resident/ {print $2}')

awk -v size="$size" -v g="$g" -v r="$r" -v peak="$peak" 'BEGIN {
  mb = size / 1e6
  printf "real text: %.1f MB (%d bytes) from the drafts of the corpus, one core, best of 5\n", mb, size
  printf "| | time | throughput | ratio |\n|---|---|---|---|\n"
  printf "| rg -j1 -c figures | %.1f ms | %.0f MB/s | 1x |\n", r / 1e6, mb / (r / 1e9)
  printf "| gouji check --format json | %.1f ms | %.1f MB/s | %.1fx |\n", g / 1e6, mb / (g / 1e9), g / r
  printf "| peak memory of gouji check | %.1f MB | | %.1fx the input |\n", peak * 1024 / 1e6, peak * 1024 / size
}'
