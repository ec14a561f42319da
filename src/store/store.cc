#include "store/store.h"

#include "base/strings.h"
#include "store/sqlite/sqlite_store.h"

namespace limen::store {
namespace {

const std::string kEmptyText;

}  // namespace

int64_t Value::AsInt() const {
  if (const auto* v = std::get_if<int64_t>(&data_)) return *v;
  if (const auto* v = std::get_if<double>(&data_)) return static_cast<int64_t>(*v);
  return 0;
}

double Value::AsDouble() const {
  if (const auto* v = std::get_if<double>(&data_)) return *v;
  if (const auto* v = std::get_if<int64_t>(&data_)) return static_cast<double>(*v);
  return 0;
}

const std::string& Value::AsText() const {
  if (const auto* v = std::get_if<std::string>(&data_)) return *v;
  if (const auto* v = std::get_if<Blob>(&data_)) return v->bytes;
  return kEmptyText;
}

const std::string& Value::AsBlob() const { return AsText(); }

Result<std::optional<Row>> ReadTxn::QueryOne(std::string_view sql, const Params& params) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

Result<int64_t> ReadTxn::QueryInt(std::string_view sql, const Params& params) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
  if (rows.empty() || rows.front().empty()) {
    return Internal("STORE_NO_ROW", "A query expected to return a value returned no row.");
  }
  return rows.front().front().AsInt();
}

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  if (StartsWith(options.path, "postgresql://") || StartsWith(options.path, "postgres://")) {
    return FailedPrecondition("STORE_UNSUPPORTED",
                              "The PostgreSQL store is not available in this build yet; give a "
                              "file path to use the embedded SQLite store.");
  }
  if (options.path.empty()) {
    return InvalidArgument("STORE_OPTIONS", "Give the path of the database file (e.g. --db).");
  }
  if (options.node_id.empty()) {
    return InvalidArgument("STORE_OPTIONS",
                           "Give this node an id (e.g. --node) before opening "
                           "the store; events are stamped with it.");
  }
  if (options.max_batch_size < 1 || options.reader_connections < 1) {
    return InvalidArgument("STORE_OPTIONS",
                           "max_batch_size and reader_connections must be at least 1.");
  }
  return sqlite::OpenSqliteStore(options);
}

}  // namespace limen::store
