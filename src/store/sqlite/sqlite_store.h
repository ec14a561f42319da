// The SQLite implementation of Store: one writer connection driven by a group-commit thread,
// a small pool of reader connections (WAL lets them read beside the writer), migrations applied
// at open. See store/store.h for the contract.
//
// Thread-safety: as Store (thread-safe).
#pragma once

#include <memory>

#include "base/status.h"
#include "store/store.h"

namespace limen::store::sqlite {

// REQUIRES: options validated by OpenStore (non-empty path and node id).
Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options);

}  // namespace limen::store::sqlite
