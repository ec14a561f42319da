// ReadTxn and WriteTxn over an SQLite connection. The writer keeps the head of this node's event
// chain and of the audit chain in memory (WriterState) so an append needs no extra query; the
// store snapshots and restores it around each savepoint and batch.
//
// Thread-safety: used only on the thread that owns the connection (the writer or one reader).
#pragma once

#include <string>

#include "base/time.h"
#include "store/internal/projector_registry.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace limen::store::sqlite {

struct ChainHead {
  int64_t sequence = 0;  // 0 when the chain is empty.
  crypto::Sha256Digest hash{};
};

struct WriterState {
  ChainHead events;  // This node's own events.
  ChainHead audit;
};

// Reads the chain heads from the database (at open, and after a failed commit).
Result<WriterState> LoadWriterState(Connection& connection, const std::string& node_id);

// Decodes an `events` row selected with kEventColumns.
inline constexpr std::string_view kEventColumns =
    "origin_node, sequence, time, actor, type, payload, prev_hash, hash";
Event EventFromRow(const Row& row);
inline constexpr std::string_view kAuditColumns =
    "sequence, time, actor_user_id, actor_username, client_address, method, route, record_type, "
    "record_id, purpose, outcome, prev_hash, hash";
AuditRecord AuditFromRow(const Row& row);

class SqliteReadTxn : public ReadTxn {
 public:
  SqliteReadTxn(Connection& connection, const std::string& node_id)
      : connection_(connection), node_id_(node_id) {}
  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    return connection_.Query(sql, params);
  }
  const std::string& node_id() const override { return node_id_; }

 private:
  Connection& connection_;
  const std::string& node_id_;
};

class SqliteWriteTxn : public WriteTxn {
 public:
  SqliteWriteTxn(Connection& connection, const std::string& node_id, const Clock& clock,
                 WriterState& state, const internal::ProjectorRegistry& projectors)
      : connection_(connection),
        node_id_(node_id),
        clock_(clock),
        state_(state),
        projectors_(projectors) {}

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    return connection_.Query(sql, params);
  }
  const std::string& node_id() const override { return node_id_; }
  Result<int64_t> Execute(std::string_view sql, const Params& params) override {
    return connection_.Execute(sql, params);
  }
  Result<Event> AppendEvent(const EventDraft& draft) override;
  Result<bool> IngestEvent(const Event& event) override;
  Result<AuditRecord> AppendAudit(const AuditDraft& draft) override;
  Timestamp Now() const override { return clock_.Now(); }

  // Runs the registered projector for `event` (none registered: nothing to do).
  Status Project(const Event& event);

 private:
  Status InsertEvent(const Event& event);

  Connection& connection_;
  const std::string& node_id_;
  const Clock& clock_;
  WriterState& state_;
  const internal::ProjectorRegistry& projectors_;
};

}  // namespace limen::store::sqlite
