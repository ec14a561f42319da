-- Operational state, not events (docs/decisions/0001-sessions-not-events.md): sessions and
-- login-failure counters. Not projections, so Rebuild() leaves them alone; no foreign key to
-- users so that rebuilding users does not cascade into sessions.
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  client_address TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  time INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (scope, key, time);
