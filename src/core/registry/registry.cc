#include "core/registry/registry.h"

#include "base/check.h"

namespace limen::core::registry {

void Registry::Replace(std::shared_ptr<const RegistrySnapshot> snapshot) {
  LIMEN_CHECK(snapshot != nullptr);
  current_.store(std::move(snapshot));
}

}  // namespace limen::core::registry
