#include "server/api/case_json.h"

#include "base/strings.h"
#include "server/api/json_fields.h"

namespace limen::server {
namespace {

using nlohmann::json;

Status FieldInvalid(std::string_view field, std::string_view expected) {
  return InvalidArgument("FIELD_INVALID", "The field '" + std::string(field) + "' must be " +
                                              std::string(expected) + ".");
}

// An optional string; absent reads as "", so that core reports an empty value with its own
// CASE_* code whether the field was left out or left blank.
Result<std::string> TextOrEmpty(const json& body, std::string_view field) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(body, field));
  return value.value_or("");
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace

Result<ReferralRequest> ReferralRequestFromJson(std::string_view text) {
  LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
  LIMEN_ASSIGN_OR_RETURN(std::string inspection_id, RequiredString(body, "inspection_id"));
  LIMEN_ASSIGN_OR_RETURN(ReferralRequest request, ReferralFromJson(body));
  request.inspection_id = std::move(inspection_id);
  return request;
}

Result<ReferralRequest> ReferralFromJson(const json& object) {
  if (!object.is_object()) {
    return InvalidArgument("FIELD_TYPE", "A referral must be an object {\"agency\", \"reason\"}.");
  }
  ReferralRequest request;
  LIMEN_ASSIGN_OR_RETURN(request.agency, TextOrEmpty(object, "agency"));
  LIMEN_ASSIGN_OR_RETURN(request.reason, TextOrEmpty(object, "reason"));
  return request;
}

Result<CaseStatusRequest> CaseStatusRequestFromJson(std::string_view text) {
  LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
  CaseStatusRequest request;
  LIMEN_ASSIGN_OR_RETURN(request.agency, TextOrEmpty(body, "agency"));
  LIMEN_ASSIGN_OR_RETURN(std::string status, RequiredString(body, "status"));
  std::optional<core::inspection::CaseStatus> parsed = core::inspection::ParseCaseStatus(status);
  if (!parsed || *parsed == core::inspection::CaseStatus::kOpen) {
    return FieldInvalid("status", "\"in_progress\", \"cleared\", \"refused\" or \"handed_over\"");
  }
  request.status = *parsed;
  LIMEN_ASSIGN_OR_RETURN(request.outcome, TextOrEmpty(body, "outcome"));
  LIMEN_ASSIGN_OR_RETURN(request.hand_over_to, OptionalString(body, "hand_over_to"));
  return request;
}

Result<CaseNoteRequest> CaseNoteRequestFromJson(std::string_view text) {
  LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
  CaseNoteRequest request;
  LIMEN_ASSIGN_OR_RETURN(request.agency, TextOrEmpty(body, "agency"));
  LIMEN_ASSIGN_OR_RETURN(request.text, TextOrEmpty(body, "text"));
  return request;
}

Result<CaseAttachmentRequest> CaseAttachmentRequestFromJson(std::string_view text) {
  LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
  CaseAttachmentRequest request;
  LIMEN_ASSIGN_OR_RETURN(request.agency, TextOrEmpty(body, "agency"));
  LIMEN_ASSIGN_OR_RETURN(request.name, TextOrEmpty(body, "name"));
  LIMEN_ASSIGN_OR_RETURN(request.media_type, RequiredString(body, "media_type"));
  LIMEN_ASSIGN_OR_RETURN(request.size_bytes, RequiredInt(body, "size_bytes"));
  LIMEN_ASSIGN_OR_RETURN(std::string sha256, RequiredString(body, "sha256"));
  if (!IsSha256Hex(sha256)) return FieldInvalid("sha256", "64 hexadecimal digits");
  request.sha256 = ToLowerAscii(sha256);
  return request;
}

}  // namespace limen::server
