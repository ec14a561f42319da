// JSON for the border-crossing workflow routes (workflow_routes.cc): the request bodies of
// POST /api/v1/inspections and POST /api/v1/crossings, and the parts of their responses that
// come from the engines (registry, stay, recommendation, crossings).
//
// Thread-safety: pure functions over caller-owned values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/identity/linking.h"
#include "core/inspection/decision.h"
#include "core/inspection/facts.h"
#include "core/inspection/recommendation.h"
#include "core/stay/entry_evaluation.h"
#include "server/api/case_json.h"
#include "store/authorisation_store.h"
#include "store/workflow_store.h"

namespace limen::server {

struct InspectionRequest {
  std::string mrz;
  std::string post;
  std::string lane;
  core::inspection::Direction direction = core::inspection::Direction::kEntry;
  std::string transport_mode;
  std::string flight_or_vehicle;
  std::string purpose_of_travel;
};

// FIELD_MISSING / FIELD_TYPE / FIELD_INVALID (direction other than "entry" or "exit").
Result<InspectionRequest> InspectionRequestFromJson(std::string_view body);

struct CrossingRequest {
  std::string inspection_id;
  core::inspection::DecisionKind kind = core::inspection::DecisionKind::kAdmitted;
  std::optional<int64_t> granted_stay_days;
  bool no_stay_limit = false;
  std::vector<char> refusal_codes;
  std::string note;
  std::optional<int64_t> duration_ms;
  // When the decision was taken, if not now: a workstation that was offline sends it later.
  // Never in the future (CROSSING_IN_FUTURE) nor before the inspection.
  std::optional<Timestamp> crossing_time;
  // Adjudications of the inspection's hits given with the decision.
  std::vector<core::inspection::HitAdjudication> adjudications;
  // With the decision "referred" only: the referral that opens (or joins) the inspection's case
  // in the same transaction as the crossing (case_referral.h).
  std::optional<ReferralRequest> referral;
};

// FIELD_* errors; decision must be admitted, refused or referred; a refusal code is one letter;
// a referral is an object {"agency", "reason"} given with the decision "referred" only.
Result<CrossingRequest> CrossingRequestFromJson(std::string_view body);

std::string_view DirectionName(core::inspection::Direction direction);

nlohmann::json RegistryToJson(const core::inspection::RegistrySummary& registry);
nlohmann::json HitToJson(const core::inspection::HitSummary& hit);
nlohmann::json StayToJson(const core::stay::StayEvaluation& evaluation);
nlohmann::json RecommendationToJson(const core::inspection::RecommendationResult& result);
nlohmann::json CrossingToJson(const store::CrossingRow& crossing);

struct ReferralOutcome;  // server/api/case_referral.h

// The body of the POST /api/v1/crossings response: CrossingToJson(crossing) with "case" (the
// referral's outcome, when one was made), "agencies_to_notify", "document" and what the decision
// relied on ("stay_rules_version", "authorisation_id"). Written directly as the text that
// building it as a JSON value and dump() printed (compact, keys sorted), so that the writer
// thread, which answers the request, builds no JSON tree. `referral` may be null.
std::string CrossingResponseText(const store::CrossingRow& crossing,
                                 const store::InspectionRow& inspection,
                                 const std::vector<std::string>& agencies_to_notify,
                                 const ReferralOutcome* referral);

// POST /api/v1/authorisations: kind (visa, residence_permit, work_permit), number,
// issuing_state and document_number of the travel document, valid_from <= valid_until
// (YYYY-MM-DD), optional category, nationality, entries_allowed, duration_of_stay_days.
// FIELD_* errors; the id is left empty for the route to assign.
Result<store::AuthorisationRow> AuthorisationRequestFromJson(std::string_view body);
nlohmann::json AuthorisationToJson(const store::AuthorisationRow& row);
// The new traveller of a split: surname, optional given_names, date_of_birth (YYYY-MM-DD), sex
// (F, M, X; default X) and nationalities. FIELD_* errors; the id is left empty.
Result<store::TravellerRow> TravellerFromJson(const nlohmann::json& body);
// A stored visa or permit as the stay evaluation's value.
core::stay::Authorisation ToStayAuthorisation(const store::AuthorisationRow& row);

// Identity records of the store as core/identity values, for linking.
core::identity::Sex IdentitySex(std::string_view sex);  // "F", "M"; anything else unspecified.
core::identity::KnownTraveller ToKnownTraveller(const store::TravellerRow& traveller,
                                                const std::vector<store::DocumentRow>& documents);
// The inspection's "identity" section: the traveller the document is recorded under, whether it
// was first seen now, the linking matches with the features that fired, and impostor indicators.
nlohmann::json IdentityToJson(const std::string& traveller_id, bool first_seen,
                              const core::identity::LinkResult& link,
                              const std::vector<core::identity::ImpostorIndicator>& indicators);

}  // namespace limen::server
