// Helpers shared by the workflow repository's files (workflow_store.cc, workflow_records.cc).
// Internal to src/store.
//
// Thread-safety: stateless; as thread-safe as the transaction given.
#pragma once

#include <string>
#include <string_view>

#include "store/internal/txn_helpers.h"

namespace limen::store::internal::workflow {

// The error for a required field of a workflow record that was left empty.
inline Status Invalid(std::string_view what) {
  return InvalidArgument("WORKFLOW_INVALID", std::string(what) + " is required; fill it in.");
}

inline Status Append(WriteTxn& txn, std::string_view actor, std::string type, std::string payload) {
  return AppendEventStatus(txn, actor, std::move(type), std::move(payload));
}

inline Result<bool> Exists(ReadTxn& txn, std::string_view sql, const Params& params) {
  return RowExists(txn, sql, params);
}

}  // namespace limen::store::internal::workflow
