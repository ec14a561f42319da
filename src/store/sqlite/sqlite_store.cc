#include "store/sqlite/sqlite_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <vector>

#include "store/authorisation_store.h"
#include "store/case_store.h"
#include "store/identity_store.h"
#include "store/inspection_hits_store.h"
#include "store/internal/projector_registry.h"
#include "store/session_store.h"
#include "store/sqlite/chain_walk.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/group_commit.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_txn.h"
#include "store/workflow_store.h"

namespace limen::store::sqlite {
namespace {

Status RunGuarded(const std::function<Status()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Internal("STORE_CALLBACK_THREW",
                    std::string("A store callback threw an exception: ") + e.what());
  } catch (...) {
    return Internal("STORE_CALLBACK_THREW", "A store callback threw an unknown exception.");
  }
}

// A fixed set of reader connections handed out one at a time.
class ReaderPool {
 public:
  explicit ReaderPool(std::vector<std::unique_ptr<Connection>> connections)
      : connections_(std::move(connections)) {
    for (auto& connection : connections_) free_.push_back(connection.get());
  }
  Connection* Acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !free_.empty(); });
    Connection* connection = free_.back();
    free_.pop_back();
    return connection;
  }
  void Release(Connection* connection) {
    std::lock_guard lock(mutex_);
    free_.push_back(connection);
    available_.notify_one();
  }

 private:
  std::vector<std::unique_ptr<Connection>> connections_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Connection*> free_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const StoreOptions& options, const Clock& clock, std::unique_ptr<Connection> writer,
              WriterState state, std::vector<std::unique_ptr<Connection>> readers,
              std::unique_ptr<Connection> checkpoint_connection)
      : node_id_(options.node_id),
        clock_(clock),
        observer_(options.commit_observer),
        writer_(std::move(writer)),
        state_(state),
        readers_(std::move(readers)),
        checkpointer_(std::make_unique<Checkpointer>(std::move(checkpoint_connection))) {
    writer_->OnWalCommit(
        [checkpointer = checkpointer_.get()](int pages) { checkpointer->Notify(pages); });
    queue_ = std::make_unique<GroupCommitQueue>(
        options.max_batch_size, [this](std::vector<WorkItem>& batch) { return RunBatch(batch); });
  }
  ~SqliteStore() override { Close(); }

  void Submit(WriteFn work, DoneFn done) override {
    queue_->Submit(WorkItem{std::move(work), std::move(done)});
  }
  Status Write(WriteFn work) override;
  Status Read(ReadFn read) override;
  void RegisterProjector(std::string event_type, ProjectorFn projector) override {
    projectors_.Register(std::move(event_type), std::move(projector));
  }
  void RegisterProjectionTables(std::vector<std::string> tables) override {
    projectors_.AddTables(std::move(tables));
  }
  Status Rebuild() override;
  Result<ChainReport> VerifyEventLog() override;
  Result<ChainReport> VerifyAuditLog() override;
  Result<int64_t> EventLogLength() override;
  Result<std::vector<Event>> ListEvents(std::string_view origin, int64_t from_sequence,
                                        int64_t limit) override;
  Result<std::vector<AuditRecord>> QueryAudit(const AuditFilter& filter) override;
  StoreMetrics Metrics() const override;
  const std::string& node_id() const override { return node_id_; }
  void Close() override { queue_->Stop(); }

 private:
  std::vector<Status> RunBatch(std::vector<WorkItem>& batch);
  Status RunItem(WorkItem& item);
  void RecordCommit(const CommitInfo& info);
  // Runs `body` with a reader connection inside a read transaction.
  Status WithReader(const std::function<Status(Connection&)>& body);

  const std::string node_id_;
  const Clock& clock_;
  const std::function<void(const CommitInfo&)> observer_;
  std::unique_ptr<Connection> writer_;
  WriterState state_;  // Writer thread only.
  internal::ProjectorRegistry projectors_;
  ReaderPool readers_;
  // Declared after the writer and before the queue: no commit can notify it once it is gone.
  std::unique_ptr<Checkpointer> checkpointer_;
  std::atomic<int64_t> commits_{0}, commit_failures_{0}, writes_{0}, failed_writes_{0};
  std::atomic<int64_t> commit_micros_total_{0}, largest_batch_{0};
  std::unique_ptr<GroupCommitQueue> queue_;  // Last: its thread stops before the rest goes.
};

