-- Identity projections: States, agencies, posts and users. These tables are rebuilt from the
-- state.*, agency.*, post.* and user.* events (src/store/identity_store.cc).
CREATE TABLE states (
  code TEXT PRIMARY KEY CHECK (length(code) = 3),
  name TEXT NOT NULL
);
CREATE TABLE agencies (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE posts (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL
);
CREATE TABLE post_states (
  post_code TEXT NOT NULL REFERENCES posts (code),
  state_code TEXT NOT NULL REFERENCES states (code),
  PRIMARY KEY (post_code, state_code)
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  agency_code TEXT NOT NULL REFERENCES agencies (code),
  disabled INTEGER NOT NULL DEFAULT 0,
  must_change_password INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE user_posts (
  user_id INTEGER NOT NULL REFERENCES users (id),
  post_code TEXT NOT NULL REFERENCES posts (code),
  PRIMARY KEY (user_id, post_code)
);
