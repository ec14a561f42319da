#!/usr/bin/env bash
# Side-by-side run of `limen mrz` and the npm package `mrz` on the same generated inputs.
# Installs mrz into bench/peers/mrz/node_modules (npm registry), generates the inputs, runs both
# pinned to one core, and prints correct verdicts and the throughput ratio.
#
#   bench/peers/mrz/run.sh [path/to/limen] [documents] [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
limen="${1:-$here/../../../build/release/src/cli/limen}"
documents="${2:-3000}"
rounds="${3:-5}"
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
  elapsed=$(echo "$end - $start" | bc -l)
  if [ -z "$best" ] || (( $(echo "$elapsed < $best" | bc -l) )); then best=$elapsed; fi
done
"$limen" mrz --today 2026-11-26 out/inputs.txt > out/limen.jsonl
limen_json=$(node score_limen.mjs out "$best" "$rounds")
peer_json=$("${pin[@]}" node run_peer.mjs out "$rounds")
echo "$limen_json"
echo "$peer_json"
node -e '
const l = JSON.parse(process.argv[1]), p = JSON.parse(process.argv[2]);
console.log(`correct verdicts: limen ${l.correct}/${l.documents}, npm mrz ${p.correct}/${p.documents}`);
console.log(`throughput (one core): limen ${l.per_second}/s, npm mrz ${p.per_second}/s, ratio ${(l.per_second / p.per_second).toFixed(1)}x`);
' "$limen_json" "$peer_json"