Status SqliteStore::RunItem(WorkItem& item) {
  WriterState before = state_;
  LIMEN_RETURN_IF_ERROR(writer_->Execute("SAVEPOINT item", {}).status());
  SqliteWriteTxn txn(*writer_, node_id_, clock_, state_, projectors_);
  Status status = RunGuarded([&] { return item.work(txn); });
  if (status.ok() && writer_->HasDeferredViolations()) {
    // Caught here, the item fails alone; left to COMMIT, it would fail the whole batch.
    status = FailedPrecondition("STORE_CONSTRAINT",
                                "The change refers to a record that does not exist (a deferred "
                                "foreign key is violated); create that record first.");
  }
  if (!status.ok()) {
    state_ = before;
    if (writer_->InAutocommit()) return status;  // SQLite already rolled everything back.
    Status rollback = writer_->Execute("ROLLBACK TO item", {}).status();
    if (!rollback.ok()) return rollback;
  }
  Status release = writer_->Execute("RELEASE item", {}).status();
  if (!release.ok()) {
    // The savepoint is still open; undo the item so nothing of it reaches the COMMIT.
    state_ = before;
    if (!writer_->InAutocommit()) (void)writer_->ExecScript("ROLLBACK TO item; RELEASE item");
  }
  return status.ok() ? release : status;
}

std::vector<Status> SqliteStore::RunBatch(std::vector<WorkItem>& batch) {
  auto start = std::chrono::steady_clock::now();
  std::vector<Status> results;
  WriterState batch_start = state_;
  Status outcome = writer_->Execute("BEGIN IMMEDIATE", {}).status();
  CommitInfo info;
  // Items that arrive while the batch runs join it before the COMMIT.
  for (size_t i = 0; outcome.ok() && (i < batch.size() || queue_->TakeMore(batch) > 0); ++i) {
    results.resize(batch.size());
    results[i] = RunItem(batch[i]);
    if (!results[i].ok()) ++info.failed_items;
    if (writer_->InAutocommit()) {
      outcome = results[i].ok() ? Internal("STORE_TXN_LOST", "A write ended the transaction.")
                                : results[i];
    }
  }
  results.resize(batch.size());
  info.batch_size = static_cast<int64_t>(batch.size());
  if (outcome.ok()) outcome = writer_->Execute("COMMIT", {}).status();
  if (!outcome.ok()) {
    if (!writer_->InAutocommit()) (void)writer_->ExecScript("ROLLBACK");
    state_ = batch_start;
    for (Status& result : results) result = outcome;
    info.failed_items = info.batch_size;
  }
  info.committed = outcome.ok();
  NoteSessionChangesEnded();  // Before any item's done callback answers a request.
  info.duration_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  RecordCommit(info);
  return results;
}

void SqliteStore::RecordCommit(const CommitInfo& info) {
  (info.committed ? commits_ : commit_failures_).fetch_add(1);
  writes_.fetch_add(info.batch_size - info.failed_items);
  failed_writes_.fetch_add(info.failed_items);
  commit_micros_total_.fetch_add(info.duration_micros);
  int64_t largest = largest_batch_.load();
  while (info.batch_size > largest &&
         !largest_batch_.compare_exchange_weak(largest, info.batch_size)) {
  }
  if (observer_) observer_(info);
}

StoreMetrics SqliteStore::Metrics() const {
  StoreMetrics metrics;
  metrics.commits = commits_.load();
  metrics.commit_failures = commit_failures_.load();
  metrics.writes = writes_.load();
  metrics.failed_writes = failed_writes_.load();
  metrics.commit_micros_total = commit_micros_total_.load();
  metrics.largest_batch = largest_batch_.load();
  metrics.queue_depth = queue_->Depth();
  metrics.checkpoints = checkpointer_->checkpoints();
  return metrics;
}

Status SqliteStore::Write(WriteFn work) {
  if (queue_->OnWriterThread()) {
    return Internal("STORE_REENTRANT",
                    "Store::Write was called from the writer thread; use Submit instead.");
  }
  auto promise = std::make_shared<std::promise<Status>>();
  std::future<Status> future = promise->get_future();
  Submit(std::move(work), [promise](Status status) { promise->set_value(std::move(status)); });
  return future.get();
}

Status SqliteStore::WithReader(const std::function<Status(Connection&)>& body) {
  Connection* connection = readers_.Acquire();
  Status status = connection->Execute("BEGIN", {}).status();
  if (status.ok()) {
    status = RunGuarded([&] { return body(*connection); });
    if (!connection->InAutocommit()) (void)connection->Execute("COMMIT", {});
  }
  readers_.Release(connection);
  return status;
}

Status SqliteStore::Read(ReadFn read) {
  return WithReader([&](Connection& connection) {
    SqliteReadTxn txn(connection, node_id_);
    return read(txn);
  });
}

