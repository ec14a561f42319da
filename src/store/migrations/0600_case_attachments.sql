-- Attachment metadata of case parts (issue 5, item 7): what an agency attached to its part of a
-- case (name, media type, size and SHA-256 of the file kept outside Limen), never the file
-- itself. Rebuilt from case.attachment_added events (src/store/case_store.cc). An attachment is
-- identified by its part, name and hash, so replaying its event adds nothing twice.
CREATE TABLE case_attachments (
  case_id TEXT NOT NULL REFERENCES cases (id),
  agency TEXT NOT NULL,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,  -- Lower-case hex.
  added_by TEXT NOT NULL,  -- Username of the officer who attached it.
  added_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, agency, name, sha256)
);
