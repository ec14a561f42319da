// Entry and exit evaluation: given the stay rules, the traveller's nationality, document type,
// purpose of travel, crossing history and authorisations, decide whether an authorisation is
// needed, which one (or which visa-free regime or exemption) applies, and what stay can be
// granted; at exit, whether the traveller overstayed. Every outcome carries reason codes and the
// rules version, so that a decision can record exactly which rules applied.
//
// Pure functions on plain values (the date is passed in). Thread-safety: stateless; safe to call
// concurrently with a shared, immutable StayRules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/stay/authorisation.h"
#include "core/stay/rules.h"
#include "core/stay/stay_calculator.h"

namespace limen::core::stay {

struct EntryRequest {
  std::string nationality;    // ISO 3166-1 alpha-3.
  std::string document_type;  // MRZ document code, e.g. "P", "PD".
  std::string purpose;        // e.g. "tourism", "business", "official".
  CivilDate date;             // Day of the entry (or exit, for EvaluateExit).
  std::vector<Crossing> history;
  std::vector<Authorisation> authorisations;
  // Exit only: the last day of the stay the officer granted at the current stay's entry, when
  // one was set. The exit is checked against it as well as against the rules' limit.
  std::optional<CivilDate> granted_until;
};

enum class StayVerdict : uint8_t { kAuthorised, kNotAuthorised };

std::string_view StayVerdictName(StayVerdict verdict);

struct StayReason {
  std::string code;  // Stable, e.g. "STAY_VISA_REQUIRED", "AUTH_EXPIRED".
  std::string message;
};

struct StayEvaluation {
  StayVerdict verdict = StayVerdict::kNotAuthorised;
  std::string rules_version;
  std::string regime;     // Id of the regime that applied.
  std::string exemption;  // Exemption code, empty when none applied.
  bool authorisation_required = false;
  std::optional<Authorisation> authorisation;  // The visa or permit relied on, if any.
  StayLimit limit;
  // Entry: the last day of the stay that can be granted (nullopt: no limit). Exit: the latest
  // lawful exit date of the stay that ends.
  std::optional<CivilDate> granted_until;
  std::optional<int32_t> granted_days;
  StayReport stay;
  std::vector<StayReason> reasons;

  bool HasReason(std::string_view code) const;
};

// Evaluates an entry on request.date. Not authorised when a visa is required and none valid is
// presented, or when no day of stay is left in the window.
StayEvaluation EvaluateEntry(const StayRules& rules, const EntryRequest& request);

// Evaluates an exit on request.date against the basis that applied at the current stay's entry
// and, when set, the stay granted at that entry (the stricter of the two applies). Verdict
// kNotAuthorised with STAY_OVERSTAY when the traveller leaves after the latest lawful exit date;
// the stay report carries the entry/exit anomaly flags.
StayEvaluation EvaluateExit(const StayRules& rules, const EntryRequest& request);

}  // namespace limen::core::stay
