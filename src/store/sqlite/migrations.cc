#include "store/sqlite/migrations.h"

#include <set>
#include <string>

namespace limen::store::sqlite {
namespace {

Result<std::set<int64_t>> AppliedVersions(Connection& connection) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         connection.Query("SELECT version FROM schema_migrations", {}));
  std::set<int64_t> versions;
  for (const Row& row : rows) versions.insert(row[0].AsInt());
  return versions;
}

Status CheckNoUnknownVersions(const std::set<int64_t>& applied) {
  std::set<int64_t> known;
  for (const EmbeddedMigration& m : EmbeddedMigrations()) known.insert(m.version);
  for (int64_t version : applied) {
    if (!known.contains(version)) {
      return FailedPrecondition(
          "STORE_SCHEMA_NEWER",
          "The database has schema migration " + std::to_string(version) +
              " which this Limen binary does not know; run the newer Limen that wrote it.");
    }
  }
  return Status::Ok();
}

Status ApplyOne(Connection& connection, const EmbeddedMigration& migration, int64_t now) {
  Status status = connection.ExecScript(migration.sql);
  if (status.ok()) {
    status = connection
                 .Execute(
                     "INSERT INTO schema_migrations (version, name, applied_at) "
                     "VALUES (?, ?, ?)",
                     {migration.version, migration.name, now})
                 .status();
  }
  if (!status.ok()) {
    return Internal("STORE_MIGRATION", std::string("Schema migration ") + migration.name +
                                           " failed (" + status.message() +
                                           "); the database was left at the previous version.");
  }
  return Status::Ok();
}

// Applies pending migrations inside one BEGIN IMMEDIATE so two processes cannot race.
Status ApplyPending(Connection& connection, int64_t now) {
  LIMEN_ASSIGN_OR_RETURN(std::set<int64_t> applied, AppliedVersions(connection));
  LIMEN_RETURN_IF_ERROR(CheckNoUnknownVersions(applied));
  for (const EmbeddedMigration& migration : EmbeddedMigrations()) {
    if (applied.contains(migration.version)) continue;
    LIMEN_RETURN_IF_ERROR(connection.ExecScript("SAVEPOINT migration"));
    Status status = ApplyOne(connection, migration, now);
    if (!status.ok()) {
      (void)connection.ExecScript("ROLLBACK TO migration; RELEASE migration");
      // Keep the migrations that succeeded before this one.
      (void)connection.ExecScript("COMMIT");
      return status;
    }
    LIMEN_RETURN_IF_ERROR(connection.ExecScript("RELEASE migration"));
  }
  return Status::Ok();
}

}  // namespace

Status ApplyMigrations(Connection& connection, int64_t now) {
  LIMEN_RETURN_IF_ERROR(connection.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
  LIMEN_RETURN_IF_ERROR(connection.ExecScript("BEGIN IMMEDIATE"));
  Status status = ApplyPending(connection, now);
  if (!status.ok()) {
    if (!connection.InAutocommit()) (void)connection.ExecScript("ROLLBACK");
    return status;
  }
  return connection.ExecScript("COMMIT");
}

}  // namespace limen::store::sqlite
