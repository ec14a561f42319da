#!/usr/bin/env bash
# Load-tests limen_bench_http_hello with wrk against 127.0.0.1 and prints medians of REPEATS
# runs for each variant, with the ratio to the bare-Asio baseline measured in the same run.
#
#   bench/http/run-wrk.sh build/release/bench/http/limen_bench_http_hello [port]
# Environment: REPEATS (5), DURATION (5s), CONNECTIONS (50), SERVER_THREADS (nproc),
# WRK_THREADS (1).
set -euo pipefail
BIN=${1:?usage: run-wrk.sh path/to/limen_bench_http_hello [port]}
PORT=${2:-18090}
REPEATS=${REPEATS:-5}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-50}
SERVER_THREADS=${SERVER_THREADS:-$(nproc)}
WRK_THREADS=${WRK_THREADS:-1}

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, server threads $SERVER_THREADS, $REPEATS runs"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run_variant() {  # name, server flags...
  local name=$1; shift
  "$BIN" --port "$PORT" --threads "$SERVER_THREADS" "$@" 2>/dev/null &
  local pid=$!
  sleep 0.5
  local rates=() latencies=()
  for _ in $(seq "$REPEATS"); do
    local out
    out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/hello")
    rates+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    latencies+=("$(echo "$out" | awk '$1 == "50%" {print $2}')")
  done
  kill -TERM "$pid"; wait "$pid" || true
  local rate
  rate=$(printf '%s\n' "${rates[@]}" | median)
  echo "$name $rate ${latencies[*]}"
}

results=()
results+=("$(run_variant raw --raw)")
results+=("$(run_variant limen)")
results+=("$(run_variant limen_no_metrics --no-metrics)")
results+=("$(run_variant limen_access_log --access-log)")
baseline=$(echo "${results[0]}" | awk '{print $2}')
printf '%-18s %14s %8s   %s\n' variant "median req/s" ratio "p50 latency per run"
for line in "${results[@]}"; do
  set -- $line
  name=$1; rate=$2; shift 2
  printf '%-18s %14.0f %8.2f   %s\n' "$name" "$rate" "$(echo "$rate / $baseline" | bc -l)" "$*"
done
