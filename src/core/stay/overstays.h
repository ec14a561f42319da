// The inland follow-up list (GET /api/v1/overstays): travellers still present on a day after the
// latest lawful exit date of their stay. The caller passes, for each traveller present, the
// crossings and the limit that applied at entry (typically StayLimit{kNone} with not_after set to
// the stay granted at admission, or the limit EvaluateExit would use).
//
// Thread-safety: stateless; safe to call concurrently.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/stay/stay_calculator.h"

namespace limen::core::stay {

struct PresentTraveller {
  std::string traveller_id;
  std::vector<Crossing> crossings;
  StayLimit limit;
};

struct Overstayer {
  std::string traveller_id;
  CivilDate entered_on;
  CivilDate latest_lawful_exit;
  int32_t overstay_days = 0;
  std::vector<StayFlag> flags;  // Including any missing-record assumptions.
};

// Travellers present on `as_of` beyond their latest lawful exit, longest overstay first (ties by
// traveller id).
std::vector<Overstayer> ListOverstays(std::span<const PresentTraveller> travellers,
                                      CivilDate as_of);

// The limit of a stay granted at admission: presence allowed up to and including `granted_until`.
StayLimit GrantedStayLimit(CivilDate granted_until);

}  // namespace limen::core::stay
