// The watchlist hits found during an inspection, kept next to workflow_store.h's inspections so
// that the officer's decision can be validated against them (an admission needs every hit
// adjudicated). Each hit is one inspection.hit_recorded event, projected into the
// inspection_hits table (migrations/0400_inspection_hits.sql); Store::Rebuild() recreates it.
//
// Call RegisterInspectionHitProjections(store) once after OpenStore, before the first write.
// Thread-safety: stateless functions; as thread-safe as the transaction given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace limen::store {

struct InspectionHitRow {
  std::string inspection_id;
  std::string hit_id;  // The watchlist entry id.
  std::string list_id;
  std::string owning_agency;
  std::string action;  // core/screening HitActionName().
  int64_t score_millis = 0;
  // The version of the entry the officer saw (core/screening EntryFingerprint), so that a
  // "not the same person" adjudication is remembered for that version only.
  uint64_t entry_fingerprint = 0;
  friend bool operator==(const InspectionHitRow&, const InspectionHitRow&) = default;
};

void RegisterInspectionHitProjections(Store& store);

// WORKFLOW_INVALID when the inspection or hit id is empty.
Status RecordInspectionHit(WriteTxn& txn, std::string_view actor, const InspectionHitRow& hit);
// The hits of an inspection, by hit id.
Result<std::vector<InspectionHitRow>> ListInspectionHits(ReadTxn& txn,
                                                         std::string_view inspection_id);

}  // namespace limen::store
