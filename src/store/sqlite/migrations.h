// Schema migrations for the SQLite store. The SQL files under src/store/migrations/ are compiled
// into the binary (see src/store/CMakeLists.txt) and applied in version order when the store
// opens; applied versions are recorded in the schema_migrations table. Each migration runs in
// its own transaction, so a failure leaves the database at the last good version.
//
// Thread-safety: ApplyMigrations must run on a connection no other thread uses. Several
// processes may open one database at once: BEGIN IMMEDIATE serialises them.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "store/sqlite/connection.h"

namespace limen::store::sqlite {

struct EmbeddedMigration {
  int64_t version;
  const char* name;  // File name without ".sql", e.g. "0001_event_log".
  const char* sql;
};

// Every migration built into this binary, in ascending version order.
std::span<const EmbeddedMigration> EmbeddedMigrations();

// Applies every embedded migration not yet recorded. Errors: STORE_MIGRATION (a migration
// failed: its name and SQLite's message are given), STORE_SCHEMA_NEWER (the database holds a
// migration this binary does not know: it was written by a newer Limen).
Status ApplyMigrations(Connection& connection, int64_t now);

}  // namespace limen::store::sqlite
