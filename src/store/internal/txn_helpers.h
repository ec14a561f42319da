// Small helpers shared by the store's repositories. Internal to src/store.
//
// Thread-safety: stateless; as thread-safe as the transaction given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace limen::store::internal {

// Appends an event and keeps only its status.
inline Status AppendEventStatus(WriteTxn& txn, std::string_view actor, std::string type,
                                std::string payload) {
  return txn.AppendEvent(EventDraft{std::string(actor), std::move(type), std::move(payload)})
      .status();
}

// True when `sql` returns at least one row.
inline Result<bool> RowExists(ReadTxn& txn, std::string_view sql, const Params& params) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, txn.Query(sql, params));
  return !rows.empty();
}

}  // namespace limen::store::internal
