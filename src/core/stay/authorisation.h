// Authorisations a traveller may hold: visas (category, entries allowed and used, validity window,
// duration of stay) and residence or work permits. These are plain values that the caller loads
// (from the store or the document chip) and passes to the entry evaluation.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace limen::core::stay {

enum class AuthorisationKind : uint8_t { kVisa, kResidencePermit, kWorkPermit };

std::string_view AuthorisationKindName(AuthorisationKind kind);
std::optional<AuthorisationKind> ParseAuthorisationKind(std::string_view name);

struct Authorisation {
  AuthorisationKind kind = AuthorisationKind::kVisa;
  std::string number;
  std::string category;     // Visa category, e.g. "C" (short stay) or "D" (long stay).
  std::string nationality;  // Holder's nationality as written on the authorisation.
  CivilDate valid_from;
  CivilDate valid_until;        // Inclusive.
  int32_t entries_allowed = 0;  // 0 means multiple entries.
  int32_t entries_used = 0;
  int32_t duration_of_stay_days = 0;  // Visas: days of stay allowed within the validity.
  bool revoked = false;
};

// Why an authorisation does not allow an entry on a date; nullopt when it does. The returned
// string is a stable code: AUTH_REVOKED, AUTH_NOT_YET_VALID, AUTH_EXPIRED, AUTH_ENTRIES_USED.
std::optional<std::string_view> AuthorisationProblem(const Authorisation& authorisation,
                                                     const CivilDate& date);

}  // namespace limen::core::stay
