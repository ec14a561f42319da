#include "integration/case_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/document/generate.h"
#include "core/screening/import.h"
#include "core/screening/screener.h"
#include "store/store.h"

namespace limen::testing {

using nlohmann::json;

const std::vector<std::pair<std::string, std::string>> kCasePurpose = {
    {"X-Purpose", "secondary inspection of the referred traveller"}};

std::string CaseMrz(const std::string& number) { return TestPassportMrz(number); }

json CaseInspectionBody(const std::string& mrz) {
  return {{"mrz", mrz}, {"post", "UTO-AIR1"}, {"direction", "entry"}, {"lane", "2"}};
}

std::unique_ptr<TestNode> StartCaseNode() {
  auto node = std::make_unique<TestNode>([](server::Config& config) {
    config.workflow.stay_rules_file = std::string(LIMEN_SOURCE_DIR) + "/config/stay-rules.toml";
    config.workflow.policy_file = std::string(LIMEN_SOURCE_DIR) + "/config/policy.toml";
  });
  core::screening::ImportOptions options;
  options.list_id = "national";
  auto imported = core::screening::ImportCsv(
      "id,name,aliases,dob,nationality,sex\nn-7,Claire MARTIN,,1980-05-06,FRA,F\n", options);
  EXPECT_TRUE(imported.ok()) << imported.status().ToString();
  if (imported.ok()) node->app().screener().Replace(imported->entries, "test-1");
  return node;
}

json Parsed(const HttpResult& result) { return json::parse(result.body, nullptr, false); }

std::vector<std::string> Withheld(const json& body) {
  std::vector<std::string> categories;
  for (const json& item : body["withheld"]) {
    EXPECT_EQ(item["reason"], "POLICY_DENIED");
    categories.push_back(item["category"]);
  }
  return categories;
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

const json* PartOf(const json& body, const std::string& agency) {
  for (const json& part : body["parts"]) {
    if (part["agency"] == agency) return &part;
  }
  return nullptr;
}

std::string InspectTwice(TestNode& node, const std::string& number) {
  auto officer = node.LoggedIn("officer");
  HttpResult first =
      officer->Send("POST", "/api/v1/inspections", CaseInspectionBody(CaseMrz(number)).dump());
  EXPECT_EQ(first.status, 201) << first.body;
  HttpResult admitted = officer->Send("POST", "/api/v1/crossings",
                                      json{{"inspection_id", Parsed(first)["inspection_id"]},
                                           {"decision", "admitted"},
                                           {"granted_stay_days", 3},
                                           {"adjudications",
                                            {{{"hit_id", "n-7"},
                                              {"adjudication", "not_same_person"},
                                              {"note", "Different place of birth."}}}}}
                                          .dump());
  EXPECT_EQ(admitted.status, 201) << admitted.body;
  node.clock().Advance(7 * kMicrosPerDay);
  officer = node.LoggedIn("officer");
  HttpResult second =
      officer->Send("POST", "/api/v1/inspections", CaseInspectionBody(CaseMrz(number)).dump());
  EXPECT_EQ(second.status, 201) << second.body;
  return Parsed(second).value("inspection_id", "");
}

std::string ReferToSecondary(HttpClient& officer, const std::string& inspection_id) {
  HttpResult referred = officer.Send(
      "POST", "/api/v1/crossings",
      json{{"inspection_id", inspection_id},
           {"decision", "referred"},
           {"note", "Stay longer than declared."},
           {"referral",
            {{"agency", "secondary"}, {"reason", "Check the purpose and means of stay."}}}}
          .dump());
  EXPECT_EQ(referred.status, 201) << referred.body;
  json crossing = Parsed(referred);
  EXPECT_EQ(crossing["decision"], "referred");
  EXPECT_EQ(crossing["case"]["agency"], "immigration");
  EXPECT_EQ(crossing["case"]["opened_case"], true);
  return crossing["case"].value("case_id", "");
}

HttpResult Post(HttpClient& client, const std::string& target, const json& body) {
  return client.Send("POST", target, body.dump());
}

HttpResult GetCase(HttpClient& client, const std::string& case_id) {
  return client.Send("GET", "/api/v1/cases/" + case_id, "", kCasePurpose);
}

}  // namespace limen::testing
