// The border-crossing workflow through the API: an inspection (POST /api/v1/inspections) runs
// the engines and records a recommendation; the officer's decision (POST /api/v1/crossings) is
// validated and recorded as a crossing, and nothing is written when it is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/document/generate.h"
#include "core/screening/import.h"
#include "core/screening/screener.h"
#include "integration/test_node.h"
#include "store/store.h"

namespace limen::testing {
namespace {

using nlohmann::json;

std::string Mrz(const std::string& number, const std::string& nationality = "FRA",
                const std::string& surname = "MARTIN", const std::string& given = "CLAIRE") {
  core::document::DocumentData data;
  data.format = core::document::DocumentFormat::kTd3;
  data.issuing_state = nationality;
  data.nationality = nationality;
  data.primary_identifier = surname;
  data.secondary_identifier = given;
  data.document_number = number;
  data.birth_date = CivilDate{1980, 5, 6};
  data.sex = "F";
  data.expiry_date = CivilDate{2031, 1, 1};
  auto generated = core::document::GenerateMrz(data);
  EXPECT_TRUE(generated.ok()) << generated.status().ToString();
  if (!generated.ok()) return "";
  return generated->lines[0] + "\n" + generated->lines[1];
}

json InspectionBody(const std::string& mrz, const std::string& post = "UTO-AIR1") {
  return {{"mrz", mrz},
          {"post", post},
          {"lane", "3"},
          {"direction", "entry"},
          {"transport_mode", "air"},
          {"flight_or_vehicle", "UT123"},
          {"purpose_of_travel", "tourism"}};
}

void UseConfigFiles(server::Config& config) {
  config.workflow.stay_rules_file = std::string(LIMEN_SOURCE_DIR) + "/config/stay-rules.toml";
  config.workflow.policy_file = std::string(LIMEN_SOURCE_DIR) + "/config/policy.toml";
}

int64_t EventCount(TestNode& node) {
  auto length = node.app().store().EventLogLength();
  EXPECT_TRUE(length.ok());
  return length.ok() ? *length : -1;
}

std::string ErrorCode(const HttpResult& result) {
  json body = json::parse(result.body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

TEST(WorkflowTest, AdmitsAFirstEntryAndShowsItAtTheNextInspection) {
  TestNode node(UseConfigFiles);
  auto officer = node.LoggedIn("officer");
  const std::string mrz = Mrz("FR1234567");

  HttpResult inspected = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  ASSERT_EQ(inspected.status, 201) << inspected.body;
  json inspection = json::parse(inspected.body);
  EXPECT_EQ(inspection["recommendation"]["decision"], "admit") << inspected.body;
  EXPECT_EQ(inspection["stay"]["verdict"], "authorised") << inspected.body;
  EXPECT_EQ(inspection["stay"]["regime"], "short_stay_90_180");
  EXPECT_EQ(inspection["lost_stolen"]["listed"], false);
  EXPECT_TRUE(inspection["hits"].empty());
  EXPECT_TRUE(inspection["last_crossings"].empty());
  EXPECT_EQ(inspection["identity"]["first_seen"], true);
  EXPECT_EQ(inspection["document"]["format"], "TD3");
  const std::string inspection_id = inspection["inspection_id"];
  const std::string traveller_id = inspection["identity"]["traveller_id"];
  ASSERT_FALSE(inspection_id.empty());

  node.clock().Advance(90 * kMicrosPerSecond);
  HttpResult admitted = officer->Send(
      "POST", "/api/v1/crossings",
      json{{"inspection_id", inspection_id}, {"decision", "admitted"}, {"granted_stay_days", 90}}
          .dump());
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  json crossing = json::parse(admitted.body);
  EXPECT_EQ(crossing["decision"], "admitted");
  EXPECT_EQ(crossing["direction"], "entry");
  EXPECT_EQ(crossing["post"], "UTO-AIR1");
  EXPECT_EQ(crossing["traveller_id"], traveller_id);
  EXPECT_EQ(crossing["granted_until"], "2027-02-23");  // 90 days from 2026-11-26 inclusive.
  EXPECT_EQ(crossing["document"]["number"], "FR1234567");

  // A second decision for the same inspection is refused, and writes nothing.
  const int64_t events = EventCount(node);
  HttpResult again = officer->Send(
      "POST", "/api/v1/crossings",
      json{{"inspection_id", inspection_id}, {"decision", "referred"}, {"note", "Second look"}}
          .dump());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(ErrorCode(again), "INSPECTION_ALREADY_DECIDED");
  EXPECT_EQ(EventCount(node), events);

  // The next inspection of the same document finds the traveller and the crossing.
  HttpResult next = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  ASSERT_EQ(next.status, 201) << next.body;
  json second = json::parse(next.body);
  EXPECT_EQ(second["identity"]["first_seen"], false);
  EXPECT_EQ(second["identity"]["traveller_id"], traveller_id);
  ASSERT_EQ(second["last_crossings"].size(), 1u) << next.body;
  EXPECT_EQ(second["last_crossings"][0]["decision"], "admitted");
  EXPECT_NE(second["inspection_id"], inspection_id);

  // Both writes were audited with their record ids.
  auto auditor = node.LoggedIn("auditor");
  HttpResult audit = auditor->Send("GET", "/api/v1/audit?route=/api/v1/inspections");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(json::parse(audit.body)["records"].size(), 2u) << audit.body;
}

TEST(WorkflowTest, RefusesALostPassportOnlyWithARefusalCode) {
  const std::string mrz = Mrz("LOST12345", "D", "MUELLER", "HANS");
  const std::filesystem::path registry =
      std::filesystem::temp_directory_path() /
      ("limen-wire-registry-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream csv(registry);
    csv << "issuing_state,number,type,reason,reported_on,source\n"
           "D,LOST12345,passport,lost,2026-10-01,national\n";
  }
  TestNode node([&](server::Config& config) {
    UseConfigFiles(config);
    config.workflow.registry_path = registry.string();
  });
  std::filesystem::remove(registry);
  auto officer = node.LoggedIn("officer");

  HttpResult inspected = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  ASSERT_EQ(inspected.status, 201) << inspected.body;
  json inspection = json::parse(inspected.body);
  EXPECT_EQ(inspection["lost_stolen"]["listed"], true);
  EXPECT_EQ(inspection["lost_stolen"]["match"], "exact");
  EXPECT_EQ(inspection["lost_stolen"]["reason"], "lost");
  EXPECT_EQ(inspection["recommendation"]["decision"], "refuse") << inspected.body;
  ASSERT_FALSE(inspection["recommendation"]["reasons"].empty());
  EXPECT_EQ(inspection["recommendation"]["reasons"][0]["code"], "DOCUMENT_LISTED");
  ASSERT_FALSE(inspection["recommendation"]["suggested_refusal_codes"].empty());
  const std::string suggested = inspection["recommendation"]["suggested_refusal_codes"][0];
  const std::string inspection_id = inspection["inspection_id"];

  const int64_t events = EventCount(node);
  HttpResult no_code =
      officer->Send("POST", "/api/v1/crossings",
                    json{{"inspection_id", inspection_id}, {"decision", "refused"}}.dump());
  EXPECT_EQ(no_code.status, 400) << no_code.body;
  EXPECT_EQ(ErrorCode(no_code), "DECISION_REFUSAL_WITHOUT_REASON");
  HttpResult bad_code = officer->Send(
      "POST", "/api/v1/crossings",
      json{{"inspection_id", inspection_id}, {"decision", "refused"}, {"refusal_codes", {"Z"}}}
          .dump());
  EXPECT_EQ(bad_code.status, 400) << bad_code.body;
  EXPECT_EQ(ErrorCode(bad_code), "DECISION_REFUSAL_CODE_UNKNOWN");
  EXPECT_EQ(EventCount(node), events);

  HttpResult refused = officer->Send("POST", "/api/v1/crossings",
                                     json{{"inspection_id", inspection_id},
                                          {"decision", "refused"},
                                          {"refusal_codes", {suggested}},
                                          {"note", "Passport reported lost on 2026-10-01."}}
                                         .dump());
  ASSERT_EQ(refused.status, 201) << refused.body;
  json crossing = json::parse(refused.body);
  EXPECT_EQ(crossing["decision"], "refused");
  EXPECT_EQ(crossing["refusal_codes"], json::array({suggested}));
  EXPECT_EQ(EventCount(node), events + 1);  // The crossing event only.
}

TEST(WorkflowTest, ChecksPostsRolesAndInspections) {
  TestNode node(UseConfigFiles);
  auto officer = node.LoggedIn("officer");  // Covers UTO-AIR1 only.
  const std::string mrz = Mrz("FR7654321");
  const int64_t events = EventCount(node);

  HttpResult other_post =
      officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz, "UTO-LAND1").dump());
  EXPECT_EQ(other_post.status, 403) << other_post.body;
  EXPECT_EQ(ErrorCode(other_post), "POST_SCOPE");
  HttpResult unknown_post =
      officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz, "UTO-NOWHERE").dump());
  EXPECT_EQ(unknown_post.status, 400) << unknown_post.body;
  EXPECT_EQ(ErrorCode(unknown_post), "POST_UNKNOWN");
  HttpResult unreadable =
      officer->Send("POST", "/api/v1/inspections", InspectionBody("P<UTOERIKSSON<<ANNA").dump());
  EXPECT_EQ(unreadable.status, 400) << unreadable.body;
  EXPECT_EQ(ErrorCode(unreadable), "MRZ_SHAPE");
  json sideways = InspectionBody(mrz);
  sideways["direction"] = "sideways";
  HttpResult bad_direction = officer->Send("POST", "/api/v1/inspections", sideways.dump());
  EXPECT_EQ(bad_direction.status, 400) << bad_direction.body;
  EXPECT_EQ(ErrorCode(bad_direction), "FIELD_INVALID");

