#!/usr/bin/env bash
# Load test of a real node with wrk: a bare /healthz (the baseline), an authenticated read and a
# durable write (an event and its audit entry, group-committed with fsync), in the same run.
# Usage: bench/foundation/run.sh [SECONDS] [CONNECTIONS]    Output: a Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-64}
limen=build/release/src/cli/limen
if [[ ! -x $limen ]]; then
  cmake --preset release >/dev/null && cmake --build --preset release --target limen >/dev/null
fi
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
echo "load test password" > "$work/password"
printf '[http]\naccess_log = false\n' > "$work/limen.toml"
$limen init --db "$work/limen.db" --admin-password-file "$work/password" >/dev/null
$limen serve --config "$work/limen.toml" --db "$work/limen.db" --listen 127.0.0.1:0 \
  >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "listening on port" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$work/serve.log")
url="http://127.0.0.1:$port"
export LIMEN_TOKEN=$(curl -s -X POST "$url/api/v1/auth/login" \
  -d '{"username":"admin","password":"load test password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

run() {  # name, script args...
  local name=$1; shift
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" 2>&1)
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -c "Non-2xx" <<<"$out" || true)
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" \
    "$([[ $errors == 0 ]] && echo none || grep 'Non-2xx' <<<"$out")"
}

events_before=$($limen log verify --db "$work/limen.db" | sed -n 's/.*OK, \([0-9]*\) records.*/\1/p')
echo "Limen load test, $(date -u +%Y-%m-%d), $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p')"
echo "wrk -t2 -c$connections -d${seconds}s against one node on the same machine"
echo
echo "| route | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
run "GET /healthz (baseline)" "$url/healthz"
run "GET /api/v1/states (authenticated read)" -s bench/foundation/read.lua
run "POST /api/v1/agencies (durable event + audit write)" -s bench/foundation/write.lua
kill -TERM $server; wait $server || true
events_after=$($limen log verify --db "$work/limen.db" | sed -n 's/.*OK, \([0-9]*\) records.*/\1/p')
echo
echo "Events written during the write run: $((events_after - events_before)); event log verified."
$limen audit verify --db "$work/limen.db"
