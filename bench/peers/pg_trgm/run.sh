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
# alike, so that a burst of other work on a shared machine does not decide the ratio.
#
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
# Prints the fastest wall time in seconds of `repeat` runs of the given command.
fastest() {
  local best="" start end
  for _ in $(seq "$repeat"); do
    start=$(date +%s.%N); "$@" || true; end=$(date +%s.%N)
    best=$(python3 -c "t = $end - $start; print(t if '$best' == '' else min(t, float('$best')))")
  done
  echo "$best"
}

# One statement screens every query (no client round trips: the database's best case).
pg_screen() {
  psql_run -A -F $'\t' -t -o "$work/pg_hits.tsv" <<'SQL'
SELECT q.query_id, h.entry_id, h.score
FROM queries q CROSS JOIN LATERAL (
  SELECT n.entry_id, max(similarity(n.name, q.name)) AS score
  FROM names n WHERE n.name % q.name
  GROUP BY n.entry_id ORDER BY score DESC LIMIT 10) h;
SQL
}
pg_seconds=$(fastest pg_screen)

# Limen: time the whole run, then subtract a run with no queries (list load and index build).
head -1 "$data/queries.csv" > "$work/no_queries.csv"
limen_load_only() { "$limen" screen --list "$data/watchlist.csv" --queries "$work/no_queries.csv" >/dev/null 2>&1; }
limen_screen() {
  "$limen" screen --list "$data/watchlist.csv" --queries "$data/queries.csv" --top 10 \
    > "$work/limen_hits.jsonl" 2>/dev/null
}
limen_load=$(fastest limen_load_only)
limen_total=$(fastest limen_screen)
limen_seconds=$(python3 -c "print($limen_total - $limen_load)")

python3 "$here/evaluate.py" "$data/queries.csv" "$work/pg_hits.tsv" "$pg_seconds" \
  "$work/limen_hits.jsonl" "$limen_seconds" "$limen_load"
