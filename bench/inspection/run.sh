#!/usr/bin/env bash
# The inspection load test: a real node (`limen serve`, Release build) holding a watchlist of
# WATCHLIST synthetic names and a lost/stolen registry of REGISTRY documents; CONNECTIONS
# officers' clients run complete inspections (inspection, then the decision) for SECONDS, after
# a /healthz baseline of the same length in the same run.
# Usage: bench/inspection/run.sh [WATCHLIST] [REGISTRY] [SECONDS] [CONNECTIONS]
#        defaults 1000000 10000000 30 16.   Output: a Markdown table on stdout.
# Needs the faker name data (installed here with npm) and the `inspection_load` driver (built
# with the `release` preset, as `limen` is). Generated data and the imported database are cached
# between runs (see below); LIMEN_PERF=FILE also profiles the node during the inspections.
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

# Generated data and the node's database after the imports are kept between runs under
# $LIMEN_BENCH_CACHE (default /tmp/limen-inspection-cache), keyed by the sizes and by the code
# that made them, so that only the first run at a given size pays for them.
cache_root=${LIMEN_BENCH_CACHE:-/tmp/limen-inspection-cache}
generator=$(cat bench/inspection/inspection_load.cc bench/screening/names_from_faker.mjs |
  sha256sum | cut -c1-12)
data="$cache_root/data-w$watchlist-r$registry-t20000-$generator"
if [[ ! -s $data/travellers.txt ]]; then
  (cd bench/screening && [[ -d node_modules/@faker-js/faker ]] ||
    npm install --no-save --silent @faker-js/faker@9)
  rm -rf "$data.tmp" && mkdir -p "$data.tmp"
  node bench/screening/names_from_faker.mjs > "$data.tmp/names.tsv"
  start=$(date +%s)
  "$driver" generate --names-file "$data.tmp/names.tsv" --out "$data.tmp" \
    --watchlist "$watchlist" --registry "$registry" --travellers 20000
  echo "data generated in $(( $(date +%s) - start )) s" >&2
  rm -rf "$data" && mv "$data.tmp" "$data"
else
  echo "data reused from $data" >&2
fi

echo "load test password" > "$work/password"
# The database depends on the code that wrote it too: the schema and the importers.
importer=$(find src/store/migrations src/store/registry_store.cc src/store/watchlist_store.cc \
  src/core/registry src/core/screening/import*.cc src/core/screening/entry*.cc \
  src/cli/registry_commands.cc src/cli/screening_commands.cc -type f | sort |
  xargs cat | sha256sum | cut -c1-12)
template="$data/limen-$importer.db"
if [[ ! -s $template ]]; then
  rm -f "$data"/limen-*.db*
  db="$work/template.db"
  $limen init --db "$db" --demo --admin-password-file "$work/password" >/dev/null
  $limen user add officer --role officer --agency immigration --post UTO-AIR1 \
    --password-file "$work/password" --db "$db" >/dev/null
  start=$(date +%s)
  $limen watchlist import "$data/watchlist.csv" --db "$db" --list-id national >/dev/null
  echo "watchlist imported in $(( $(date +%s) - start )) s" >&2
  start=$(date +%s)
  $limen registry import "$data/registry.csv" --db "$db" --source interpol >/dev/null
  echo "registry imported in $(( $(date +%s) - start )) s" >&2
  [[ ! -e $db-wal ]] || cp "$db-wal" "$template-wal"  # SQLite folds it in on the last close.
  cp "$db" "$template.tmp" && mv "$template.tmp" "$template"
  rm -f "$db" "$db-wal" "$db-shm"
else
  echo "imported database reused from $template" >&2
fi
cp "$template" "$work/limen.db"
[[ ! -e $template-wal ]] || cp "$template-wal" "$work/limen.db-wal"
# LIMEN_HTTP_THREADS sets the node's request threads (default 0: one per core).
printf '[http]\naccess_log = false\nthreads = %s\n[stay]\nrules_file = "%s"\n[policy]\nfile = "%s"\n[identity]\nlinking_file = "%s"\n' \
  "${LIMEN_HTTP_THREADS:-0}" "$PWD/config/stay-rules.toml" "$PWD/config/policy.toml" "$PWD/config/identity-linking.toml" \
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

echo "Limen inspection load test, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p')"
echo "$watchlist watchlist names, $registry lost/stolen documents, 20000 travellers; load: $(uptime | sed 's/.*load average/load average/')"
echo
# LIMEN_PERF=FILE records a profile of the node (perf record -g) during the inspection phase.
if [[ -n ${LIMEN_PERF:-} ]]; then
  (sleep $(( seconds + 1 )); perf record -F ${LIMEN_PERF_FREQUENCY:-499} ${LIMEN_PERF_CALL_GRAPH:--g} -p $server -o "$LIMEN_PERF" \
    -- sleep $(( seconds - 2 )) >/dev/null 2>&1) &
fi
status=0
"$driver" drive --port "$port" --token "$token" --travellers "$data/travellers.txt" \
  --post UTO-AIR1 --connections "$connections" --seconds "$seconds" --node-pid $server ||
  status=$?
# The node's group commits during the run (batches, items, time inside commits), on stderr.
curl -s "$url/metrics" | grep -E '^limen_db_' >&2 || true
kill -TERM $server; wait $server || true
server=
$limen log verify --db "$work/limen.db"
exit $status
