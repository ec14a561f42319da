// The store: what a Limen node persists, behind an interface that SQLite implements today and
// PostgreSQL can implement later. SQL dialect details stay behind it: callers write portable SQL
// with positional `?` parameters and get rows of `Value`s back.
//
// Writes go through one writer with group commit. `Submit` queues a unit of work; the writer
// takes everything pending, runs each item inside its own savepoint in one transaction, commits
// once (with an fsync: an acknowledged write survives a power cut) and only then calls each
// item's `done` callback. A failing item is rolled back alone; if the commit fails, every item
// in the batch gets the error.
//
// Every change of domain state is an event appended with `WriteTxn::AppendEvent` in the same
// transaction as its projections (see docs/event-log.md). Reads of personal data and writes are
// recorded with `WriteTxn::AppendAudit` (see docs/audit-log.md).
//
// Thread-safety: `Store` is thread-safe. A `ReadTxn` or `WriteTxn` is only valid inside the
// callback it was passed to, on the thread that called the callback. `done` callbacks and write
// functions run on the writer thread: they must be short and must never call `Store::Write`
// or `Store::Rebuild` (that would deadlock); calling `Submit` from them is fine.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "crypto/hash.h"

namespace limen::store {

// Binary data, kept apart from text so that a `Value` knows which column type it binds to.
struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

// A parameter or column value: null, 64-bit integer, double, UTF-8 text or blob.
class Value {
 public:
  using Variant = std::variant<std::monostate, int64_t, double, std::string, Blob>;

  Value() = default;
  Value(std::nullptr_t) {}  // NOLINT
  template <std::integral T>
  Value(T v) : data_(static_cast<int64_t>(v)) {}        // NOLINT: bool becomes 0/1.
  Value(double v) : data_(v) {}                         // NOLINT
  Value(const char* v) : data_(std::string(v)) {}       // NOLINT
  Value(std::string_view v) : data_(std::string(v)) {}  // NOLINT
  Value(std::string v) : data_(std::move(v)) {}         // NOLINT
  Value(Blob v) : data_(std::move(v)) {}                // NOLINT
  template <typename T>
  Value(const std::optional<T>& v) {  // NOLINT: null when empty.
    if (v) *this = Value(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
  // Accessors return a neutral value (0, "", empty blob) when the type differs; SQLite and
  // PostgreSQL both keep declared column types, so callers know what they stored.
  int64_t AsInt() const;
  double AsDouble() const;
  const std::string& AsText() const;
  const std::string& AsBlob() const;
  const Variant& variant() const { return data_; }

  friend bool operator==(const Value&, const Value&) = default;

 private:
  Variant data_;
};

using Row = std::vector<Value>;
using Params = std::vector<Value>;

// One record of the event log. `sequence` counts from 1 per origin node.
struct Event {
  std::string origin_node;
  int64_t sequence = 0;
  Timestamp time = 0;                // UTC microseconds, from the store's clock.
  std::string actor;                 // Who caused it, e.g. "user:12" or "system".
  std::string type;                  // e.g. "user.created".
  std::string payload;               // JSON text as given by the caller, stored byte for byte.
  crypto::Sha256Digest prev_hash{};  // All zero for the first event of an origin.
  crypto::Sha256Digest hash{};
};

struct EventDraft {
  std::string actor;
  std::string type;
  std::string payload_json;
};

// One record of the audit log: who did what to which record, from where, and why.
struct AuditDraft {
  int64_t actor_user_id = 0;  // 0 when nobody is authenticated (e.g. a failed login).
  std::string actor_username;
  std::string client_address;
  std::string method;       // "GET", "POST", ... or "CLI".
  std::string route;        // "/api/v1/users/{id}".
  std::string record_type;  // "user", "traveller", ... empty if none.
  std::string record_id;
  std::string purpose;  // As stated by the user where the route asks for one.
  int32_t outcome = 0;  // HTTP status code.
};

struct AuditRecord {
  int64_t sequence = 0;
  Timestamp time = 0;
  AuditDraft draft;
  crypto::Sha256Digest prev_hash{};
  crypto::Sha256Digest hash{};
};

struct AuditFilter {
  std::optional<int64_t> actor_user_id;
  std::optional<std::string> actor_username;
  std::optional<Timestamp> from;  // Inclusive.
  std::optional<Timestamp> to;    // Exclusive.
  std::optional<std::string> route;
  std::optional<std::string> record_type;
  std::optional<std::string> record_id;
  std::optional<std::string> purpose;
  int64_t limit = 100;  // Capped at 1000.
  int64_t offset = 0;
};

// Result of walking a hash chain. When !ok, `first_bad_sequence` names the first record that
// fails and `reason` says how (a broken link, a wrong hash or a gap in the sequence).
struct ChainReport {
  bool ok = true;
  int64_t checked_count = 0;
  std::optional<int64_t> first_bad_sequence;
  std::string first_bad_origin;  // Event log only: the origin node of the bad record.
  std::string reason;
};

// Read access inside one consistent snapshot.
class ReadTxn {
 public:
  virtual ~ReadTxn() = default;
  // Runs a statement and returns all rows. Statements are prepared once and cached.
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params = {}) = 0;
  // The first row, or nullopt when there is none.
  Result<std::optional<Row>> QueryOne(std::string_view sql, const Params& params = {});
  // The first column of the first row as an integer (for count(*) and the like). Fails with
  // STORE_NO_ROW when there is no row.
  Result<int64_t> QueryInt(std::string_view sql, const Params& params = {});
  // The node this store belongs to.
  virtual const std::string& node_id() const = 0;
};

// Read and write access inside the writer's batch transaction (within the item's savepoint).
class WriteTxn : public ReadTxn {
 public:
  // Runs a statement that returns no rows; returns the number of rows changed.
  virtual Result<int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
  // Appends an event from this node: assigns the next sequence, the time, the previous hash and
  // its own hash, then runs the projector registered for its type. Fails with
  // EVENT_TYPE_INVALID on an empty type; any projector failure is returned unchanged.
  virtual Result<Event> AppendEvent(const EventDraft& draft) = 0;
  // Stores an event received from another node, unchanged. Idempotent: returns false without
  // change if (origin, sequence) is already present. Fails with EVENT_CHAIN_BROKEN if the event
  // does not extend that origin's chain or its hash is wrong.
  virtual Result<bool> IngestEvent(const Event& event) = 0;
  virtual Result<AuditRecord> AppendAudit(const AuditDraft& draft) = 0;
  // The store clock's current time.
  virtual Timestamp Now() const = 0;
};

using WriteFn = std::function<Status(WriteTxn&)>;
using DoneFn = std::function<void(Status)>;
using ReadFn = std::function<Status(ReadTxn&)>;
// Applies one event to projection tables. Must be deterministic: given the same events in the
// same order it must produce the same rows, because Rebuild() replays the log through it.
using ProjectorFn = std::function<Status(WriteTxn&, const Event&)>;

// Called on the writer thread after each batch COMMIT (successful or not).
struct CommitInfo {
  int64_t batch_size = 0;       // Items in the batch.
  int64_t failed_items = 0;     // Items whose work returned an error (rolled back alone).
  int64_t duration_micros = 0;  // From BEGIN to the end of COMMIT (includes fsync).
  bool committed = false;       // False if COMMIT itself failed.
};

struct StoreMetrics {
  int64_t commits = 0;  // Batches committed.
  int64_t commit_failures = 0;
  int64_t writes = 0;         // Work items acknowledged OK.
  int64_t failed_writes = 0;  // Work items that returned (or were given) an error.
  int64_t commit_micros_total = 0;
  int64_t largest_batch = 0;
  int64_t queue_depth = 0;  // Items waiting now.
  int64_t checkpoints = 0;  // WAL checkpoints taken by the background checkpointer.
};

struct StoreOptions {
  // A file path for SQLite ("var/limen.db"). "postgresql://..." is reserved for the PostgreSQL
  // store and fails with STORE_UNSUPPORTED for now.
  std::string path;
  std::string node_id;           // Origin node id stamped on this node's events. Must not be empty.
  const Clock* clock = nullptr;  // Defaults to SystemClock::Instance(). Must outlive the store.
  int max_batch_size = 1024;     // Items per group commit; 1 means one transaction per write.
  int reader_connections = 4;
  std::function<void(const CommitInfo&)> commit_observer;  // Optional; runs on the writer.
};

class Store {
 public:
  virtual ~Store() = default;

