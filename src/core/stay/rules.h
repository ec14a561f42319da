// Stay rules: the visa-free regimes per nationality and the exemptions that an administrator
// edits in a TOML rules file (config/stay-rules.toml, documented in docs/stay-rules.md). Rules are
// versioned; every entry evaluation records the version that applied.
//
// ParseStayRules is the only entry point for untrusted text: it never throws and returns a Status
// with a stable code (STAY_RULES_SYNTAX, STAY_RULES_INVALID) and the offending line where known.
// Thread-safety: StayRules is an immutable value once parsed; share it freely across threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace limen::core::stay {

enum class RegimeKind : uint8_t {
  kRollingWindow,  // e.g. 90 days in any 180-day period.
  kPerEntry,       // e.g. 30 days per entry.
  kNoLimit,        // e.g. citizens.
  kVisaRequired,   // A visa or permit must be presented.
};

std::string_view RegimeKindName(RegimeKind kind);
std::optional<RegimeKind> ParseRegimeKind(std::string_view name);

struct Regime {
  std::string id;
  RegimeKind kind = RegimeKind::kVisaRequired;
  int32_t max_days = 0;     // kRollingWindow, kPerEntry.
  int32_t window_days = 0;  // kRollingWindow.
  std::string description;
};

// An exemption replaces the nationality's regime when every listed condition matches (an empty
// list matches anything). Exemptions are tried in file order; the first match wins.
struct Exemption {
  std::string code;  // Stable upper-case code recorded in the decision, e.g. "DIPLOMATIC_PASSPORT".
  std::string description;
  std::vector<std::string> document_types;  // MRZ document codes, e.g. "PD" (prefix match).
  std::vector<std::string> nationalities;   // ISO 3166-1 alpha-3.
  std::vector<std::string> purposes;        // Purpose of travel, e.g. "official".
  std::string regime;                       // Id of the regime that applies instead.
};

struct StayRules {
  std::string version;
  std::string default_regime;  // For nationalities not listed.
  std::map<std::string, Regime, std::less<>> regimes;
  std::map<std::string, std::string, std::less<>> nationality_regimes;  // "USA" -> regime id.
  std::vector<Exemption> exemptions;

  // The regime for a nationality (the default regime when not listed). Never null for rules
  // returned by ParseStayRules.
  const Regime* RegimeForNationality(std::string_view nationality) const;
  const Regime* FindRegime(std::string_view id) const;
  // The first exemption whose conditions all match, or null.
  const Exemption* FindExemption(std::string_view document_type, std::string_view nationality,
                                 std::string_view purpose) const;
};

// Parses and validates rules text. Every regime referenced must exist; a rolling window needs
// 0 < max_days <= window_days <= 3650; a per-entry regime needs 0 < max_days <= 3650.
Result<StayRules> ParseStayRules(std::string_view toml_text);

}  // namespace limen::core::stay
