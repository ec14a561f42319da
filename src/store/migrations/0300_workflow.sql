-- Border-crossing workflow projections (issue 5): travellers and their documents, inspections,
-- crossings, cases with one part per agency, and nationally reported lost/stolen documents.
-- Rebuilt from the traveller.*, document.*, inspection.*, crossing.*, case.* and registry.*
-- events (src/store/workflow_projections.cc). Dates are 'YYYY-MM-DD' text ('' when unknown);
-- times are UTC microseconds.
CREATE TABLE travellers (
  id TEXT PRIMARY KEY,
  surname TEXT NOT NULL,
  given_names TEXT NOT NULL,
  surname_original TEXT NOT NULL,
  given_names_original TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL,
  nationalities TEXT NOT NULL,  -- Comma-separated ICAO codes.
  status TEXT NOT NULL DEFAULT 'active',
  merged_into TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX travellers_by_name ON travellers (surname, given_names, date_of_birth);
CREATE TABLE travel_documents (
  id TEXT PRIMARY KEY,
  traveller_id TEXT NOT NULL REFERENCES travellers (id),
  issuing_state TEXT NOT NULL,
  number TEXT NOT NULL,
  document_type TEXT NOT NULL,
  surname TEXT NOT NULL,
  given_names TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL,
  UNIQUE (issuing_state, number)
);
CREATE INDEX travel_documents_by_traveller ON travel_documents (traveller_id);
CREATE TABLE inspections (
  id TEXT PRIMARY KEY,
  post TEXT NOT NULL,
  lane TEXT NOT NULL,
  direction TEXT NOT NULL,
  mode_of_transport TEXT NOT NULL,
  flight_or_vehicle TEXT NOT NULL,
  purpose TEXT NOT NULL,
  document_state TEXT NOT NULL,
  document_number TEXT NOT NULL,
  traveller_id TEXT NOT NULL,
  recommendation TEXT NOT NULL,
  officer TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  decided INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE crossings (
  id TEXT PRIMARY KEY,
  inspection_id TEXT NOT NULL UNIQUE REFERENCES inspections (id),
  traveller_id TEXT NOT NULL,
  post TEXT NOT NULL,
  direction TEXT NOT NULL,
  decision TEXT NOT NULL,
  time INTEGER NOT NULL,
  granted_until TEXT NOT NULL,
  refusal_codes TEXT NOT NULL,
  free_text TEXT NOT NULL,
  duration_micros INTEGER NOT NULL,
  officer TEXT NOT NULL
);
CREATE INDEX crossings_by_traveller ON crossings (traveller_id, time);
CREATE INDEX crossings_by_post ON crossings (post, time);
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  inspection_id TEXT NOT NULL,
  referring_officer TEXT NOT NULL,
  opened_at INTEGER NOT NULL
);
CREATE TABLE case_parts (
  case_id TEXT NOT NULL REFERENCES cases (id),
  agency TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  outcome TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, agency)
);
CREATE INDEX case_parts_by_agency ON case_parts (agency, status);
CREATE TABLE case_notes (
  case_id TEXT NOT NULL REFERENCES cases (id),
  agency TEXT NOT NULL,
  author TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX case_notes_by_case ON case_notes (case_id, agency);
CREATE TABLE registry_reports (
  issuing_state TEXT NOT NULL,
  number TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  reason TEXT NOT NULL,
  reported_on TEXT NOT NULL,
  PRIMARY KEY (issuing_state, number, source)
);
-- Open merges and splits, so that an undo moves back exactly the documents that were moved.
CREATE TABLE traveller_changes (
  subject_id TEXT PRIMARY KEY,  -- The absorbed traveller (merge) or the created one (split).
  kind TEXT NOT NULL,           -- 'merge' or 'split'.
  other_id TEXT NOT NULL,       -- The surviving traveller (merge) or the original one (split).
  document_ids TEXT NOT NULL    -- Comma-separated.
);
