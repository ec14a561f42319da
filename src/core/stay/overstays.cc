#include "core/stay/overstays.h"

#include <algorithm>

namespace limen::core::stay {

std::vector<Overstayer> ListOverstays(std::span<const PresentTraveller> travellers,
                                      CivilDate as_of) {
  std::vector<Overstayer> overstayers;
  for (const PresentTraveller& traveller : travellers) {
    const StayReport report = ComputeStay(traveller.crossings, as_of, traveller.limit);
    if (!report.present || report.overstay_days <= 0) continue;
    overstayers.push_back({traveller.traveller_id, *report.stay_start, *report.latest_lawful_exit,
                           report.overstay_days, report.flags});
  }
  std::sort(overstayers.begin(), overstayers.end(), [](const Overstayer& a, const Overstayer& b) {
    if (a.overstay_days != b.overstay_days) return a.overstay_days > b.overstay_days;
    return a.traveller_id < b.traveller_id;
  });
  return overstayers;
}

StayLimit GrantedStayLimit(CivilDate granted_until) {
  return StayLimit{LimitKind::kNone, 0, 0, {}, granted_until};
}

}  // namespace limen::core::stay
