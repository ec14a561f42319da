#!/usr/bin/env bash
# `make bench`: every benchmark against its baseline or peer, in one go, on an optimised build.
# Results print to stdout; copy the tables you keep into docs/benchmarks.md with the date.
# Large-scale runs (10 million names or documents) are opt-in: LIMEN_BENCH_SCALE=1.
set -uo pipefail
cd "$(dirname "$0")/.."
build=build/bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLIMEN_BUILD_TESTS=OFF \
  -DLIMEN_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$(nproc)" || exit 1
echo "# Limen benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p')"
status=0
section() { echo; echo "## $1"; echo; }

section "Foundation: HTTP load with wrk (healthz baseline, authenticated read, durable write)"
mkdir -p build/release/src/cli && ln -sf "$PWD/$build/src/cli/limen" build/release/src/cli/limen
bash bench/foundation/run.sh 10 64 || status=1

section "Store: group commit vs one transaction per write"
"$build/bench/store/store_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true || status=1

section "HTTP server vs a bare Asio baseline"
bash bench/http/run-wrk.sh "$build/bench/http/limen_bench_http_hello" || status=1

section "MRZ parse-and-validate (Google Benchmark) and the npm mrz peer"
"$build/bench/document/bench_document" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true || status=1
bash bench/peers/mrz/run.sh "$build/src/cli/limen" 3000 7 "$build/bench/document/bench_document" || status=1

section "Screening (Google Benchmark) and the PostgreSQL pg_trgm peer"
"$build/bench/screening/screening_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true || status=1
bash bench/peers/pg_trgm/run.sh "$PWD/$build/src/cli/limen" || status=1

section "Lost/stolen registry vs unordered_map"
LIMEN_BENCH_REGISTRY_ENTRIES=${LIMEN_BENCH_SCALE:+10000000} \
  "$build/bench/registry/registry_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true || status=1

section "Complete inspections under load (inspection + decision, /healthz baseline)"
inspections() {  # WATCHLIST REGISTRY SECONDS CONNECTIONS
  LIMEN="$build/src/cli/limen" INSPECTION_LOAD="$build/bench/inspection/inspection_load" \
    bash bench/inspection/run.sh "$@" || status=1
}
if [[ -n ${LIMEN_BENCH_SCALE:-} ]]; then
  inspections 1000000 10000000 30 16
  inspections 1000000 10000000 30 28  # The connections the 2,000/s target was measured at.
else
  inspections 20000 100000 10 16
fi

if [[ -n ${LIMEN_BENCH_SCALE:-} ]]; then
  section "Screening at scale (10 million synthetic names)"
  (cd bench/screening && npm install --no-save --silent @faker-js/faker@9) &&
    node bench/screening/names_from_faker.mjs > "$build/names.tsv" &&
    "$build/bench/screening/screening_scale" --names-file "$build/names.tsv" --names 10000000 ||
    status=1
fi
exit $status
