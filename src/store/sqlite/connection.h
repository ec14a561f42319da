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

enum class ConnectionMode { kWriter, kReader };

class Connection {
 public:
  // Opens `path` (creating it for the writer), and sets WAL, synchronous=FULL, foreign keys and
  // the busy timeout. Errors: STORE_OPEN.
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

  // A Status for the connection's last error.
  Status LastError(std::string_view context) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  Status Bind(sqlite3_stmt* statement, const Params& params);

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// Maps an SQLite result code to a Status with a stable reason (STORE_CONSTRAINT, STORE_BUSY,
// STORE_DISK_FULL, STORE_CORRUPT, STORE_SQL).
Status SqliteStatus(int rc, std::string_view detail);

}  // namespace limen::store::sqlite