  // Queues `work`; `done` (may be empty) gets its status after the batch has been committed
  // durably, or the error. After Close(), `done` gets STORE_CLOSED at once.
  virtual void Submit(WriteFn work, DoneFn done) = 0;
  // Submit and wait. Must not be called from the writer thread.
  virtual Status Write(WriteFn work) = 0;
  // Runs `read` in a read transaction on a pooled reader connection.
  virtual Status Read(ReadFn read) = 0;

  // Projections. Register before the first write (registration is thread-safe, but events
  // appended before a projector exists are not projected until Rebuild()).
  virtual void RegisterProjector(std::string event_type, ProjectorFn projector) = 0;
  // Tables whose rows Rebuild() deletes before replaying; deleted in reverse order of
  // registration, so register parents before children.
  virtual void RegisterProjectionTables(std::vector<std::string> tables) = 0;
  // Empties every projection table and replays the whole log in one transaction.
  virtual Status Rebuild() = 0;

  virtual Result<ChainReport> VerifyEventLog() = 0;
  virtual Result<ChainReport> VerifyAuditLog() = 0;
  // Number of events stored (all origins).
  virtual Result<int64_t> EventLogLength() = 0;
  // Events of `origin` (this node if empty) with sequence >= from_sequence, in order.
  virtual Result<std::vector<Event>> ListEvents(std::string_view origin, int64_t from_sequence,
                                                int64_t limit) = 0;
  // Newest first.
  virtual Result<std::vector<AuditRecord>> QueryAudit(const AuditFilter& filter) = 0;

  virtual StoreMetrics Metrics() const = 0;
  virtual const std::string& node_id() const = 0;

  // Runs everything already queued, then stops the writer thread; later Submit calls fail with
  // STORE_CLOSED. Reads keep working until the store is destroyed. Idempotent; also run by the
  // destructor. REQUIRES: not called (nor the store destroyed) from the writer thread.
  virtual void Close() = 0;
};

// Opens (creating if needed) the store at options.path, applies migrations and registers the
// projections of every module (identity, workflow, inspection hits), so that the server and
// `limen rebuild` replay the log the same way. Errors: STORE_UNSUPPORTED, STORE_OPEN,
// STORE_MIGRATION, STORE_SCHEMA_NEWER, STORE_OPTIONS.
Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

}  // namespace limen::store
