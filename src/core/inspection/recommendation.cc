#include "core/inspection/recommendation.h"

#include <algorithm>

namespace limen::core::inspection {
namespace {

using Firings = std::vector<FiredRule>;

struct Rule {
  RuleInfo info;
  void (*evaluate)(const InspectionFacts& facts, const RuleInfo& info, Firings& out);
};

void Fire(const RuleInfo& info, Recommendation outcome, std::string message, Firings& out,
          std::optional<char> refusal_code = std::nullopt) {
  out.push_back({std::string(info.code), std::move(message), info.weight, outcome, refusal_code});
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void DocumentUnreadable(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.document.status != DocumentStatus::kUnreadable) return;
  Fire(info, Recommendation::kRefer,
       "The MRZ could not be read and the data was typed by hand; examine the document in "
       "secondary inspection.",
       out);
}

void DocumentFailedChecks(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.document.status != DocumentStatus::kFailedChecks) return;
  Fire(info, Recommendation::kRefer,
       "The document failed checks (" + Join(facts.document.problems) +
           "); examine it for forgery in secondary inspection.",
       out);
}

void DocumentExpired(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  // Leaving with an expired document is lawful; only entry requires a valid one.
  if (facts.document.status != DocumentStatus::kExpired || facts.direction == Direction::kExit) {
    return;
  }
  Fire(info, Recommendation::kRefuse, "The document has expired; entry requires a valid one.", out,
       'A');
}

void DocumentListed(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.registry.match != RegistryMatch::kExact) return;
  Fire(info, Recommendation::kRefuse,
       "The document is reported " + facts.registry.reason + " (source: " + facts.registry.source +
           "); retain it and verify the holder.",
       out, 'A');
}

void DocumentListedAsMisread(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.registry.match != RegistryMatch::kMisreadVariant) return;
  Fire(info, Recommendation::kRefer,
       "A document whose number differs only by confusable characters is reported " +
           facts.registry.reason + "; compare the number on the document by eye.",
       out);
}

std::string DescribeHit(const HitSummary& hit) {
  return "Confirmed hit on " + hit.list + " (action: " + std::string(HitActionName(hit.action)) +
         "): " + hit.explanation;
}

bool IsReportOnly(HitAction action) {
  return action == HitAction::kDiscreetCheck || action == HitAction::kInform;
}

void ConfirmedHits(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  for (const HitSummary& hit : facts.hits) {
    if (hit.adjudication != Adjudication::kConfirmed || IsReportOnly(hit.action)) continue;
    if (hit.action == HitAction::kRefuseEntry) {
      Fire(info, Recommendation::kRefuse, DescribeHit(hit), out, 'H');
    } else {
      Fire(info, Recommendation::kRefer, DescribeHit(hit) + "; hand over as the alert asks.", out);
    }
  }
}

void ReportOnlyHits(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  for (const HitSummary& hit : facts.hits) {
    if (hit.adjudication != Adjudication::kConfirmed || !IsReportOnly(hit.action)) continue;
    Fire(info, Recommendation::kAdmit,
         DescribeHit(hit) + "; report to " + hit.owning_agency + " without alerting the traveller.",
         out);
  }
}

void PendingHits(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  int pending = 0;
  for (const HitSummary& hit : facts.hits) pending += hit.adjudication == Adjudication::kPending;
  if (pending == 0) return;
  Fire(info, Recommendation::kRefer,
       std::to_string(pending) +
           " watchlist hit(s) await adjudication; decide whether each is "
           "the same person before admitting.",
       out);
}

void ImpostorIndicators(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.identity.impostor_indicators.empty()) return;
  Fire(info, Recommendation::kRefer,
       "Impostor indicators: " + Join(facts.identity.impostor_indicators) +
           "; compare the traveller with the earlier records.",
       out);
}

void NoAuthorisation(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.direction != Direction::kEntry || facts.stay.outcome != StayOutcome::kNoAuthorisation) {
    return;
  }
  Fire(info, Recommendation::kRefuse,
       "No valid visa or permit for a nationality that needs one (rules " +
           facts.stay.rules_version + ").",
       out, 'C');
}

void NoDaysLeft(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.direction != Direction::kEntry || facts.stay.outcome != StayOutcome::kNoDaysLeft) {
    return;
  }
  Fire(info, Recommendation::kRefuse,
       "The allowed days of stay in the window are used up (rules " + facts.stay.rules_version +
           ").",
       out, 'F');
}

void Overstay(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.stay.outcome != StayOutcome::kOverstayed) return;
  Fire(info, Recommendation::kRefer,
       "The traveller overstayed by " + std::to_string(facts.stay.overstay_days) +
           " day(s); record the overstay in secondary inspection.",
       out);
}

void StayRecordGaps(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  if (facts.stay.record_flags.empty()) return;
  Fire(info, Recommendation::kAdmit,
       "The crossing history has gaps (" + Join(facts.stay.record_flags) +
           "); the days counted are a lower bound.",
       out);
}

