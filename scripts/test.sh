#!/usr/bin/env bash
# The whole test suite: installs what the tests need (reference tools, tmux, Xvfb), builds, runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh --test
swift build --build-tests
swift test --skip-build "$@"
