#!/usr/bin/env bash
# Creates (or reuses) a Python virtual environment with the reference OpenTimelineIO and its
# CMX 3600 adapter, for the interchange tests that check our exports against the real library.
#
#   scripts/otio-venv.sh            # prints the venv's python path on the last line of stdout
#   TERMCUT_OTIO_VENV=/some/dir scripts/otio-venv.sh
#
# Default location: <repo>/.build/otio-venv (ignored by git). Needs `python3 -m venv`; on Debian
# that is the python3-venv package (installed here with apt-get when missing and we are root).
# Exit status 0 with the path printed, or non-zero with the reason on stderr (no PyPI, no venv).
set -euo pipefail

OTIO_VERSION="0.18.1"
ADAPTER_VERSION="1.0.0"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${TERMCUT_OTIO_VENV:-$repo/.build/otio-venv}"
stamp="$venv/.termcut-otio-$OTIO_VERSION-cmx-$ADAPTER_VERSION"

if [[ -f "$stamp" && -x "$venv/bin/python" ]]; then
    echo "$venv/bin/python"
    exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
    echo "otio-venv: no $python on PATH" >&2
    exit 2
fi

# `python3 -m venv` needs ensurepip, which Debian ships separately as python3-venv.
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "otio-venv: installing python3-venv with apt-get (python3 -m venv needs it)" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
    else
        echo "otio-venv: python3 -m venv is unavailable (install the python3-venv package)" >&2
        exit 2
    fi
fi

mkdir -p "$(dirname "$venv")"
rm -rf "$venv"
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet \
    "opentimelineio==$OTIO_VERSION" "otio-cmx3600-adapter==$ADAPTER_VERSION" >&2
"$venv/bin/python" -c 'import opentimelineio, otio_cmx3600_adapter' >&2
touch "$stamp"
echo "$venv/bin/python"
