// Data categories: the units of personal data that the data-sharing policy grants or withholds
// (DESIGN.md invariant 3). Case notes are per agency ("case_notes:customs"); every other category
// is a single kind. Text forms are stable: they appear in config/policy.toml, the audit log and
// API responses ("withheld" markers).
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace limen::core {

enum class CategoryKind : uint8_t {
  kIdentity,         // Names, date of birth, sex, nationalities, traveller links.
  kDocument,         // Document numbers, types, validity, lost/stolen results.
  kCrossingHistory,  // Entries, exits, decisions and stays.
  kHits,             // That a watchlist hit exists, its list and action.
  kHitDetails,       // The watchlist entry's details and the match explanation.
  kCaseNotes,        // Notes of one agency's part of a case.
  kStatistics,       // Aggregated, non-personal figures.
  kAuditLog,         // Who saw or changed what.
};

struct DataCategory {
  CategoryKind kind = CategoryKind::kIdentity;
  std::string agency;  // Only for kCaseNotes: the agency that wrote the notes.

  // "identity", "case_notes:customs", ...
  std::string ToString() const;
  friend bool operator==(const DataCategory&, const DataCategory&) = default;
};

std::string_view CategoryKindName(CategoryKind kind);
const std::vector<CategoryKind>& AllCategoryKinds();
// Parses "identity", "case_notes:customs", ...; nullopt when unknown or when case notes name no
// agency. Agency codes are lower-case letters, digits, '_' and '-'.
std::optional<DataCategory> ParseDataCategory(std::string_view text);

}  // namespace limen::core
