#include "core/stay/rules.h"

#include <algorithm>

#include "base/strings.h"

namespace limen::core::stay {
namespace {

bool ListMatches(const std::vector<std::string>& list, std::string_view value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

bool PrefixListMatches(const std::vector<std::string>& list, std::string_view value) {
  if (list.empty()) return true;
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& prefix) { return StartsWith(value, prefix); });
}

}  // namespace

std::string_view RegimeKindName(RegimeKind kind) {
  switch (kind) {
    case RegimeKind::kRollingWindow:
      return "rolling_window";
    case RegimeKind::kPerEntry:
      return "per_entry";
    case RegimeKind::kNoLimit:
      return "no_limit";
    case RegimeKind::kVisaRequired:
      return "visa_required";
  }
  return "unknown";
}

std::optional<RegimeKind> ParseRegimeKind(std::string_view name) {
  for (RegimeKind kind : {RegimeKind::kRollingWindow, RegimeKind::kPerEntry, RegimeKind::kNoLimit,
                          RegimeKind::kVisaRequired}) {
    if (RegimeKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

const Regime* StayRules::FindRegime(std::string_view id) const {
  const auto it = regimes.find(id);
  return it == regimes.end() ? nullptr : &it->second;
}

const Regime* StayRules::RegimeForNationality(std::string_view nationality) const {
  const auto it = nationality_regimes.find(nationality);
  return FindRegime(it == nationality_regimes.end() ? std::string_view(default_regime)
                                                    : std::string_view(it->second));
}

const Exemption* StayRules::FindExemption(std::string_view document_type,
                                          std::string_view nationality,
                                          std::string_view purpose) const {
  for (const Exemption& exemption : exemptions) {
    if (PrefixListMatches(exemption.document_types, document_type) &&
        ListMatches(exemption.nationalities, nationality) &&
        ListMatches(exemption.purposes, purpose)) {
      return &exemption;
    }
  }
  return nullptr;
}

}  // namespace limen::core::stay