  HttpResult unknown = officer->Send(
      "POST", "/api/v1/crossings",
      json{{"inspection_id", "insp-missing"}, {"decision", "admitted"}, {"granted_stay_days", 5}}
          .dump());
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(ErrorCode(unknown), "INSPECTION_NOT_FOUND");

  auto analyst = node.LoggedIn("analyst");
  EXPECT_EQ(analyst->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump()).status, 403);
  EXPECT_EQ(EventCount(node), events);

  // The officer of the land post may inspect there.
  auto officer2 = node.LoggedIn("officer2");
  EXPECT_EQ(
      officer2->Send("POST", "/api/v1/inspections", InspectionBody(mrz, "UTO-LAND1").dump()).status,
      201);
}

TEST(WorkflowTest, AdmissionNeedsEveryHitAdjudicated) {
  TestNode node(UseConfigFiles);
  core::screening::ImportOptions options;
  options.list_id = "national";
  auto imported = core::screening::ImportCsv(
      "id,name,aliases,dob,nationality,sex\n"
      "n-7,Claire MARTIN,,1980-05-06,FRA,F\n",
      options);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  node.app().screener().Replace(imported->entries, "test-1");
  auto officer = node.LoggedIn("officer");

  HttpResult inspected =
      officer->Send("POST", "/api/v1/inspections", InspectionBody(Mrz("FR1112223")).dump());
  ASSERT_EQ(inspected.status, 201) << inspected.body;
  json inspection = json::parse(inspected.body);
  ASSERT_EQ(inspection["hits"].size(), 1u) << inspected.body;
  EXPECT_EQ(inspection["hits"][0]["hit_id"], "n-7");
  EXPECT_EQ(inspection["hits"][0]["adjudication"], "pending");
  EXPECT_NE(inspection["recommendation"]["decision"], "admit") << inspected.body;
  const std::string inspection_id = inspection["inspection_id"];

  const int64_t events = EventCount(node);
  json admit = {
      {"inspection_id", inspection_id}, {"decision", "admitted"}, {"granted_stay_days", 30}};
  HttpResult pending = officer->Send("POST", "/api/v1/crossings", admit.dump());
  EXPECT_EQ(pending.status, 409) << pending.body;
  EXPECT_EQ(ErrorCode(pending), "DECISION_HITS_NOT_ADJUDICATED");
  EXPECT_EQ(EventCount(node), events);

  admit["adjudications"] = {{{"hit_id", "n-7"},
                             {"adjudication", "not_same_person"},
                             {"note", "Different face and place of birth."}}};
  HttpResult admitted = officer->Send("POST", "/api/v1/crossings", admit.dump());
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  EXPECT_EQ(json::parse(admitted.body)["agencies_to_notify"], json::array());
}

