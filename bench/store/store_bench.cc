// Durable event appends per second through the store's group-commit writer, with N concurrent
// submitters each waiting for its acknowledgement (as HTTP handlers do), against the baseline of
// one transaction (one fsync) per write measured in the same run: the same store with
// max_batch_size = 1. Runs on a real file under the system temp directory, never :memory:.
//
//   store_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace limen::store {
namespace {

// About the size of a crossing event, of a type without a projection: the store alone is measured.
const std::string kPayload =
    "{\"traveller\":\"T-000123456\",\"document\":{\"type\":\"P\",\"issuer\":\"KEN\","
    "\"number\":\"AB1234567\",\"expiry\":\"2031-05-01\"},\"post\":\"BUS-OSBP\",\"lane\":3,"
    "\"direction\":\"entry\",\"decision\":\"admit\",\"officer\":17,\"reasons\":[\"no_hit\","
    "\"valid_document\",\"stay_within_limit\"],\"time\":\"2026-11-26T17:20:00.123456Z\"}";

class ScratchStore {
 public:
  explicit ScratchStore(int max_batch_size) {
    std::string pattern = (std::filesystem::temp_directory_path() / "limen-bench-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    StoreOptions options;
    options.path = (dir_ / "bench.db").string();
    options.node_id = "bench";
    options.max_batch_size = max_batch_size;
    Result<std::unique_ptr<Store>> store = OpenStore(options);
    if (store.ok()) store_ = std::move(store).value();
  }
  ~ScratchStore() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  Store* get() { return store_.get(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

// Args: submitters, max batch size, writes per iteration.
void BM_DurableAppends(benchmark::State& state) {
  const int submitters = static_cast<int>(state.range(0));
  const int writes = static_cast<int>(state.range(2));
  ScratchStore scratch(static_cast<int>(state.range(1)));
  Store* store = scratch.get();
  if (store == nullptr) {
    state.SkipWithError("cannot open the store");
    return;
  }
  std::atomic<int64_t> failures{0};
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int t = 0; t < submitters; ++t) {
      threads.emplace_back([&, t] {
        for (int i = t; i < writes; i += submitters) {
          Status status = store->Write([](WriteTxn& txn) {
            return txn.AppendEvent({"user:17", "bench.appended", kPayload}).status();
          });
          if (!status.ok()) ++failures;
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  if (failures.load() > 0) state.SkipWithError("some writes failed");
  StoreMetrics metrics = store->Metrics();
  state.SetItemsProcessed(state.iterations() * writes);
  state.counters["writes_per_commit"] = static_cast<double>(metrics.writes) /
                                        static_cast<double>(std::max<int64_t>(metrics.commits, 1));
  state.counters["largest_batch"] = static_cast<double>(metrics.largest_batch);
}

// Args: writes kept in flight by one submitting thread (as an event-loop server does with
// Store::Submit), max batch size, writes per iteration.
void BM_DurableAppendsAsync(benchmark::State& state) {
  const int64_t in_flight_limit = state.range(0);
  const int64_t writes = state.range(2);
  ScratchStore scratch(static_cast<int>(state.range(1)));
  Store* store = scratch.get();
  if (store == nullptr) {
    state.SkipWithError("cannot open the store");
    return;
  }
  std::mutex mutex;
  std::condition_variable changed;
  int64_t in_flight = 0;
  int64_t failures = 0;
  for (auto _ : state) {
    for (int64_t i = 0; i < writes; ++i) {
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return in_flight < in_flight_limit; });
        ++in_flight;
      }
      store->Submit(
          [](WriteTxn& txn) {
            return txn.AppendEvent({"user:17", "bench.appended", kPayload}).status();
          },
          [&](Status status) {
            std::lock_guard lock(mutex);
            --in_flight;
            if (!status.ok()) ++failures;
            changed.notify_all();
          });
    }
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return in_flight == 0; });
  }
  if (failures > 0) state.SkipWithError("some writes failed");
  StoreMetrics metrics = store->Metrics();
  state.SetItemsProcessed(state.iterations() * writes);
  state.counters["writes_per_commit"] = static_cast<double>(metrics.writes) /
                                        static_cast<double>(std::max<int64_t>(metrics.commits, 1));
}

// Walks the whole event chain (what `limen log verify` does). Arg: events in the log.
void BM_VerifyEventLog(benchmark::State& state) {
  const int64_t events = state.range(0);
  ScratchStore scratch(1024);
  Store* store = scratch.get();
  if (store == nullptr) {
    state.SkipWithError("cannot open the store");
    return;
  }
  for (int64_t done = 0; done < events; done += 1000) {
    Status status = store->Write([&](WriteTxn& txn) -> Status {
      for (int64_t i = done; i < std::min(events, done + 1000); ++i) {
        LIMEN_RETURN_IF_ERROR(txn.AppendEvent({"user:17", "bench.appended", kPayload}).status());
      }
      return Status::Ok();
    });
    if (!status.ok()) {
      state.SkipWithError("cannot fill the log");
      return;
    }
  }
  for (auto _ : state) {
    Result<ChainReport> report = store->VerifyEventLog();
    if (!report.ok() || !report->ok || report->checked_count != events) {
      state.SkipWithError("verification failed");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * events);
}

// Baseline: one transaction per write.
BENCHMARK(BM_DurableAppends)
    ->ArgNames({"submitters", "max_batch", "writes"})
    ->Args({1, 1, 300})
    ->Args({16, 1, 300})
    ->Args({64, 1, 300})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
// Group commit.
BENCHMARK(BM_DurableAppends)
    ->ArgNames({"submitters", "max_batch", "writes"})
    ->Args({1, 1024, 300})
    ->Args({16, 1024, 3000})
    ->Args({64, 1024, 6000})
    ->Args({256, 1024, 12000})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VerifyEventLog)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DurableAppendsAsync)
    ->ArgNames({"in_flight", "max_batch", "writes"})
    ->Args({256, 1, 300})
    ->Args({64, 1024, 6000})
    ->Args({256, 1024, 12000})
    ->Args({1024, 1024, 24000})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace limen::store

BENCHMARK_MAIN();
