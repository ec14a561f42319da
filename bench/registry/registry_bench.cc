// Registry benchmark: 10 million synthetic lost/stolen documents (LIMEN_BENCH_REGISTRY_ENTRIES
// overrides), the packed snapshot against a std::unordered_map<std::string, Record> baseline
// keyed by "STATE/NUMBER" (the synthetic keys are unique per State and number) and built from the
// same records in the same run. Reports build time, heap bytes per entry and
// lookup latency (exact hit, miss, hit through misread variants). See docs/benchmarks/registry.md.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <unordered_map>

#include "core/registry/snapshot.h"

namespace limen::core::registry {
namespace {

size_t EntryCount() {
  const char* text = std::getenv("LIMEN_BENCH_REGISTRY_ENTRIES");
  return text != nullptr ? std::strtoull(text, nullptr, 10) : 10'000'000;
}

// Bytes in use from the heap, including large blocks served by mmap.
size_t HeapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Deterministic synthetic records: 2 letters + 7 digits (TD3-like), 150 States, 3 sources. Keys
// are unique: record i has State i % 150 and a number that is a bijective scramble of i / 150.
struct Corpus {
  std::vector<std::string> states;
  std::vector<std::pair<uint32_t, std::string>> keys;  // (state index, number)

  explicit Corpus(size_t count) {
    std::mt19937_64 random(20261126);
    for (int i = 0; i < 150; ++i) {
      states.push_back({static_cast<char>('A' + i % 26), static_cast<char>('A' + (i / 26) % 26),
                        static_cast<char>('A' + (i * 7) % 26)});
    }
    keys.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      keys.emplace_back(static_cast<uint32_t>(i % states.size()), Number(i / states.size()));
    }
  }

  static std::string Number(uint64_t k) {
    constexpr uint64_t kSpace = 676ull * 10'000'000ull;  // 26 * 26 letter pairs * 10^7.
    const uint64_t scrambled = (k * 2'654'435'761ull + 12'345) % kSpace;  // Odd, coprime to 5.
    uint64_t digits = scrambled % 10'000'000;
    const uint64_t letters = scrambled / 10'000'000;
    std::string number = {static_cast<char>('A' + letters / 26),
                          static_cast<char>('A' + letters % 26)};
    std::string tail(7, '0');
    for (int d = 6; d >= 0; --d, digits /= 10) tail[d] = static_cast<char>('0' + digits % 10);
    return number + tail;
  }

  Record MakeRecord(size_t i) const {
    return Record{states[keys[i].first],
                  keys[i].second,
                  DocumentKind::kPassport,
                  i % 3 == 0 ? ReportReason::kLost : ReportReason::kStolen,
                  CivilDate{2020 + static_cast<int>(i % 6), 1 + static_cast<int>(i % 12), 1},
                  i % 5 == 0 ? "national" : (i % 5 == 1 ? "bilateral" : "interpol-sltd")};
  }
};

struct Fixture {
  Corpus corpus{EntryCount()};
  std::shared_ptr<const RegistrySnapshot> snapshot;
  std::unordered_map<std::string, Record> baseline;
  double snapshot_build_seconds = 0, baseline_build_seconds = 0;
  double snapshot_bytes_per_entry = 0, baseline_bytes_per_entry = 0;
  std::vector<size_t> probes;  // Indexes of listed keys to look up.

  Fixture() {
    std::mt19937_64 random(7);
    for (int i = 0; i < 1 << 16; ++i) probes.push_back(random() % corpus.keys.size());
    BuildSnapshot();
    BuildBaseline();
  }

  void BuildSnapshot() {
    const size_t heap = HeapInUse();
    const auto start = std::chrono::steady_clock::now();
    RegistryBuilder builder;
    for (size_t i = 0; i < corpus.keys.size(); ++i) {
      if (!builder.Add(corpus.MakeRecord(i)).ok()) std::abort();
    }
    auto built = builder.Build();
    if (!built.ok()) {
      std::fprintf(stderr, "%s\n", built.status().ToString().c_str());
      std::abort();
    }
    snapshot = *built;
    snapshot_build_seconds = Seconds(start);
    snapshot_bytes_per_entry = double(HeapInUse() - heap) / snapshot->size();
  }

