#!/usr/bin/env bash
# Side-by-side screening run: Limen (`limen screen`) against PostgreSQL 15 with a GIN trigram
# index (pg_trgm), the usual way fuzzy name search is done inside a database. Both load the same
# watchlist names (primary names and aliases) and run the same queries; the script prints
# recall@1, recall@10, the share of non-listed persons with a hit above the threshold, and
# queries per second for both, measured in this run on this machine.
#
#   bench/peers/pg_trgm/run.sh [LIMEN_BINARY] [DATA_DIR]
#
# Every timing is the fastest of REPEAT runs (default 3, environment variable), for both engines
# alike, so that a burst of other work on a shared machine does not decide the ratio. Each engine
# reports the time of answering the queries itself (psql's \timing for the SQL statement,
# `limen screen --timing` for Limen's query loop), so neither start-up nor index building is
# counted, and no separate list-load run has to be subtracted.
#
# LIMEN_SCREEN_ARGS adds options to `limen screen` (for instance `--posting-budget 40000`).
# LIMEN_BINARY defaults to build/scr/src/cli/limen, DATA_DIR to ../shared/data/screening-dev.
# PostgreSQL runs as the `postgres` user (initdb refuses root) in a temporary directory on a
# free port, and is stopped and removed at the end.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
limen="${1:-$root/build/scr/src/cli/limen}"
data="${2:-$root/../shared/data/screening-dev}"
pgbin="$(ls -d /usr/lib/postgresql/15/bin)"
work="$(mktemp -d /tmp/limen-pgtrgm-XXXXXX)"
chmod 755 "$work"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/db" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres "$work"

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'); date: $(date -u +%FT%TZ)"
as_pg "$pgbin/initdb" -D "$work/db" -U postgres --auth=trust >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/db" -o "-p $port -k $work -c listen_addresses=''" -l "$work/pg.log" -w start >/dev/null
psql_run() { as_pg "$pgbin/psql" -h "$work" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

python3 "$here/prepare.py" "$data" "$work"
[ "$(id -u)" = 0 ] && chown postgres "$work"/*.tsv
psql_run <<SQL
CREATE EXTENSION pg_trgm;
CREATE TABLE names (entry_id text, name text);
CREATE TABLE queries (query_id text, name text);
\copy names FROM '$work/names.tsv'
\copy queries FROM '$work/queries.tsv'
CREATE INDEX names_trgm ON names USING gin (name gin_trgm_ops);
ANALYZE names;
SQL

repeat="${REPEAT:-3}"
# Prints the fastest of `repeat` runs of the given command, which prints its own time in seconds.
fastest() {
  local best="" t
  for _ in $(seq "$repeat"); do
    t=$("$@")
    best=$(python3 -c "print($t if '$best' == '' else min($t, float('$best')))")
  done
  echo "$best"
}

# One statement screens every query (no client round trips: the database's best case), on one
# backend process (one core). Timed by psql's \timing: the statement alone, as the server runs
# and returns it, without starting psql and connecting.
pg_screen() {
  psql_run -A -F $'\t' -t -o "$work/pg_hits.tsv" > "$work/pg_timing.txt" <<'SQL'
\timing on
SELECT q.query_id, h.entry_id, h.score
FROM queries q CROSS JOIN LATERAL (
  SELECT n.entry_id, max(similarity(n.name, q.name)) AS score
  FROM names n WHERE n.name % q.name
  GROUP BY n.entry_id ORDER BY score DESC LIMIT 10) h;
SQL
  python3 -c "import re,sys; print(float(re.search(r'Time: ([0-9.]+) ms', open(sys.argv[1]).read()).group(1)) / 1000)" "$work/pg_timing.txt"
}
pg_seconds=$(fastest pg_screen)

# Limen on one thread: `limen screen --timing` reports the wall time of screening the queries
# and writing their result lines, without loading the list and building the index (as the
# database's time is without building its GIN index).
limen_screen() {
  # shellcheck disable=SC2086  # LIMEN_SCREEN_ARGS: extra options, e.g. --posting-budget 40000.
  "$limen" screen --list "$data/watchlist.csv" --queries "$data/queries.csv" --top 10 --timing \
    ${LIMEN_SCREEN_ARGS:-} \
    > "$work/limen_hits.jsonl" 2> "$work/limen_timing.txt" || true
  python3 -c "import re,sys; print(re.search(r'timing: \d+ queries, ([0-9.]+) s wall', open(sys.argv[1]).read()).group(1))" "$work/limen_timing.txt"
}
limen_seconds=$(fastest limen_screen)
python3 "$here/evaluate.py" "$data/queries.csv" "$work/pg_hits.tsv" "$pg_seconds" \
  "$work/limen_hits.jsonl" "$limen_seconds"
