#!/usr/bin/env bash
# Sets up (Debian packages, configure, build the dev preset: Debug + ASan + UBSan) and runs the
# whole test suite. Idempotent: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev
