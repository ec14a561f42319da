-- Watchlists (core/screening, src/store/watchlist_store.h). Reference data, not projections:
-- each import is one transaction that rewrites these rows and appends one watchlist.imported
-- event carrying the list id, version, counts and content hash (not the rows). Adjudications
-- ("not the same person") are written with a watchlist.adjudicated event and an audit record.
CREATE TABLE watchlist_lists (
  list_id TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  entry_count INTEGER NOT NULL,
  imported_at INTEGER NOT NULL
);
CREATE TABLE watchlist_entries (
  entry_id TEXT PRIMARY KEY,
  list_id TEXT NOT NULL,
  fingerprint INTEGER NOT NULL,
  action TEXT NOT NULL,
  owning_agency TEXT NOT NULL,
  sex TEXT NOT NULL,
  dates_of_birth TEXT NOT NULL,   -- ISO partial dates joined by ';'.
  nationalities TEXT NOT NULL,    -- alpha-3 codes joined by ';'.
  documents TEXT NOT NULL,        -- Document numbers joined by U+001F.
  valid_from_days INTEGER,
  valid_until_days INTEGER,
  sharing INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX watchlist_entries_list ON watchlist_entries (list_id);
CREATE TABLE watchlist_names (
  entry_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  type INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE TABLE watchlist_adjudications (
  traveller_id TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  entry_fingerprint INTEGER NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (traveller_id, entry_id, entry_fingerprint)
) WITHOUT ROWID;
