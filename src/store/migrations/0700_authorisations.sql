-- Visas and residence or work permits (src/store/authorisation_store.h), projected from
-- authorisation.recorded and authorisation.revoked events. entries_used counts the admitted
-- entries that relied on the authorisation (crossing.recorded, via the inspection that used it).
CREATE TABLE authorisations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,             -- core/stay AuthorisationKindName(): visa, residence_permit...
  number TEXT NOT NULL,
  category TEXT NOT NULL,
  document_state TEXT NOT NULL,   -- The travel document the authorisation is issued for.
  document_number TEXT NOT NULL,
  nationality TEXT NOT NULL,
  valid_from TEXT NOT NULL,       -- YYYY-MM-DD.
  valid_until TEXT NOT NULL,      -- YYYY-MM-DD, inclusive.
  entries_allowed INTEGER NOT NULL,  -- 0: multiple entries.
  entries_used INTEGER NOT NULL DEFAULT 0,
  duration_of_stay_days INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  recorded_at INTEGER NOT NULL,
  UNIQUE (kind, number)
);
CREATE INDEX authorisations_by_document ON authorisations (document_state, document_number);
-- What an inspection's stay verdict relied on, so that the decision records the rules version
-- and the authorisation (if any) that applied.
ALTER TABLE inspections ADD COLUMN stay_rules_version TEXT NOT NULL DEFAULT '';
ALTER TABLE inspections ADD COLUMN authorisation_id TEXT NOT NULL DEFAULT '';
-- The version of the watchlist entry each hit was found against, so that an officer's "not the
-- same person" decision at the crossing is remembered for that version (watchlist.adjudicated).
ALTER TABLE inspection_hits ADD COLUMN entry_fingerprint TEXT NOT NULL DEFAULT '0';