Status SqliteStore::Rebuild() {
  return Write([this](WriteTxn& txn) -> Status {
    auto& sqlite_txn = static_cast<SqliteWriteTxn&>(txn);
    std::vector<std::string> tables = projectors_.Tables();
    for (auto table = tables.rbegin(); table != tables.rend(); ++table) {
      LIMEN_RETURN_IF_ERROR(txn.Execute("DELETE FROM " + *table).status());
    }
    int64_t position = 0;
    const std::string sql = "SELECT " + std::string(kEventColumns) +
                            ", position FROM events WHERE position > ? ORDER BY position LIMIT 512";
    while (true) {
      LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, txn.Query(sql, {position}));
      if (rows.empty()) return Status::Ok();
      for (const Row& row : rows) {
        LIMEN_RETURN_IF_ERROR(sqlite_txn.Project(EventFromRow(row)));
        position = row.back().AsInt();
      }
    }
  });
}

Result<ChainReport> SqliteStore::VerifyEventLog() {
  ChainReport report;
  LIMEN_RETURN_IF_ERROR(WithReader([&](Connection& connection) -> Status {
    LIMEN_ASSIGN_OR_RETURN(report, WalkEventChain(connection));
    return Status::Ok();
  }));
  return report;
}

Result<ChainReport> SqliteStore::VerifyAuditLog() {
  ChainReport report;
  LIMEN_RETURN_IF_ERROR(WithReader([&](Connection& connection) -> Status {
    LIMEN_ASSIGN_OR_RETURN(report, WalkAuditChain(connection));
    return Status::Ok();
  }));
  return report;
}

Result<int64_t> SqliteStore::EventLogLength() {
  int64_t length = 0;
  LIMEN_RETURN_IF_ERROR(WithReader([&](Connection& connection) -> Status {
    // max(position) is O(log n) where count(*) scans; they agree because events are never
    // deleted (a deletion is caught by VerifyEventLog).
    LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                           connection.Query("SELECT coalesce(max(position), 0) FROM events", {}));
    length = rows.at(0).at(0).AsInt();
    return Status::Ok();
  }));
  return length;
}

Result<std::vector<Event>> SqliteStore::ListEvents(std::string_view origin, int64_t from_sequence,
                                                   int64_t limit) {
  std::vector<Event> events;
  std::string node = origin.empty() ? node_id_ : std::string(origin);
  LIMEN_RETURN_IF_ERROR(WithReader([&](Connection& connection) -> Status {
    return connection.ForEachRow(
        "SELECT " + std::string(kEventColumns) +
            " FROM events WHERE origin_node = ? AND sequence >= ? ORDER BY sequence LIMIT ?",
        {node, from_sequence, limit}, [&](const Row& row) {
          events.push_back(EventFromRow(row));
          return Status::Ok();
        });
  }));
  return events;
}

Result<std::vector<AuditRecord>> SqliteStore::QueryAudit(const AuditFilter& filter) {
  std::vector<AuditRecord> records;
  AuditQuery query = BuildAuditQuery(filter);
  LIMEN_RETURN_IF_ERROR(WithReader([&](Connection& connection) -> Status {
    return connection.ForEachRow(query.sql, query.params, [&](const Row& row) {
      records.push_back(AuditFromRow(row));
      return Status::Ok();
    });
  }));
  return records;
}

Result<std::vector<std::unique_ptr<Connection>>> OpenReaders(const StoreOptions& options) {
  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < options.reader_connections; ++i) {
    LIMEN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader,
                           Connection::Open(options.path, ConnectionMode::kReader));
    readers.push_back(std::move(reader));
  }
  return readers;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options) {
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::Instance();
  LIMEN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer,
                         Connection::Open(options.path, ConnectionMode::kWriter));
  LIMEN_RETURN_IF_ERROR(ApplyMigrations(*writer, clock.Now()));
  LIMEN_ASSIGN_OR_RETURN(WriterState state, LoadWriterState(*writer, options.node_id));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::unique_ptr<Connection>> readers, OpenReaders(options));
  LIMEN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> checkpoint_connection,
                         Connection::Open(options.path, ConnectionMode::kCheckpointer));
  auto store = std::make_unique<SqliteStore>(options, clock, std::move(writer), state,
                                             std::move(readers), std::move(checkpoint_connection));
  // Every projection of this node, so that `limen rebuild` and the server replay the same way.
  RegisterIdentityProjections(*store);
  RegisterWorkflowProjections(*store);
  RegisterInspectionHitProjections(*store);
  RegisterAuthorisationProjections(*store);
  RegisterCaseProjections(*store);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace limen::store::sqlite
