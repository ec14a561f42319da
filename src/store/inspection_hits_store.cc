#include "store/inspection_hits_store.h"

#include <cstdlib>

#include "store/internal/flat_json.h"
#include "store/internal/txn_helpers.h"

namespace limen::store {
namespace {

using internal::FlatJsonObject;
using internal::FlatJsonWriter;

Status ProjectHit(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(Params params,
                         internal::PayloadStrings(
                             p, {"inspection_id", "hit_id", "list_id", "owning_agency", "action"}));
  LIMEN_ASSIGN_OR_RETURN(int64_t score, p.Int("score_millis"));
  params.emplace_back(score);
  params.emplace_back(event.time);
  // Decimal text (a 64-bit unsigned value); hits recorded before migration 0700 have none.
  LIMEN_ASSIGN_OR_RETURN(std::string fingerprint, p.StringOr("entry_fingerprint", "0"));
  params.emplace_back(std::move(fingerprint));
  return txn
      .Execute(
          "INSERT INTO inspection_hits (inspection_id, hit_id, list_id, owning_agency, "
          "action, score_millis, recorded_at, entry_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (inspection_id, hit_id) DO NOTHING",
          params)
      .status();
}

}  // namespace

void RegisterInspectionHitProjections(Store& store) {
  store.RegisterProjectionTables({"inspection_hits"});
  store.RegisterProjector("inspection.hit_recorded", ProjectHit);
}

Status RecordInspectionHit(WriteTxn& txn, std::string_view actor, const InspectionHitRow& hit) {
  if (hit.inspection_id.empty() || hit.hit_id.empty()) {
    return InvalidArgument("WORKFLOW_INVALID",
                           "The inspection id and hit id are required; fill them in.");
  }
  std::string payload = FlatJsonWriter()
                            .Add("inspection_id", hit.inspection_id)
                            .Add("hit_id", hit.hit_id)
                            .Add("list_id", hit.list_id)
                            .Add("owning_agency", hit.owning_agency)
                            .Add("action", hit.action)
                            .Add("score_millis", hit.score_millis)
                            .Add("entry_fingerprint", std::to_string(hit.entry_fingerprint))
                            .Finish();
  return txn
      .AppendEvent(EventDraft{std::string(actor), "inspection.hit_recorded", std::move(payload)})
      .status();
}

Result<std::vector<InspectionHitRow>> ListInspectionHits(ReadTxn& txn,
                                                         std::string_view inspection_id) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query("SELECT inspection_id, hit_id, list_id, owning_agency, action, score_millis, "
                "entry_fingerprint FROM inspection_hits WHERE inspection_id = ? ORDER BY hit_id",
                {inspection_id}));
  std::vector<InspectionHitRow> hits;
  for (const Row& r : rows) {
    hits.push_back(InspectionHitRow{r[0].AsText(), r[1].AsText(), r[2].AsText(), r[3].AsText(),
                                    r[4].AsText(), r[5].AsInt(),
                                    std::strtoull(r[6].AsText().c_str(), nullptr, 10)});
  }
  return hits;
}

}  // namespace limen::store
