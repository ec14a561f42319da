-- The imported lost/stolen document registry (core/registry, src/store/registry_store.h).
-- Reference data, not projections: each import stores the whole resulting snapshot in its
-- compact form (docs/registry.md, "Stored form"), cut into chunks and addressed by the SHA-256
-- of the whole form, then adds one row to registry_versions and one registry.imported event
-- (source, version, mode, counts, SHA-256 of the file and of the snapshot; not the rows).
-- The current registry is the snapshot of the highest version. `limen rebuild` leaves these
-- tables alone; the nationally reported documents (registry_reports, 0300) are projections.
CREATE TABLE registry_versions (
  version INTEGER PRIMARY KEY,      -- 1 for the first import, then +1 per import.
  base_version INTEGER NOT NULL,    -- The version the import was built on (0: none).
  source TEXT NOT NULL,             -- The list imported; '' when the file named its sources.
  mode TEXT NOT NULL,               -- 'full' or 'delta'.
  file_sha256 TEXT NOT NULL,        -- Hex SHA-256 of the imported file.
  snapshot_sha256 TEXT NOT NULL,    -- Hex SHA-256 of the stored form; names its chunks.
  snapshot_bytes INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  added INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  entries INTEGER NOT NULL,         -- Records in the registry after the import.
  imported_at INTEGER NOT NULL,
  actor TEXT NOT NULL
);
CREATE TABLE registry_chunks (
  snapshot_sha256 TEXT NOT NULL,
  position INTEGER NOT NULL,        -- 0, 1, 2... in the order of the stored form.
  bytes BLOB NOT NULL
);
CREATE UNIQUE INDEX registry_chunks_by_snapshot ON registry_chunks (snapshot_sha256, position);
