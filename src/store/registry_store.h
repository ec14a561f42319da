// The imported lost/stolen document registry in the store (migrations/0500_registry.sql).
//
// An import stores the whole resulting RegistrySnapshot in its compact stored form
// (RegistrySnapshot::Serialise), so that a node with 10 million entries starts by reading a few
// hundred megabytes and rebuilding a directory, without parsing or sorting. The form is cut into
// chunks of kRegistryChunkBytes, each written in its own short transaction (so a running node's
// inspections never wait long for the database), and addressed by the SHA-256 of the whole form.
// Only then does one transaction add the registry_versions row and the one `registry.imported`
// event: until that commit nobody sees the new snapshot, so a rejected or interrupted import
// leaves the previous registry untouched (its staged chunks are dropped by the next import).
// Chunks that are no longer used are deleted a few at a time, in short transactions too.
// Loading verifies the SHA-256 before trusting the bytes.
//
// `limen rebuild` does not touch these tables: they are reference data like the watchlists, and
// the events record what was imported (hashes and counts), not the rows.
//
// Thread-safety: functions are stateless; as thread-safe as the Store or transaction given.
// SaveRegistryImport must not run on the store's writer thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"
#include "core/registry/snapshot.h"
#include "store/store.h"

namespace limen::store {

// One chunk is written in about 10 ms (with its fsync), so a node's own writes never wait long
// for an import made by another process on the same database.
inline constexpr size_t kRegistryChunkBytes = 1 << 20;

enum class RegistryImportMode : uint8_t { kFull, kDelta };

// What an import produced, as given to SaveRegistryImport.
struct RegistryImport {
  std::shared_ptr<const core::registry::RegistrySnapshot> snapshot;  // The registry afterwards.
  int64_t base_version = 0;  // The stored version the import was built on (0: none).
  std::string source;        // The list imported; "" when the file named its own sources.
  RegistryImportMode mode = RegistryImportMode::kFull;
  std::string file_sha256;  // Hex.
  int64_t rows = 0, added = 0, updated = 0, removed = 0;
};

// One stored version (a row of registry_versions).
struct RegistryVersion {
  int64_t version = 0;
  int64_t base_version = 0;
  std::string source;
  std::string mode;  // "full" or "delta".
  std::string file_sha256;
  std::string snapshot_sha256;
  int64_t snapshot_bytes = 0;
  int64_t rows = 0, added = 0, updated = 0, removed = 0, entries = 0;
  Timestamp imported_at = 0;
  std::string actor;
  int64_t event_sequence = 0;  // Set by SaveRegistryImport only.
};

struct StoredRegistry {
  std::optional<RegistryVersion> version;  // Empty when nothing was ever imported.
  std::shared_ptr<const core::registry::RegistrySnapshot> snapshot;  // Never null; maybe empty.
};

// Stores the import as the next version. Fails with REGISTRY_CONFLICT (nothing changed) when
// another import was stored since `import.base_version`, and with the store's errors.
Result<RegistryVersion> SaveRegistryImport(Store& store, std::string_view actor,
                                           const RegistryImport& import);

// The current version's number (0 when nothing was imported): a cheap check for a newer import.
Result<int64_t> CurrentRegistryVersion(ReadTxn& txn);
// The current version's row, if any.
Result<std::optional<RegistryVersion>> FindRegistryVersion(ReadTxn& txn);
// The latest version imported from a file with this SHA-256 (hex), if any.
Result<std::optional<RegistryVersion>> FindRegistryImportOfFile(ReadTxn& txn,
                                                                std::string_view file_sha256);

// Reads and verifies the current snapshot in one read transaction. Fails with DataLoss
// REGISTRY_SNAPSHOT_CORRUPT when chunks are missing or the bytes do not match their SHA-256.
Result<StoredRegistry> LoadStoredRegistry(Store& store);

}  // namespace limen::store
