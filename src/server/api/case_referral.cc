#include "server/api/case_referral.h"

#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "server/api/route_support.h"
#include "store/identity_store.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;

// The agency code immigration's secondary inspection works under.
constexpr char kSecondaryAlias[] = "secondary";
constexpr char kImmigration[] = "immigration";

Status CheckPostScope(const core::Principal& principal, const std::string& post) {
  if (principal.CoversPost(post)) return Status::Ok();
  return PermissionDenied("POST_SCOPE", "Your account does not cover post " + post +
                                            "; only officers of that post may act on it.");
}

// The core model of a stored case: its parts, in the order the store lists them.
Result<insp::Case> LoadModel(store::ReadTxn& txn, const store::CaseRow& header) {
  insp::Case model;
  model.id = header.id;
  model.inspection_id = header.inspection_id;
  model.referring_officer = header.referring_officer;
  LIMEN_ASSIGN_OR_RETURN(std::vector<store::CasePartRow> parts,
                         store::ListCaseParts(txn, header.id));
  for (store::CasePartRow& row : parts) {
    std::optional<insp::CaseStatus> status = insp::ParseCaseStatus(row.status);
    if (!status) {
      return DataLoss("STORE_CORRUPT", "Case " + header.id + " has a part with status '" +
                                           row.status + "'; rebuild the projections.");
    }
    model.parts.push_back(insp::AgencyPart{.agency = std::move(row.agency),
                                           .status = *status,
                                           .reason = std::move(row.reason),
                                           .outcome = std::move(row.outcome)});
  }
  return model;
}

// The inspection's case that is not final yet, if any.
Result<std::optional<insp::Case>> OpenCaseOf(store::ReadTxn& txn,
                                             const std::string& inspection_id) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<store::CaseRow> cases,
                         store::ListCasesOfInspection(txn, inspection_id));
  for (auto it = cases.rbegin(); it != cases.rend(); ++it) {
    LIMEN_ASSIGN_OR_RETURN(insp::Case model, LoadModel(txn, *it));
    if (!insp::IsFinal(model.status())) return std::optional<insp::Case>(std::move(model));
  }
  return std::optional<insp::Case>();
}

}  // namespace

std::string CanonicalAgency(std::string_view agency) {
  std::string code = ToLowerAscii(Trim(agency));
  return code == kSecondaryAlias ? std::string(kImmigration) : code;
}

Result<std::string> KnownAgency(store::ReadTxn& txn, std::string_view agency) {
  std::string code = CanonicalAgency(agency);
  if (code.empty()) return code;
  LIMEN_ASSIGN_OR_RETURN(std::vector<store::AgencyRecord> agencies, store::ListAgencies(txn));
  const bool known = std::any_of(agencies.begin(), agencies.end(),
                                 [&](const store::AgencyRecord& a) { return a.code == code; });
  if (known) return code;
  return InvalidArgument("CASE_AGENCY_UNKNOWN",
                         "There is no agency '" + std::string(agency) +
                             "'; choose one from /api/v1/agencies, or \"secondary\".");
}

Result<LoadedCase> LoadCase(store::ReadTxn& txn, const core::Principal& reader,
                            std::string_view case_id) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<store::CaseRow> header, store::FindCase(txn, case_id));
  if (!header) {
    return NotFound("CASE_NOT_FOUND", "There is no case " + std::string(case_id) +
                                          "; take the id from your agency's queue.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::optional<store::InspectionRow> inspection,
                         store::FindInspection(txn, header->inspection_id));
  if (!inspection) {
    return DataLoss("STORE_CORRUPT", "Case " + header->id +
                                         " names an inspection that does not "
                                         "exist; rebuild the projections.");
  }
  LIMEN_RETURN_IF_ERROR(CheckPostScope(reader, inspection->post));
  LIMEN_ASSIGN_OR_RETURN(insp::Case model, LoadModel(txn, *header));
  return LoadedCase{std::move(*header), std::move(*inspection), std::move(model)};
}

store::CasePartRow PartRow(const std::string& case_id, const insp::AgencyPart& part) {
  return store::CasePartRow{case_id, part.agency, std::string(insp::CaseStatusName(part.status)),
                            part.reason, part.outcome};
}

Result<ReferralOutcome> Refer(store::WriteTxn& txn, const ApiRequest& request,
                              const ReferralRequest& referral) {
  const core::Principal& principal = *request.principal;
  LIMEN_ASSIGN_OR_RETURN(std::optional<store::InspectionRow> inspection,
                         store::FindInspection(txn, referral.inspection_id));
  if (!inspection) {
    return NotFound("INSPECTION_NOT_FOUND",
                    "There is no inspection with this id; run the inspection first.");
  }
  LIMEN_RETURN_IF_ERROR(CheckPostScope(principal, inspection->post));
  LIMEN_ASSIGN_OR_RETURN(std::string agency, KnownAgency(txn, referral.agency));
  LIMEN_ASSIGN_OR_RETURN(std::optional<insp::Case> current, OpenCaseOf(txn, inspection->id));
  ReferralOutcome outcome{.agency = agency, .opened_case = !current.has_value()};
  const std::string actor = ActorOf(request);
  if (current) {
    LIMEN_ASSIGN_OR_RETURN(insp::Case changed, insp::AddAgency(*current, agency, referral.reason));
    LIMEN_RETURN_IF_ERROR(
        store::SaveCasePart(txn, actor, PartRow(changed.id, *changed.Part(agency))));
    outcome.case_id = changed.id;
    outcome.case_status = changed.status();
    return outcome;
  }
  LIMEN_ASSIGN_OR_RETURN(std::string case_id, NewRecordId("case-"));
  LIMEN_ASSIGN_OR_RETURN(
      insp::Case opened,
      insp::OpenCase(case_id, inspection->id, principal.username, agency, referral.reason));
  LIMEN_RETURN_IF_ERROR(store::OpenCase(txn, actor, case_id, inspection->id, principal.username,
                                        PartRow(case_id, opened.parts.front())));
  outcome.case_id = case_id;
  outcome.case_status = opened.status();
  return outcome;
}

nlohmann::json ReferralOutcomeToJson(const ReferralOutcome& outcome) {
  return {{"case_id", outcome.case_id},
          {"agency", outcome.agency},
          {"opened_case", outcome.opened_case},
          {"case_status", insp::CaseStatusName(outcome.case_status)}};
}

}  // namespace limen::server
