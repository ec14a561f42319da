#include <gtest/gtest.h>

#include "core/stay/rules.h"
#include "table_reader.h"

namespace limen::core::stay {
namespace {

constexpr char kMinimal[] = R"(
version = "v1"
default_regime = "visa"
[regimes.visa]
kind = "visa_required"
[regimes.free]
kind = "rolling_window"
max_days = 90
window_days = 180
[nationalities]
usa = "free"
)";

TEST(StayRulesTest, ParsesTheShippedFile) {
  auto rules = ParseStayRules(limen::testing::ReadFile("config/stay-rules.toml"));
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->version, "2026-11-01.1");
  EXPECT_EQ(rules->RegimeForNationality("UTO")->kind, RegimeKind::kNoLimit);
  EXPECT_EQ(rules->RegimeForNationality("ZZZ")->id, "visa_required");
  const Regime* regime = rules->RegimeForNationality("USA");
  EXPECT_EQ(regime->max_days, 90);
  EXPECT_EQ(regime->window_days, 180);
  ASSERT_NE(rules->FindExemption("PD", "CHN", "tourism"), nullptr);
  EXPECT_EQ(rules->FindExemption("P", "CHN", "tourism"), nullptr);
}

TEST(StayRulesTest, NationalityKeysAreUpperCased) {
  auto rules = ParseStayRules(kMinimal);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->RegimeForNationality("USA")->id, "free");
}

struct BadCase {
  const char* name;
  std::string text;
  const char* reason;
};

TEST(StayRulesTest, RejectsBadFilesWithStableCodes) {
  const std::string base(kMinimal);
  auto replace = [&](std::string_view from, std::string_view to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::vector<BadCase> cases = {
      {"syntax", "version = \"v1\"\n[regimes\n", "STAY_RULES_SYNTAX"},
      {"no_version", replace("version = \"v1\"", ""), "STAY_RULES_INVALID"},
      {"unknown_default", replace("default_regime = \"visa\"", "default_regime = \"x\""),
       "STAY_RULES_INVALID"},
      {"unknown_kind", replace("visa_required", "maybe"), "STAY_RULES_INVALID"},
      {"window_too_short", replace("window_days = 180", "window_days = 30"), "STAY_RULES_INVALID"},
      {"zero_days", replace("max_days = 90", "max_days = 0"), "STAY_RULES_INVALID"},
      {"nationality_unknown_regime", replace("usa = \"free\"", "usa = \"nope\""),
       "STAY_RULES_INVALID"},
      {"exemption_unknown_regime", base + "[[exemptions]]\ncode = \"X\"\nregime = \"nope\"\n",
       "STAY_RULES_INVALID"},
      {"exemption_lower_code", base + "[[exemptions]]\ncode = \"x\"\nregime = \"free\"\n",
       "STAY_RULES_INVALID"},
      {"exemption_list_not_strings",
       base + "[[exemptions]]\ncode = \"X\"\nregime = \"free\"\npurposes = [1]\n",
       "STAY_RULES_INVALID"},
      {"no_regimes", "version = \"v1\"\ndefault_regime = \"x\"\n", "STAY_RULES_INVALID"},
  };
  for (const BadCase& bad : cases) {
    SCOPED_TRACE(bad.name);
    auto rules = ParseStayRules(bad.text);
    ASSERT_FALSE(rules.ok());
    EXPECT_EQ(rules.status().reason(), bad.reason);
    EXPECT_FALSE(rules.status().message().empty());
  }
}

TEST(StayRulesTest, SyntaxErrorNamesTheLine) {
  auto rules = ParseStayRules("version = \"v1\"\n\n[regimes\n");
  ASSERT_FALSE(rules.ok());
  EXPECT_NE(rules.status().message().find("line 3"), std::string::npos) << rules.status().message();
}

}  // namespace
}  // namespace limen::core::stay
