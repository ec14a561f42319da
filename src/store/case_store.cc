// Write and read functions of case_store.h, and the projectors of their events.
#include "store/case_store.h"

#include "store/internal/flat_json.h"
#include "store/internal/txn_helpers.h"

namespace limen::store {
namespace {

using internal::FlatJsonObject;
using internal::FlatJsonWriter;
using internal::PayloadStrings;

constexpr char kCaseColumns[] =
    "SELECT id, inspection_id, referring_officer, opened_at FROM cases ";

CaseRow ToCase(const Row& row) {
  return CaseRow{row[0].AsText(), row[1].AsText(), row[2].AsText(), row[3].AsInt()};
}

Status Run(WriteTxn& txn, std::string_view sql, const Params& params) {
  return txn.Execute(sql, params).status();
}

// The same upsert as the case.part_saved projector (workflow_projections.cc): a part is keyed by
// case and agency, and its row time is the time of the event that last changed it.
Status UpsertPart(WriteTxn& txn, const Params& part, Timestamp time) {
  Params params = part;
  params.emplace_back(time);
  return Run(txn,
             "INSERT INTO case_parts (case_id, agency, status, reason, outcome, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, agency) DO UPDATE SET "
             "status = excluded.status, reason = excluded.reason, outcome = excluded.outcome, "
             "updated_at = excluded.updated_at",
             params);
}

Status ProjectHandOver(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(Params handed,
                         PayloadStrings(p, {"case_id", "agency", "status", "reason", "outcome"}));
  LIMEN_ASSIGN_OR_RETURN(Params received, PayloadStrings(p, {"case_id", "to_agency", "to_status",
                                                             "to_reason", "to_outcome"}));
  LIMEN_RETURN_IF_ERROR(UpsertPart(txn, handed, event.time));
  return UpsertPart(txn, received, event.time);
}

Status ProjectAttachment(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(Params params,
                         PayloadStrings(p, {"case_id", "agency", "name", "media_type"}));
  LIMEN_ASSIGN_OR_RETURN(int64_t size, p.Int("size_bytes"));
  LIMEN_ASSIGN_OR_RETURN(Params more, PayloadStrings(p, {"sha256", "added_by"}));
  params.emplace_back(size);
  params.insert(params.end(), more.begin(), more.end());
  params.emplace_back(event.time);
  return Run(txn,
             "INSERT INTO case_attachments (case_id, agency, name, media_type, size_bytes, "
             "sha256, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (case_id, agency, name, sha256) DO NOTHING",
             params);
}

FlatJsonWriter& AddPart(FlatJsonWriter& json, const CasePartRow& part, std::string_view prefix) {
  const std::string p(prefix);
  return json.Add(p + "agency", part.agency)
      .Add(p + "status", part.status)
      .Add(p + "reason", part.reason)
      .Add(p + "outcome", part.outcome);
}

Status RequirePart(ReadTxn& txn, std::string_view case_id, std::string_view agency) {
  LIMEN_ASSIGN_OR_RETURN(
      bool exists,
      internal::RowExists(txn, "SELECT 1 FROM case_parts WHERE case_id = ? AND agency = ?",
                          {case_id, agency}));
  if (exists) return Status::Ok();
  return NotFound("WORKFLOW_NOT_FOUND", "Agency " + std::string(agency) + " has no part in case " +
                                            std::string(case_id) + ".");
}

}  // namespace

void RegisterCaseProjections(Store& store) {
  store.RegisterProjectionTables({"case_attachments"});
  store.RegisterProjector("case.handed_over", ProjectHandOver);
  store.RegisterProjector("case.attachment_added", ProjectAttachment);
}

Result<std::optional<CaseRow>> FindCase(ReadTxn& txn, std::string_view case_id) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row,
                         txn.QueryOne(std::string(kCaseColumns) + "WHERE id = ?", {case_id}));
  if (!row) return std::optional<CaseRow>();
  return std::optional<CaseRow>(ToCase(*row));
}

Result<std::vector<CaseRow>> ListCasesOfInspection(ReadTxn& txn, std::string_view inspection_id) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query(std::string(kCaseColumns) + "WHERE inspection_id = ? ORDER BY opened_at, id",
                {inspection_id}));
  std::vector<CaseRow> cases;
  for (const Row& row : rows) cases.push_back(ToCase(row));
  return cases;
}

Status HandOverCasePart(WriteTxn& txn, std::string_view actor, const CasePartRow& handed,
                        const CasePartRow& received) {
  if (handed.agency.empty() || received.agency.empty() || handed.case_id != received.case_id) {
    return InvalidArgument("WORKFLOW_INVALID",
                           "Both agencies and one case id are required; fill them in.");
  }
  LIMEN_RETURN_IF_ERROR(RequirePart(txn, handed.case_id, handed.agency));
  FlatJsonWriter json;
  json.Add("case_id", handed.case_id);
  AddPart(json, handed, "");
  AddPart(json, received, "to_");
  return internal::AppendEventStatus(txn, actor, "case.handed_over", json.Finish());
}

Status AddCaseAttachment(WriteTxn& txn, std::string_view actor, const CaseAttachmentRow& a) {
  if (a.name.empty() || a.sha256.empty()) {
    return InvalidArgument("WORKFLOW_INVALID",
                           "The attachment name and SHA-256 are required; fill them in.");
  }
  LIMEN_RETURN_IF_ERROR(RequirePart(txn, a.case_id, a.agency));
  LIMEN_ASSIGN_OR_RETURN(bool exists, internal::RowExists(txn,
                                                          "SELECT 1 FROM case_attachments WHERE "
                                                          "case_id = ? AND agency = ? AND "
                                                          "name = ? AND sha256 = ?",
                                                          {a.case_id, a.agency, a.name, a.sha256}));
  if (exists) {
    return AlreadyExists("CASE_ATTACHMENT_EXISTS",
                         "This file is already attached to the part; nothing to add.");
  }
  return internal::AppendEventStatus(txn, actor, "case.attachment_added",
                                     FlatJsonWriter()
                                         .Add("case_id", a.case_id)
                                         .Add("agency", a.agency)
                                         .Add("name", a.name)
                                         .Add("media_type", a.media_type)
                                         .Add("size_bytes", a.size_bytes)
                                         .Add("sha256", a.sha256)
                                         .Add("added_by", a.added_by)
                                         .Finish());
}

Result<std::vector<CaseAttachmentRow>> ListCaseAttachments(ReadTxn& txn, std::string_view case_id) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query("SELECT case_id, agency, name, media_type, size_bytes, sha256, added_by, added_at "
                "FROM case_attachments WHERE case_id = ? ORDER BY agency, added_at, rowid",
                {case_id}));
  std::vector<CaseAttachmentRow> attachments;
  for (const Row& r : rows) {
    attachments.push_back(CaseAttachmentRow{r[0].AsText(), r[1].AsText(), r[2].AsText(),
                                            r[3].AsText(), r[4].AsInt(), r[5].AsText(),
                                            r[6].AsText(), r[7].AsInt()});
  }
  return attachments;
}

}  // namespace limen::store
