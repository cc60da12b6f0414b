#!/usr/bin/env bash
# Installs the Debian 12 packages Residency Atlas needs to build, test and run.
# Idempotent: does nothing (and needs no network) when every package is already present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-qpa-plugins libqt6sql6-sqlite
  libqt6svg6 libgl-dev libvulkan-dev
  libgraphviz-dev graphviz
  libyaml-cpp-dev libsimdjson-dev libsqlite3-dev zlib1g-dev libjemalloc-dev
  xvfb xauth poppler-utils fonts-dejavu-core fonts-wqy-microhei
  dpkg-dev file python3 python3-yaml python3-jsonschema jq
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
