#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <mutex>
#include <string>

namespace limen::store::sqlite {
namespace {

constexpr int kBusyTimeoutMillis = 10'000;
// The writer's page cache (negative: KiB), so that the B-tree pages that every commit touches
// stay in memory; readers keep SQLite's default.
constexpr char kWriterCachePragma[] = "PRAGMA cache_size=-65536;";
// Readers do not map the file (PRAGMA mmap_size): the checkpoints grow it all the time, and each
// new size made every reader map it again, with TLB flushes on every core, which cost more than
// the reads it saved (measured with the inspection load test).

// Process-wide SQLite settings, made once before the first connection: no memory statistics
// (they take a global mutex on every allocation, and the store never reads them).
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// The background checkpointer copies the WAL into the database, but a WAL starts over only when
// a write transaction begins with all of it copied, and under load the writer is nearly always
// adding to it. Past this size the committing connection checkpoints itself (as SQLite does by
// default every 1000 pages): by then little is left to copy, and the next commit starts the WAL
// over, so it stays under about 16 MiB.
constexpr int kInlineCheckpointPages = 4'000;

int WalHook(void* context, sqlite3* db, const char*, int pages) {
  (*static_cast<std::function<void(int)>*>(context))(pages);
  if (pages >= kInlineCheckpointPages) {
    (void)sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
  return SQLITE_OK;
}

Value ColumnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return Value(static_cast<int64_t>(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT:
      return Value(sqlite3_column_double(statement, column));
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      return Value(std::string(text, sqlite3_column_bytes(statement, column)));
    }
    case SQLITE_BLOB: {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, column));
      int size = sqlite3_column_bytes(statement, column);
      return Value(Blob{std::string(data == nullptr ? "" : data, size)});
    }
    default:
      return Value();
  }
}

// Binds one parameter; `index` is 1-based.
int BindOne(sqlite3_stmt* statement, int index, const Value& value) {
  const Value::Variant& v = value.variant();
  if (const auto* i = std::get_if<int64_t>(&v)) return sqlite3_bind_int64(statement, index, *i);
  if (const auto* d = std::get_if<double>(&v)) return sqlite3_bind_double(statement, index, *d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    return sqlite3_bind_text64(statement, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  if (const auto* b = std::get_if<Blob>(&v)) {
    return sqlite3_bind_blob64(statement, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
  }
  return sqlite3_bind_null(statement, index);
}

bool OnlySeparatorsLeft(std::string_view tail) {
  return tail.find_first_not_of(" \t\r\n;") == std::string_view::npos;
}

}  // namespace

Status SqliteStatus(int rc, std::string_view detail) {
  std::string message = std::string(detail);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return AlreadyExists("STORE_CONSTRAINT",
                           "The change conflicts with existing data (" + message + ").");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable("STORE_BUSY", "The database is busy; try again (" + message + ").");
    case SQLITE_FULL:
      return ResourceExhausted("STORE_DISK_FULL",
                               "The disk holding the database is full; free space and retry.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss("STORE_CORRUPT",
                      "The database file is damaged (" + message + "); restore it from a backup.");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      return Unavailable("STORE_IO", "The database file cannot be read or written (" + message +
                                         "); check the disk and file permissions.");
    default:
      return Internal("STORE_SQL", "A database statement failed (" + message + ").");
  }
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, ConnectionMode mode) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == ConnectionMode::kWriter) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Unavailable("STORE_OPEN", "Cannot open the database at " + path + " (" + detail +
                                         "); check the path and its permissions.");
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMillis);
  std::unique_ptr<Connection> connection(new Connection(db));
  std::string pragmas =
      "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;";
  if (mode == ConnectionMode::kWriter) {
    pragmas = "PRAGMA journal_mode=WAL; " + pragmas + kWriterCachePragma;
  } else if (mode == ConnectionMode::kReader) {
    pragmas += " PRAGMA query_only=ON;";
  }
  Status status = connection->ExecScript(pragmas);
  if (!status.ok()) {
    return Unavailable("STORE_OPEN",
                       "Cannot prepare the database at " + path + " (" + status.message() + ").");
  }
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(db_);
}

