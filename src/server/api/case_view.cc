#include "server/api/case_view.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/inspection/case_workflow.h"
#include "core/policy/data_sharing.h"
#include "server/api/case_referral.h"
#include "server/api/workflow_json.h"
#include "store/inspection_hits_store.h"
#include "store/workflow_store.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;
using core::CategoryKind;
using core::DataCategory;
using nlohmann::json;

// What one reader may see, and the list of what was withheld from them.
class PolicyFilter {
 public:
  PolicyFilter(const core::DataSharingPolicy* policy, const core::Principal& reader)
      : policy_(policy), reader_(reader) {}

  // A missing policy grants nothing.
  bool Allows(const DataCategory& category) const {
    return policy_ != nullptr && policy_->Decide(reader_, category).allowed;
  }
  bool Allows(CategoryKind kind) const { return Allows(DataCategory{.kind = kind}); }
  bool AllowsNotesOf(const std::string& agency) const {
    return Allows(DataCategory{.kind = CategoryKind::kCaseNotes, .agency = agency});
  }

  // Allows(category), recording the category as withheld when it is not.
  bool Check(const DataCategory& category) {
    if (Allows(category)) return true;
    const std::string name = category.ToString();
    const bool listed = std::any_of(withheld_.begin(), withheld_.end(),
                                    [&](const json& item) { return item["category"] == name; });
    if (!listed) withheld_.push_back({{"category", name}, {"reason", "POLICY_DENIED"}});
    return false;
  }
  bool Check(CategoryKind kind) { return Check(DataCategory{.kind = kind}); }

  json TakeWithheld() { return std::move(withheld_); }

 private:
  const core::DataSharingPolicy* policy_;
  const core::Principal& reader_;
  json withheld_ = json::array();
};

Status CheckMayRead(const LoadedCase& loaded, const core::Principal& reader,
                    const PolicyFilter& filter) {
  if (insp::IsInvolved(loaded.model, reader.agency, reader.username)) return Status::Ok();
  for (const insp::AgencyPart& part : loaded.model.parts) {
    if (filter.AllowsNotesOf(part.agency)) return Status::Ok();  // A coordinating supervisor.
  }
  return PermissionDenied("CASE_NOT_INVOLVED",
                          "Your agency has no part in this case; ask an agency working on it to "
                          "add yours.");
}

json TravellerToJson(const store::TravellerRow& traveller) {
  return {{"traveller_id", traveller.id},
          {"surname", traveller.surname},
          {"given_names", traveller.given_names},
          {"date_of_birth", traveller.date_of_birth},
          {"sex", traveller.sex},
          {"nationalities", traveller.nationalities}};
}

// Adds the traveller sections the reader may see to `body`.
Status AddTravellerSections(store::ReadTxn& txn, const store::InspectionRow& inspection,
                            PolicyFilter& filter, json& body) {
  if (filter.Check(CategoryKind::kIdentity)) {
    LIMEN_ASSIGN_OR_RETURN(std::optional<store::TravellerRow> traveller,
                           store::FindTraveller(txn, inspection.traveller_id));
    body["identity"] =
        traveller ? TravellerToJson(*traveller) : json{{"traveller_id", inspection.traveller_id}};
  }
  if (filter.Check(CategoryKind::kDocument)) {
    LIMEN_ASSIGN_OR_RETURN(
        std::optional<store::DocumentRow> document,
        store::FindDocument(txn, inspection.document_state, inspection.document_number));
    body["document"] = {{"issuing_state", inspection.document_state},
                        {"number", inspection.document_number},
                        {"document_type", document ? document->document_type : ""}};
  }
  if (filter.Check(CategoryKind::kCrossingHistory)) {
    LIMEN_ASSIGN_OR_RETURN(std::vector<store::CrossingRow> crossings,
                           store::ListCrossings(txn, inspection.traveller_id));
    json history = json::array();
    for (const store::CrossingRow& crossing : crossings)
      history.push_back(CrossingToJson(crossing));
    body["crossing_history"] = std::move(history);
  }
  if (filter.Check(CategoryKind::kHits)) {
    LIMEN_ASSIGN_OR_RETURN(std::vector<store::InspectionHitRow> rows,
                           store::ListInspectionHits(txn, inspection.id));
    const bool details = filter.Check(CategoryKind::kHitDetails);
    json hits = json::array();
    for (const store::InspectionHitRow& row : rows) {
      json hit = {{"hit_id", row.hit_id},
                  {"list", row.list_id},
                  {"owning_agency", row.owning_agency},
                  {"action", row.action}};
      if (details) hit["score"] = static_cast<double>(row.score_millis) / 1000.0;
      hits.push_back(std::move(hit));
    }
    body["hits"] = std::move(hits);
  }
  return Status::Ok();
}

