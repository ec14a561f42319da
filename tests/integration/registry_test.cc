// The lost/stolen registry through the API: a national report is seen by the next inspection
// and by lookups (with misread variants), a withdrawal clears it, bad reports write nothing, and
// an import stored while the node runs (as `limen registry import` does) is picked up.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/document/generate.h"
#include "core/registry/csv_import.h"
#include "integration/test_node.h"
#include "store/registry_store.h"
#include "store/store.h"

namespace limen::testing {
namespace {

using nlohmann::json;

json Inspect(HttpClient& officer, const std::string& number) {
  json body = {
      {"mrz", TestPassportMrz(number)}, {"post", "UTO-AIR1"},      {"lane", "3"},
      {"direction", "entry"},           {"transport_mode", "air"}, {"flight_or_vehicle", "UT123"},
      {"purpose_of_travel", "tourism"}};
  HttpResult result = officer.Send("POST", "/api/v1/inspections", body.dump());
  EXPECT_EQ(result.status, 201) << result.body;
  return json::parse(result.body, nullptr, false);
}

TEST(RegistryApiTest, AReportIsSeenByInspectionsUntilWithdrawn) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  EXPECT_EQ(Inspect(*officer, "FR1234567")["lost_stolen"]["listed"], false);

  HttpResult reported = officer->Send(
      "POST", "/api/v1/registry/reports",
      json{{"issuing_state", "fra"}, {"number", "fr 1234567"}, {"reason", "stolen"}}.dump());
  ASSERT_EQ(reported.status, 201) << reported.body;
  json report = json::parse(reported.body);
  EXPECT_EQ(report["issuing_state"], "FRA");
  EXPECT_EQ(report["number"], "FR1234567");
  EXPECT_EQ(report["type"], "passport");
  EXPECT_EQ(report["reported_on"], "2026-11-26");  // Today by the node's clock.
  EXPECT_EQ(report["source"], "national");

  json listed = Inspect(*officer, "FR1234567");
  EXPECT_EQ(listed["lost_stolen"]["listed"], true) << listed.dump();
  EXPECT_EQ(listed["lost_stolen"]["match"], "exact");
  EXPECT_EQ(listed["lost_stolen"]["reason"], "stolen");
  EXPECT_EQ(listed["lost_stolen"]["source"], "national");
  EXPECT_EQ(listed["recommendation"]["decision"], "refuse") << listed.dump();

  HttpResult no_purpose =
      officer->Send("GET", "/api/v1/registry/lookup?state=FRA&number=FR1234567");
  EXPECT_EQ(ErrorCode(no_purpose), "PURPOSE_REQUIRED") << no_purpose.body;
  HttpResult lookup = officer->Send(
      "GET", "/api/v1/registry/lookup?state=FRA&number=FR1234567&purpose=counter+check");
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(json::parse(lookup.body)["listed"], true);
  // The document engine's misreads: an I typed for the 1 still finds the report.
  HttpResult misread = officer->Send(
      "GET", "/api/v1/registry/lookup?state=FRA&number=FRI234567&purpose=counter+check");
  ASSERT_EQ(misread.status, 200) << misread.body;
  json variant = json::parse(misread.body);
  EXPECT_EQ(variant["listed"], false);
  ASSERT_EQ(variant["matches"].size(), 1u) << misread.body;
  EXPECT_EQ(variant["matches"][0]["match"], "misread_variant");
  EXPECT_EQ(variant["matches"][0]["number"], "FR1234567");

  HttpResult withdrawn = officer->Send("DELETE", "/api/v1/registry/reports/FRA/FR1234567");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  json clean = Inspect(*officer, "FR1234567");
  EXPECT_EQ(clean["lost_stolen"]["listed"], false) << clean.dump();
  HttpResult again = officer->Send("DELETE", "/api/v1/registry/reports/FRA/FR1234567");
  EXPECT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(ErrorCode(again), "REGISTRY_REPORT_NOT_FOUND");

