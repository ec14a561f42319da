// The data-sharing policy through the routes: for every seeded agency and role, and every
// category of tests/data/policy/matrix.tsv (held equal to config/policy.toml by
// tests/core/policy/policy_matrix_test.cc), what GET /api/v1/cases/{id} and
// POST /api/v1/inspections show or list as withheld.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "integration/case_fixture.h"
#include "integration/test_node.h"

namespace limen::testing {
namespace {

using nlohmann::json;

// The policy matrix, one row per (agency, role, category): tests/data/policy/matrix.tsv, which
// tests/core/policy/policy_matrix_test.cc holds equal to config/policy.toml.
std::map<std::string, bool> MatrixFor(const std::string& agency, const std::string& role) {
  std::ifstream file(std::string(LIMEN_SOURCE_DIR) + "/tests/data/policy/matrix.tsv");
  EXPECT_TRUE(file.is_open());
  std::map<std::string, bool> allowed;
  for (std::string line; std::getline(file, line);) {
    if (line.empty() || line[0] == '#' || line.starts_with("agency\t")) continue;
    std::istringstream fields(line);
    std::string row_agency, row_role, category, yes;
    fields >> row_agency >> row_role >> category >> yes;
    if (row_agency == agency && row_role == role) allowed[category] = yes == "yes";
  }
  return allowed;
}

struct Reader {
  std::string username;
  std::string agency;
  std::string role;
};

const Reader kReaders[] = {
    {"officer", "immigration", "officer"},     {"supervisor", "immigration", "supervisor"},
    {"customs", "customs", "officer"},         {"customs.chief", "customs", "supervisor"},
    {"police", "police", "officer"},           {"health", "health", "officer"},
    {"analyst", "immigration", "analyst"},     {"auditor", "immigration", "auditor"},
    {"admin", "immigration", "administrator"},
};

const char* const kAgencies[] = {"immigration", "customs", "police", "health"};

// Checks one section of a response against the matrix: present when allowed, else withheld.
void ExpectSection(const json& body, const std::map<std::string, bool>& allowed,
                   const std::string& category, const std::vector<std::string>& keys,
                   const std::string& who) {
  const bool granted = allowed.at(category);
  for (const std::string& key : keys) {
    EXPECT_EQ(body.contains(key), granted) << who << " " << key;
  }
  EXPECT_EQ(Contains(Withheld(body), category), !granted) << who << " " << category;
}

void ExpectHitDetails(const json& body, const std::map<std::string, bool>& allowed,
                      const std::string& who) {
  if (!allowed.at("hits")) return;  // No hits shown, so no details to withhold.
  ASSERT_EQ(body["hits"].size(), 1u) << who;
  EXPECT_EQ(body["hits"][0].contains("score"), allowed.at("hit_details")) << who;
  EXPECT_EQ(Contains(Withheld(body), "hit_details"), !allowed.at("hit_details")) << who;
}

TEST(CasePolicyTest, EveryReaderSeesWhatThePolicyMatrixGrants) {
  auto node = StartCaseNode();
  const std::string inspection_id = InspectTwice(*node, "FR1000005");
  auto officer = node->LoggedIn("officer");
  const std::string case_id = ReferToSecondary(*officer, inspection_id);
  const std::string base = "/api/v1/cases/" + case_id;
  for (const std::string agency : {"customs", "police", "health"}) {
    ASSERT_EQ(
        Post(*officer, base + "/agencies", {{"agency", agency}, {"reason", "Check " + agency}})
            .status,
        201);
  }
  for (const std::string username : {"officer", "customs", "police", "health"}) {
    auto writer = node->LoggedIn(username);
    ASSERT_EQ(Post(*writer, base + "/notes", {{"text", "Note by " + username}}).status, 201);
  }

  for (const Reader& reader : kReaders) {
    SCOPED_TRACE(reader.username);
    const std::map<std::string, bool> allowed = MatrixFor(reader.agency, reader.role);
    ASSERT_EQ(allowed.size(), 11u);
    auto client = node->LoggedIn(reader.username);
    HttpResult read = GetCase(*client, case_id);
    HttpResult inspected = client->Send("POST", "/api/v1/inspections",
                                        CaseInspectionBody(CaseMrz("FR1000005")).dump());
    if (reader.role != "officer" && reader.role != "supervisor") {
      // The case and inspection routes are for officers and supervisors; the matrix agrees that
      // these roles read no traveller data at all.
      EXPECT_EQ(ErrorCode(read), "ROLE_FORBIDDEN");
      EXPECT_EQ(ErrorCode(inspected), "ROLE_FORBIDDEN");
      for (const auto& [category, granted] : allowed) {
        if (category == "statistics" || category == "audit_log") continue;
        EXPECT_FALSE(granted) << category;
      }
      continue;
    }
    ASSERT_EQ(read.status, 200) << read.body;
    const json view = Parsed(read);
    ExpectSection(view, allowed, "identity", {"identity"}, "case");
    ExpectSection(view, allowed, "document", {"document"}, "case");
    ExpectSection(view, allowed, "crossing_history", {"crossing_history"}, "case");
    ExpectSection(view, allowed, "hits", {"hits"}, "case");
    ExpectHitDetails(view, allowed, "case");
    for (const std::string agency : kAgencies) {
      const std::string category = "case_notes:" + agency;
      const json* part = PartOf(view, agency);
      ASSERT_NE(part, nullptr) << agency;
      EXPECT_EQ(part->contains("notes"), allowed.at(category)) << category;
      EXPECT_EQ(Contains(Withheld(view), category), !allowed.at(category)) << category;
      const std::string author = agency == "immigration" ? "officer" : agency;
      const bool text_shown = read.body.find("Note by " + author) != std::string::npos;
      EXPECT_EQ(text_shown, allowed.at(category)) << category;
    }
    EXPECT_FALSE(Contains(Withheld(view), "statistics"));

    ASSERT_EQ(inspected.status, 201) << inspected.body;
    const json inspection = Parsed(inspected);
    ExpectSection(inspection, allowed, "identity", {"identity"}, "inspection");
    ExpectSection(inspection, allowed, "document", {"document", "lost_stolen"}, "inspection");
    ExpectSection(inspection, allowed, "crossing_history", {"last_crossings", "stay"},
                  "inspection");
    ExpectSection(inspection, allowed, "hits", {"hits"}, "inspection");
    ExpectHitDetails(inspection, allowed, "inspection");
  }
}

}  // namespace
}  // namespace limen::testing
