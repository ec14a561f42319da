#!/usr/bin/env bash
# Side-by-side run of Limen's MRZ engine and the npm package mrz on the same generated inputs.
# Installs mrz into bench/peers/mrz/node_modules (npm registry), generates the inputs, scores
# both, then times them in alternating rounds on one pinned core and prints the median of the
# per-round throughput ratios.
#
#   bench/peers/mrz/run.sh [path/to/limen] [documents] [rounds] [path/to/bench_document]
#
# Environment: LIMEN_BENCH_CPU (the core to pin to, default 0), LIMEN_BENCH_SECONDS (timed CPU
# seconds per engine per round, default 1).
#
# Both engines are timed the same way: an in-process parse loop over the same inputs after a
# warm-up (Limen: bench_document BM_ParseMrzInputs with a warm-up; npm mrz: run_peer.mjs), for at
# least LIMEN_BENCH_SECONDS of CPU time, on the same core. Rates are per CPU second, so time the
# process spends waiting for a busy core does not count against either. Each round times both,
# sandwiched: Limen, npm mrz, Limen in odd rounds and npm mrz, Limen, npm mrz in even ones, so
# that a slow drift of the machine's speed (other work on the shared cores) weighs on both
# alike; the round's ratio takes the mean of the two outer timings. The median ratio over the
# rounds is the figure to quote, with the range. The whole `limen mrz` process (start-up,
# reading, parsing, full JSON output) is timed in every round too, on CPU time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
limen="$(realpath "${1:-$here/../../../build/release/src/cli/limen}")"
documents="${2:-3000}"
rounds="${3:-7}"
bench="$(realpath "${4:-$(dirname "$limen")/../../bench/document/bench_document}")"
cpu="${LIMEN_BENCH_CPU:-0}"
seconds="${LIMEN_BENCH_SECONDS:-1}"
cd "$here"
[ -x "$limen" ] || { echo "limen binary not found at $limen; build it first" >&2; exit 1; }
[ -x "$bench" ] || { echo "bench_document not found at $bench; build it first" >&2; exit 1; }
[ -d node_modules/mrz ] || npm install --no-audit --no-fund --silent
mkdir -p out
node make_inputs.mjs "$documents" out
pin=(taskset -c "$cpu")
command -v taskset >/dev/null || pin=()

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%Y-%m-%dT%H:%MZ)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg), pinned to core $cpu"
echo "peer: npm mrz $(node -p 'require("./node_modules/mrz/package.json").version'), node $(node --version)"

# Correct verdicts: every report of `limen mrz` against the generator's truth.
"$limen" mrz --today 2026-11-26 out/inputs.txt > out/limen.jsonl

# The whole process reads the inputs this many times over, so that it runs long enough to time
# (CPU times come in hundredths of a second).
passes=100
for ((pass = 0; pass < passes; pass++)); do cat out/inputs.txt; echo; done > out/inputs-passes.txt

engine() {  # Documents per CPU second of ParseMrz over the inputs (median of one repetition).
  LIMEN_MRZ_INPUTS=out/inputs.txt "${pin[@]}" "$bench" --benchmark_filter='^BM_ParseMrzInputs$' \
      --benchmark_min_time="$seconds" --benchmark_min_warmup_time=0.5 --benchmark_format=json \
      2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
      const b=JSON.parse(s).benchmarks[0];console.log(Math.round(b.items_per_second))})'
}
peer() {  # Documents per CPU second of npm mrz parse() over the inputs.
  "${pin[@]}" node run_peer.mjs out "$seconds"
}
process() {  # Documents per CPU second (user + system) of the whole `limen mrz` process.
  local times
  times=$( { /usr/bin/time -f '%U %S' "${pin[@]}" "$limen" mrz --today 2026-11-26 \
      out/inputs-passes.txt > /dev/null; } 2>&1 | tail -1)
  awk -v t="$times" -v n="$((passes * documents))" 'BEGIN { split(t, a, " ");
    printf "%d\n", n / (a[1] + a[2]) }'
}

: > out/rounds.jsonl
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2 == 1)); then
    engine_first=$(engine)
    peer_json=$(peer)
    engine_last=$(engine)
    peer_last=$peer_json
  else
    peer_json=$(peer)
    engine_first=$(engine)
    engine_last=$engine_first
    peer_last=$(peer)
  fi
  process_rate=$(process)
  echo "{\"round\":$round,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\"," \
    "\"engine\":[$engine_first,$engine_last],\"process\":$process_rate," \
    "\"peer\":$peer_json,\"peer_last\":$peer_last}" >> out/rounds.jsonl
done
echo "$peer_json" > out/peer.json
node summarise.mjs out
