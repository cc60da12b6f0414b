#!/usr/bin/env bash
# `residency-atlas report` on a big inventory, as a whole process (issue 16's target: the PDF and
# the HTML of a 10^5-flow inventory under 10 s and under 2 GB each), then JSON, the three CSVs,
# and every format at once (--out DIR/). Prints a Markdown table.
#
#   bench/bench_report.sh                                    # 10^5 flows, best of 3
#   ATLAS_BENCH_REPORT_FLOWS=10000 ATLAS_BENCH_RUNS=1 bench/bench_report.sh
#
# The inventory (workloads = flows / 10) is generated into ATLAS_BENCH_DIR (default
# /tmp/atlas-bench) when missing and kept. Needs /usr/bin/time (GNU time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${ATLAS_BENCH_DIR:-/tmp/atlas-bench}"
flows="${ATLAS_BENCH_REPORT_FLOWS:-100000}"
runs="${ATLAS_BENCH_RUNS:-3}"
seed="${ATLAS_BENCH_SEED:-20261101}"
as_of="2026-11-28"
[ -x /usr/bin/time ] || { echo "bench/bench_report.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }

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

# best wall s, its peak RSS MiB, every run's wall time; the output is left at $target
measure() {
  local target=$1; shift
  local best='' rss='' all=''
  for ((run = 0; run < runs; run++)); do
    rm -rf "$target"
    /usr/bin/time -f '%e %M' -o "$out/report-time.txt" "$app" report "$file" --as-of "$as_of" --out "$target" "$@" \
      || { echo "bench/bench_report.sh: report --out $target $* failed" >&2; exit 1; }
    read -r wall kib < <(tail -n 1 "$out/report-time.txt")
    all="${all:+$all, }$wall"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall rss=$kib; fi
  done
  echo "$best $(( rss / 1024 )) $all"
}

echo "| output | flows | wall s (best of $runs) | every run s | peak RSS MiB | size MiB |"
echo "|---|---:|---:|---|---:|---:|"
summary=''
for what in "report.pdf" "report.html" "report.json" "findings.csv" "processing.csv --table processing" "transfers.csv --table transfers" "dir/"; do
  set -- $what
  name=$1; shift
  target="$out/report-out/$name"
  mkdir -p "$out/report-out"
  read -r wall rss all < <(measure "$target" "$@")
  bytes=$(du -sb "$target" | cut -f1)
  echo "| $name $* | $flows | $wall | $all | $rss | $(( bytes / 1048576 )) |"
  case "$name" in report.pdf|report.html)
    verdict=$(awk -v w="$wall" -v r="$rss" 'BEGIN { printf "%s 10 s, %s 2 GB", (w < 10 ? "under" : "OVER"), (r * 1048576 < 2e9 ? "under" : "OVER") }')
    summary="$summary$name: $wall s, $rss MiB: $verdict"$'\n' ;;
  esac
done
echo
printf '%s' "$summary"
if [ -x "$(command -v pdfinfo)" ]; then echo "PDF pages: $(pdfinfo "$out/report-out/report.pdf" | awk '/^Pages:/ { print $2 }')"; fi
rm -rf "$out/report-out" "$out/report-time.txt"
