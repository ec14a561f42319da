// Runs every case of tests/data/stay/entry_cases.tsv against the shipped config/stay-rules.toml.
#include <gtest/gtest.h>

#include "core/stay/entry_evaluation.h"
#include "stay_test_util.h"
#include "table_reader.h"

namespace limen::core::stay {
namespace {

using testing::Date;
using testing::Int;

Authorisation ParseAuthorisation(std::string_view spec) {
  const auto fields = Split(spec, '/');
  EXPECT_GE(fields.size(), 7u) << spec;
  Authorisation authorisation;
  authorisation.kind = ParseAuthorisationKind(fields[0]).value_or(AuthorisationKind::kVisa);
  authorisation.number = "A" + std::string(fields[1]);
  authorisation.category = std::string(fields[1]);
  authorisation.valid_from = Date(fields[2]);
  authorisation.valid_until = Date(fields[3]);
  authorisation.entries_allowed = Int(fields[4]);
  authorisation.entries_used = Int(fields[5]);
  authorisation.duration_of_stay_days = Int(fields[6]);
  authorisation.revoked = fields.size() > 7 && fields[7] == "revoked";
  return authorisation;
}

EntryRequest MakeRequest(const limen::testing::TableRow& row) {
  EntryRequest request;
  request.nationality = row.at("nationality");
  request.document_type = row.at("document_type");
  request.purpose = row.at("purpose");
  request.date = Date(row.at("date"));
  request.history = testing::ParseCrossings(row.at("history"));
  if (row.at("authorisations") != "-") {
    for (std::string_view spec : Split(row.at("authorisations"), '|')) {
      request.authorisations.push_back(ParseAuthorisation(spec));
    }
  }
  return request;
}

StayRules LoadShippedRules() {
  auto rules = ParseStayRules(limen::testing::ReadFile("config/stay-rules.toml"));
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return rules.ok() ? *rules : StayRules{};
}

TEST(EntryTableTest, EveryCaseMatches) {
  const StayRules rules = LoadShippedRules();
  const auto rows = limen::testing::ReadTable("tests/data/stay/entry_cases.tsv");
  ASSERT_GE(rows.size(), 25u);
  for (const auto& row : rows) {
    SCOPED_TRACE(row.at("name"));
    const EntryRequest request = MakeRequest(row);
    const StayEvaluation evaluation =
        row.at("mode") == "exit" ? EvaluateExit(rules, request) : EvaluateEntry(rules, request);
    EXPECT_EQ(StayVerdictName(evaluation.verdict), row.at("verdict"));
    EXPECT_EQ(evaluation.regime, row.at("regime"));
    EXPECT_EQ(evaluation.exemption.empty() ? "-" : evaluation.exemption, row.at("exemption"));
    EXPECT_EQ(testing::OptionalText(evaluation.granted_until), row.at("granted_until"));
    EXPECT_EQ(evaluation.rules_version, "2026-11-01.1");
    if (row.at("reasons") == "-") continue;
    for (std::string_view code : Split(row.at("reasons"), ',')) {
      EXPECT_TRUE(evaluation.HasReason(code)) << "missing reason " << code;
    }
  }
}

TEST(EntryEvaluationTest, VisaRequiredRecordsTheAuthorisationReliedOn) {
  const StayRules rules = LoadShippedRules();
  EntryRequest request;
  request.nationality = "IND";
  request.document_type = "P";
  request.date = {2024, 5, 1};
  request.authorisations.push_back(ParseAuthorisation("visa/C/2024-04-01/2024-06-30/1/0/30"));
  const StayEvaluation evaluation = EvaluateEntry(rules, request);
  ASSERT_TRUE(evaluation.authorisation.has_value());
  EXPECT_EQ(evaluation.authorisation->category, "C");
  EXPECT_TRUE(evaluation.authorisation_required);
  EXPECT_EQ(evaluation.granted_days, 30);
}

TEST(EntryEvaluationTest, AnExitIsCheckedAgainstTheStayGrantedAtEntryWhenItIsStricter) {
  const StayRules rules = LoadShippedRules();
  EntryRequest request;
  request.nationality = "FRA";  // 90 days in any 180.
  request.document_type = "P";
  request.date = {2024, 5, 20};
  request.history = testing::ParseCrossings("E2024-05-01");
  const StayEvaluation by_rules = EvaluateExit(rules, request);
  EXPECT_EQ(StayVerdictName(by_rules.verdict), "authorised");

  request.granted_until = CivilDate{2024, 5, 10};  // The officer granted ten days.
  const StayEvaluation granted = EvaluateExit(rules, request);
  EXPECT_EQ(StayVerdictName(granted.verdict), "not_authorised");
  EXPECT_TRUE(granted.HasReason("STAY_OVERSTAY"));
  EXPECT_EQ(testing::OptionalText(granted.granted_until), "2024-05-10");
  EXPECT_EQ(granted.stay.overstay_days, 10);

  request.granted_until = CivilDate{2025, 1, 1};  // Longer than the rules allow: rules win.
  EXPECT_EQ(EvaluateExit(rules, request).granted_until, by_rules.granted_until);
}

}  // namespace
}  // namespace limen::core::stay
