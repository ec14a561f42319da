// Inspections, crossings, cases and national lost/stolen reports of workflow_store.h.
#include "store/internal/flat_json.h"
#include "store/internal/workflow_helpers.h"
#include "store/workflow_store.h"

namespace limen::store {
namespace {

using internal::FlatJsonWriter;

using internal::workflow::Append;
using internal::workflow::Exists;
using internal::workflow::Invalid;

constexpr char kInspectionColumns[] =
    "SELECT id, post, lane, direction, mode_of_transport, flight_or_vehicle, purpose, "
    "document_state, document_number, traveller_id, recommendation, officer, started_at, decided, "
    "stay_rules_version, authorisation_id FROM inspections ";
constexpr char kCrossingColumns[] =
    "SELECT id, inspection_id, traveller_id, post, direction, decision, time, granted_until, "
    "refusal_codes, free_text, duration_micros, officer FROM crossings ";
constexpr char kPartColumns[] = "SELECT case_id, agency, status, reason, outcome FROM case_parts ";

CasePartRow ToPart(const Row& row) {
  return CasePartRow{row[0].AsText(), row[1].AsText(), row[2].AsText(), row[3].AsText(),
                     row[4].AsText()};
}

Result<std::vector<CasePartRow>> QueryParts(ReadTxn& txn, std::string_view where,
                                            const Params& params) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         txn.Query(std::string(kPartColumns) + std::string(where), params));
  std::vector<CasePartRow> parts;
  for (const Row& row : rows) parts.push_back(ToPart(row));
  return parts;
}

FlatJsonWriter PartJson(const CasePartRow& part) {
  FlatJsonWriter json;
  json.Add("case_id", part.case_id)
      .Add("agency", part.agency)
      .Add("status", part.status)
      .Add("reason", part.reason)
      .Add("outcome", part.outcome);
  return json;
}

}  // namespace

Status RecordInspection(WriteTxn& txn, std::string_view actor, const InspectionRow& i) {
  if (i.id.empty() || i.post.empty() || i.direction.empty()) {
    return Invalid("The inspection id, post and direction");
  }
  LIMEN_ASSIGN_OR_RETURN(bool existing,
                         Exists(txn, "SELECT 1 FROM inspections WHERE id = ?", {i.id}));
  if (existing) return AlreadyExists("WORKFLOW_EXISTS", "Inspection " + i.id + " exists.");
  return Append(txn, actor, "inspection.recorded",
                FlatJsonWriter()
                    .Add("id", i.id)
                    .Add("post", i.post)
                    .Add("lane", i.lane)
                    .Add("direction", i.direction)
                    .Add("mode_of_transport", i.mode_of_transport)
                    .Add("flight_or_vehicle", i.flight_or_vehicle)
                    .Add("purpose", i.purpose)
                    .Add("document_state", i.document_state)
                    .Add("document_number", i.document_number)
                    .Add("traveller_id", i.traveller_id)
                    .Add("recommendation", i.recommendation)
                    .Add("officer", i.officer)
                    .Add("started_at", i.started_at)
                    .Add("stay_rules_version", i.stay_rules_version)
                    .Add("authorisation_id", i.authorisation_id)
                    .Finish());
}

Result<std::optional<InspectionRow>> FindInspection(ReadTxn& txn, std::string_view id) {
  static const std::string sql = std::string(kInspectionColumns) + "WHERE id = ?";
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row, txn.QueryOne(sql, {id}));
  if (!row) return std::optional<InspectionRow>();
  const Row& r = *row;
  return std::optional<InspectionRow>(InspectionRow{
      r[0].AsText(), r[1].AsText(), r[2].AsText(), r[3].AsText(), r[4].AsText(), r[5].AsText(),
      r[6].AsText(), r[7].AsText(), r[8].AsText(), r[9].AsText(), r[10].AsText(), r[11].AsText(),
      r[12].AsInt(), r[13].AsInt() != 0, r[14].AsText(), r[15].AsText()});
}