  // Reports, withdrawals and lookups are on the audit trail, lookups with their purpose.
  auto auditor = node.LoggedIn("auditor");
  HttpResult audit = auditor->Send("GET", "/api/v1/audit?route=/api/v1/registry/lookup");
  ASSERT_EQ(audit.status, 200) << audit.body;
  json records = json::parse(audit.body)["records"];
  ASSERT_FALSE(records.empty()) << audit.body;
  EXPECT_EQ(records[0]["purpose"], "counter check") << audit.body;
}

TEST(RegistryApiTest, BadReportsWriteNothing) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  const int64_t events = EventCount(node);
  const std::pair<json, std::string> cases[] = {
      {{{"issuing_state", "U2O"}, {"number", "X1"}, {"reason", "lost"}}, "REGISTRY_STATE"},
      {{{"issuing_state", "UTO"}, {"number", "--"}, {"reason", "lost"}}, "REGISTRY_NUMBER"},
      {{{"issuing_state", "UTO"}, {"number", "X1"}, {"reason", "misplaced"}}, "REGISTRY_REASON"},
      {{{"issuing_state", "UTO"}, {"number", "X1"}, {"reason", "lost"}, {"type", "car"}},
       "REGISTRY_TYPE"},
      {{{"issuing_state", "UTO"},
        {"number", "X1"},
        {"reason", "lost"},
        {"reported_on", "2030-01-01"}},
       "REGISTRY_DATE"},
      {{{"issuing_state", "UTO"}, {"reason", "lost"}}, "FIELD_MISSING"},
  };
  for (const auto& [body, code] : cases) {
    HttpResult result = officer->Send("POST", "/api/v1/registry/reports", body.dump());
    EXPECT_EQ(result.status, 400) << body.dump() << " " << result.body;
    EXPECT_EQ(ErrorCode(result), code) << result.body;
  }
  auto analyst = node.LoggedIn("analyst");
  HttpResult forbidden =
      analyst->Send("POST", "/api/v1/registry/reports",
                    json{{"issuing_state", "UTO"}, {"number", "X1"}, {"reason", "lost"}}.dump());
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(EventCount(node), events);
  HttpResult bad_query =
      officer->Send("GET", "/api/v1/registry/lookup?state=FRA&purpose=counter+check");
  EXPECT_EQ(ErrorCode(bad_query), "REGISTRY_QUERY") << bad_query.body;
}

TEST(RegistryApiTest, AnImportStoredWhileRunningIsPickedUp) {
  TestNode node([](server::Config& config) {
    UseShippedRules(config);
    config.workflow.registry_reload_seconds = 1;
  });
  auto officer = node.LoggedIn("officer");
  EXPECT_EQ(Inspect(*officer, "FR7654321")["lost_stolen"]["listed"], false);

  // What `limen registry import` does from another process.
  const auto outcome = core::registry::ImportRegistryCsv(
      "issuing_state,number,type,reason,reported_on,source\n"
      "FRA,FR7654321,passport,lost,2026-10-01,interpol-sltd\n",
      nullptr);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  auto saved = store::SaveRegistryImport(node.app().store(), "system:test",
                                         store::RegistryImport{.snapshot = outcome.snapshot});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();

  // The node checks every second; give it ten.
  bool seen = false;
  for (int attempt = 0; attempt < 100 && !seen; ++attempt) {
    HttpResult lookup = officer->Send(
        "GET", "/api/v1/registry/lookup?state=FRA&number=FR7654321&purpose=counter+check");
    json body = json::parse(lookup.body, nullptr, false);
    seen = body.is_object() && body.value("listed", false);
    if (seen) {
      EXPECT_EQ(body["registry_version"], 1);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_TRUE(seen);
  json listed = Inspect(*officer, "FR7654321");
  EXPECT_EQ(listed["lost_stolen"]["listed"], true) << listed.dump();
  EXPECT_EQ(listed["lost_stolen"]["source"], "interpol-sltd");
  // The metrics show which version is in use.
  HttpResult metrics = node.Client()->Send("GET", "/metrics");
  EXPECT_NE(metrics.body.find("\nlimen_registry_version 1\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("\nlimen_registry_entries 1\n"), std::string::npos);
}

}  // namespace
}  // namespace limen::testing
