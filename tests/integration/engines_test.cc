// The travel-document and screening engines through the API: the same JSON as the CLI, the
// role rules, and the audit entries.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/screening/import.h"
#include "core/screening/screener.h"
#include "integration/test_node.h"

namespace limen::testing {
namespace {

using nlohmann::json;

constexpr char kSpecimenTd3[] =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

TEST(EnginesTest, ParsesAnMrzForOfficers) {
  TestNode node;
  auto officer = node.LoggedIn("officer");
  HttpResult parsed =
      officer->Send("POST", "/api/v1/documents/parse", json{{"mrz", kSpecimenTd3}}.dump());
  ASSERT_EQ(parsed.status, 200) << parsed.body;
  json report = json::parse(parsed.body);
  EXPECT_EQ(report["format"], "TD3");
  EXPECT_TRUE(report.contains("fields"));
  EXPECT_TRUE(report.contains("check_digits"));
  // The 2012 specimen has long expired on the node's date (2026).
  EXPECT_NE(parsed.body.find("DOCUMENT_EXPIRED"), std::string::npos);

  HttpResult shape =
      officer->Send("POST", "/api/v1/documents/parse", json{{"mrz", "P<UTOERIKSSON<<ANNA"}}.dump());
  EXPECT_EQ(shape.status, 400);
  EXPECT_EQ(json::parse(shape.body)["error"]["code"], "MRZ_SHAPE");

  auto analyst = node.LoggedIn("analyst");
  EXPECT_EQ(
      analyst->Send("POST", "/api/v1/documents/parse", json{{"mrz", kSpecimenTd3}}.dump()).status,
      403);
}

TEST(EnginesTest, ScreensAcrossScriptsWithExplanations) {
  TestNode node;
  core::screening::ImportOptions options;
  options.list_id = "national";
  auto imported = core::screening::ImportCsv(
      "id,name,aliases,dob,nationality,sex\n"
      "n-1,Vladimir Vladimirovich PUTIN,,1952-10-07,RUS,M\n"
      "n-2,Anna Maria ERIKSSON,,1974-08-12,UTO,F\n",
      options);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  node.app().screener().Replace(imported->entries, "test-1");

  auto officer = node.LoggedIn("officer");
  HttpResult result =
      officer->Send("POST", "/api/v1/screen",
                    json{{"name", "Владимир Путин"}, {"date_of_birth", "1952-10-07"}}.dump());
  ASSERT_EQ(result.status, 200) << result.body;
  json body = json::parse(result.body);
  ASSERT_FALSE(body["hits"].empty()) << result.body;
  EXPECT_EQ(body["hits"][0]["id"], "n-1");
  EXPECT_EQ(body["hits"][0]["alert"], true);

  HttpResult empty = officer->Send("POST", "/api/v1/screen", json{{"name", ""}}.dump());
  EXPECT_EQ(empty.status, 400);

  auto auditor = node.LoggedIn("auditor");
  HttpResult audit = auditor->Send("GET", "/api/v1/audit?route=/api/v1/screen");
  EXPECT_EQ(json::parse(audit.body)["records"].size(), 2u) << audit.body;
}

}  // namespace
}  // namespace limen::testing
