// Runs tests/data/inspection/recommendation_cases.tsv through Recommend().
#include "core/inspection/recommendation.h"

#include <gtest/gtest.h>

#include "../stay/table_reader.h"
#include "core/inspection/refusal_codes.h"

namespace limen::core::inspection {
namespace {

DocumentStatus ParseDocument(const std::string& text) {
  if (text == "expired") return DocumentStatus::kExpired;
  if (text == "failed_checks") return DocumentStatus::kFailedChecks;
  if (text == "unreadable") return DocumentStatus::kUnreadable;
  EXPECT_EQ(text, "valid");
  return DocumentStatus::kValid;
}

StayOutcome ParseStay(const std::string& text) {
  if (text == "no_authorisation") return StayOutcome::kNoAuthorisation;
  if (text == "no_days_left") return StayOutcome::kNoDaysLeft;
  if (text == "overstayed") return StayOutcome::kOverstayed;
  EXPECT_EQ(text, "authorised");
  return StayOutcome::kAuthorised;
}

HitAction ParseAction(std::string_view text) {
  for (HitAction action : {HitAction::kRefuseEntry, HitAction::kArrest, HitAction::kSpecificCheck,
                           HitAction::kDiscreetCheck, HitAction::kInform}) {
    if (HitActionName(action) == text) return action;
  }
  ADD_FAILURE() << "unknown action " << text;
  return HitAction::kInform;
}

Adjudication ParseAdjudication(std::string_view text) {
  for (Adjudication value :
       {Adjudication::kPending, Adjudication::kConfirmed, Adjudication::kNotSamePerson}) {
    if (AdjudicationName(value) == text) return value;
  }
  ADD_FAILURE() << "unknown adjudication " << text;
  return Adjudication::kPending;
}

std::vector<std::string> List(const std::string& text, char separator = ',') {
  std::vector<std::string> items;
  if (text == "-") return items;
  for (std::string_view item : Split(text, separator)) items.emplace_back(item);
  return items;
}

InspectionFacts MakeFacts(const limen::testing::TableRow& row) {
  InspectionFacts facts;
  facts.direction = row.at("direction") == "exit" ? Direction::kExit : Direction::kEntry;
  facts.document.status = ParseDocument(row.at("document"));
  facts.document.problems = {"MRZ_CHECK_DIGIT"};
  const std::string& registry = row.at("registry");
  facts.registry.match = registry == "exact"     ? RegistryMatch::kExact
                         : registry == "variant" ? RegistryMatch::kMisreadVariant
                                                 : RegistryMatch::kNone;
  facts.registry.reason = "stolen";
  facts.registry.source = "interpol-sltd";
  int index = 0;
  for (const std::string& hit : List(row.at("hits"), '|')) {
    const auto parts = Split(hit, ':');
    facts.hits.push_back({"hit-" + std::to_string(index++), "national-alerts", "police", 0.93,
                          ParseAction(parts[1]), ParseAdjudication(parts[0]), "name and DOB"});
  }
  facts.identity.impostor_indicators = List(row.at("impostor"));
  facts.stay.outcome = ParseStay(row.at("stay"));
  facts.stay.overstay_days = facts.stay.outcome == StayOutcome::kOverstayed ? 12 : 0;
  facts.stay.record_flags = List(row.at("gaps"));
  facts.stay.rules_version = "test-1";
  if (row.at("minor") != "-") {
    const auto parts = Split(row.at("minor"), ':');
    facts.traveller.age_years = std::stoi(std::string(parts[0]));
    facts.traveller.accompaniment = parts[1] == "accompanied"     ? Accompaniment::kAccompanied
                                    : parts[1] == "unaccompanied" ? Accompaniment::kUnaccompanied
                                                                  : Accompaniment::kUnknown;
  }
  return facts;
}

TEST(RecommendationTest, EveryCaseMatches) {
  const auto rows = limen::testing::ReadTable("tests/data/inspection/recommendation_cases.tsv");
  ASSERT_GE(rows.size(), 25u);
  for (const auto& row : rows) {
    SCOPED_TRACE(row.at("name"));
    const RecommendationResult result = Recommend(MakeFacts(row));
    EXPECT_EQ(RecommendationName(result.recommendation), row.at("recommendation"));
    std::string fired, refusal;
    double score = 0;
    for (const FiredRule& rule : result.fired) {
      fired += (fired.empty() ? "" : ",") + rule.code;
      EXPECT_FALSE(rule.message.empty());
      score += rule.weight;
    }
    for (char code : result.suggested_refusal_codes) refusal.push_back(code);
    EXPECT_EQ(fired.empty() ? "-" : fired, row.at("fired"));
    EXPECT_EQ(refusal.empty() ? "-" : refusal, row.at("refusal"));
    EXPECT_DOUBLE_EQ(result.score, score);
  }
}

TEST(RecommendationTest, EveryRuleIsDocumentedAndFiresSomewhere) {
  const auto rows = limen::testing::ReadTable("tests/data/inspection/recommendation_cases.tsv");
  std::string all_fired;
  for (const auto& row : rows) all_fired += "," + row.at("fired") + ",";
  for (const RuleInfo& rule : RecommendationRules()) {
    EXPECT_GT(rule.weight, 0) << rule.code;
    EXPECT_FALSE(rule.description.empty()) << rule.code;
    EXPECT_NE(all_fired.find("," + std::string(rule.code) + ","), std::string::npos)
        << rule.code << " is never exercised by the table";
  }
}

TEST(RecommendationTest, MessagesCarryTheFacts) {
  InspectionFacts facts;
  facts.stay.outcome = StayOutcome::kOverstayed;
  facts.stay.overstay_days = 17;
  facts.direction = Direction::kExit;
  const RecommendationResult result = Recommend(facts);
  ASSERT_EQ(result.fired.size(), 1u);
  EXPECT_NE(result.fired[0].message.find("17 day(s)"), std::string::npos);
}

TEST(RefusalCodesTest, AnnexVCodesAToJ) {
  const auto& codes = AllRefusalCodes();
  ASSERT_EQ(codes.size(), 10u);
  for (size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(codes[i].code, static_cast<char>('A' + i));
    EXPECT_FALSE(codes[i].text.empty());
  }
  EXPECT_EQ(FindRefusalCode('F')->text, "has already stayed for 90 days during a 180-day period");
  EXPECT_FALSE(FindRefusalCode('K').has_value());
  EXPECT_FALSE(FindRefusalCode('a').has_value());
}

}  // namespace
}  // namespace limen::core::inspection
