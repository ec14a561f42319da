// Screening speed on the development set (../shared/data/screening-dev/): one query at a time on
// one thread, through the candidate index (BM_ScreenIndexed) and, as the baseline measured in
// the same run, with no candidate cut-off (BM_ScreenNoCutoff: every entry that shares any index
// key is scored in full). Also name normalisation
// alone. Run: build/<dir>/bench/screening/screening_bench (from the source root).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/screening/csv.h"
#include "core/screening/import.h"
#include "core/screening/normalize.h"
#include "core/screening/screener.h"

namespace scr = limen::core::screening;

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct DevSet {
  std::vector<scr::WatchlistEntry> entries;
  std::vector<scr::ScreeningQuery> queries;
  scr::Screener screener;
};

DevSet& Dev() {
  static DevSet* dev = [] {
    auto* set = new DevSet();
    std::string dir = std::string(LIMEN_SOURCE_DIR) + "/../shared/data/screening-dev/";
    scr::ImportOptions options;
    options.drop_invalid_dates = true;
    auto list = scr::ImportCsv(ReadFile(dir + "watchlist.csv"), options);
    if (list.ok()) set->entries = list->entries;
    set->screener.Replace(set->entries, "dev");
    auto rows = scr::ParseCsv(ReadFile(dir + "queries.csv"));
    if (rows.ok() && !rows->empty()) {
      scr::CsvHeader header(rows->front());
      for (size_t r = 1; r < rows->size(); ++r) {
        scr::ScreeningQuery query;
        query.names.emplace_back(header.Get((*rows)[r], "name"));
        query.date_of_birth = scr::ParsePartialDate(header.Get((*rows)[r], "dob"));
        set->queries.push_back(std::move(query));
      }
    }
    return set;
  }();
  return *dev;
}

void BM_ScreenIndexed(benchmark::State& state) {
  DevSet& dev = Dev();
  if (dev.queries.empty()) return state.SkipWithError("development set not found");
  scr::ScreeningOptions options;
  size_t i = 0;
  for (auto _ : state) {
    auto result = dev.screener.Screen(dev.queries[i++ % dev.queries.size()], options);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenIndexed);

// Baseline: no candidate cut-off; every entry that shares any index key is scored in full.
void BM_ScreenNoCutoff(benchmark::State& state) {
  DevSet& dev = Dev();
  if (dev.queries.empty()) return state.SkipWithError("development set not found");
  scr::ScreeningOptions options;
  options.candidate_names = 1u << 30;  // Every name becomes a candidate.
  size_t i = 0;
  for (auto _ : state) {
    auto result = dev.screener.Screen(dev.queries[i++ % dev.queries.size()], options);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenNoCutoff)->Iterations(200);

void BM_NormalizeName(benchmark::State& state) {
  DevSet& dev = Dev();
  if (dev.queries.empty()) return state.SkipWithError("development set not found");
  size_t i = 0;
  for (auto _ : state) {
    auto name = scr::NormalizeName(dev.queries[i++ % dev.queries.size()].names[0]);
    benchmark::DoNotOptimize(name);
  }
}
BENCHMARK(BM_NormalizeName);

void BM_BuildIndex(benchmark::State& state) {
  DevSet& dev = Dev();
  for (auto _ : state) {
    auto index = scr::WatchlistIndex::Build(dev.entries);
    benchmark::DoNotOptimize(index);
  }
  state.counters["names"] =
      static_cast<double>(scr::WatchlistIndex::Build(dev.entries)->name_count());
}
BENCHMARK(BM_BuildIndex)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
