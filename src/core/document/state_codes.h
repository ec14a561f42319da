// State codes as they appear in an MRZ: ISO 3166-1 alpha-3 (generated at build time from Debian's
// iso-codes data) plus the codes ICAO Doc 9303 Part 3 adds (D for Germany, UTO, the XX? codes for
// stateless persons and refugees, UN and international organisations, the British nationality
// codes, EUE, RKS ...). Unknown codes are reported, never dropped.
//
// Thread-safety: immutable tables; all functions are thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace limen::core::document {

enum class StateCodeKind { kIso3166, kIcao };

struct StateCodeInfo {
  std::string_view code;  // Without fillers: "D", "UTO", "SWE".
  std::string_view name;  // English name.
  StateCodeKind kind = StateCodeKind::kIso3166;
};

// Looks up a code with its fillers removed ("D", not "D<<"). nullopt when unknown.
std::optional<StateCodeInfo> LookupStateCode(std::string_view code);

// LookupStateCode(code).has_value(), answered from a bit per possible code (what the parser
// asks for every State code it reads).
bool IsKnownStateCode(std::string_view code);

// Number of ISO 3166-1 codes compiled in (for tests: proves the table was generated).
int Iso3166CodeCount();

}  // namespace limen::core::document
