#include "core/registry/record.h"

namespace limen::core::registry {

std::string_view DocumentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kPassport:
      return "passport";
    case DocumentKind::kIdentityCard:
      return "identity_card";
    case DocumentKind::kVisa:
      return "visa";
    case DocumentKind::kResidencePermit:
      return "residence_permit";
    case DocumentKind::kTravelDocument:
      return "travel_document";
    case DocumentKind::kOther:
      return "other";
  }
  return "unknown";
}

std::optional<DocumentKind> ParseDocumentKind(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(DocumentKind::kOther); ++i) {
    const auto kind = static_cast<DocumentKind>(i);
    if (DocumentKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view ReportReasonName(ReportReason reason) {
  switch (reason) {
    case ReportReason::kLost:
      return "lost";
    case ReportReason::kStolen:
      return "stolen";
    case ReportReason::kStolenBlank:
      return "stolen_blank";
    case ReportReason::kInvalid:
      return "invalid";
    case ReportReason::kRevoked:
      return "revoked";
  }
  return "unknown";
}

std::optional<ReportReason> ParseReportReason(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ReportReason::kRevoked); ++i) {
    const auto reason = static_cast<ReportReason>(i);
    if (ReportReasonName(reason) == name) return reason;
  }
  return std::nullopt;
}

}  // namespace limen::core::registry
