// The adapters feed the recommendation end to end: real stay, registry and identity results in,
// the expected rules out.
#include "core/inspection/summaries.h"

#include <gtest/gtest.h>

#include "../stay/table_reader.h"
#include "core/inspection/recommendation.h"
#include "core/registry/csv_import.h"

namespace limen::core::inspection {
namespace {

stay::StayRules Rules() {
  auto rules = stay::ParseStayRules(limen::testing::ReadFile("config/stay-rules.toml"));
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return rules.ok() ? *rules : stay::StayRules{};
}

stay::EntryRequest Usa(CivilDate date) {
  stay::EntryRequest request;
  request.nationality = "USA";
  request.document_type = "P";
  request.date = date;
  request.history = {{stay::Direction::kEntry, {2024, 1, 1}, "A"},
                     {stay::Direction::kExit, {2024, 3, 30}, "A"}};
  return request;
}

TEST(SummariesTest, StayOutcomesBecomeRules) {
  const stay::StayRules rules = Rules();
  const auto full = stay::EvaluateEntry(rules, Usa({2024, 4, 15}));
  EXPECT_EQ(SummariseStay(full, Direction::kEntry).outcome, StayOutcome::kNoDaysLeft);
  EXPECT_EQ(SummariseStay(full, Direction::kEntry).rules_version, "2026-11-01.1");
  auto india = Usa({2024, 4, 15});
  india.nationality = "IND";
  const auto no_visa = stay::EvaluateEntry(rules, india);
  InspectionFacts facts;
  facts.stay = SummariseStay(no_visa, Direction::kEntry);
  EXPECT_EQ(facts.stay.outcome, StayOutcome::kNoAuthorisation);
  const auto result = Recommend(facts);
  EXPECT_EQ(result.recommendation, Recommendation::kRefuse);
  EXPECT_EQ(result.suggested_refusal_codes, std::vector<char>{'C'});

  auto leaving = Usa({2024, 4, 20});
  leaving.history.pop_back();  // Still present since 2024-01-01: 21 days over.
  const StaySummary exit = SummariseStay(stay::EvaluateExit(rules, leaving), Direction::kExit);
  EXPECT_EQ(exit.outcome, StayOutcome::kOverstayed);
  EXPECT_EQ(exit.overstay_days, 21);
  EXPECT_TRUE(exit.record_flags.empty());
}

TEST(SummariesTest, RegistryAndIdentity) {
  const auto imported = registry::ImportRegistryCsv(
      "issuing_state,number,type,reason,reported_on,source\n"
      "UTO,AB0123,passport,stolen,2024-01-01,national\n",
      nullptr);
  ASSERT_TRUE(imported.ok());
  const auto exact = SummariseRegistry(imported.snapshot->LookupWithVariants("UTO", "AB0123"));
  EXPECT_EQ(exact.match, RegistryMatch::kExact);
  EXPECT_EQ(exact.reason, "stolen");
  EXPECT_EQ(exact.source, "national");
  const auto misread = SummariseRegistry(imported.snapshot->LookupWithVariants("UTO", "A8O123"));
  EXPECT_EQ(misread.match, RegistryMatch::kMisreadVariant);
  EXPECT_EQ(SummariseRegistry({}).match, RegistryMatch::kNone);

  const IdentitySummary identity =
      SummariseIdentity({{"IDENTITY_DOCUMENT_REUSED", "m", "T1", "D1"},
                         {"IDENTITY_DOCUMENT_REUSED", "m", "T2", "D2"},
                         {"IDENTITY_MULTIPLE_IDENTITIES", "m", "T1", "D1"}});
  EXPECT_EQ(identity.impostor_indicators,
            (std::vector<std::string>{"IDENTITY_DOCUMENT_REUSED", "IDENTITY_MULTIPLE_IDENTITIES"}));
}

}  // namespace
}  // namespace limen::core::inspection
