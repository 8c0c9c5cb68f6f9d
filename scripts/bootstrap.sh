#!/usr/bin/env bash
# One command for a fresh machine: installs the Debian packages, builds the release preset and
# runs the demo (scripts/demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
scripts/demo.sh
