#include "store/sqlite/sqlite_txn.h"

#include "store/chain.h"
#include "store/session_store.h"

namespace limen::store::sqlite {
namespace {

Blob DigestBlob(const crypto::Sha256Digest& digest) { return Blob{crypto::DigestBytes(digest)}; }

crypto::Sha256Digest DigestOf(const Value& value) {
  crypto::Sha256Digest digest{};
  (void)DigestFromBytes(value.AsBlob(), digest);  // A wrong length stays zero; verify flags it.
  return digest;
}

Status ChainBroken(const Event& event, std::string_view why) {
  return FailedPrecondition("EVENT_CHAIN_BROKEN",
                            "Event " + std::to_string(event.sequence) + " from node " +
                                event.origin_node + " was refused: " + std::string(why) +
                                ". Ask the sending node to resend from its last good event.");
}

}  // namespace

Event EventFromRow(const Row& row) {
  Event event;
  event.origin_node = row[0].AsText();
  event.sequence = row[1].AsInt();
  event.time = row[2].AsInt();
  event.actor = row[3].AsText();
  event.type = row[4].AsText();
  event.payload = row[5].AsText();
  event.prev_hash = DigestOf(row[6]);
  event.hash = DigestOf(row[7]);
  return event;
}

AuditRecord AuditFromRow(const Row& row) {
  AuditRecord record;
  record.sequence = row[0].AsInt();
  record.time = row[1].AsInt();
  record.draft.actor_user_id = row[2].AsInt();
  record.draft.actor_username = row[3].AsText();
  record.draft.client_address = row[4].AsText();
  record.draft.method = row[5].AsText();
  record.draft.route = row[6].AsText();
  record.draft.record_type = row[7].AsText();
  record.draft.record_id = row[8].AsText();
  record.draft.purpose = row[9].AsText();
  record.draft.outcome = static_cast<int32_t>(row[10].AsInt());
  record.prev_hash = DigestOf(row[11]);
  record.hash = DigestOf(row[12]);
  return record;
}

Result<WriterState> LoadWriterState(Connection& connection, const std::string& node_id) {
  WriterState state;
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> events,
                         connection.Query("SELECT sequence, hash FROM events WHERE origin_node = ? "
                                          "ORDER BY sequence DESC LIMIT 1",
                                          {node_id}));
  if (!events.empty()) {
    state.events.sequence = events[0][0].AsInt();
    state.events.hash = DigestOf(events[0][1]);
  }
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> audit,
      connection.Query("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1", {}));
  if (!audit.empty()) {
    state.audit.sequence = audit[0][0].AsInt();
    state.audit.hash = DigestOf(audit[0][1]);
  }
  return state;
}

Status SqliteWriteTxn::InsertEvent(const Event& event) {
  return connection_
      .Execute(
          "INSERT INTO events (origin_node, sequence, time, actor, type, payload, "
          "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {event.origin_node, event.sequence, event.time, event.actor, event.type, event.payload,
           DigestBlob(event.prev_hash), DigestBlob(event.hash)})
      .status();
}

Status SqliteWriteTxn::Project(const Event& event) {
  // A user's role, posts or state may change: cached sessions must be read again.
  if (event.type.starts_with("user.")) NoteSessionChange();
  std::optional<ProjectorFn> projector = projectors_.Find(event.type);
  if (!projector) return Status::Ok();
  return (*projector)(*this, event);
}

Result<Event> SqliteWriteTxn::AppendEvent(const EventDraft& draft) {
  if (draft.type.empty()) {
    return InvalidArgument("EVENT_TYPE_INVALID", "Every event needs a type such as user.created.");
  }
  Event event;
  event.origin_node = node_id_;
  event.sequence = state_.events.sequence + 1;
  event.time = clock_.Now();
  event.actor = draft.actor;
  event.type = draft.type;
  event.payload = draft.payload_json;
  event.prev_hash = state_.events.hash;
  event.hash = ComputeEventHash(event);
  LIMEN_RETURN_IF_ERROR(InsertEvent(event));
  state_.events = ChainHead{event.sequence, event.hash};
  LIMEN_RETURN_IF_ERROR(Project(event));
  return event;
}

Result<bool> SqliteWriteTxn::IngestEvent(const Event& event) {
  if (event.origin_node == node_id_) {
    return InvalidArgument("EVENT_ORIGIN_LOCAL",
                           "Events of this node are appended locally, never ingested.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> existing,
                         QueryOne("SELECT hash FROM events WHERE origin_node = ? AND sequence = ?",
                                  {event.origin_node, event.sequence}));
  if (existing) {
    if (DigestOf((*existing)[0]) != event.hash)
      return ChainBroken(event, "it differs from the copy held");
    return false;
  }
  if (ComputeEventHash(event) != event.hash) return ChainBroken(event, "its hash is wrong");
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> previous,
                         QueryOne("SELECT sequence, hash FROM events WHERE origin_node = ? "
                                  "ORDER BY sequence DESC LIMIT 1",
                                  {event.origin_node}));
  int64_t last_sequence = previous ? (*previous)[0].AsInt() : 0;
  crypto::Sha256Digest last_hash = previous ? DigestOf((*previous)[1]) : crypto::Sha256Digest{};
  if (event.sequence != last_sequence + 1)
    return ChainBroken(event, "events before it are missing");
  if (event.prev_hash != last_hash)
    return ChainBroken(event, "it does not follow the last event held");
  LIMEN_RETURN_IF_ERROR(InsertEvent(event));
  LIMEN_RETURN_IF_ERROR(Project(event));
  return true;
}

Result<AuditRecord> SqliteWriteTxn::AppendAudit(const AuditDraft& draft) {
  AuditRecord record;
  record.sequence = state_.audit.sequence + 1;
  record.time = clock_.Now();
  record.draft = draft;
  record.prev_hash = state_.audit.hash;
  record.hash = ComputeAuditHash(record);
  const AuditDraft& d = draft;
  LIMEN_RETURN_IF_ERROR(
      connection_
          .Execute("INSERT INTO audit_log (sequence, time, actor_user_id, actor_username, "
                   "client_address, method, route, record_type, record_id, purpose, outcome, "
                   "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {record.sequence, record.time, d.actor_user_id, d.actor_username,
                    d.client_address, d.method, d.route, d.record_type, d.record_id, d.purpose,
                    d.outcome, DigestBlob(record.prev_hash), DigestBlob(record.hash)})
          .status());
  state_.audit = ChainHead{record.sequence, record.hash};
  return record;
}

}  // namespace limen::store::sqlite