TEST(WorkflowTest, RefersWhenTheStayRulesAreAbsent) {
  TestNode node([](server::Config& config) {
    UseConfigFiles(config);
    config.workflow.stay_rules_file = "/nonexistent/stay-rules.toml";
  });
  auto officer = node.LoggedIn("officer");
  HttpResult inspected =
      officer->Send("POST", "/api/v1/inspections", InspectionBody(Mrz("FR9998887")).dump());
  ASSERT_EQ(inspected.status, 201) << inspected.body;
  json inspection = json::parse(inspected.body);
  EXPECT_EQ(inspection["stay"]["verdict"], "unknown");
  EXPECT_NE(inspection["stay"]["problem"].get<std::string>().find("absent"), std::string::npos);
  EXPECT_EQ(inspection["recommendation"]["decision"], "refer");
  bool absent_reason = false;
  for (const json& reason : inspection["recommendation"]["reasons"]) {
    absent_reason = absent_reason || reason["code"] == "STAY_RULES_ABSENT";
  }
  EXPECT_TRUE(absent_reason) << inspected.body;
}

TEST(WorkflowTest, WithholdsWhatThePolicyDoesNotGrantTheReader) {
  TestNode node(UseConfigFiles);
  core::screening::ImportOptions options;
  options.list_id = "national";
  auto imported = core::screening::ImportCsv(
      "id,name,aliases,dob,nationality,sex\n"
      "n-7,Claire MARTIN,,1980-05-06,FRA,F\n",
      options);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  node.app().screener().Replace(imported->entries, "test-1");
  const json body = InspectionBody(Mrz("FR4445556"));

  // Immigration sees everything; nothing is withheld.
  auto officer = node.LoggedIn("officer");
  HttpResult immigration = officer->Send("POST", "/api/v1/inspections", body.dump());
  ASSERT_EQ(immigration.status, 201) << immigration.body;
  json full = json::parse(immigration.body);
  EXPECT_TRUE(full["withheld"].empty()) << immigration.body;
  EXPECT_TRUE(full.contains("last_crossings"));
  EXPECT_TRUE(full.contains("stay"));
  ASSERT_EQ(full["hits"].size(), 1u);
  EXPECT_TRUE(full["hits"][0].contains("score"));

  // Customs (config/policy.toml: identity, document, hits) gets no crossing history, no stay
  // and no hit details, and is told what was withheld.
  auto customs = node.LoggedIn("customs");
  HttpResult customs_view = customs->Send("POST", "/api/v1/inspections", body.dump());
  ASSERT_EQ(customs_view.status, 201) << customs_view.body;
  json partial = json::parse(customs_view.body);
  EXPECT_FALSE(partial.contains("last_crossings")) << customs_view.body;
  EXPECT_FALSE(partial.contains("stay"));
  EXPECT_TRUE(partial.contains("identity"));
  EXPECT_TRUE(partial.contains("document"));
  ASSERT_EQ(partial["hits"].size(), 1u);
  EXPECT_FALSE(partial["hits"][0].contains("score"));
  std::vector<std::string> withheld;
  for (const json& item : partial["withheld"]) withheld.push_back(item["category"]);
  EXPECT_EQ(withheld, (std::vector<std::string>{"crossing_history", "hit_details"}));
}

