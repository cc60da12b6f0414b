#!/usr/bin/env bash
# `residency-atlas check` on a big inventory, as a whole process: wall time and peak RSS of the
# real binary per report format (the target: 10^6 flows under 10 s and under 2 GB), then the
# split by phase from atlas-bench-check (load, facts, evaluate, write, teardown; one run).
# Prints a Markdown table.
#
#   bench/bench_check.sh                                  # 10^6 flows, text json sarif, best of 3
#   ATLAS_BENCH_CHECK_FLOWS=100000 ATLAS_BENCH_RUNS=1 bench/bench_check.sh
#   ATLAS_BENCH_FORMATS=json ATLAS_BENCH_SKIP_BUILD=1 bench/bench_check.sh
#
# The inventory (workloads = flows / 10) is generated into ATLAS_BENCH_DIR (default
# /tmp/atlas-bench) when missing and kept; the reports are written beside it. A shared VM's speed
# drifts: each format runs ATLAS_BENCH_RUNS times and the fastest wall time is kept (every run is
# listed). Needs /usr/bin/time (GNU time) and jq.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${ATLAS_BENCH_DIR:-/tmp/atlas-bench}"
flows="${ATLAS_BENCH_CHECK_FLOWS:-1000000}"
runs="${ATLAS_BENCH_RUNS:-3}"
formats="${ATLAS_BENCH_FORMATS:-text json sarif}"
seed="${ATLAS_BENCH_SEED:-20261101}"
as_of="2026-11-28" # fixed, so that waivers (and the reports) do not change with the date
[ -x /usr/bin/time ] || { echo "bench/bench_check.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench/bench_check.sh: jq is required" >&2; exit 2; }

cd "$root"
if [ -z "${ATLAS_BENCH_SKIP_BUILD:-}" ]; then
  cmake --preset release >&2
  cmake --build --preset release --target residency-atlas atlas-gen-inventory atlas-bench-check >&2
fi
app="$root/build/release/bin/residency-atlas"
bin="$root/build/release/bench"
mkdir -p "$out"
file="$out/check-${flows}.json"
[ -s "$file" ] || "$bin/atlas-gen-inventory" --workloads $(( flows / 10 )) --flows "$flows" --format json \
  --seed "$seed" --out "$file" >&2

results="$out/check-results.jsonl"
: > "$results"
for format in $formats; do
  report="$out/check-${flows}-report.${format}"
  best='' all=''
  for ((run = 0; run < runs; run++)); do
    status=0
    /usr/bin/time -f '%e %U %S %M' -o "$out/check-time.txt" \
      "$app" check "$file" --format "$format" --output "$report" --as-of "$as_of" >/dev/null || status=$?
    # 1 = findings at or above --fail-on (this estate has many); anything else is a failure.
    [ "$status" -le 1 ] || { echo "bench/bench_check.sh: check exited $status" >&2; exit 1; }
    read -r wall user sys rss < <(tail -n 1 "$out/check-time.txt")
    all="${all:+$all, }$wall"
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$wall $user $sys $rss"
    fi
  done
  read -r wall user sys rss <<< "$best"
  phases=$("$bin/atlas-bench-check" "$file" --format "$format" --out "$report.bench" --as-of "$as_of")
  rm -f "$report.bench"
  jq -cn --arg f "$format" --argjson flows "$flows" --argjson wall "$wall" --argjson user "$user" \
    --argjson sys "$sys" --argjson rss "$rss" --arg all "$all" --argjson phases "$phases" \
    --argjson bytes "$(stat -c %s "$report")" \
    '{format: $f, flows: $flows, wall_s: $wall, user_s: $user, sys_s: $sys, peak_rss_kib: $rss,
      wall_all: $all, report_bytes: $bytes, phases: $phases}' | tee -a "$results" >&2
done

echo "| format | flows | findings | report MiB | wall s (best of $runs) | every run s | user s | sys s | peak RSS MiB | load s | facts s | evaluate s | write s | teardown s |"
echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
jq -r 'def s: ./1000*100|round/100|tostring;
       [ .format, (.flows|tostring), (.phases.findings|tostring), (.report_bytes/1048576|round|tostring),
         (.wall_s|tostring), .wall_all, (.user_s|tostring), (.sys_s|tostring), (.peak_rss_kib/1024|round|tostring),
         (.phases.load_ms|s), (.phases.facts_ms|s), (.phases.evaluate_ms|s), (.phases.write_ms|s),
         (.phases.teardown_ms|s) ] | "| " + join(" | ") + " |"' "$results"
echo
jq -r '"\(.format): \(.wall_s) s \(if .wall_s < 10 then "under" else "OVER" end) 10 s; \(.peak_rss_kib/1024|round) MiB \(if .peak_rss_kib * 1024 < 2e9 then "under" else "OVER" end) 2 GB (whole process)"' "$results"
echo "(2 GB = 2*10^9 bytes.) Raw results: $results (wall/RSS: the real binary under /usr/bin/time; phases: atlas-bench-check, one run)."
