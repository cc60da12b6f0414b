#!/usr/bin/env bash
# `residency-atlas simulate --pattern all` on a big inventory, as a whole process: the four
# scenarios planned and each re-checked with the baseline's packs (issue 15's target: 10^5 flows
# under 5 s and under 2 GB), per output format; then each pattern alone. Prints a Markdown table.
#
#   bench/bench_simulate.sh                                   # 10^5 flows, text and json, best of 3
#   ATLAS_BENCH_SIMULATE_FLOWS=10000 ATLAS_BENCH_RUNS=1 bench/bench_simulate.sh
#
# The inventory (workloads = flows / 10) is generated into ATLAS_BENCH_DIR (default
# /tmp/atlas-bench) when missing and kept. Needs /usr/bin/time (GNU time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${ATLAS_BENCH_DIR:-/tmp/atlas-bench}"
flows="${ATLAS_BENCH_SIMULATE_FLOWS:-100000}"
runs="${ATLAS_BENCH_RUNS:-3}"
seed="${ATLAS_BENCH_SEED:-20261101}"
as_of="2026-11-28"
[ -x /usr/bin/time ] || { echo "bench/bench_simulate.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }

cd "$root"
if [ -z "${ATLAS_BENCH_SKIP_BUILD:-}" ]; then
  cmake --preset release >&2
  cmake --build --preset release --target residency-atlas atlas-gen-inventory >&2
fi
app="$root/build/release/bin/residency-atlas"
mkdir -p "$out"
file="$out/check-${flows}.json"
[ -s "$file" ] || "$root/build/release/bench/atlas-gen-inventory" --workloads $(( flows / 10 )) --flows "$flows" \
  --format json --seed "$seed" --out "$file" >&2

# best wall s, its peak RSS MiB, and every run's wall time
measure() {
  local best='' rss='' all=''
  for ((run = 0; run < runs; run++)); do
    /usr/bin/time -f '%e %M' -o "$out/simulate-time.txt" "$app" simulate "$file" --as-of "$as_of" "$@" > "$out/simulate-out" \
      || { echo "bench/bench_simulate.sh: simulate $* failed" >&2; exit 1; }
    read -r wall kib < <(tail -n 1 "$out/simulate-time.txt")
    all="${all:+$all, }$wall"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall rss=$kib; fi
  done
  echo "$best $(( rss / 1024 )) $all"
}

echo "| run | flows | wall s (best of $runs) | every run s | peak RSS MiB | output MiB |"
echo "|---|---:|---:|---|---:|---:|"
for what in "all text" "all json" "A text" "B text" "C text" "D text"; do
  set -- $what
  read -r wall rss all < <(measure --pattern "$1" --format "$2")
  bytes=$(stat -c %s "$out/simulate-out")
  echo "| --pattern $1 --format $2 | $flows | $wall | $all | $rss | $(( bytes / 1048576 )) |"
  if [ "$1" = all ]; then
    verdict=$(awk -v w="$wall" -v r="$rss" 'BEGIN { printf "%s 5 s, %s 2 GB", (w < 5 ? "under" : "OVER"), (r * 1048576 < 2e9 ? "under" : "OVER") }')
    summary="${summary:-}--pattern all --format $2: $wall s, $rss MiB: $verdict"$'\n'
  fi
done
echo
printf '%s' "$summary"
rm -f "$out/simulate-out" "$out/simulate-time.txt"
