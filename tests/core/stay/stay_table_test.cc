// Runs every case of tests/data/stay/stay_cases.tsv through the stay calculator.
#include <gtest/gtest.h>

#include "base/strings.h"
#include "core/stay/stay_calculator.h"
#include "stay_test_util.h"
#include "table_reader.h"

namespace limen::core::stay {
namespace {

using testing::Date;
using testing::Int;
using testing::ParseCrossings;

StayLimit ParseLimit(const std::string& spec) {
  StayLimit limit;
  const auto parts = Split(spec, ';');
  const std::string_view kind = parts[0];
  if (StartsWith(kind, "rolling:")) {
    const auto numbers = Split(kind.substr(8), '/');
    limit = {LimitKind::kRollingWindow, Int(numbers[0]), Int(numbers[1]), {}, {}};
  } else if (StartsWith(kind, "per_entry:")) {
    limit = {LimitKind::kPerEntry, Int(kind.substr(10)), 0, {}, {}};
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    if (StartsWith(parts[i], "from=")) limit.count_from = Date(parts[i].substr(5));
    if (StartsWith(parts[i], "until=")) limit.not_after = Date(parts[i].substr(6));
  }
  return limit;
}

std::string Optional(const std::optional<int32_t>& value) {
  return value ? std::to_string(*value) : "-";
}

std::string Optional(const std::optional<CivilDate>& value) { return testing::OptionalText(value); }

std::string Flags(const StayReport& report) {
  std::string out;
  for (const StayFlag& flag : report.flags) out += (out.empty() ? "" : ",") + flag.code;
  return out.empty() ? "-" : out;
}

TEST(StayTableTest, EveryCaseMatches) {
  const auto rows = limen::testing::ReadTable("tests/data/stay/stay_cases.tsv");
  ASSERT_GE(rows.size(), 30u);
  for (const auto& row : rows) {
    SCOPED_TRACE(row.at("name"));
    const StayLimit limit = ParseLimit(row.at("limit"));
    const CivilDate as_of = Date(row.at("as_of"));
    const std::vector<Crossing> crossings = ParseCrossings(row.at("crossings"));
    StayReport report;
    if (row.at("mode") == "entry") {
      report = ProjectEntry(crossings, as_of, limit);
    } else if (row.at("mode") == "exit") {
      report = AssessExit(crossings, as_of, limit);
    } else {
      report = ComputeStay(crossings, as_of, limit);
    }
    EXPECT_EQ(std::to_string(report.days_used), row.at("used"));
    EXPECT_EQ(Optional(report.days_remaining), row.at("remaining"));
    EXPECT_EQ(Optional(report.latest_lawful_exit), row.at("latest_exit"));
    EXPECT_EQ(std::to_string(report.overstay_days), row.at("overstay"));
    EXPECT_EQ(Flags(report), row.at("flags"));
  }
}

TEST(StayCalculatorTest, FlagsExplainTheAssumption) {
  const std::vector<Crossing> crossings = ParseCrossings("E2024-01-01 E2024-02-01");
  const StayReport report =
      ComputeStay(crossings, {2024, 2, 2}, {LimitKind::kRollingWindow, 90, 180, {}, {}});
  ASSERT_EQ(report.flags.size(), 1u);
  EXPECT_EQ(report.flags[0].date, (CivilDate{2024, 1, 1}));
  EXPECT_NE(report.flags[0].message.find("2024-01-01"), std::string::npos);
  EXPECT_TRUE(report.present);
  EXPECT_EQ(report.stay_start, (CivilDate{2024, 2, 1}));
}

}  // namespace
}  // namespace limen::core::stay
