-- The audit log: who saw or changed what, hash-chained separately (docs/audit-log.md).
CREATE TABLE audit_log (
  sequence INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  actor_user_id INTEGER NOT NULL,
  actor_username TEXT NOT NULL,
  client_address TEXT NOT NULL,
  method TEXT NOT NULL,
  route TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome INTEGER NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (time);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, sequence);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id, sequence);
