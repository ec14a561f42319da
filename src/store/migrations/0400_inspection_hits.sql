-- Watchlist hits found during an inspection (src/store/inspection_hits_store.h), projected from
-- inspection.hit_recorded events, so that the decision (POST /api/v1/crossings) can check that
-- every hit was adjudicated before an admission.
CREATE TABLE inspection_hits (
  inspection_id TEXT NOT NULL,
  hit_id TEXT NOT NULL,
  list_id TEXT NOT NULL,
  owning_agency TEXT NOT NULL,
  action TEXT NOT NULL,
  score_millis INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, hit_id)
);
