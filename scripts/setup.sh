#!/usr/bin/env bash
# One command from a fresh clone: install the Debian packages, build in release mode, and open
# the editor on the built-in demo project (its media is generated on first run).
# Extra arguments go to termcut: `scripts/setup.sh open my.termcut`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
swift build -c release --product termcut
exec .build/release/termcut "$@"
