#include "store/registry_store.h"

#include "crypto/hash.h"
#include "store/internal/flat_json.h"

namespace limen::store {
namespace {

constexpr char kVersionColumns[] =
    "SELECT version, base_version, source, mode, file_sha256, snapshot_sha256, snapshot_bytes, "
    "rows, added, updated, removed, entries, imported_at, actor FROM registry_versions ";

RegistryVersion ToVersion(const Row& row) {
  RegistryVersion v;
  v.version = row[0].AsInt();
  v.base_version = row[1].AsInt();
  v.source = row[2].AsText();
  v.mode = row[3].AsText();
  v.file_sha256 = row[4].AsText();
  v.snapshot_sha256 = row[5].AsText();
  v.snapshot_bytes = row[6].AsInt();
  v.rows = row[7].AsInt();
  v.added = row[8].AsInt();
  v.updated = row[9].AsInt();
  v.removed = row[10].AsInt();
  v.entries = row[11].AsInt();
  v.imported_at = row[12].AsInt();
  v.actor = row[13].AsText();
  return v;
}

int64_t ChunkCount(size_t bytes) {
  return static_cast<int64_t>((bytes + kRegistryChunkBytes - 1) / kRegistryChunkBytes);
}

// Deletes every chunk that the current version does not use (old versions, and chunks staged by
// an import that never committed), except those of `keep`, a few chunks per transaction.
Status DropUnusedChunks(Store& store, const std::string& keep) {
  int64_t deleted = 0;
  do {
    LIMEN_RETURN_IF_ERROR(store.Write([&](WriteTxn& txn) -> Status {
      LIMEN_ASSIGN_OR_RETURN(
          deleted,
          txn.Execute("DELETE FROM registry_chunks WHERE rowid IN (SELECT rowid FROM "
                      "registry_chunks WHERE snapshot_sha256 <> ? AND snapshot_sha256 NOT IN "
                      "(SELECT snapshot_sha256 FROM registry_versions WHERE version = "
                      "(SELECT max(version) FROM registry_versions)) LIMIT 16)",
                      {keep}));
      return Status::Ok();
    }));
  } while (deleted > 0);
  return Status::Ok();
}

// Writes the chunks of `bytes`, one short transaction each, unless they are already stored.
Status StageChunks(Store& store, const std::string& bytes, const std::string& sha256) {
  int64_t stored = 0;
  LIMEN_RETURN_IF_ERROR(store.Read([&](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(
        stored,
        txn.QueryInt("SELECT count(*) FROM registry_chunks WHERE snapshot_sha256 = ?", {sha256}));
    return Status::Ok();
  }));
  const int64_t count = ChunkCount(bytes.size());
  for (int64_t position = stored; position < count; ++position) {
    const size_t offset = static_cast<size_t>(position) * kRegistryChunkBytes;
    Blob chunk{bytes.substr(offset, kRegistryChunkBytes)};
    LIMEN_RETURN_IF_ERROR(store.Write([&](WriteTxn& txn) {
      return txn
          .Execute(
              "INSERT INTO registry_chunks (snapshot_sha256, position, bytes) VALUES (?, ?, ?)",
              {sha256, position, std::move(chunk)})
          .status();
    }));
  }
  return Status::Ok();
}

std::string_view ModeName(RegistryImportMode mode) {
  return mode == RegistryImportMode::kFull ? "full" : "delta";
}

// The commit of an import: checks that nothing changed since it started and that its chunks are
// all there, then adds the version row and the registry.imported event.
Status CommitVersion(WriteTxn& txn, std::string_view actor, const RegistryImport& import,
                     RegistryVersion& version) {
  LIMEN_ASSIGN_OR_RETURN(int64_t current, CurrentRegistryVersion(txn));
  if (current != import.base_version) {
    return FailedPrecondition("REGISTRY_CONFLICT",
                              "Another registry import (version " + std::to_string(current) +
                                  ") was stored while this one ran; import the file again.");
  }
  LIMEN_ASSIGN_OR_RETURN(
      int64_t chunks, txn.QueryInt("SELECT count(*) FROM registry_chunks WHERE snapshot_sha256 = ?",
                                   {version.snapshot_sha256}));
  if (chunks != ChunkCount(static_cast<size_t>(version.snapshot_bytes))) {
    return FailedPrecondition("REGISTRY_CONFLICT",
                              "Another registry import removed this import's data while it "
                              "ran; import the file again.");
  }
  version.version = current + 1;
  version.imported_at = txn.Now();
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("INSERT INTO registry_versions (version, base_version, source, mode, "
                  "file_sha256, snapshot_sha256, snapshot_bytes, rows, added, updated, removed, "
                  "entries, imported_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {version.version, version.base_version, version.source, version.mode,
                   version.file_sha256, version.snapshot_sha256, version.snapshot_bytes,
                   version.rows, version.added, version.updated, version.removed, version.entries,
                   version.imported_at, version.actor})
          .status());
  internal::FlatJsonWriter payload;
  payload.Add("version", version.version)
      .Add("base_version", version.base_version)
      .Add("source", version.source)
      .Add("mode", version.mode)
      .Add("file_sha256", version.file_sha256)
      .Add("snapshot_sha256", version.snapshot_sha256)
      .Add("rows", version.rows)
      .Add("added", version.added)
      .Add("updated", version.updated)
      .Add("removed", version.removed)
      .Add("entries", version.entries);
  LIMEN_ASSIGN_OR_RETURN(
      Event event, txn.AppendEvent({std::string(actor), "registry.imported", payload.Finish()}));
  version.event_sequence = event.sequence;
  return Status::Ok();
}

}  // namespace