  void BuildBaseline() {
    const size_t heap = HeapInUse();
    const auto start = std::chrono::steady_clock::now();
    baseline.reserve(corpus.keys.size());
    for (size_t i = 0; i < corpus.keys.size(); ++i) {
      Record record = corpus.MakeRecord(i);
      std::string key = record.issuing_state + "/" + record.number;
      baseline.emplace(std::move(key), std::move(record));
    }
    baseline_build_seconds = Seconds(start);
    baseline_bytes_per_entry = double(HeapInUse() - heap) / baseline.size();
  }
};

Fixture& GetFixture() {
  static Fixture* fixture = new Fixture();
  return *fixture;
}

void ReportBuild(benchmark::State& state, double seconds, double bytes_per_entry, size_t size) {
  for (auto _ : state) benchmark::DoNotOptimize(size);
  state.counters["entries"] = static_cast<double>(size);
  state.counters["build_s"] = seconds;
  state.counters["bytes_per_entry"] = bytes_per_entry;
}

void BM_PackedBuild(benchmark::State& state) {
  Fixture& f = GetFixture();
  ReportBuild(state, f.snapshot_build_seconds, f.snapshot_bytes_per_entry, f.snapshot->size());
}

void BM_BaselineBuild(benchmark::State& state) {
  Fixture& f = GetFixture();
  ReportBuild(state, f.baseline_build_seconds, f.baseline_bytes_per_entry, f.baseline.size());
}

void BM_PackedExactHit(benchmark::State& state) {
  Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& key = f.corpus.keys[f.probes[i++ & 0xFFFF]];
    found += f.snapshot->Lookup(f.corpus.states[key.first], key.second).size();
  }
  if (found == 0) state.SkipWithError("no hits");
}

// Like Lookup(): builds the key from State and number and copies the records found.
void BM_BaselineExactHit(benchmark::State& state) {
  Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& key = f.corpus.keys[f.probes[i++ & 0xFFFF]];
    std::vector<Record> records;
    const auto it = f.baseline.find(f.corpus.states[key.first] + "/" + key.second);
    if (it != f.baseline.end()) records.push_back(it->second);
    found += records.size();
  }
  if (found == 0) state.SkipWithError("no hits");
}

// Like Contains(): is the document listed at all.
void BM_PackedContains(benchmark::State& state) {
  Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& key = f.corpus.keys[f.probes[i++ & 0xFFFF]];
    found += f.snapshot->Contains(f.corpus.states[key.first], key.second);
  }
  if (found == 0) state.SkipWithError("no hits");
}

void BM_BaselineContains(benchmark::State& state) {
  Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& key = f.corpus.keys[f.probes[i++ & 0xFFFF]];
    found += f.baseline.count(f.corpus.states[key.first] + "/" + key.second);
  }
  if (found == 0) state.SkipWithError("no hits");
}

void BM_BaselineMiss(benchmark::State& state) {
  Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& key = f.corpus.keys[f.probes[i++ & 0xFFFF]];
    found += f.baseline.count(f.corpus.states[key.first] + "/" + key.second + "Q");
  }
  benchmark::DoNotOptimize(found);
}

void BM_PackedMiss(benchmark::State& state) {
  Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& key = f.corpus.keys[f.probes[i++ & 0xFFFF]];
    found += f.snapshot->Lookup(f.corpus.states[key.first], key.second + "Q").size();
  }
  benchmark::DoNotOptimize(found);
}

void BM_PackedWithVariants(benchmark::State& state) {
  Fixture& f = GetFixture();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& key = f.corpus.keys[f.probes[i++ & 0xFFFF]];
    found += f.snapshot->LookupWithVariants(f.corpus.states[key.first], key.second).size();
  }
  if (found == 0) state.SkipWithError("no hits");
}

BENCHMARK(BM_PackedBuild)->Iterations(1);
BENCHMARK(BM_BaselineBuild)->Iterations(1);
BENCHMARK(BM_PackedExactHit);
BENCHMARK(BM_BaselineExactHit);
BENCHMARK(BM_PackedContains);
BENCHMARK(BM_BaselineContains);
BENCHMARK(BM_PackedMiss);
BENCHMARK(BM_BaselineMiss);
BENCHMARK(BM_PackedWithVariants);

}  // namespace
}  // namespace limen::core::registry

BENCHMARK_MAIN();
