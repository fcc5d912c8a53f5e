#!/usr/bin/env bash
# Builds the release artefacts from a clean checkout, into dist/ (or --out DIR):
#
#   gouji-V-x86_64-linux.tar.gz   Linux x86_64, one static executable (glibc, +crt-static)
#   gouji-V-aarch64-linux.tar.gz  Linux aarch64 (ARM 64-bit), the same, cross-built
#   gouji-V-x86_64-windows.exe    Windows x86_64 (7 and later), cross-built with mingw-w64
#   gouji-V-windows-x64.zip       the portable folder for Windows: gouji.exe, the VS Code
#                                 package, README.txt (in Chinese) with screenshots of its
#                                 three steps, example.txt
#   gouji-V-win32-x64.vsix        VS Code, carrying gouji.exe
#   gouji-V-linux-x64.vsix        VS Code, carrying the Linux gouji
#   gouji-V.vsix                  VS Code without a binary (gouji.path, else PATH)
#   SHA256SUMS
#
# and checks them: the Linux executable is static and finds the example draft's errors,
# over the command line and over LSP; the linux-x64 .vsix activates with the gouji it
# carries and no gouji on PATH (editors/vscode/src/test/activation.test.ts); gouji.exe
# gives under wine the same findings as Linux on a GBK draft with CRLF line ends, in a
# folder named in Chinese (scripts/wine-check.sh); the aarch64 executable is static and
# gives the x86_64 one's findings under qemu-aarch64.
#
#   scripts/release.sh                 # everything (from clean: about 25 CPU-minutes)
#   scripts/release.sh --ci            # what .ci/run runs: see below
#   scripts/release.sh --linux         # the Linux executable and its checks only
#   scripts/release.sh --no-wine       # everything but the wine check
#   scripts/release.sh --no-aarch64    # everything but Linux aarch64
#   scripts/release.sh --out DIR
#
# --ci proves the builds in minutes, into target/ci-dist (or --out DIR): the Linux static
# executable and gouji.exe, built with the `ci` profile of Cargo.toml (no LTO, 16 codegen
# units, opt-level 0) instead of the release profile, each checked as above, and gouji.exe
# under wine; no .vsix, no zip (editors/ci.sh packages the extension); not aarch64 unless
# --aarch64 (it would take CI's run past 30 minutes: its std, built from source too, and
# gouji took 250 CPU-seconds, 9½ minutes on the shared machine). What it needs is
# installed when missing; a part whose tools cannot be installed (not root, no sudo, the
# package not to be had) is skipped with a note that says so, and the run does not fail.
#
# What it needs beyond cargo (1.85 or later, for Linux) and node/npm (for the .vsix), all
# from Debian 12 and installed when missing if run as root:
#   rustc-web cargo-web rust-web-src   Rust 1.96 with its library's source: there is no
#                                      prebuilt Windows std for it in Debian, so the std is
#                                      built from that source (cargo -Zbuild-std)
#   gcc-mingw-w64-x86-64-win32         the linker and C runtime for Windows
#   wine wine64                        the check of gouji.exe
#   gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
#                                      the linker and C library for aarch64, and the check
#
# The Windows target is x86_64-win7-windows-gnu: the same code as x86_64-pc-windows-gnu
# but it runs on Windows 7 too, and under Debian 12's wine 8 (x86_64-pc-windows-gnu's std
# needs bcryptprimitives.dll, which wine 8 lacks). Rust's std writes to a Windows console
# in UTF-16 (any code page shows Chinese) and writes UTF-8 to files and pipes.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
out=
linux_only=
ci=
wine_check=1
aarch64=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ci) ci=1 ;;
    --linux) linux_only=1 ;;
    --no-wine) wine_check= ;;
    --aarch64) aarch64=1 ;;
    --no-aarch64) aarch64=0 ;;
    --out) out="$(realpath -m "$2")"; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# The release files are built with the release profile (thin LTO, one codegen unit);
# --ci builds with the ci profile, which builds in a fraction of the time.
profile=release
if [[ -n $ci ]]; then
  profile=ci
  out="${out:-$repo/target/ci-dist}"
