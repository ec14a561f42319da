// JSON request bodies of the referral and case routes (case_routes.cc), and the referral object
// that POST /api/v1/crossings accepts with a decision "referred". Field errors use the codes of
// json_fields.h (FIELD_MISSING, FIELD_TYPE, FIELD_INVALID); rules about the values themselves
// (an empty reason, a transition) are core/inspection's CASE_* codes.
//
// Thread-safety: pure functions over caller-owned values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/inspection/case_workflow.h"

namespace limen::server {

// POST /api/v1/referrals, POST /api/v1/cases/{id}/agencies and the "referral" of a crossing.
struct ReferralRequest {
  std::string inspection_id;  // Only in POST /api/v1/referrals.
  std::string agency;         // "secondary", "customs", "police", "health", ...
  std::string reason;
};

// {"inspection_id", "agency", "reason"}.
Result<ReferralRequest> ReferralRequestFromJson(std::string_view body);
// {"agency", "reason"}: the body of POST /api/v1/cases/{id}/agencies, or a crossing's referral.
Result<ReferralRequest> ReferralFromJson(const nlohmann::json& object);

// POST /api/v1/cases/{id}/status. `agency` is empty when the caller did not name the part (it is
// then the caller's agency).
struct CaseStatusRequest {
  std::string agency;
  core::inspection::CaseStatus status = core::inspection::CaseStatus::kInProgress;
  std::string outcome;
  std::optional<std::string> hand_over_to;
};
Result<CaseStatusRequest> CaseStatusRequestFromJson(std::string_view body);

// POST /api/v1/cases/{id}/notes.
struct CaseNoteRequest {
  std::string agency;
  std::string text;
};
Result<CaseNoteRequest> CaseNoteRequestFromJson(std::string_view body);

// POST /api/v1/cases/{id}/attachments: metadata only; the file stays in the agency's own system.
// size_bytes must be zero or more and sha256 64 hexadecimal digits (returned in lower case).
struct CaseAttachmentRequest {
  std::string agency;
  std::string name;
  std::string media_type;
  int64_t size_bytes = 0;
  std::string sha256;
};
Result<CaseAttachmentRequest> CaseAttachmentRequestFromJson(std::string_view body);

}  // namespace limen::server
