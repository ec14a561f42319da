-- The event log: the record of truth (docs/event-log.md). `position` is the local arrival
-- order used for replay; (origin_node, sequence) identifies an event across nodes.
CREATE TABLE events (
  position INTEGER PRIMARY KEY,
  origin_node TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL,
  UNIQUE (origin_node, sequence)
);
