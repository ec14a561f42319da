// Checks config/policy.toml against the full matrix in tests/data/policy/matrix.tsv: every agency
// x role x category, plus the parser's error codes and the response filter.
#include <gtest/gtest.h>

#include <set>

#include "../stay/table_reader.h"
#include "core/policy/data_sharing.h"

namespace limen::core {
namespace {

DataSharingPolicy LoadShippedPolicy() {
  auto policy = ParseDataSharingPolicy(limen::testing::ReadFile("config/policy.toml"));
  EXPECT_TRUE(policy.ok()) << policy.status().ToString();
  return policy.ok() ? *policy : DataSharingPolicy{};
}

Principal MakePrincipal(const std::string& agency, Role role) {
  Principal principal;
  principal.username = "test";
  principal.agency = agency;
  principal.role = role;
  return principal;
}

TEST(PolicyMatrixTest, ShippedPolicyMatchesTheWholeMatrix) {
  const DataSharingPolicy policy = LoadShippedPolicy();
  EXPECT_EQ(policy.version(), "2026-11-01.1");
  const auto rows = limen::testing::ReadTable("tests/data/policy/matrix.tsv");
  std::set<std::string> agencies, categories, combinations;
  for (const auto& row : rows) {
    const std::string where = row.at("agency") + "/" + row.at("role") + "/" + row.at("category");
    SCOPED_TRACE(where);
    const auto role = ParseRole(row.at("role"));
    const auto category = ParseDataCategory(row.at("category"));
    ASSERT_TRUE(role.has_value());
    ASSERT_TRUE(category.has_value());
    const Decision decision = policy.Decide(MakePrincipal(row.at("agency"), *role), *category);
    EXPECT_EQ(decision.allowed ? "yes" : "no", row.at("allowed"));
    EXPECT_EQ(decision.rule, row.at("rule"));
    agencies.insert(row.at("agency"));
    categories.insert(row.at("category"));
    combinations.insert(where);
  }
  // The table must be the whole matrix: every agency x every role x every category kind (case
  // notes once per agency).
  EXPECT_EQ(agencies.size(), 4u);
  EXPECT_EQ(categories.size(), AllCategoryKinds().size() - 1 + agencies.size());
  EXPECT_EQ(combinations.size(), agencies.size() * AllRoles().size() * categories.size());
  EXPECT_EQ(rows.size(), combinations.size());
}

TEST(PolicyMatrixTest, UnknownAgencySeesNothing) {
  const DataSharingPolicy policy = LoadShippedPolicy();
  const Decision decision =
      policy.Decide(MakePrincipal("fisheries", Role::kOfficer), {CategoryKind::kIdentity, {}});
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.rule, "default_deny");
}

struct Section {
  DataCategory category;
  std::string body;
};

TEST(PolicyFilterTest, RemovesWithheldSectionsAndReportsThemOnce) {
  const DataSharingPolicy policy = LoadShippedPolicy();
  std::vector<Section> sections = {
      {{CategoryKind::kIdentity, {}}, "names"},
      {{CategoryKind::kHits, {}}, "hit"},
      {{CategoryKind::kHitDetails, {}}, "details 1"},
      {{CategoryKind::kHitDetails, {}}, "details 2"},
      {{CategoryKind::kCaseNotes, "customs"}, "customs notes"},
      {{CategoryKind::kCaseNotes, "police"}, "police notes"},
  };
  const auto withheld = FilterSections(policy, MakePrincipal("customs", Role::kOfficer), sections);
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[0].body, "names");
  EXPECT_EQ(sections[1].body, "hit");
  EXPECT_EQ(sections[2].body, "customs notes");
  ASSERT_EQ(withheld.size(), 2u);
  EXPECT_EQ(withheld[0].ToString(), "hit_details");
  EXPECT_EQ(withheld[1].ToString(), "case_notes:police");
}

TEST(DataCategoryTest, ParsesAndFormats) {
  for (const char* text : {"identity", "document", "crossing_history", "hits", "hit_details",
                           "statistics", "audit_log", "case_notes:customs", "case_notes:a_b-1"}) {
    const auto category = ParseDataCategory(text);
    ASSERT_TRUE(category.has_value()) << text;
    EXPECT_EQ(category->ToString(), text);
  }
  for (const char* text : {"", "case_notes", "case_notes:", "case_notes:Customs", "Identity",
                           "case_notes:a b", "everything"}) {
    EXPECT_FALSE(ParseDataCategory(text).has_value()) << text;
  }
}

TEST(PolicyParserTest, RejectsBadFilesWithStableCodes) {
  const std::string rule =
      "[[rules]]\nid = \"r\"\nagency = \"*\"\nroles = [\"*\"]\ncategories = [\"identity\"]\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"version = \"1\"\n[[rules]\n", "POLICY_SYNTAX"},
      {rule, "POLICY_INVALID"},  // No version.
      {"version = \"1\"\n", "POLICY_INVALID"},
      {"version = \"1\"\n" + rule + rule, "POLICY_INVALID"},  // Duplicate id.
      {"version = \"1\"\n[[rules]]\nid = \"r\"\nagency = \"x\"\nroles = [\"pilot\"]\n"
       "categories = []\n",
       "POLICY_INVALID"},
      {"version = \"1\"\n[[rules]]\nid = \"r\"\nagency = \"x\"\nroles = []\n"
       "categories = [\"secrets\"]\n",
       "POLICY_INVALID"},
      {"version = \"1\"\n[[rules]]\nid = \"r\"\nroles = []\ncategories = []\n", "POLICY_INVALID"},
      {"version = \"1\"\n[[rules]]\nid = \"r\"\nagency = \"x\"\ncategories = []\n",
       "POLICY_INVALID"},
  };
  for (const auto& [text, reason] : cases) {
    SCOPED_TRACE(text);
    auto policy = ParseDataSharingPolicy(text);
    ASSERT_FALSE(policy.ok());
    EXPECT_EQ(policy.status().reason(), reason);
  }
  auto policy = ParseDataSharingPolicy("version = \"1\"\n" + rule);
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_TRUE(policy->Decide(MakePrincipal("any", Role::kAuditor), {}).allowed);
}

}  // namespace
}  // namespace limen::core
