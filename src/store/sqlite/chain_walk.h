// Walking the event and audit hash chains (for `limen log verify` / `limen audit verify`), and
// the SQL behind audit queries.
//
// Thread-safety: functions use only the connection they are given.
#pragma once

#include <string>

#include "store/sqlite/connection.h"
#include "store/store.h"

namespace limen::store::sqlite {

// Checks every event in local arrival order: per origin, sequences run 1, 2, 3 ... without gaps,
// each prev_hash equals the previous event's hash, and each hash matches its record. Stops at
// the first bad record and names it.
Result<ChainReport> WalkEventChain(Connection& connection);
// The same for the audit log, whose sequence is global.
Result<ChainReport> WalkAuditChain(Connection& connection);

struct AuditQuery {
  std::string sql;
  Params params;
};
// Newest first; limit capped at 1000.
AuditQuery BuildAuditQuery(const AuditFilter& filter);

}  // namespace limen::store::sqlite