Result<json> PartsToJson(store::ReadTxn& txn, const LoadedCase& loaded, PolicyFilter& filter) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<store::CaseAttachmentRow> attachments,
                         store::ListCaseAttachments(txn, loaded.header.id));
  json parts = json::array();
  for (const insp::AgencyPart& part : loaded.model.parts) {
    json out = {{"agency", part.agency},
                {"status", insp::CaseStatusName(part.status)},
                {"reason", part.reason},
                {"outcome", part.outcome},
                {"attachments", json::array()}};
    for (const store::CaseAttachmentRow& attachment : attachments) {
      if (attachment.agency == part.agency)
        out["attachments"].push_back(AttachmentToJson(attachment));
    }
    if (filter.Check(DataCategory{.kind = CategoryKind::kCaseNotes, .agency = part.agency})) {
      LIMEN_ASSIGN_OR_RETURN(std::vector<store::CaseNoteRow> notes,
                             store::ListCaseNotes(txn, loaded.header.id, part.agency));
      out["notes"] = json::array();
      for (const store::CaseNoteRow& note : notes) {
        out["notes"].push_back({{"author", note.author},
                                {"written_at", FormatTimestamp(note.written_at)},
                                {"text", note.text}});
      }
    }
    parts.push_back(std::move(out));
  }
  return parts;
}

json OutcomeToJson(const insp::CaseOutcome& summary) {
  json outcomes = json::array();
  for (const auto& [agency, outcome] : summary.outcomes) {
    outcomes.push_back({{"agency", agency}, {"outcome", outcome}});
  }
  return {{"status", insp::CaseStatusName(summary.status)}, {"outcomes", std::move(outcomes)}};
}

Result<json> CaseBody(store::ReadTxn& txn, const core::Principal& reader,
                      const core::DataSharingPolicy* policy, const std::string& case_id) {
  LIMEN_ASSIGN_OR_RETURN(LoadedCase loaded, LoadCase(txn, reader, case_id));
  PolicyFilter filter(policy, reader);
  LIMEN_RETURN_IF_ERROR(CheckMayRead(loaded, reader, filter));
  json body = {{"case_id", loaded.header.id},
               {"inspection_id", loaded.header.inspection_id},
               {"post", loaded.inspection.post},
               {"direction", loaded.inspection.direction},
               {"referring_officer", loaded.header.referring_officer},
               {"opened_at", FormatTimestamp(loaded.header.opened_at)},
               {"status", insp::CaseStatusName(loaded.model.status())},
               {"outcome", OutcomeToJson(insp::Summarise(loaded.model))}};
  LIMEN_RETURN_IF_ERROR(AddTravellerSections(txn, loaded.inspection, filter, body));
  LIMEN_ASSIGN_OR_RETURN(body["parts"], PartsToJson(txn, loaded, filter));
  body["withheld"] = filter.TakeWithheld();
  return body;
}

// One queue entry, or nullopt when the reader does not cover the case's post.
Result<std::optional<json>> QueueEntry(store::ReadTxn& txn, const core::Principal& reader,
                                       const store::CasePartRow& part) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<store::CaseRow> header, store::FindCase(txn, part.case_id));
  if (!header) return std::optional<json>();
  LIMEN_ASSIGN_OR_RETURN(std::optional<store::InspectionRow> inspection,
                         store::FindInspection(txn, header->inspection_id));
  if (!inspection || !reader.CoversPost(inspection->post)) return std::optional<json>();
  return std::optional<json>(json{{"case_id", part.case_id},
                                  {"inspection_id", header->inspection_id},
                                  {"post", inspection->post},
                                  {"status", part.status},
                                  {"reason", part.reason},
                                  {"referring_officer", header->referring_officer},
                                  {"opened_at", FormatTimestamp(header->opened_at)}});
}

}  // namespace

ApiResponse ListQueue(Services& services, const ApiRequest& request) {
  const core::Principal& reader = *request.principal;
  const std::string agency = CanonicalAgency(request.Query("agency").value_or(reader.agency));
  if (agency != reader.agency &&
      !PolicyFilter(services.policy.get(), reader).AllowsNotesOf(agency)) {
    return ApiResponse::Error(
        PermissionDenied("CASE_QUEUE_DENIED",
                         "You may list your own agency's queue only; the data-sharing "
                         "policy does not let you read " +
                             agency + "'s cases."));
  }
  json cases = json::array();
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(KnownAgency(txn, agency).status());
    LIMEN_ASSIGN_OR_RETURN(std::vector<store::CasePartRow> parts,
                           store::ListAgencyQueue(txn, agency));
    for (const store::CasePartRow& part : parts) {
      LIMEN_ASSIGN_OR_RETURN(std::optional<json> entry, QueueEntry(txn, reader, part));
      if (entry) cases.push_back(std::move(*entry));
    }
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);
  ApiResponse response =
      ApiResponse::Json(200, json{{"agency", agency}, {"cases", std::move(cases)}}.dump());
  response.record_id = "queue:" + agency;
  return response;
}

ApiResponse ShowCase(Services& services, const ApiRequest& request) {
  const std::string& case_id = request.PathParam("id");
  json body;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(body, CaseBody(txn, *request.principal, services.policy.get(), case_id));
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);
  ApiResponse response = ApiResponse::Json(200, body.dump());
  response.record_id = case_id;
  return response;
}

json AttachmentToJson(const store::CaseAttachmentRow& attachment) {
  return {{"case_id", attachment.case_id},
          {"agency", attachment.agency},
          {"name", attachment.name},
          {"media_type", attachment.media_type},
          {"size_bytes", attachment.size_bytes},
          {"sha256", attachment.sha256},
          {"added_by", attachment.added_by},
          {"added_at", FormatTimestamp(attachment.added_at)}};
}

}  // namespace limen::server
