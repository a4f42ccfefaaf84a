#!/usr/bin/env bash
# Installs the Debian packages termcut needs (skipping what is installed), with sudo when not root.
#   scripts/install-deps.sh          libraries to build and run termcut
#   scripts/install-deps.sh --test   plus the tools the test suite uses as references and drivers
set -euo pipefail

runtime=(pkg-config libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
         libsdl2-dev libncurses-dev libebur128-dev libharfbuzz-dev libfribidi-dev libfreetype-dev libfontconfig-dev fonts-dejavu-core
         fonts-wqy-microhei  # a CJK font for titles: DejaVu has no CJK, and a title falls back to it
         espeak-ng)  # espeak-ng speaks scratch voice-overs (scratch-voiceover)
testing=(ffmpeg tmux xvfb python3-venv sox slurm-wlm munge)

wanted=("${runtime[@]}")
[ "${1:-}" = "--test" ] && wanted+=("${testing[@]}")

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "termcut: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v swift >/dev/null 2>&1; then
  for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$d/swift" ] && export PATH="$d:$PATH" && break
  done
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "termcut: a Swift 6 toolchain is needed and Debian 12 does not package one;" >&2
  echo "         install it from swift.org (Debian 12 tarball) and put its usr/bin on PATH." >&2
  exit 1
fi
