#!/usr/bin/env bash
# The workspace at 10^6 (issue 17), as whole processes of the release binary: wall time and peak
# RSS of
#   1. import of a 10^6-resource AWS Config export into a new workspace, then check on it
#      (the end to end: import → estate.ratlas → check);
#   2. import of an inventory of 10^6 flows (10^5 workloads) into a new workspace — the save of
#      10^6 flows — and check on it (reopening and showing findings);
#   3. the same inventory imported again: a second snapshot that writes no entity row;
#   4. workspace export of it back to JSON, and audit verify.
# Prints a Markdown table. Files go to ATLAS_BENCH_DIR (default /tmp/atlas-bench); the inputs are
# generated when missing and kept, the workspaces are rebuilt each run.
#
#   bench/bench_workspace.sh
#   ATLAS_BENCH_FLOWS=100000 ATLAS_BENCH_SKIP_BUILD=1 bench/bench_workspace.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${ATLAS_BENCH_DIR:-/tmp/atlas-bench}"
flows="${ATLAS_BENCH_FLOWS:-1000000}"
resources="${ATLAS_BENCH_RESOURCES:-1000000}"
seed="${ATLAS_BENCH_SEED:-20261101}"
as_of="2026-11-28"
[ -x /usr/bin/time ] || { echo "bench/bench_workspace.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }
cd "$root"
if [ -z "${ATLAS_BENCH_SKIP_BUILD:-}" ]; then
  cmake --preset release >&2
  cmake --build --preset release --target residency-atlas atlas-gen-inventory gen_exports >&2
fi
app="$root/build/release/bin/residency-atlas"
bin="$root/build/release/bench"
mkdir -p "$out"
inventory="$out/check-${flows}.json"
[ -s "$inventory" ] || "$bin/atlas-gen-inventory" --workloads $(( flows / 10 )) --flows "$flows" --format json \
  --seed "$seed" --out "$inventory" >&2
export_file="$out/export-aws-config-${resources}.json"
[ -s "$export_file" ] || "$bin/gen_exports" aws-config "$resources" "$export_file" >&2

# measure LABEL COMMAND...: one row (exit 1 is "findings at or above --fail-on", not a failure)
measure() {
  local label="$1"; shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$out/workspace-time.txt" "$@" >/dev/null 2>"$out/workspace-stderr.txt" || status=$?
  [ "$status" -le 1 ] || { echo "bench/bench_workspace.sh: $label exited $status" >&2; cat "$out/workspace-stderr.txt" >&2; exit 1; }
  read -r wall rss < <(tail -n 1 "$out/workspace-time.txt")
  printf '| %s | %s | %d |\n' "$label" "$wall" "$(( rss / 1024 ))"
}

echo "| step | wall s | peak RSS MiB |"
echo "|---|---:|---:|"
rm -f "$out/export.ratlas" "$out/flows.ratlas"
measure "import ${resources}-resource AWS Config export → new workspace" "$app" import "$export_file" --max-input-size 2048 --out "$out/export.ratlas"
measure "check that workspace" "$app" check "$out/export.ratlas" --as-of "$as_of"
measure "import ${flows}-flow inventory → new workspace (save of ${flows} flows)" "$app" import "$inventory" --out "$out/flows.ratlas"
measure "check that workspace (reopen + findings)" "$app" check "$out/flows.ratlas" --as-of "$as_of"
measure "import it again (snapshot 2, nothing changed)" "$app" import "$inventory" --out "$out/flows.ratlas"
measure "workspace export → JSON" "$app" workspace export "$out/flows.ratlas" --out "$out/flows-exported.json"
measure "audit verify" "$app" audit verify "$out/flows.ratlas"
echo
echo "workspace sizes: export.ratlas $(du -m "$out/export.ratlas" | cut -f1) MiB, flows.ratlas $(du -m "$out/flows.ratlas" | cut -f1) MiB"
