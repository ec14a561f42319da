// Projectors for the workflow events of workflow_store.h. Each reads its event's payload and
// changes the tables of migrations/0300_workflow.sql; event times become the row times, so a
// replay reproduces the tables exactly.
#include <string>
#include <vector>

#include "store/internal/flat_json.h"
#include "store/internal/txn_helpers.h"
#include "store/workflow_store.h"

namespace limen::store {
namespace {

using internal::FlatJsonObject;
using internal::PayloadStrings;

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

Status Run(WriteTxn& txn, std::string_view sql, const Params& params) {
  return txn.Execute(sql, params).status();
}

Status InsertTraveller(WriteTxn& txn, const FlatJsonObject& p, Timestamp time) {
  LIMEN_ASSIGN_OR_RETURN(std::string id, p.String("id"));
  LIMEN_ASSIGN_OR_RETURN(std::string surname, p.String("surname"));
  LIMEN_ASSIGN_OR_RETURN(std::string given, p.String("given_names"));
  LIMEN_ASSIGN_OR_RETURN(std::string surname_original, p.String("surname_original"));
  LIMEN_ASSIGN_OR_RETURN(std::string given_original, p.String("given_names_original"));
  LIMEN_ASSIGN_OR_RETURN(std::string dob, p.String("date_of_birth"));
  LIMEN_ASSIGN_OR_RETURN(std::string sex, p.String("sex"));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> nationalities, p.Strings("nationalities"));
  return Run(
      txn,
      "INSERT INTO travellers (id, surname, given_names, surname_original, "
      "given_names_original, date_of_birth, sex, nationalities, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, surname, given, surname_original, given_original, dob, sex, Join(nationalities), time});
}

Status MoveDocuments(WriteTxn& txn, const std::vector<std::string>& ids, const std::string& to) {
  for (const std::string& id : ids) {
    LIMEN_RETURN_IF_ERROR(
        Run(txn, "UPDATE travel_documents SET traveller_id = ? WHERE id = ?", {to, id}));
  }
  return Status::Ok();
}

Status ProjectTravellerCreated(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  return InsertTraveller(txn, payload, event.time);
}

Status ProjectDocumentLinked(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  Params params;
  for (const char* key : {"id", "traveller_id", "issuing_state", "number", "document_type",
                          "surname", "given_names", "date_of_birth", "sex"}) {
    LIMEN_ASSIGN_OR_RETURN(std::string value, p.String(key));
    params.emplace_back(std::move(value));
  }
  return Run(txn,
             "INSERT INTO travel_documents (id, traveller_id, issuing_state, number, "
             "document_type, surname, given_names, date_of_birth, sex) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (issuing_state, number) DO UPDATE SET "
             "traveller_id = excluded.traveller_id, document_type = excluded.document_type, "
             "surname = excluded.surname, given_names = excluded.given_names, "
             "date_of_birth = excluded.date_of_birth, sex = excluded.sex",
             params);
}

Status ProjectMerge(WriteTxn& txn, const Event& event, bool undo) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(std::string surviving, p.String("surviving"));
  LIMEN_ASSIGN_OR_RETURN(std::string absorbed, p.String("absorbed"));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> ids, p.Strings("document_ids"));
  LIMEN_RETURN_IF_ERROR(MoveDocuments(txn, ids, undo ? absorbed : surviving));
  LIMEN_RETURN_IF_ERROR(Run(txn, "UPDATE travellers SET status = ?, merged_into = ? WHERE id = ?",
                            {undo ? "active" : "merged", undo ? "" : surviving, absorbed}));
  if (undo) return Run(txn, "DELETE FROM traveller_changes WHERE subject_id = ?", {absorbed});
  return Run(txn,
             "INSERT INTO traveller_changes (subject_id, kind, other_id, document_ids) "
             "VALUES (?, 'merge', ?, ?)",
             {absorbed, surviving, Join(ids)});
}