Status Connection::LastError(std::string_view context) const {
  return SqliteStatus(sqlite3_extended_errcode(db_),
                      std::string(context) + ": " + sqlite3_errmsg(db_));
}

Status Connection::ExecScript(std::string_view sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string detail = error != nullptr ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return SqliteStatus(rc, detail);
}

void Connection::OnWalCommit(std::function<void(int pages)> on_commit) {
  on_wal_commit_ = std::move(on_commit);
  if (on_wal_commit_) {
    sqlite3_wal_hook(db_, WalHook, &on_wal_commit_);  // Replaces the automatic checkpoints.
  } else {
    sqlite3_wal_autocheckpoint(db_, 1000);  // SQLite's default again.
  }
}

Result<int> Connection::CheckpointPassive() {
  int wal_pages = 0;
  int copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied);
  if (rc == SQLITE_BUSY) return -1;  // Another checkpoint runs; try again later.
  if (rc != SQLITE_OK) return LastError("checkpoint");
  return copied;
}

Result<sqlite3_stmt*> Connection::Prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return found->second;
  std::string key(sql);
  sqlite3_stmt* statement = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                              SQLITE_PREPARE_PERSISTENT, &statement, &tail);
  if (rc != SQLITE_OK) return LastError("prepare `" + key + "`");
  if (statement == nullptr) {
    return InvalidArgument("STORE_SQL", "An empty SQL statement was given.");
  }
  if (!OnlySeparatorsLeft(std::string_view(tail, key.data() + key.size() - tail))) {
    sqlite3_finalize(statement);
    return InvalidArgument("STORE_SQL", "Give one SQL statement per call: `" + key + "`.");
  }
  statements_.emplace(std::move(key), statement);
  return statement;
}

Status Connection::Bind(sqlite3_stmt* statement, const Params& params) {
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(statement)) {
    return InvalidArgument("STORE_SQL",
                           "The statement expects " +
                               std::to_string(sqlite3_bind_parameter_count(statement)) +
                               " parameters but " + std::to_string(params.size()) + " were given.");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    int rc = BindOne(statement, static_cast<int>(i + 1), params[i]);
    if (rc != SQLITE_OK) return LastError("bind");
  }
  return Status::Ok();
}

template <typename OnRow>
Status Connection::Run(std::string_view sql, const Params& params, OnRow&& on_row) {
  LIMEN_ASSIGN_OR_RETURN(sqlite3_stmt * statement, Prepare(sql));
  // Reset and clear on every exit so the cached statement holds no locks or borrowed buffers.
  struct Resetter {
    sqlite3_stmt* statement;
    ~Resetter() {
      sqlite3_reset(statement);
      sqlite3_clear_bindings(statement);
    }
  } resetter{statement};
  LIMEN_RETURN_IF_ERROR(Bind(statement, params));
  int columns = sqlite3_column_count(statement);
  Row row;
  while (true) {
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc != SQLITE_ROW) return LastError(sql);
    row.clear();
    row.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) row.push_back(ColumnValue(statement, c));
    LIMEN_RETURN_IF_ERROR(on_row(row));
  }
}

Status Connection::ForEachRow(std::string_view sql, const Params& params,
                              const std::function<Status(const Row&)>& on_row) {
  return Run(sql, params, [&on_row](Row& row) { return on_row(row); });
}

Result<std::vector<Row>> Connection::Query(std::string_view sql, const Params& params) {
  std::vector<Row> rows;
  LIMEN_RETURN_IF_ERROR(Run(sql, params, [&rows](Row& row) {
    rows.push_back(std::move(row));
    return Status::Ok();
  }));
  return rows;
}

Result<int64_t> Connection::Execute(std::string_view sql, const Params& params) {
  LIMEN_RETURN_IF_ERROR(Run(sql, params, [](Row&) { return Status::Ok(); }));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

bool Connection::InAutocommit() const { return sqlite3_get_autocommit(db_) != 0; }

bool Connection::HasDeferredViolations() const {
  int current = 0;
  int highwater = 0;
  sqlite3_db_status(db_, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0);
  return current != 0;
}

}  // namespace limen::store::sqlite