fi
out="${out:-$repo/dist}"
[[ -n $aarch64 ]] || { [[ -n $ci ]] && aarch64=0 || aarch64=1; }

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
windows_target="${GOUJI_WINDOWS_TARGET:-x86_64-win7-windows-gnu}"
windows_cargo="${GOUJI_WINDOWS_CARGO:-/usr/bin/cargo}"
windows_rustc="${GOUJI_WINDOWS_RUSTC:-/usr/bin/rustc}"
export CARGO_TERM_COLOR=never DEBIAN_FRONTEND=noninteractive
started=$SECONDS

say() { echo "::: release: $*"; }
die() { echo "::: release: $*" >&2; exit 1; }
skipped=()
skip() { # under --ci, a part whose tools cannot be installed: said, and the run goes on
  echo "::: release: SKIPPED $*"
  skipped+=("$*")
}

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo -n "$@"; fi; }
apt_updated=
apt_install() { # installs the Debian packages that are missing
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [[ ${#missing[@]} == 0 ]] && return 0
  say "installing ${missing[*]}"
  local t=$SECONDS
  if [[ -z $apt_updated ]]; then as_root apt-get update -qq </dev/null || return 1; apt_updated=1; fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null || return 1
  say "installed in $((SECONDS - t)) s"
}

rm -rf "$out"
mkdir -p "$out"

# --- Linux x86_64, static ---------------------------------------------------------------
# The gnu target with glibc linked in: Debian's Rust has no musl std either. gouji does
# no name lookups, so none of glibc's static-linking caveats (NSS) apply.
say "Linux x86_64 (static, $profile profile)"
t0=$SECONDS
RUSTFLAGS="-C target-feature=+crt-static" cargo build --locked --profile "$profile" --bin gouji --target x86_64-unknown-linux-gnu
linux_bin="$repo/target/x86_64-unknown-linux-gnu/$profile/gouji"
stage="$out/gouji-$version-x86_64-linux"
mkdir -p "$stage"
strip -o "$stage/gouji" "$linux_bin"
file -b "$stage/gouji" | grep -q 'static.* linked' || die "the Linux executable is not static: $(file -b "$stage/gouji")"
! readelf -d "$stage/gouji" | grep -q NEEDED || die "the Linux executable needs shared libraries"
status=0
"$stage/gouji" check --color never examples/draft.txt >"$out/linux-check.txt" || status=$?
[[ $status == 1 ]] || die "gouji check examples/draft.txt exited $status, not 1"
grep -q '\[list-total-mismatch\]' "$out/linux-check.txt" || die "no list-total-mismatch in the example draft"
[[ $(scripts/lsp-smoke.py examples/draft.txt "$stage/gouji" | grep -c .) -gt 0 ]] || die "gouji lsp published nothing"
rm "$out/linux-check.txt"
cp README.md "$stage/"
tar -C "$out" -czf "$out/gouji-$version-x86_64-linux.tar.gz" "gouji-$version-x86_64-linux"
say "Linux x86_64: static, $(du -k "$stage/gouji" | cut -f1) KiB, checked ($((SECONDS - t0)) s)"

if [[ -n $linux_only ]]; then
  rm -rf "$stage"
  (cd "$out" && sha256sum -- * >SHA256SUMS)
  say "done in $((SECONDS - started)) s:"
  ls -l "$out"
  exit 0
fi

# --- Windows x86_64 ---------------------------------------------------------------------
say "Windows x86_64 ($windows_target, $profile profile)"
t0=$SECONDS
why=
windows_tools() { # installs what the cross-build needs when missing; false when it cannot
  if [[ $windows_cargo == /usr/bin/cargo ]] &&
    ! apt_install rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64; then
    why="apt-get install rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64-win32 failed"
    return 1
  fi
  [[ -x $windows_rustc ]] || die "no $windows_rustc (apt-get install rustc-web cargo-web rust-web-src)"
  library="$("$windows_rustc" --print sysroot)/lib/rustlib/src/rust/library"
  [[ -d $library/std ]] || die "no Rust library source at $library (apt-get install rust-web-src)"
  command -v x86_64-w64-mingw32-gcc >/dev/null || die "no x86_64-w64-mingw32-gcc (apt-get install gcc-mingw-w64-x86-64-win32)"
}
exe=
if ! windows_tools; then
  [[ -n $ci ]] || die "$why"
  skip "the Windows cross-build and the wine check: $why"
else
  say "with $("$windows_rustc" -V), std built from $library"
  # -Zbuild-std is unstable: RUSTC_BOOTSTRAP lets the stable cargo and rustc take it.
  linker_var="CARGO_TARGET_$(echo "$windows_target" | tr 'a-z-' 'A-Z_')_LINKER"
  env RUSTC_BOOTSTRAP=1 RUSTC="$windows_rustc" RUSTDOC="$(dirname "$windows_rustc")/rustdoc" \
    "$linker_var=x86_64-w64-mingw32-gcc" \
    "$windows_cargo" build --locked --profile "$profile" --bin gouji -Zbuild-std=std,panic_abort --target "$windows_target"
  exe="$out/gouji-$version-x86_64-windows.exe"
  x86_64-w64-mingw32-strip -o "$exe" "$repo/target/$windows_target/$profile/gouji.exe"
  file -b "$exe" | grep -q 'PE32+ executable (console) x86-64' || die "not a Windows x86-64 console executable: $(file -b "$exe")"
  # Only DLLs every Windows has: the C runtime and winpthreads are linked in.
  dlls="$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')"
  for dll in $dlls; do
    case "$dll" in
      kernel32.dll | advapi32.dll | ntdll.dll | msvcrt.dll | userenv.dll | ws2_32.dll | bcrypt.dll | api-ms-win-core-*) ;;
      *) die "gouji.exe needs $dll, which Windows does not ship" ;;
    esac
  done
  say "Windows x86_64: $(du -k "$exe" | cut -f1) KiB, imports $dlls($((SECONDS - t0)) s)"

  if [[ -n $wine_check ]]; then
    say "gouji.exe under wine"
    t0=$SECONDS
    if apt_install wine wine64 locales; then
      scripts/wine-check.sh "$exe" "$stage/gouji"
      say "wine check: $((SECONDS - t0)) s"
    elif [[ -n $ci ]]; then
      skip "the wine check: apt-get install wine wine64 locales failed"
    else
      die "apt-get install wine wine64 locales failed (--no-wine to build without the check)"
    fi
  fi
fi

# --- Linux aarch64, static -------------------------------------------------------------
# Debian's Rust has no aarch64 std either: built from rust-web-src as for Windows.
if [[ $aarch64 == 1 ]]; then
  say "Linux aarch64 (static, $profile profile)"
  t0=$SECONDS
  if apt_install rustc-web cargo-web rust-web-src gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user; then
    library="$("$windows_rustc" --print sysroot)/lib/rustlib/src/rust/library"
    [[ -d $library/std ]] || die "no Rust library source at $library (apt-get install rust-web-src)"
    env RUSTC_BOOTSTRAP=1 RUSTC="$windows_rustc" RUSTDOC="$(dirname "$windows_rustc")/rustdoc" \
      CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
      RUSTFLAGS="-C target-feature=+crt-static" \
      "$windows_cargo" build --locked --profile "$profile" --bin gouji -Zbuild-std=std,panic_abort --target aarch64-unknown-linux-gnu
    arm_stage="$out/gouji-$version-aarch64-linux"
    mkdir -p "$arm_stage"
    aarch64-linux-gnu-strip -o "$arm_stage/gouji" "$repo/target/aarch64-unknown-linux-gnu/$profile/gouji"
    file -b "$arm_stage/gouji" | grep -q 'ARM aarch64.*static.* linked' ||
      die "the aarch64 executable is not a static aarch64 one: $(file -b "$arm_stage/gouji")"
    status=0
    qemu-aarch64 "$arm_stage/gouji" check --color never examples/draft.txt >"$out/arm-check.txt" || status=$?
    [[ $status == 1 ]] || die "gouji check examples/draft.txt exited $status under qemu-aarch64, not 1"
    "$stage/gouji" check --color never examples/draft.txt >"$out/x86-check.txt" || true
    cmp -s "$out/x86-check.txt" "$out/arm-check.txt" || die "aarch64 and x86_64 differ on the example draft"
    rm "$out/arm-check.txt" "$out/x86-check.txt"
    cp README.md "$arm_stage/"
    tar -C "$out" -czf "$out/gouji-$version-aarch64-linux.tar.gz" "gouji-$version-aarch64-linux"
    rm -rf "$arm_stage"
    say "Linux aarch64: static, $(du -k "$out/gouji-$version-aarch64-linux.tar.gz" | cut -f1) KiB packed, the x86_64 findings under qemu ($((SECONDS - t0)) s)"
  elif [[ -n $ci ]]; then
    skip "Linux aarch64: apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user failed"
  else
    die "apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user failed (--no-aarch64 to build without it)"
  fi
fi

if [[ -n $ci ]]; then
  rm -rf "$stage"
  (cd "$out" && sha256sum -- * >SHA256SUMS)
  say "done in $((SECONDS - started)) s (ci profile: these are not the release files):"
  ls -l "$out"
  for s in "${skipped[@]}"; do say "SKIPPED $s"; done
  exit 0
fi

# --- VS Code ----------------------------------------------------------------------------
say "VS Code packages"
t0=$SECONDS
vscode="$repo/editors/vscode"
trap 'rm -rf "$vscode/bin"' EXIT
(cd "$vscode" && npm ci --no-audit --no-fund --loglevel=error </dev/null && npm run --silent compile)
package() { # TARGET BINARY OUT: a .vsix for TARGET carrying BINARY (none when both are empty)
  local target="$1" binary="$2" vsix="$3" name=gouji
  rm -rf "$vscode/bin"
  if [[ -n $binary ]]; then
    [[ $target == win32-* ]] && name=gouji.exe
    mkdir "$vscode/bin"
    cp "$binary" "$vscode/bin/$name"
    chmod 755 "$vscode/bin/$name"
  fi
  (cd "$vscode" && npx --no-install vsce package --no-dependencies ${target:+--target "$target"} --out "$vsix" </dev/null)
  rm -rf "$vscode/bin"
  if [[ -n $binary ]]; then
    python3 - "$vsix" "extension/bin/$name" "$(stat -c %s "$binary")" <<'EOF' || die "$vsix does not carry bin/$name"
import sys, zipfile
info = zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2])
assert info.file_size == int(sys.argv[3]), (info.file_size, sys.argv[3])
EOF
  fi
}
package "" "" "$out/gouji-$version.vsix"
package linux-x64 "$stage/gouji" "$out/gouji-$version-linux-x64.vsix"
package win32-x64 "$exe" "$out/gouji-$version-win32-x64.vsix"
say "the linux-x64 package activates with its own gouji, none on PATH"
(cd "$vscode" && npx tsc -p . && GOUJI_VSIX="$out/gouji-$version-linux-x64.vsix" node --test --test-reporter=spec out/test/activation.test.js)
say "VS Code: $((SECONDS - t0)) s"

# --- the portable folder for Windows ----------------------------------------------------
say "the portable zip for Windows"
folder="gouji-$version-windows-x64"
mkdir -p "$out/$folder"
crlf_bom() { printf '\xef\xbb\xbf'; sed 's/\r$//; s/$/\r/'; } # Notepad on Windows 7 reads UTF-8 by its BOM
cp "$exe" "$out/$folder/gouji.exe"
cp "$out/gouji-$version-win32-x64.vsix" "$out/$folder/"
sed "s/@VERSION@/$version/g" packaging/windows/README.txt | crlf_bom >"$out/$folder/README.txt"
mkdir "$out/$folder/screenshots"
cp packaging/windows/screenshots/step*.png "$out/$folder/screenshots/"
crlf_bom <examples/draft.txt >"$out/$folder/example.txt"
(cd "$out/$folder" && sha256sum gouji.exe "gouji-$version-win32-x64.vsix" | sed 's/$/\r/' >SHA256SUMS)
(cd "$out" && python3 -m zipfile -c "$folder.zip" "$folder")
rm -rf "$out/$folder" "$stage"

(cd "$out" && sha256sum -- * >SHA256SUMS)
say "done in $((SECONDS - started)) s:"
ls -l "$out"
