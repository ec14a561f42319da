// The live lost, stolen and invalid document registry: holds the current immutable snapshot and
// replaces it atomically when an import completes. Inspections take the snapshot once and look
// up without locks; an import builds a new snapshot on the side, so lookups never wait for it.
//
// Thread-safety: all methods are safe to call concurrently. A snapshot obtained from snapshot()
// stays valid (and unchanged) for as long as the caller holds it.
#pragma once

#include <atomic>
#include <memory>

#include "core/registry/snapshot.h"

namespace limen::core::registry {

class Registry {
 public:
  Registry() : current_(std::make_shared<const RegistrySnapshot>()) {}

  std::shared_ptr<const RegistrySnapshot> snapshot() const { return current_.load(); }
  // Makes `snapshot` current; REQUIRES: snapshot != nullptr.
  void Replace(std::shared_ptr<const RegistrySnapshot> snapshot);

 private:
  std::atomic<std::shared_ptr<const RegistrySnapshot>> current_;
};

}  // namespace limen::core::registry
