// Small helpers shared by the store's repositories. Internal to src/store.
//
// Thread-safety: stateless; as thread-safe as the transaction given.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "store/internal/flat_json.h"
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

// The string fields `keys` of an event payload, in order, as statement parameters; fails like
// FlatJsonObject::String on a missing or non-string field.
inline Result<Params> PayloadStrings(const FlatJsonObject& payload,
                                     std::initializer_list<const char*> keys) {
  Params params;
  for (const char* key : keys) {
    LIMEN_ASSIGN_OR_RETURN(std::string value, payload.String(key));
    params.emplace_back(std::move(value));
  }
  return params;
}

}  // namespace limen::store::internal