void Minor(const InspectionFacts& facts, const RuleInfo& info, Firings& out) {
  const auto& traveller = facts.traveller;
  if (!traveller.age_years || *traveller.age_years >= 18) return;
  if (traveller.accompaniment == Accompaniment::kUnaccompanied) {
    Fire(info, Recommendation::kRefer,
         "An unaccompanied minor; check the consent of the parents or guardians.", out);
    return;
  }
  Fire(info, Recommendation::kAdmit,
       "A minor; check that the accompanying adult has parental responsibility.", out);
}

const std::vector<Rule>& Rules() {
  static const std::vector<Rule> kRules = {
      {{"DOCUMENT_LISTED", 1.0, "The document is on the lost/stolen/invalid registry."},
       DocumentListed},
      {{"WATCHLIST_HIT_CONFIRMED", 1.0, "A confirmed hit whose action is refuse, arrest or check."},
       ConfirmedHits},
      {{"NO_VALID_AUTHORISATION", 1.0, "Entry needs a visa or permit; none valid."},
       NoAuthorisation},
      {{"NO_DAYS_OF_STAY_LEFT", 1.0, "The rolling window is used up."}, NoDaysLeft},
      {{"DOCUMENT_EXPIRED", 0.9, "The document has expired (entry only)."}, DocumentExpired},
      {{"DOCUMENT_FAILED_CHECKS", 0.8, "Check digits or document checks failed."},
       DocumentFailedChecks},
      {{"WATCHLIST_HIT_PENDING", 0.7, "A hit not yet adjudicated."}, PendingHits},
      {{"IMPOSTOR_INDICATOR", 0.7, "Identity linking found impostor indicators."},
       ImpostorIndicators},
      {{"DOCUMENT_UNREADABLE", 0.6, "The MRZ could not be read."}, DocumentUnreadable},
      {{"OVERSTAY", 0.6, "The traveller overstayed (at exit)."}, Overstay},
      {{"DOCUMENT_LISTED_MISREAD", 0.5, "Listed under a misread variant of the number."},
       DocumentListedAsMisread},
      {{"MINOR_TRAVELLING", 0.4, "A minor (refer when unaccompanied)."}, Minor},
      {{"WATCHLIST_HIT_REPORT", 0.3, "A confirmed hit whose action is to report discreetly."},
       ReportOnlyHits},
      {{"STAY_RECORD_GAP", 0.2, "Missing entry or exit records."}, StayRecordGaps},
  };
  return kRules;
}

}  // namespace

std::string_view RecommendationName(Recommendation recommendation) {
  switch (recommendation) {
    case Recommendation::kAdmit:
      return "admit";
    case Recommendation::kRefer:
      return "refer";
    case Recommendation::kRefuse:
      return "refuse";
  }
  return "unknown";
}

std::string_view HitActionName(HitAction action) {
  switch (action) {
    case HitAction::kRefuseEntry:
      return "refuse_entry";
    case HitAction::kArrest:
      return "arrest";
    case HitAction::kSpecificCheck:
      return "specific_check";
    case HitAction::kDiscreetCheck:
      return "discreet_check";
    case HitAction::kInform:
      return "inform";
  }
  return "unknown";
}

std::string_view AdjudicationName(Adjudication adjudication) {
  switch (adjudication) {
    case Adjudication::kPending:
      return "pending";
    case Adjudication::kConfirmed:
      return "confirmed";
    case Adjudication::kNotSamePerson:
      return "not_same_person";
  }
  return "unknown";
}

const std::vector<RuleInfo>& RecommendationRules() {
  static const std::vector<RuleInfo> kInfos = [] {
    std::vector<RuleInfo> infos;
    for (const Rule& rule : Rules()) infos.push_back(rule.info);
    return infos;
  }();
  return kInfos;
}

RecommendationResult Recommend(const InspectionFacts& facts) {
  RecommendationResult result;
  for (const Rule& rule : Rules()) rule.evaluate(facts, rule.info, result.fired);
  double informational = 0;
  for (const FiredRule& fired : result.fired) {
    result.score += fired.weight;
    result.recommendation = std::max(result.recommendation, fired.outcome);
    if (fired.outcome == Recommendation::kAdmit) informational += fired.weight;
    if (fired.refusal_code) result.suggested_refusal_codes.push_back(*fired.refusal_code);
  }
  if (informational >= kReferThreshold) {
    result.recommendation = std::max(result.recommendation, Recommendation::kRefer);
  }
  std::stable_sort(result.fired.begin(), result.fired.end(),
                   [](const FiredRule& a, const FiredRule& b) { return a.weight > b.weight; });
  auto& codes = result.suggested_refusal_codes;
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return result;
}

}  // namespace limen::core::inspection
