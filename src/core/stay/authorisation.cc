#include "core/stay/authorisation.h"

namespace limen::core::stay {

std::string_view AuthorisationKindName(AuthorisationKind kind) {
  switch (kind) {
    case AuthorisationKind::kVisa:
      return "visa";
    case AuthorisationKind::kResidencePermit:
      return "residence_permit";
    case AuthorisationKind::kWorkPermit:
      return "work_permit";
  }
  return "unknown";
}

std::optional<AuthorisationKind> ParseAuthorisationKind(std::string_view name) {
  for (AuthorisationKind kind : {AuthorisationKind::kVisa, AuthorisationKind::kResidencePermit,
                                 AuthorisationKind::kWorkPermit}) {
    if (AuthorisationKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::optional<std::string_view> AuthorisationProblem(const Authorisation& authorisation,
                                                     const CivilDate& date) {
  if (authorisation.revoked) return "AUTH_REVOKED";
  if (date < authorisation.valid_from) return "AUTH_NOT_YET_VALID";
  if (authorisation.valid_until < date) return "AUTH_EXPIRED";
  if (authorisation.entries_allowed > 0 &&
      authorisation.entries_used >= authorisation.entries_allowed) {
    return "AUTH_ENTRIES_USED";
  }
  return std::nullopt;
}

}  // namespace limen::core::stay
