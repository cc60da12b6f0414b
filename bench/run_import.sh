#!/usr/bin/env bash
# Import benchmark (issue 5): for each format and size, a deterministic synthetic export
# (gen_exports), simdjson's DOM parse of it in a fresh process, then the import in a fresh
# process. Prints a Markdown table. Files go outside the repository and are deleted after use.
#
#   bench/run_import.sh                                   # 10^4 10^5 10^6, every format
#   ATLAS_BENCH_SIZES="10000" ATLAS_BENCH_FORMATS="aws-config csv" bench/run_import.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${ATLAS_BENCH_DIR:-/tmp/atlas-bench-import}"
sizes="${ATLAS_BENCH_SIZES:-10000 100000 1000000}"
formats="${ATLAS_BENCH_FORMATS:-aws-config gcp-assets azure terraform csv}"
command -v jq >/dev/null || { echo "bench/run_import.sh: jq is required" >&2; exit 2; }
cd "$root"
cmake --preset release >&2
cmake --build --preset release --target gen_exports atlas-bench-import >&2
bin="$root/build/release/bench"
mkdir -p "$out"
echo "| format | resources | file MB | DOM parse MB/s | import s | import MB/s | % of DOM | resources/s | peak RSS MiB | write YAML s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for format in $formats; do
  for n in $sizes; do
    file="$out/export-$format-$n.$([ "$format" = csv ] && echo csv || echo json)"
    "$bin/gen_exports" "$format" "$n" "$file" >&2
    if [ "$format" = csv ]; then dom='{"mb_per_s":null}'; else dom=$("$bin/atlas-bench-import" --dom "$file"); fi
    imp=$("$bin/atlas-bench-import" "$file")
    jq -rn --argjson d "$dom" --argjson i "$imp" --arg f "$format" \
      '"| \($f) | \($i.resources) | \($i.bytes/1e6|floor) | \(if $d.mb_per_s then ($d.mb_per_s|floor) else "—" end) | \($i.ms/1000*100|round/100) | \($i.mb_per_s|floor) | \(if $d.mb_per_s then ($i.mb_per_s/$d.mb_per_s*100|round) else "—" end) | \($i.resources_per_s|floor) | \($i.peak_rss_mib|floor) | \($i.write_yaml_ms/1000*100|round/100) |"'
    rm -f "$file"
  done
done
