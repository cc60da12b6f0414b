#!/usr/bin/env bash
# Builds the release preset, generates synthetic inventories outside the repository and times
# loading + residency resolution of each in a fresh process. Prints a Markdown table.
#
#   bench/run.sh                      # 10^4 and 10^5 flows, YAML and JSON, --repeat 3
#   ATLAS_BENCH_FLOWS="1000 10000" ATLAS_BENCH_REPEAT=5 ATLAS_BENCH_DIR=/tmp/x bench/run.sh
#
# Needs: cmake, ninja, a C++23 compiler, Qt 6.4+, yaml-cpp, simdjson (as the project) and jq.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${ATLAS_BENCH_DIR:-/tmp/atlas-bench}"
flows_list="${ATLAS_BENCH_FLOWS:-10000 100000}"
policy_flows_list="${ATLAS_BENCH_POLICY_FLOWS:-100000 1000000}"
repeat="${ATLAS_BENCH_REPEAT:-3}"
seed="${ATLAS_BENCH_SEED:-20261101}"

command -v jq >/dev/null || { echo "bench/run.sh: jq is required" >&2; exit 2; }

cd "$root"
cmake --preset release >&2
cmake --build --preset release --target atlas-gen-inventory atlas-bench-inventory atlas-bench-policy atlas-bench-map atlas-bench-pan \
  atlas-bench-check residency-atlas >&2
bin="$root/build/release/bench"

mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"
for flows in $flows_list; do
  workloads=$(( flows / 10 ))
  for format in yaml json; do
    file="$out/inventory-${flows}.${format}"
    "$bin/atlas-gen-inventory" --workloads "$workloads" --flows "$flows" --format "$format" \
      --seed "$seed" --out "$file" >&2
    # A fresh process per file: peak RSS is this file's alone.
    "$bin/atlas-bench-inventory" "$file" --repeat "$repeat" | tee -a "$results" >&2
  done
done

echo "| format | flows | file MiB | load ms | resolve ms | flows/s | MiB/s | peak RSS MiB | RSS/file | ΔRSS/file |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
jq -r '[ .format, (.flows|tostring),
         (.file_mib*100|round/100|tostring),
         (.load_ms*10|round/10|tostring), (.resolve_ms*10|round/10|tostring),
         (.flows_per_s|round|tostring), (.mib_per_s*10|round/10|tostring),
         (.peak_rss_kib/1024*10|round/10|tostring),
         (.peak_rss_per_file*10|round/10|tostring), (.delta_rss_per_file*10|round/10|tostring) ]
       | "| " + join(" | ") + " |"' "$results"
echo
echo "Raw results: $results (medians over --repeat $repeat; ΔRSS = peak minus the Qt + catalog baseline)."

# The policy engine: the built-in pack on JSON inventories (workloads = flows / 10).
policy_results="$out/policy-results.jsonl"
: > "$policy_results"
for flows in $policy_flows_list; do
  file="$out/policy-${flows}.json"
  "$bin/atlas-gen-inventory" --workloads $(( flows / 10 )) --flows "$flows" --format json \
    --seed "$seed" --out "$file" >&2
  "$bin/atlas-bench-policy" "$file" --repeat "$repeat" | tee -a "$policy_results" >&2
done
echo
echo "| flows | (flow, dataset) pairs | facts ms | matching ms (15 rules, no findings built) | evaluate ms (with findings) | findings | peak RSS MiB (incl. the loaded inventory) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
jq -r '[ (.flows|tostring), (.flow_dataset_pairs|tostring), (.facts_ms*10|round/10|tostring),
         (.match_only_ms*10|round/10|tostring), (.evaluate_ms*10|round/10|tostring),
         (.findings|tostring), (.peak_rss_mib*10|round/10|tostring) ] | "| " + join(" | ") + " |"' "$policy_results"
echo
echo "Raw policy results: $policy_results"

# `check` as a whole process on 10^6 flows (ATLAS_BENCH_CHECK_FLOWS), text, JSON and SARIF: wall
# time and peak RSS of the real binary (best of ATLAS_BENCH_REPEAT), then the split by phase.
echo
ATLAS_BENCH_SKIP_BUILD=1 ATLAS_BENCH_DIR="$out" ATLAS_BENCH_RUNS="$repeat" ATLAS_BENCH_SEED="$seed" \
  "$root/bench/bench_check.sh"

# The map: time to first picture (build the map model, Graphviz layout, paint the whole scene)
# and expanding the biggest collapsed cluster, on map-sized estates (flows = 3 × workloads).
# Loading and the policy check come first and are reported in the JSON, not in the table.
map_workloads_list="${ATLAS_BENCH_MAP_WORKLOADS:-100 1000 10000}"
cmake --build --preset release --target atlas-bench-map >&2
map_results="$out/map-results.jsonl"
: > "$map_results"
for workloads in $map_workloads_list; do
  file="$out/map-${workloads}.json"
  "$bin/atlas-gen-inventory" --workloads "$workloads" --flows $(( 3 * workloads )) --format json \
    --seed "$seed" --out "$file" >&2
  "$bin/atlas-bench-map" "$file" --repeat "$repeat" | tee -a "$map_results" >&2
done
echo
echo "| workloads | flows | nodes drawn | collapsed? | build ms | layout ms | paint ms | first picture ms | expand one cluster ms | expanded: members → workloads drawn |"
echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|---|"
jq -r 'def r1: (.*10|round/10|tostring);
       [ (.workloads|tostring), (.flows|tostring), (.nodes|tostring),
         (if .collapsed then "yes (\(.collapsed_nodes) summaries)" else "no" end),
         (.build_ms|r1), (.layout_ms|r1), (.paint_ms|r1), (.first_picture_ms|r1),
         (if .expand_ms == null then "—" else (.expand_ms|r1) end),
         (if .expand_cluster == null then "—" else "\(.expand_members) → \(.expand_workload_nodes)" end) ]
       | "| " + join(" | ") + " |"' "$map_results"
echo
echo "Raw map results: $map_results (medians over --repeat $repeat; load, facts and evaluation times are in the JSON)."

# Panning the interactive map of a 2,000-node scene (no collapsing).
"$bin/atlas-gen-inventory" --workloads 2000 --flows 6000 --format json --seed "$seed" \
  --out "$out/map-2000.json" >&2
echo
echo "Pan (2,000 nodes):"
"$bin/atlas-bench-pan" "$out/map-2000.json" --frames 200
