// Referrals and case loading shared by the case routes (case_routes.cc) and by
// POST /api/v1/crossings, whose decision "referred" may carry a referral that opens the case in
// the same transaction as the crossing.
//
// A referral names an agency code from the agencies table; "secondary" (immigration's secondary
// inspection) is an alias for immigration's own part of the case. One inspection has at most one
// case that is not final: a referral adds the agency to it, or opens a new case when there is
// none.
//
// Thread-safety: stateless functions; as thread-safe as the transaction given.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/inspection/case_workflow.h"
#include "core/policy/role.h"
#include "server/api/case_json.h"
#include "server/api/router.h"
#include "store/case_store.h"
#include "store/workflow_store.h"

namespace limen::server {

// The agency code a name stands for: "secondary" -> "immigration", others unchanged.
std::string CanonicalAgency(std::string_view agency);

// The canonical code of a known agency; CASE_AGENCY_UNKNOWN when the agencies table has no such
// agency. An empty name stays empty, for core to report CASE_AGENCY_REQUIRED or
// CASE_HANDOVER_TARGET_REQUIRED.
Result<std::string> KnownAgency(store::ReadTxn& txn, std::string_view agency);

// A stored case with its inspection and its core model (parts only: notes and attachments are
// not needed to decide a change).
struct LoadedCase {
  store::CaseRow header;
  store::InspectionRow inspection;
  core::inspection::Case model;
};

// CASE_NOT_FOUND when there is no such case; POST_SCOPE when `reader` does not cover the post of
// the case's inspection.
Result<LoadedCase> LoadCase(store::ReadTxn& txn, const core::Principal& reader,
                            std::string_view case_id);

// The stored row of one part of a core case.
store::CasePartRow PartRow(const std::string& case_id, const core::inspection::AgencyPart& part);

struct ReferralOutcome {
  std::string case_id;
  std::string agency;        // Canonical agency code of the part opened.
  bool opened_case = false;  // False when the agency joined the inspection's open case.
  core::inspection::CaseStatus case_status = core::inspection::CaseStatus::kOpen;
};

// Refers the traveller of `referral.inspection_id` to `referral.agency`, writing one event
// (case.opened or case.part_saved) in `txn`. INSPECTION_NOT_FOUND, POST_SCOPE,
// CASE_AGENCY_UNKNOWN, or core's CASE_* codes (empty reason, agency already working on it).
Result<ReferralOutcome> Refer(store::WriteTxn& txn, const ApiRequest& request,
                              const ReferralRequest& referral);

nlohmann::json ReferralOutcomeToJson(const ReferralOutcome& outcome);

}  // namespace limen::server
