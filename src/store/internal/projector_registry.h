// Projectors by event type, and the tables they own, shared by store implementations.
// Internal to src/store.
//
// Thread-safety: thread-safe (one mutex); Find returns a copy so no lock is held while a
// projector runs.
#pragma once

#include <algorithm>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace limen::store::internal {

class ProjectorRegistry {
 public:
  void Register(std::string event_type, ProjectorFn projector) {
    std::lock_guard lock(mutex_);
    projectors_[std::move(event_type)] = std::move(projector);
  }
  void AddTables(std::vector<std::string> tables) {
    std::lock_guard lock(mutex_);
    for (std::string& table : tables) {
      // Registering a module twice must not delete its tables twice.
      if (std::find(tables_.begin(), tables_.end(), table) == tables_.end()) {
        tables_.push_back(std::move(table));
      }
    }
  }
  std::optional<ProjectorFn> Find(std::string_view event_type) const {
    std::lock_guard lock(mutex_);
    auto found = projectors_.find(event_type);
    if (found == projectors_.end()) return std::nullopt;
    return found->second;
  }
  std::vector<std::string> Tables() const {
    std::lock_guard lock(mutex_);
    return tables_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ProjectorFn, std::less<>> projectors_;
  std::vector<std::string> tables_;
};

}  // namespace limen::store::internal
