#!/usr/bin/env bash
# Load-tests limen_bench_http_hello with wrk against 127.0.0.1. All variants run at once on
# consecutive ports and the wrk runs are interleaved (raw, limen, ..., raw, limen, ...) so that
# changes in the machine's load affect every variant alike. Prints the median requests/s of
# REPEATS runs per variant and its ratio to the bare-Asio baseline measured in the same run.
#
#   bench/http/run-wrk.sh build/release/bench/http/limen_bench_http_hello [first-port]
# Environment: REPEATS (5), DURATION (3s), CONNECTIONS (50), SERVER_THREADS (nproc),
# WRK_THREADS (1).
set -euo pipefail
BIN=${1:?usage: run-wrk.sh path/to/limen_bench_http_hello [first-port]}
PORT=${2:-18090}
REPEATS=${REPEATS:-5}
DURATION=${DURATION:-3s}
CONNECTIONS=${CONNECTIONS:-50}
SERVER_THREADS=${SERVER_THREADS:-$(nproc)}
WRK_THREADS=${WRK_THREADS:-1}

NAMES=(raw limen limen_no_metrics limen_access_log)
FLAGS=("--raw" "" "--no-metrics" "--access-log")

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, server threads $SERVER_THREADS," \
     "$REPEATS interleaved runs per variant"

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait; }
trap cleanup EXIT
for i in "${!NAMES[@]}"; do
  # shellcheck disable=SC2086
  "$BIN" --port $((PORT + i)) --threads "$SERVER_THREADS" ${FLAGS[$i]} 2>/dev/null &
  PIDS+=($!)
done
sleep 0.5

declare -A RATES LATENCIES
for _ in $(seq "$REPEATS"); do
  for i in "${!NAMES[@]}"; do
    out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
          "http://127.0.0.1:$((PORT + i))/hello")
    RATES[$i]+="$(echo "$out" | awk '/Requests\/sec/ {print $2}') "
    LATENCIES[$i]+="$(echo "$out" | awk '$1 == "50%" {print $2}') "
  done
done

median() { tr ' ' '\n' | grep . | sort -n |
           awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
baseline=$(echo "${RATES[0]}" | median)
printf '%-18s %13s %7s   %s\n' variant "median req/s" ratio "p50 latency of each run"
for i in "${!NAMES[@]}"; do
  rate=$(echo "${RATES[$i]}" | median)
  printf '%-18s %13.0f %7.2f   %s\n' "${NAMES[$i]}" "$rate" \
         "$(echo "$rate / $baseline" | bc -l)" "${LATENCIES[$i]}"
done
