#include "core/policy/data_category.h"

namespace limen::core {
namespace {

constexpr std::string_view kCaseNotesPrefix = "case_notes:";

bool IsAgencyCode(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string_view CategoryKindName(CategoryKind kind) {
  switch (kind) {
    case CategoryKind::kIdentity:
      return "identity";
    case CategoryKind::kDocument:
      return "document";
    case CategoryKind::kCrossingHistory:
      return "crossing_history";
    case CategoryKind::kHits:
      return "hits";
    case CategoryKind::kHitDetails:
      return "hit_details";
    case CategoryKind::kCaseNotes:
      return "case_notes";
    case CategoryKind::kStatistics:
      return "statistics";
    case CategoryKind::kAuditLog:
      return "audit_log";
  }
  return "unknown";
}

const std::vector<CategoryKind>& AllCategoryKinds() {
  static const std::vector<CategoryKind> kKinds = {
      CategoryKind::kIdentity,   CategoryKind::kDocument,   CategoryKind::kCrossingHistory,
      CategoryKind::kHits,       CategoryKind::kHitDetails, CategoryKind::kCaseNotes,
      CategoryKind::kStatistics, CategoryKind::kAuditLog};
  return kKinds;
}

std::string DataCategory::ToString() const {
  std::string text(CategoryKindName(kind));
  if (kind == CategoryKind::kCaseNotes) text += ":" + agency;
  return text;
}

std::optional<DataCategory> ParseDataCategory(std::string_view text) {
  if (text.starts_with(kCaseNotesPrefix)) {
    const std::string_view agency = text.substr(kCaseNotesPrefix.size());
    if (!IsAgencyCode(agency)) return std::nullopt;
    return DataCategory{CategoryKind::kCaseNotes, std::string(agency)};
  }
  for (CategoryKind kind : AllCategoryKinds()) {
    if (kind != CategoryKind::kCaseNotes && CategoryKindName(kind) == text) {
      return DataCategory{kind, {}};
    }
  }
  return std::nullopt;
}

}  // namespace limen::core