Status RecordCrossing(WriteTxn& txn, std::string_view actor, const CrossingRow& c) {
  if (c.id.empty() || c.decision.empty()) return Invalid("The crossing id and decision");
  // Only whether the inspection exists and is decided: the writer reads no more than it checks.
  LIMEN_ASSIGN_OR_RETURN(
      std::optional<Row> inspection,
      txn.QueryOne("SELECT decided FROM inspections WHERE id = ?", {c.inspection_id}));
  if (!inspection) {
    return NotFound("INSPECTION_NOT_FOUND",
                    "There is no inspection with this id; run the inspection first.");
  }
  if ((*inspection)[0].AsInt() != 0) {
    return FailedPrecondition("INSPECTION_ALREADY_DECIDED",
                              "A decision was already recorded for this inspection.");
  }
  return Append(txn, actor, "crossing.recorded",
                FlatJsonWriter()
                    .Add("id", c.id)
                    .Add("inspection_id", c.inspection_id)
                    .Add("traveller_id", c.traveller_id)
                    .Add("post", c.post)
                    .Add("direction", c.direction)
                    .Add("decision", c.decision)
                    .Add("time", c.time)
                    .Add("granted_until", c.granted_until)
                    .Add("refusal_codes", c.refusal_codes)
                    .Add("free_text", c.free_text)
                    .Add("duration_micros", c.duration_micros)
                    .Add("officer", c.officer)
                    .Finish());
}

namespace {

Result<std::vector<CrossingRow>> QueryCrossings(ReadTxn& txn, std::string_view where,
                                                const Params& params) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         txn.Query(std::string(kCrossingColumns) + std::string(where), params));
  std::vector<CrossingRow> crossings;
  for (const Row& r : rows) {
    crossings.push_back(CrossingRow{r[0].AsText(), r[1].AsText(), r[2].AsText(), r[3].AsText(),
                                    r[4].AsText(), r[5].AsText(), r[6].AsInt(), r[7].AsText(),
                                    r[8].AsText(), r[9].AsText(), r[10].AsInt(), r[11].AsText()});
  }
  return crossings;
}

}  // namespace

Result<std::vector<CrossingRow>> ListCrossings(ReadTxn& txn, std::string_view traveller_id) {
  return QueryCrossings(txn, "WHERE traveller_id = ? ORDER BY time, id", {traveller_id});
}

Result<std::vector<CrossingRow>> ListPresentEntries(ReadTxn& txn) {
  return QueryCrossings(txn,
                        "AS c WHERE c.direction = 'entry' AND c.decision = 'admitted' AND "
                        "NOT EXISTS (SELECT 1 FROM crossings AS later WHERE "
                        "later.traveller_id = c.traveller_id AND later.decision = 'admitted' AND "
                        "(later.time > c.time OR (later.time = c.time AND later.id > c.id))) "
                        "ORDER BY c.traveller_id",
                        {});
}

Status OpenCase(WriteTxn& txn, std::string_view actor, std::string_view case_id,
                std::string_view inspection_id, std::string_view referring_officer,
                const CasePartRow& first_part) {
  if (case_id.empty() || first_part.agency.empty()) return Invalid("The case id and agency");
  LIMEN_ASSIGN_OR_RETURN(bool existing, Exists(txn, "SELECT 1 FROM cases WHERE id = ?", {case_id}));
  if (existing)
    return AlreadyExists("WORKFLOW_EXISTS", "Case " + std::string(case_id) + " exists.");
  CasePartRow part = first_part;
  part.case_id = std::string(case_id);
  FlatJsonWriter json = PartJson(part);
  json.Add("inspection_id", inspection_id).Add("referring_officer", referring_officer);
  return Append(txn, actor, "case.opened", json.Finish());
}

Status SaveCasePart(WriteTxn& txn, std::string_view actor, const CasePartRow& part) {
  if (part.agency.empty() || part.status.empty()) return Invalid("The agency and status");
  LIMEN_ASSIGN_OR_RETURN(bool existing,
                         Exists(txn, "SELECT 1 FROM cases WHERE id = ?", {part.case_id}));
  if (!existing) return NotFound("WORKFLOW_NOT_FOUND", "Case " + part.case_id + " does not exist.");
  return Append(txn, actor, "case.part_saved", PartJson(part).Finish());
}