TEST(WorkflowTest, ListsTravellersPresentBeyondTheirGrantedStay) {
  TestNode node(UseConfigFiles);
  auto officer = node.LoggedIn("officer");
  for (const char* number : {"FR0000001", "FR0000002"}) {
    HttpResult inspected =
        officer->Send("POST", "/api/v1/inspections", InspectionBody(Mrz(number)).dump());
    ASSERT_EQ(inspected.status, 201) << inspected.body;
    const int days = std::string(number) == "FR0000001" ? 2 : 30;
    HttpResult admitted =
        officer->Send("POST", "/api/v1/crossings",
                      json{{"inspection_id", json::parse(inspected.body)["inspection_id"]},
                           {"decision", "admitted"},
                           {"granted_stay_days", days}}
                          .dump());
    ASSERT_EQ(admitted.status, 201) << admitted.body;
  }
  node.clock().Advance(6 * kMicrosPerDay);  // 2026-12-02.

  auto analyst = node.LoggedIn("analyst");
  EXPECT_EQ(analyst->Send("GET", "/api/v1/overstays").status, 400);  // No purpose stated.
  HttpResult listed = analyst->Send("GET", "/api/v1/overstays?purpose=inland%20follow-up");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json body = json::parse(listed.body);
  EXPECT_EQ(body["as_of"], "2026-12-02");
  ASSERT_EQ(body["overstayers"].size(), 1u) << listed.body;
  EXPECT_EQ(body["overstayers"][0]["entered_on"], "2026-11-26");
  EXPECT_EQ(body["overstayers"][0]["latest_lawful_exit"], "2026-11-27");
  EXPECT_GT(body["overstayers"][0]["overstay_days"].get<int>(), 0) << listed.body;
  auto auditor = node.LoggedIn("auditor");
  EXPECT_EQ(auditor->Send("GET", "/api/v1/overstays?purpose=x").status, 403);
}

}  // namespace
}  // namespace limen::testing
