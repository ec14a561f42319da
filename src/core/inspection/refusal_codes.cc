#include "core/inspection/refusal_codes.h"

namespace limen::core::inspection {

const std::vector<RefusalCode>& AllRefusalCodes() {
  static const std::vector<RefusalCode> kCodes = {
      {'A', "has no valid travel document(s)"},
      {'B', "has a false, counterfeit or forged travel document"},
      {'C', "has no valid visa or residence permit"},
      {'D', "has a false, counterfeit or forged visa or residence permit"},
      {'E', "has no appropriate documentation justifying the purpose and conditions of stay"},
      {'F', "has already stayed for 90 days during a 180-day period"},
      {'G',
       "does not have sufficient means of subsistence in relation to the period and form of "
       "stay, or the means to return to the country of origin or transit"},
      {'H', "is a person for whom an alert has been issued for the purposes of refusing entry"},
      {'I',
       "is considered to be a threat to public policy, internal security, public health or "
       "the international relations of the State"},
      {'J', "has no valid travel authorisation"},
  };
  return kCodes;
}

std::optional<RefusalCode> FindRefusalCode(char code) {
  for (const RefusalCode& entry : AllRefusalCodes()) {
    if (entry.code == code) return entry;
  }
  return std::nullopt;
}

}  // namespace limen::core::inspection