Result<RegistryVersion> SaveRegistryImport(Store& store, std::string_view actor,
                                           const RegistryImport& import) {
  if (import.snapshot == nullptr) {
    return InvalidArgument("REGISTRY_IMPORT_EMPTY", "There is no registry snapshot to store.");
  }
  const std::string bytes = import.snapshot->Serialise();
  RegistryVersion version;
  version.base_version = import.base_version;
  version.source = import.source;
  version.mode = std::string(ModeName(import.mode));
  version.file_sha256 = import.file_sha256;
  version.snapshot_sha256 = crypto::Sha256Hex(bytes);
  version.snapshot_bytes = static_cast<int64_t>(bytes.size());
  version.rows = import.rows;
  version.added = import.added;
  version.updated = import.updated;
  version.removed = import.removed;
  version.entries = static_cast<int64_t>(import.snapshot->size());
  version.actor = std::string(actor);
  LIMEN_RETURN_IF_ERROR(DropUnusedChunks(store, version.snapshot_sha256));
  LIMEN_RETURN_IF_ERROR(StageChunks(store, bytes, version.snapshot_sha256));
  LIMEN_RETURN_IF_ERROR(
      store.Write([&](WriteTxn& txn) { return CommitVersion(txn, actor, import, version); }));
  // The previous version's chunks are no longer needed. Failing to drop them loses nothing: the
  // next import drops them.
  (void)DropUnusedChunks(store, version.snapshot_sha256);
  return version;
}

Result<int64_t> CurrentRegistryVersion(ReadTxn& txn) {
  return txn.QueryInt("SELECT coalesce(max(version), 0) FROM registry_versions");
}

Result<std::optional<RegistryVersion>> FindRegistryVersion(ReadTxn& txn) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row, txn.QueryOne(std::string(kVersionColumns) +
                                                              "ORDER BY version DESC LIMIT 1"));
  if (!row) return std::optional<RegistryVersion>();
  return std::optional<RegistryVersion>(ToVersion(*row));
}

Result<std::optional<RegistryVersion>> FindRegistryImportOfFile(ReadTxn& txn,
                                                                std::string_view file_sha256) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row,
                         txn.QueryOne(std::string(kVersionColumns) +
                                          "WHERE file_sha256 = ? ORDER BY version DESC LIMIT 1",
                                      {file_sha256}));
  if (!row) return std::optional<RegistryVersion>();
  return std::optional<RegistryVersion>(ToVersion(*row));
}

Result<StoredRegistry> LoadStoredRegistry(Store& store) {
  StoredRegistry stored;
  std::string bytes;
  LIMEN_RETURN_IF_ERROR(store.Read([&](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(stored.version, FindRegistryVersion(txn));
    if (!stored.version) return Status::Ok();
    bytes.reserve(static_cast<size_t>(stored.version->snapshot_bytes));
    const int64_t count = ChunkCount(static_cast<size_t>(stored.version->snapshot_bytes));
    for (int64_t position = 0; position < count; ++position) {
      LIMEN_ASSIGN_OR_RETURN(std::optional<Row> chunk,
                             txn.QueryOne("SELECT bytes FROM registry_chunks WHERE "
                                          "snapshot_sha256 = ? AND position = ?",
                                          {stored.version->snapshot_sha256, position}));
      if (!chunk) break;
      bytes += (*chunk)[0].AsBlob();
    }
    return Status::Ok();
  }));
  if (!stored.version) {
    stored.snapshot = std::make_shared<const core::registry::RegistrySnapshot>();
    return stored;
  }
  if (static_cast<int64_t>(bytes.size()) != stored.version->snapshot_bytes ||
      crypto::Sha256Hex(bytes) != stored.version->snapshot_sha256) {
    return DataLoss("REGISTRY_SNAPSHOT_CORRUPT",
                    "The stored registry version " + std::to_string(stored.version->version) +
                        " does not match its SHA-256; import the list again.");
  }
  LIMEN_ASSIGN_OR_RETURN(stored.snapshot, core::registry::RegistrySnapshot::Deserialise(bytes));
  return stored;
}

}  // namespace limen::store
