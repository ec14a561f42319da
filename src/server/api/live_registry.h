// The lost/stolen document registry as inspections see it on a running node: the imported lists
// stored on the node (store/registry_store.h, one snapshot per stored version) and the
// documents reported nationally through the API (table registry_reports), held as two immutable
// snapshots behind one atomic pointer.
//
// Lookups take the pointer once and never lock or wait. A newer import stored by
// `limen registry import` (possibly from another process) is picked up by a background thread
// that compares the stored version every `registry.reload_seconds` and, when it changed, loads
// the new snapshot on the side and swaps it in. A national report or withdrawal is applied to
// the small national snapshot right after its write commits (ApplyReport/ApplyWithdrawal), so
// the next inspection sees it.
//
// Thread-safety: every method is safe to call from any thread. Swaps are serialised by a mutex
// that lookups never take.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/status.h"
#include "core/registry/snapshot.h"

namespace limen::store {
class Store;
struct RegistryReportRow;
}  // namespace limen::store

namespace limen::server {

// The source name of documents reported through the API.
inline constexpr char kNationalReportSource[] = "national";

class LiveRegistry {
 public:
  struct View {
    std::shared_ptr<const core::registry::RegistrySnapshot> imported;  // Never null.
    std::shared_ptr<const core::registry::RegistrySnapshot> national;  // Never null.
    int64_t version = 0;  // Stored import version of `imported`; 0 when none.
  };

  // An empty registry; Load() fills it. `store` must outlive this object.
  explicit LiveRegistry(store::Store& store);
  ~LiveRegistry();  // Stops the reload thread.
  LiveRegistry(const LiveRegistry&) = delete;
  LiveRegistry& operator=(const LiveRegistry&) = delete;

  // Loads the stored imports and the national reports. Fails with the store's errors or
  // REGISTRY_SNAPSHOT_CORRUPT.
  Status Load();
  // Imports the CSV file at `path` (config key registry.path) into the store as a full
  // replacement of the imported registry, unless a file with the same SHA-256 was imported
  // before (so a restart does not import it again), then loads what is stored. Fails with
  // REGISTRY_FILE_NOT_FOUND or REGISTRY_IMPORT_REJECTED (the stored registry is then unchanged).
  Status BootstrapFrom(const std::string& path);
  // Loads and swaps in the stored import when its version differs from the one in use.
  // Returns true when it swapped.
  Result<bool> ReloadIfNewer();
  // Starts the thread that calls ReloadIfNewer every `period` (no thread when period <= 0).
  void StartReloading(std::chrono::seconds period);

  std::shared_ptr<const View> view() const { return view_.load(); }
  // Every record of both layers for the document, exact matches first, then misread variants.
  std::vector<core::registry::VariantMatch> LookupWithVariants(std::string_view issuing_state,
                                                               std::string_view number) const;

  // Validates a national report as the registry would store it (REGISTRY_STATE,
  // REGISTRY_NUMBER, REGISTRY_DATE, REGISTRY_SOURCE); call before writing it.
  static Status CheckReport(const core::registry::Record& report);
  // Brings the national layer in line with a committed report (added or replaced) or withdrawal.
  Status ApplyReport(const core::registry::Record& report);
  Status ApplyWithdrawal(std::string_view issuing_state, std::string_view number);

 private:
  void ReloadLoop(std::chrono::seconds period);

  store::Store& store_;
  std::atomic<std::shared_ptr<const View>> view_;
  std::mutex swap_mutex_;  // Serialises writers of view_ (reload thread, report handlers).
  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::thread reloader_;
};

}  // namespace limen::server
