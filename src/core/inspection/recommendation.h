// The inspection recommendation (admit, refer to secondary inspection, refuse), built as a short
// list of named rules, each a small function with a documented weight (STYLE.md, after
// nomenklatura's matching model). A rule that fires gives a stable reason code, an English
// message for the officer, the outcome it asks for and, for refusals, the suggested Annex V code.
// The list of fired rules *is* the explanation shown to the officer.
//
// How the outcome is chosen: the most severe outcome asked for by any fired rule; in addition,
// informational rules (outcome admit) whose weights add up to kReferThreshold or more ask for a
// referral together. The score is the sum of the fired weights, for ordering and statistics only.
//
// Thread-safety: stateless; safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inspection/facts.h"

namespace limen::core::inspection {

enum class Recommendation : uint8_t { kAdmit, kRefer, kRefuse };

std::string_view RecommendationName(Recommendation recommendation);

// Informational signals (a minor with an adult, a discreet-check hit, gaps in the crossing
// history) that together weigh this much ask for a referral.
inline constexpr double kReferThreshold = 0.8;

struct FiredRule {
  std::string code;  // e.g. "DOCUMENT_LOST_STOLEN".
  std::string message;
  double weight = 0;
  Recommendation outcome = Recommendation::kAdmit;
  std::optional<char> refusal_code;  // Annex V code suggested when the outcome is kRefuse.
};

struct RecommendationResult {
  Recommendation recommendation = Recommendation::kAdmit;
  double score = 0;
  std::vector<FiredRule> fired;               // In descending weight.
  std::vector<char> suggested_refusal_codes;  // Sorted, unique.
};

// A rule's documentation: its code and weight, for the help page and tests.
struct RuleInfo {
  std::string_view code;
  double weight;
  std::string_view description;
};
const std::vector<RuleInfo>& RecommendationRules();

RecommendationResult Recommend(const InspectionFacts& facts);

}  // namespace limen::core::inspection
