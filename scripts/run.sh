#!/usr/bin/env bash
# Sets up (Debian packages, configure, build the release preset) and starts Residency Atlas on
# the bundled sample. Idempotent: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
BIN=build/release/bin/residency-atlas
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
  echo "No display found: showing the bundled sample on the command line instead."
  echo "(On a desktop this command opens the main window; 'xvfb-run $BIN' runs it on a virtual display.)"
  exec "$BIN" inventory resources/samples/northwind-ai.yaml
fi
exec "$BIN" "$@"
