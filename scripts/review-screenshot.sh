#!/usr/bin/env bash
# The review page as a reviewer sees it: `gouji check FOLDER --format html`
# opened in headless Chromium (Debian's package), screenshot taken.
#
#   scripts/review-screenshot.sh [FOLDER] [PNG] [WIDTHxHEIGHT]
#
# FOLDER defaults to ../shared/corpus when it is there, else tests/fixtures;
# PNG to docs/review.png (the screenshots the README shows: the top of the
# page, and PNG's name with -document, the first documents' findings); the window to
# 1280x1800. The page is written to a temporary folder (nothing else is
# written into the repository). Run by hand, not in CI:
#   apt-get install chromium fonts-noto-cjk
# Skips with a note when Chromium is absent. GOUJI names the binary
# (target/debug/gouji by default, built if absent).
set -euo pipefail
cd "$(dirname "$0")/.."

folder=${1:-}
if [[ -z $folder ]]; then
  if [[ -d ../shared/corpus ]]; then folder=../shared/corpus; else folder=tests/fixtures; fi
fi
png=${2:-docs/review.png}
size=${3:-1280x1800}
bin=${GOUJI:-target/debug/gouji}

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "review-screenshot: chromium not found (apt-get install chromium fonts-noto-cjk); skipped"
  exit 0
fi
[[ -x $bin ]] || cargo build --quiet

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# gouji exits 1 when it finds errors, 2 when a file cannot be read: the
# page is written all the same.
"$bin" check "$folder" --format html --output "$tmp/review.html" 2>"$tmp/stderr" || true
if [[ ! -s $tmp/review.html ]]; then
  cat "$tmp/stderr" >&2
  echo "review-screenshot: no page written" >&2
  exit 1
fi
mkdir -p "$(dirname "$png")"
# No network: the page loads nothing, and Chromium is told to fetch nothing either.
shoot() {
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --window-size="${size/x/,}" --screenshot="$(realpath -m "$2")" "file://$1" >/dev/null 2>"$tmp/chromium.log" || {
    cat "$tmp/chromium.log" >&2
    exit 1
  }
}
shoot "$tmp/review.html" "$png"
# The documents' findings, further down: headless Chromium does not scroll
# to a fragment before its screenshot, so a copy of the page hides what is
# above them.
sed 's|</style>|header, p.hint, table.summary, .charts, #rules, #not-checked { display: none; }</style>|' "$tmp/review.html" >"$tmp/documents.html"
shoot "$tmp/documents.html" "${png%.png}-document.png"
echo "review-screenshot: $folder → $png, ${png%.png}-document.png ($(wc -c <"$tmp/review.html") bytes of HTML)"
