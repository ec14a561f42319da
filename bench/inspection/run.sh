#!/usr/bin/env bash
# The inspection load test: a real node (`limen serve`, Release build) holding a watchlist of
# WATCHLIST synthetic names and a lost/stolen registry of REGISTRY documents; CONNECTIONS
# officers' clients run complete inspections (inspection, then the decision) for SECONDS, after
# a /healthz baseline of the same length in the same run.
# Usage: bench/inspection/run.sh [WATCHLIST] [REGISTRY] [SECONDS] [CONNECTIONS]
#        defaults 1000000 10000000 30 16.   Output: a Markdown table on stdout.
# Needs the faker name data (installed here with npm) and the `inspection_load` driver (built
# with the `release` preset, as `limen` is).
set -euo pipefail
cd "$(dirname "$0")/../.."
watchlist=${1:-1000000}
registry=${2:-10000000}
seconds=${3:-30}
connections=${4:-16}
limen=${LIMEN:-build/release/src/cli/limen}
driver=${INSPECTION_LOAD:-build/release/bench/inspection/inspection_load}
[[ -x $limen ]] || { cmake --preset release >/dev/null && cmake --build --preset release --target limen >/dev/null; }
[[ -x $driver ]] || { cmake --preset release >/dev/null && cmake --build --preset release --target inspection_load >/dev/null; }
work=$(mktemp -d)
server=
trap '[[ -n $server ]] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

(cd bench/screening && [[ -d node_modules/@faker-js/faker ]] ||
  npm install --no-save --silent @faker-js/faker@9)
node bench/screening/names_from_faker.mjs > "$work/names.tsv"
start=$(date +%s)
"$driver" generate --names-file "$work/names.tsv" --out "$work" --watchlist "$watchlist" \
  --registry "$registry" --travellers 20000
echo "data generated in $(( $(date +%s) - start )) s" >&2

echo "load test password" > "$work/password"
$limen init --db "$work/limen.db" --demo --admin-password-file "$work/password" >/dev/null
$limen user add officer --role officer --agency immigration --post UTO-AIR1 \
  --password-file "$work/password" --db "$work/limen.db" >/dev/null
start=$(date +%s)
$limen watchlist import "$work/watchlist.csv" --db "$work/limen.db" --list-id national >/dev/null
echo "watchlist imported in $(( $(date +%s) - start )) s" >&2
start=$(date +%s)
$limen registry import "$work/registry.csv" --db "$work/limen.db" --source interpol >/dev/null
echo "registry imported in $(( $(date +%s) - start )) s" >&2
printf '[http]\naccess_log = false\n[stay]\nrules_file = "%s"\n[policy]\nfile = "%s"\n[identity]\nlinking_file = "%s"\n' \
  "$PWD/config/stay-rules.toml" "$PWD/config/policy.toml" "$PWD/config/identity-linking.toml" \
  > "$work/limen.toml"
start=$(date +%s)
$limen serve --config "$work/limen.toml" --db "$work/limen.db" --listen 127.0.0.1:0 \
  >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 6000); do grep -q "listening on port" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$work/serve.log")
[[ -n $port ]] || { cat "$work/serve.log" >&2; exit 1; }
echo "node ready in $(( $(date +%s) - start )) s (watchlist index and registry loaded)" >&2
url="http://127.0.0.1:$port"
token=$(curl -s -X POST "$url/api/v1/auth/login" \
  -d '{"username":"officer","password":"load test password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

echo "Limen inspection load test, $(date -u +%Y-%m-%d), $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p')"
echo "$watchlist watchlist names, $registry lost/stolen documents, 20000 travellers; load: $(uptime | sed 's/.*load average/load average/')"
echo
"$driver" drive --port "$port" --token "$token" --travellers "$work/travellers.txt" \
  --post UTO-AIR1 --connections "$connections" --seconds "$seconds"
status=$?
kill -TERM $server; wait $server || true
server=
$limen log verify --db "$work/limen.db"
exit $status
