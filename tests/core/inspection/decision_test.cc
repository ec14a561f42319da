// Runs tests/data/inspection/decision_cases.tsv through ValidateDecision().
#include "core/inspection/decision.h"

#include <gtest/gtest.h>

#include "../stay/table_reader.h"

namespace limen::core::inspection {
namespace {

const Timestamp kNow = *ParseTimestamp("2024-05-01T12:00:00Z");

DecisionRequest MakeRequest(const limen::testing::TableRow& row) {
  DecisionRequest request;
  const std::string& inspection = row.at("inspection");
  request.inspection = inspection == "open"      ? InspectionState::kOpen
                       : inspection == "decided" ? InspectionState::kDecided
                                                 : InspectionState::kNotFound;
  request.direction = row.at("direction") == "exit" ? Direction::kExit : Direction::kEntry;
  const std::string& kind = row.at("kind");
  request.kind = kind == "refused"    ? DecisionKind::kRefused
                 : kind == "referred" ? DecisionKind::kReferred
                                      : DecisionKind::kAdmitted;
  if (row.at("hits") != "-") {
    for (std::string_view hit : Split(row.at("hits"), '|')) {
      const size_t colon = hit.find(':');
      const std::string_view state = hit.substr(0, colon);
      const Adjudication adjudication = state == "confirmed"         ? Adjudication::kConfirmed
                                        : state == "not_same_person" ? Adjudication::kNotSamePerson
                                                                     : Adjudication::kPending;
      request.hits.push_back({"hit-1", "police", adjudication, std::string(hit.substr(colon + 1))});
    }
  }
  if (row.at("refusal") != "-") {
    request.refusal_codes.assign(row.at("refusal").begin(), row.at("refusal").end());
  }
  if (row.at("text") != "-") request.free_text = row.at("text");
  const std::string& stay = row.at("stay");
  if (stay == "no_limit") request.stay_grant = StayGrant::kNoLimit;
  if (StartsWith(stay, "until:")) {
    request.stay_grant = StayGrant::kUntil;
    request.granted_until = ParseDate(stay.substr(6));
  }
  request.crossing_time = kNow + std::stoll(row.at("crossing")) * kMicrosPerSecond;
  request.inspection_started_at = kNow + std::stoll(row.at("started")) * kMicrosPerSecond;
  return request;
}

TEST(DecisionTest, EveryCaseMatches) {
  const auto rows = limen::testing::ReadTable("tests/data/inspection/decision_cases.tsv");
  ASSERT_GE(rows.size(), 20u);
  for (const auto& row : rows) {
    SCOPED_TRACE(row.at("name"));
    const Status status = ValidateDecision(MakeRequest(row), kNow);
    EXPECT_EQ(status.ok() ? "OK" : status.reason(), row.at("expected")) << status.ToString();
    if (!status.ok()) {
      EXPECT_FALSE(status.message().empty());
    }
  }
}

TEST(DecisionTest, StatusCodesMapToTheRightClass) {
  DecisionRequest request;
  EXPECT_EQ(ValidateDecision(request, kNow).code(), StatusCode::kNotFound);
  request.inspection = InspectionState::kDecided;
  EXPECT_EQ(ValidateDecision(request, kNow).code(), StatusCode::kFailedPrecondition);
}

TEST(DecisionTest, ConfirmedHitsNotifyTheirAgenciesOnce) {
  const std::vector<HitAdjudication> hits = {
      {"1", "police", Adjudication::kConfirmed, "same person"},
      {"2", "customs", Adjudication::kNotSamePerson, "other DOB"},
      {"3", "police", Adjudication::kConfirmed, "same person"},
      {"4", "health", Adjudication::kConfirmed, "same person"},
  };
  EXPECT_EQ(AgenciesToNotify(hits), (std::vector<std::string>{"health", "police"}));
  EXPECT_EQ(InspectionDuration(100, 250), 150);
  EXPECT_EQ(InspectionDuration(250, 100), 0);
}

}  // namespace
}  // namespace limen::core::inspection
