#include "store/sqlite/chain_walk.h"

#include <algorithm>
#include <map>

#include "store/chain.h"
#include "store/sqlite/sqlite_txn.h"

namespace limen::store::sqlite {
namespace {

struct WalkHead {
  int64_t sequence = 0;
  crypto::Sha256Digest hash{};
};

// Returns an empty string when `sequence`, `prev_hash` and `hash` extend `head` correctly.
std::string LinkProblem(const WalkHead& head, int64_t sequence,
                        const crypto::Sha256Digest& prev_hash, const crypto::Sha256Digest& hash,
                        const crypto::Sha256Digest& recomputed) {
  if (sequence != head.sequence + 1) {
    return "expected sequence " + std::to_string(head.sequence + 1) + " but found " +
           std::to_string(sequence) + " (records are missing or reordered)";
  }
  if (prev_hash != head.hash) {
    return "its previous-hash does not equal the hash of record " + std::to_string(head.sequence) +
           " (a record before it was changed or replaced)";
  }
  if (hash != recomputed) return "its hash does not match its contents (the record was changed)";
  return "";
}

// The sentinel that stops ForEachRow once a bad record is found.
Status StopWalk() { return Status(StatusCode::kInternal, "CHAIN_WALK_STOP", ""); }

}  // namespace

Result<ChainReport> WalkEventChain(Connection& connection) {
  ChainReport report;
  std::map<std::string, WalkHead, std::less<>> heads;
  Status status = connection.ForEachRow(
      "SELECT " + std::string(kEventColumns) + " FROM events ORDER BY position", {},
      [&](const Row& row) -> Status {
        Event event = EventFromRow(row);
        WalkHead& head = heads[event.origin_node];
        std::string problem =
            LinkProblem(head, event.sequence, event.prev_hash, event.hash, ComputeEventHash(event));
        if (!problem.empty()) {
          report.ok = false;
          report.first_bad_sequence = event.sequence;
          report.first_bad_origin = event.origin_node;
          report.reason = "Event " + std::to_string(event.sequence) + " of node " +
                          event.origin_node + ": " + problem + ".";
          return StopWalk();
        }
        head = WalkHead{event.sequence, event.hash};
        ++report.checked_count;
        return Status::Ok();
      });
  if (!status.ok() && report.ok) return status;
  return report;
}

Result<ChainReport> WalkAuditChain(Connection& connection) {
  ChainReport report;
  WalkHead head;
  Status status = connection.ForEachRow(
      "SELECT " + std::string(kAuditColumns) + " FROM audit_log ORDER BY sequence", {},
      [&](const Row& row) -> Status {
        AuditRecord record = AuditFromRow(row);
        std::string problem = LinkProblem(head, record.sequence, record.prev_hash, record.hash,
                                          ComputeAuditHash(record));
        if (!problem.empty()) {
          report.ok = false;
          report.first_bad_sequence = record.sequence;
          report.reason = "Audit record " + std::to_string(record.sequence) + ": " + problem + ".";
          return StopWalk();
        }
        head = WalkHead{record.sequence, record.hash};
        ++report.checked_count;
        return Status::Ok();
      });
  if (!status.ok() && report.ok) return status;
  return report;
}

AuditQuery BuildAuditQuery(const AuditFilter& filter) {
  AuditQuery query;
  query.sql = "SELECT " + std::string(kAuditColumns) + " FROM audit_log WHERE 1 = 1";
  auto add = [&query](const char* condition, Value value) {
    query.sql += condition;
    query.params.push_back(std::move(value));
  };
  if (filter.actor_user_id) add(" AND actor_user_id = ?", *filter.actor_user_id);
  if (filter.actor_username) add(" AND actor_username = ?", *filter.actor_username);
  if (filter.from) add(" AND time >= ?", *filter.from);
  if (filter.to) add(" AND time < ?", *filter.to);
  if (filter.route) add(" AND route = ?", *filter.route);
  if (filter.record_type) add(" AND record_type = ?", *filter.record_type);
  if (filter.record_id) add(" AND record_id = ?", *filter.record_id);
  if (filter.purpose) add(" AND purpose = ?", *filter.purpose);
  query.sql += " ORDER BY sequence DESC LIMIT ? OFFSET ?";
  query.params.push_back(std::clamp<int64_t>(filter.limit, 0, 1000));
  query.params.push_back(std::max<int64_t>(filter.offset, 0));
  return query;
}

}  // namespace limen::store::sqlite
