// Runs the name-matching rule table tests/data/screening/name_rules.tsv: every listed name
// becomes an entry of one list, every query is screened against the whole list, and the test
// checks whether the query's own listed name alerts.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "core/screening/screener.h"

namespace limen::core::screening {
namespace {

struct RuleCase {
  int line = 0;
  std::string query, listed, rule;
  bool expect_match = false;
};

std::vector<RuleCase> LoadCases() {
  std::ifstream in(std::string(LIMEN_SOURCE_DIR) + "/tests/data/screening/name_rules.tsv");
  std::vector<RuleCase> cases;
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    if (text.empty() || text[0] == '#') continue;
    std::vector<std::string_view> fields = Split(text, '\t');
    EXPECT_EQ(fields.size(), 4u) << "line " << line;
    if (fields.size() != 4) continue;
    cases.push_back({line, std::string(fields[0]), std::string(fields[1]), std::string(fields[3]),
                     fields[2] == "match"});
  }
  return cases;
}

TEST(ScreeningRulesTest, NameRuleTable) {
  std::vector<RuleCase> cases = LoadCases();
  ASSERT_GE(cases.size(), 20u);
  std::vector<WatchlistEntry> entries;
  for (const RuleCase& c : cases) {
    WatchlistEntry entry;
    entry.id = "rule-" + std::to_string(c.line);
    entry.names.push_back({c.listed, NameType::kPrimary});
    entries.push_back(entry);
  }
  Screener screener;
  screener.Replace(entries, "rules");
  for (const RuleCase& c : cases) {
    ScreeningQuery query;
    query.names.push_back(c.query);
    Result<ScreeningResult> result = screener.Screen(query, ScreeningOptions{});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    bool alerted = false;
    double score = 0.0;
    for (const ScreeningHit& hit : result->hits) {
      if (hit.entry_id == "rule-" + std::to_string(c.line)) alerted = hit.alert, score = hit.score;
    }
    EXPECT_EQ(alerted, c.expect_match) << "line " << c.line << " (" << c.rule << "): \"" << c.query
                                       << "\" vs \"" << c.listed << "\" score " << score;
  }
}

}  // namespace
}  // namespace limen::core::screening
