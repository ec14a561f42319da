#!/usr/bin/env bash
# Side-by-side run of `limen mrz` and the npm package `mrz` on the same generated inputs.
# Installs mrz into bench/peers/mrz/node_modules (npm registry), generates the inputs, runs both
# pinned to one core, and prints correct verdicts and the throughput ratio.
#
#   bench/peers/mrz/run.sh [path/to/limen] [documents] [rounds] [path/to/bench_document]
#
# Two Limen figures: the engine alone (ParseMrz in-process over the same inputs, via the
# bench_document benchmark BM_ParseMrzInputs, comparable to the peer's in-process parse()) and
# the whole `limen mrz` process (start-up, reading, parsing, full JSON output).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
limen="${1:-$here/../../../build/release/src/cli/limen}"
documents="${2:-3000}"
rounds="${3:-5}"
bench="${4:-$(dirname "$limen")/../../bench/document/bench_document}"
cd "$here"
[ -x "$limen" ] || { echo "limen binary not found at $limen; build it first" >&2; exit 1; }
[ -d node_modules/mrz ] || npm install --no-audit --no-fund --silent
mkdir -p out
node make_inputs.mjs "$documents" out
pin=(taskset -c 0)
command -v taskset >/dev/null || pin=()

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%Y-%m-%dT%H:%MZ)"
# Limen: the whole process (start-up, reading, parsing, JSON output), best of three runs of
# `rounds` passes over the inputs.
for ((r = 0; r < rounds; r++)); do cat out/inputs.txt; echo; done > out/inputs-rounds.txt
best=""
for attempt in 1 2 3; do
  start=$(date +%s.%N)
  "${pin[@]}" "$limen" mrz --today 2026-11-26 out/inputs-rounds.txt > out/limen-rounds.jsonl
  end=$(date +%s.%N)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
  best=$(awk -v a="$elapsed" -v b="${best:-$elapsed}" 'BEGIN { print (a < b ? a : b) }')
done
"$limen" mrz --today 2026-11-26 out/inputs.txt > out/limen.jsonl
limen_json=$(node score_limen.mjs out "$best" "$rounds")
engine_per_second=0
if [ -x "$bench" ]; then
  engine_per_second=$(LIMEN_MRZ_INPUTS=out/inputs.txt "${pin[@]}" "$bench" \
      --benchmark_filter='BM_ParseMrzInputs$' --benchmark_repetitions=3 \
      --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const b=JSON.parse(s).benchmarks.find(x=>x.aggregate_name==="median");console.log(Math.round(b.items_per_second))})')
fi
peer_json=$("${pin[@]}" node run_peer.mjs out "$rounds")
echo "$limen_json"
echo "$peer_json"
node -e '
const l = JSON.parse(process.argv[1]), p = JSON.parse(process.argv[2]);
console.log(`correct verdicts: limen ${l.correct}/${l.documents}, npm mrz ${p.correct}/${p.documents}`);
console.log(`whole limen mrz process with JSON output (one core): limen ${l.per_second}/s, npm mrz ${p.per_second}/s, ratio ${(l.per_second / p.per_second).toFixed(1)}x`);
const e = Number(process.argv[3]);
if (e > 0) console.log(`engine only (one core, same inputs): limen ${e}/s, ratio ${(e / p.per_second).toFixed(1)}x`);
' "$limen_json" "$peer_json" "$engine_per_second"
