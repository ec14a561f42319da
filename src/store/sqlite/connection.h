// One SQLite connection with a cache of prepared statements, used by the SQLite store for the
// writer and for each pooled reader. Maps SQLite errors to Status with stable reasons.
//
// Thread-safety: not thread-safe; one thread uses a connection at a time (the store hands each
// connection to one thread and opens SQLite in multi-thread mode).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace limen::store::sqlite {

// kCheckpointer is the store's background connection that copies the WAL into the database file
// (checkpoints), so that no commit of the writer has to.
enum class ConnectionMode { kWriter, kReader, kCheckpointer };

class Connection {
 public:
  // Opens `path` (creating it for the writer), and sets WAL, synchronous=FULL, foreign keys and
  // the busy timeout; temporary tables and indexes in memory, and a 64 MiB page cache for the
  // writer. Errors: STORE_OPEN.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, ConnectionMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters or results (BEGIN, COMMIT, migrations).
  Status ExecScript(std::string_view sql);
  // Runs a statement, calling `on_row` for each row; stops early if it returns an error.
  Status ForEachRow(std::string_view sql, const Params& params,
                    const std::function<Status(const Row&)>& on_row);
  Result<std::vector<Row>> Query(std::string_view sql, const Params& params);
  // Returns the number of rows changed.
  Result<int64_t> Execute(std::string_view sql, const Params& params);
  int64_t LastInsertId() const;
  // True when no transaction is open (SQLite rolls back by itself after some errors).
  bool InAutocommit() const;
  // True when the open transaction holds deferred foreign-key violations, which would make the
  // COMMIT (and so every item of the batch) fail.
  bool HasDeferredViolations() const;

  // Calls `on_commit(pages)` after each commit of this connection with the number of pages then
  // in the WAL, instead of checkpointing inside the commit as SQLite does by default (every 1000
  // pages); the commit checkpoints only once the WAL holds 4000 pages.
  // `on_commit` runs on the committing thread and must not use the connection.
  void OnWalCommit(std::function<void(int pages)> on_commit);
  // Copies as much of the WAL into the database as readers allow, without blocking the writer
  // or readers (a passive checkpoint). Returns how many of the WAL's pages are now copied, or -1
  // when another checkpoint was running.
  Result<int> CheckpointPassive();

  // A Status for the connection's last error.
  Status LastError(std::string_view context) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  // Steps `sql` with `params`, calling `on_row(Row&)` for each row (which it may move from).
  template <typename OnRow>
  Status Run(std::string_view sql, const Params& params, OnRow&& on_row);
  Status Bind(sqlite3_stmt* statement, const Params& params);

  // Looked up by string_view, so that finding a prepared statement allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
  std::function<void(int)> on_wal_commit_;
};

// Maps an SQLite result code to a Status with a stable reason (STORE_CONSTRAINT, STORE_BUSY,
// STORE_DISK_FULL, STORE_CORRUPT, STORE_SQL).
Status SqliteStatus(int rc, std::string_view detail);

}  // namespace limen::store::sqlite
