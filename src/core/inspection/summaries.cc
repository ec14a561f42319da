#include "core/inspection/summaries.h"

#include <algorithm>

namespace limen::core::inspection {

StaySummary SummariseStay(const stay::StayEvaluation& evaluation, Direction direction) {
  StaySummary summary;
  summary.rules_version = evaluation.rules_version;
  for (const stay::StayFlag& flag : evaluation.stay.flags) {
    if (flag.code != stay::kFlagOverstay) summary.record_flags.push_back(flag.code);
  }
  if (direction == Direction::kExit) {
    summary.overstay_days = evaluation.stay.overstay_days;
    if (summary.overstay_days > 0) summary.outcome = StayOutcome::kOverstayed;
    return summary;
  }
  if (evaluation.verdict == stay::StayVerdict::kAuthorised) return summary;
  summary.outcome = evaluation.HasReason("STAY_NO_DAYS_LEFT") ? StayOutcome::kNoDaysLeft
                                                              : StayOutcome::kNoAuthorisation;
  return summary;
}

RegistrySummary SummariseRegistry(const std::vector<registry::VariantMatch>& matches) {
  RegistrySummary summary;
  const auto exact = std::find_if(matches.begin(), matches.end(),
                                  [](const registry::VariantMatch& match) { return match.exact; });
  const auto chosen = exact != matches.end() ? exact : matches.begin();
  if (chosen == matches.end()) return summary;
  summary.match = chosen->exact ? RegistryMatch::kExact : RegistryMatch::kMisreadVariant;
  summary.reason = std::string(registry::ReportReasonName(chosen->record.reason));
  summary.source = chosen->record.source;
  return summary;
}

IdentitySummary SummariseIdentity(const std::vector<identity::ImpostorIndicator>& indicators) {
  IdentitySummary summary;
  for (const identity::ImpostorIndicator& indicator : indicators) {
    if (std::find(summary.impostor_indicators.begin(), summary.impostor_indicators.end(),
                  indicator.code) == summary.impostor_indicators.end()) {
      summary.impostor_indicators.push_back(indicator.code);
    }
  }
  return summary;
}

}  // namespace limen::core::inspection
