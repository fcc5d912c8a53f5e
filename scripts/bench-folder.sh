#!/usr/bin/env bash
# A region's review at scale: COUNT generated drafts (`examples/drafts.rs`,
# each under a department's title, prose and tables) checked as one folder,
# `--format json` and `--format html`, on 1 and 2 threads
# (RAYON_NUM_THREADS); prints the wall time and the peak memory
# (/usr/bin/time -v) of each run.
#
#   scripts/bench-folder.sh [BIN] [COUNT] [KB]
#
# BIN defaults to target/debug/gouji (built if absent: the dev profile is
# optimised), COUNT to 1000, KB (each draft's size) to 32, about a real
# disclosure's text. The drafts go to a temporary folder, removed after.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-target/debug/gouji}
count=${2:-1000}
kb=${3:-32}
if [[ ! -x /usr/bin/time ]]; then
  echo "bench-folder: /usr/bin/time not found (apt-get install time); skipped"
  exit 0
fi
[[ -x $bin ]] || cargo build --quiet

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --example drafts -- "$tmp/drafts" "$count" "$kb"
echo "bench-folder: $count drafts, $(du -sh --apparent-size "$tmp/drafts" | cut -f1) in all, $(nproc) cores"
for format in json html; do
  for threads in 1 2; do
    # gouji exits 1: the drafts have planted errors.
    RAYON_NUM_THREADS=$threads /usr/bin/time -v "$bin" check "$tmp/drafts" --format "$format" --output "$tmp/out.$format" 2>"$tmp/time" || true
    wall=$(grep 'Elapsed (wall clock)' "$tmp/time" | awk '{print $NF}')
    user=$(grep 'User time' "$tmp/time" | awk '{print $NF}')
    rss=$(grep 'Maximum resident' "$tmp/time" | awk '{print $NF}')
    printf 'format=%-4s threads=%s wall=%s user=%ss peak=%s MB output=%s\n' "$format" "$threads" "$wall" "$user" "$((rss / 1024))" "$(du -h --apparent-size "$tmp/out.$format" | cut -f1)"
  done
done