Status AddCaseNote(WriteTxn& txn, std::string_view actor, const CaseNoteRow& note) {
  if (note.text.empty()) return Invalid("The note text");
  LIMEN_ASSIGN_OR_RETURN(bool part,
                         Exists(txn, "SELECT 1 FROM case_parts WHERE case_id = ? AND agency = ?",
                                {note.case_id, note.agency}));
  if (!part) {
    return NotFound("WORKFLOW_NOT_FOUND",
                    "Agency " + note.agency + " has no part in case " + note.case_id + ".");
  }
  return Append(txn, actor, "case.note_added",
                FlatJsonWriter()
                    .Add("case_id", note.case_id)
                    .Add("agency", note.agency)
                    .Add("author", note.author)
                    .Add("text", note.text)
                    .Finish());
}

Result<std::vector<CasePartRow>> ListCaseParts(ReadTxn& txn, std::string_view case_id) {
  return QueryParts(txn, "WHERE case_id = ? ORDER BY updated_at, agency", {case_id});
}

Result<std::vector<CaseNoteRow>> ListCaseNotes(ReadTxn& txn, std::string_view case_id,
                                               std::string_view agency) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query("SELECT case_id, agency, author, written_at, text FROM case_notes "
                "WHERE case_id = ? AND agency = ? ORDER BY written_at, rowid",
                {case_id, agency}));
  std::vector<CaseNoteRow> notes;
  for (const Row& r : rows) {
    notes.push_back({r[0].AsText(), r[1].AsText(), r[2].AsText(), r[3].AsInt(), r[4].AsText()});
  }
  return notes;
}

Result<std::vector<CasePartRow>> ListAgencyQueue(ReadTxn& txn, std::string_view agency) {
  return QueryParts(txn,
                    "WHERE agency = ? AND status IN ('open', 'in_progress') "
                    "ORDER BY updated_at, case_id",
                    {agency});
}

Status ReportDocument(WriteTxn& txn, std::string_view actor, const RegistryReportRow& r) {
  if (r.issuing_state.empty() || r.number.empty() || r.source.empty()) {
    return Invalid("The issuing State, number and source");
  }
  return Append(txn, actor, "registry.reported",
                FlatJsonWriter()
                    .Add("issuing_state", r.issuing_state)
                    .Add("number", r.number)
                    .Add("source", r.source)
                    .Add("type", r.type)
                    .Add("reason", r.reason)
                    .Add("reported_on", r.reported_on)
                    .Finish());
}

Status WithdrawReport(WriteTxn& txn, std::string_view actor, std::string_view issuing_state,
                      std::string_view number, std::string_view source) {
  LIMEN_ASSIGN_OR_RETURN(
      bool existing,
      Exists(txn,
             "SELECT 1 FROM registry_reports WHERE issuing_state = ? AND number = ? AND "
             "source = ?",
             {issuing_state, number, source}));
  if (!existing) return NotFound("WORKFLOW_NOT_FOUND", "No such report; nothing to withdraw.");
  return Append(txn, actor, "registry.withdrawn",
                FlatJsonWriter()
                    .Add("issuing_state", issuing_state)
                    .Add("number", number)
                    .Add("source", source)
                    .Finish());
}

Result<std::vector<RegistryReportRow>> ListRegistryReports(ReadTxn& txn) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query("SELECT issuing_state, number, source, type, reason, reported_on "
                "FROM registry_reports ORDER BY issuing_state, number, source"));
  std::vector<RegistryReportRow> reports;
  for (const Row& r : rows) {
    reports.push_back(
        {r[0].AsText(), r[1].AsText(), r[2].AsText(), r[3].AsText(), r[4].AsText(), r[5].AsText()});
  }
  return reports;
}

}  // namespace limen::store