Status ProjectSplit(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_RETURN_IF_ERROR(InsertTraveller(txn, p, event.time));
  LIMEN_ASSIGN_OR_RETURN(std::string created, p.String("id"));
  LIMEN_ASSIGN_OR_RETURN(std::string from, p.String("from"));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> ids, p.Strings("document_ids"));
  LIMEN_RETURN_IF_ERROR(MoveDocuments(txn, ids, created));
  return Run(txn,
             "INSERT INTO traveller_changes (subject_id, kind, other_id, document_ids) "
             "VALUES (?, 'split', ?, ?)",
             {created, from, Join(ids)});
}

Status ProjectSplitUndone(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(std::string from, p.String("from"));
  LIMEN_ASSIGN_OR_RETURN(std::string created, p.String("created"));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> ids, p.Strings("document_ids"));
  LIMEN_RETURN_IF_ERROR(MoveDocuments(txn, ids, from));
  LIMEN_RETURN_IF_ERROR(Run(txn, "DELETE FROM traveller_changes WHERE subject_id = ?", {created}));
  return Run(txn, "DELETE FROM travellers WHERE id = ?", {created});
}

Status ProjectInspection(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(
      Params params,
      PayloadStrings(p, {"id", "post", "lane", "direction", "mode_of_transport",
                         "flight_or_vehicle", "purpose", "document_state", "document_number",
                         "traveller_id", "recommendation", "officer"}));
  LIMEN_ASSIGN_OR_RETURN(int64_t started_at, p.Int("started_at"));
  params.emplace_back(started_at);
  // Inspections recorded before migration 0700 carry neither key.
  for (const char* key : {"stay_rules_version", "authorisation_id"}) {
    LIMEN_ASSIGN_OR_RETURN(std::string value, p.StringOr(key, ""));
    params.emplace_back(std::move(value));
  }
  return Run(txn,
             "INSERT INTO inspections (id, post, lane, direction, mode_of_transport, "
             "flight_or_vehicle, purpose, document_state, document_number, traveller_id, "
             "recommendation, officer, started_at, stay_rules_version, authorisation_id) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             params);
}

Status ProjectCrossing(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(Params params, PayloadStrings(p, {"id", "inspection_id", "traveller_id",
                                                           "post", "direction", "decision"}));
  LIMEN_ASSIGN_OR_RETURN(int64_t time, p.Int("time"));
  LIMEN_ASSIGN_OR_RETURN(Params more,
                         PayloadStrings(p, {"granted_until", "refusal_codes", "free_text"}));
  LIMEN_ASSIGN_OR_RETURN(int64_t duration, p.Int("duration_micros"));
  LIMEN_ASSIGN_OR_RETURN(std::string officer, p.String("officer"));
  params.emplace_back(time);
  params.insert(params.end(), more.begin(), more.end());
  params.emplace_back(duration);
  params.emplace_back(officer);
  LIMEN_RETURN_IF_ERROR(Run(txn,
                            "INSERT INTO crossings (id, inspection_id, traveller_id, post, "
                            "direction, decision, time, granted_until, refusal_codes, free_text, "
                            "duration_micros, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            params));
  LIMEN_RETURN_IF_ERROR(Run(txn, "UPDATE inspections SET decided = 1 WHERE id = ?", {params[1]}));
  // An admitted entry uses one entry of the visa or permit its inspection relied on.
  LIMEN_ASSIGN_OR_RETURN(std::string decision, p.String("decision"));
  LIMEN_ASSIGN_OR_RETURN(std::string direction, p.String("direction"));
  if (decision != "admitted" || direction != "entry") return Status::Ok();
  return Run(txn,
             "UPDATE authorisations SET entries_used = entries_used + 1 WHERE id = "
             "(SELECT authorisation_id FROM inspections WHERE id = ?)",
             {params[1]});
}

Status UpsertPart(WriteTxn& txn, const FlatJsonObject& p, Timestamp time) {
  LIMEN_ASSIGN_OR_RETURN(Params params,
                         PayloadStrings(p, {"case_id", "agency", "status", "reason", "outcome"}));
  params.emplace_back(time);
  return Run(txn,
             "INSERT INTO case_parts (case_id, agency, status, reason, outcome, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, agency) DO UPDATE SET "
             "status = excluded.status, reason = excluded.reason, outcome = excluded.outcome, "
             "updated_at = excluded.updated_at",
             params);
}

Status ProjectCaseOpened(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(Params params,
                         PayloadStrings(p, {"case_id", "inspection_id", "referring_officer"}));
  params.emplace_back(event.time);
  LIMEN_RETURN_IF_ERROR(Run(txn,
                            "INSERT INTO cases (id, inspection_id, referring_officer, opened_at) "
                            "VALUES (?, ?, ?, ?)",
                            params));
  return UpsertPart(txn, p, event.time);
}

Status ProjectCasePart(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  return UpsertPart(txn, p, event.time);
}

Status ProjectCaseNote(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(Params params, PayloadStrings(p, {"case_id", "agency", "author", "text"}));
  params.emplace_back(event.time);
  return Run(txn,
             "INSERT INTO case_notes (case_id, agency, author, text, written_at) "
             "VALUES (?, ?, ?, ?, ?)",
             params);
}

Status ProjectReport(WriteTxn& txn, const Event& event, bool withdrawn) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  if (withdrawn) {
    LIMEN_ASSIGN_OR_RETURN(Params key, PayloadStrings(p, {"issuing_state", "number", "source"}));
    return Run(txn,
               "DELETE FROM registry_reports WHERE issuing_state = ? AND number = ? AND "
               "source = ?",
               key);
  }
  LIMEN_ASSIGN_OR_RETURN(Params params, PayloadStrings(p, {"issuing_state", "number", "source",
                                                           "type", "reason", "reported_on"}));
  return Run(txn,
             "INSERT INTO registry_reports (issuing_state, number, source, type, reason, "
             "reported_on) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (issuing_state, number, source) "
             "DO UPDATE SET type = excluded.type, reason = excluded.reason, "
             "reported_on = excluded.reported_on",
             params);
}

}  // namespace

void RegisterWorkflowProjections(Store& store) {
  // Parents first: Rebuild() empties them in reverse order.
  store.RegisterProjectionTables({"travellers", "travel_documents", "traveller_changes",
                                  "inspections", "crossings", "cases", "case_parts", "case_notes",
                                  "registry_reports"});
  store.RegisterProjector("traveller.created", ProjectTravellerCreated);
  store.RegisterProjector("document.linked", ProjectDocumentLinked);
  store.RegisterProjector("traveller.merged", [](WriteTxn& txn, const Event& event) {
    return ProjectMerge(txn, event, false);
  });
  store.RegisterProjector("traveller.merge_undone", [](WriteTxn& txn, const Event& event) {
    return ProjectMerge(txn, event, true);
  });
  store.RegisterProjector("traveller.split", ProjectSplit);
  store.RegisterProjector("traveller.split_undone", ProjectSplitUndone);
  store.RegisterProjector("inspection.recorded", ProjectInspection);
  store.RegisterProjector("crossing.recorded", ProjectCrossing);
  store.RegisterProjector("case.opened", ProjectCaseOpened);
  store.RegisterProjector("case.part_saved", ProjectCasePart);
  store.RegisterProjector("case.note_added", ProjectCaseNote);
  store.RegisterProjector("registry.reported", [](WriteTxn& txn, const Event& event) {
    return ProjectReport(txn, event, false);
  });
  store.RegisterProjector("registry.withdrawn", [](WriteTxn& txn, const Event& event) {
    return ProjectReport(txn, event, true);
  });
}

}  // namespace limen::store
