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
#include "store/watchlist_store.h"

namespace limen::testing {
namespace {

using nlohmann::json;

json InspectionBody(const std::string& mrz, const std::string& post = "UTO-AIR1") {
  return {{"mrz", mrz},
          {"post", post},
          {"lane", "3"},
          {"direction", "entry"},
          {"transport_mode", "air"},
          {"flight_or_vehicle", "UT123"},
          {"purpose_of_travel", "tourism"}};
}

TEST(WorkflowTest, AdmitsAFirstEntryAndShowsItAtTheNextInspection) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  const std::string mrz = TestPassportMrz("FR1234567");

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
  const std::string mrz = TestPassportMrz("LOST12345", "D", "MUELLER", "HANS");
  const std::filesystem::path registry =
      std::filesystem::temp_directory_path() /
      ("limen-wire-registry-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream csv(registry);
    csv << "issuing_state,number,type,reason,reported_on,source\n"
           "D,LOST12345,passport,lost,2026-10-01,national\n";
  }
  TestNode node([&](server::Config& config) {
    UseShippedRules(config);
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
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");  // Covers UTO-AIR1 only.
  const std::string mrz = TestPassportMrz("FR7654321");
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

// Lists Claire MARTIN (n-7) and Marc DUBOIS (p-9, owned by the police) on list "national", both
// stored (so that adjudications are remembered) and in the node's screening index.
void ListWatchlist(TestNode& node) {
  core::screening::ImportOptions options;
  options.list_id = "national";
  auto imported = core::screening::ImportCsv(
      "id,name,aliases,dob,nationality,sex\n"
      "n-7,Claire MARTIN,,1980-05-06,FRA,F\n"
      "p-9,Marc DUBOIS,,1980-05-06,FRA,M\n",
      options);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  imported->entries[1].owning_agency = "police";
  store::WatchlistImport list{
      .list_id = "national", .version = "test-1", .entries = imported->entries};
  ASSERT_TRUE(node.app()
                  .store()
                  .Write([&](store::WriteTxn& txn) {
                    return store::SaveWatchlistImport(txn, "system", list).status();
                  })
                  .ok());
  node.app().screener().Replace(imported->entries, "test-1");
}

TEST(WorkflowTest, AdmissionNeedsEveryHitAdjudicatedAndADismissedHitIsRemembered) {
  TestNode node(UseShippedRules);
  ListWatchlist(node);
  auto officer = node.LoggedIn("officer");
  const std::string mrz = TestPassportMrz("FR1112223");

  HttpResult inspected = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
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
  EXPECT_EQ(EventCount(node), events + 2);  // The crossing and the remembered adjudication.

  // Her next inspection does not alert on the same entry again.
  HttpResult next = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_TRUE(json::parse(next.body)["hits"].empty()) << next.body;
}

TEST(WorkflowTest, AnExpiredAlertDoesNotAlert) {
  TestNode node(UseShippedRules);
  core::screening::ImportOptions options;
  options.list_id = "national";
  auto imported = core::screening::ImportCsv(
      "id,name,aliases,dob,nationality,sex\nn-7,Claire MARTIN,,1980-05-06,FRA,F\n", options);
  ASSERT_TRUE(imported.ok());
  // The alert lapsed the day before the inspection (2026-11-26).
  imported->entries[0].valid_until_days = DaysFromCivil(CivilDate{2026, 11, 25});
  node.app().screener().Replace(imported->entries, "test-1");
  auto officer = node.LoggedIn("officer");
  HttpResult inspected = officer->Send("POST", "/api/v1/inspections",
                                       InspectionBody(TestPassportMrz("FR4564564")).dump());
  ASSERT_EQ(inspected.status, 201) << inspected.body;
  EXPECT_TRUE(json::parse(inspected.body)["hits"].empty()) << inspected.body;
  HttpResult screened =
      officer->Send("POST", "/api/v1/screen",
                    json{{"name", "Claire MARTIN"}, {"date_of_birth", "1980-05-06"}}.dump());
  ASSERT_EQ(screened.status, 200) << screened.body;
  json hits = json::parse(screened.body)["hits"];
  ASSERT_FALSE(hits.empty()) << screened.body;
  EXPECT_EQ(hits[0]["alert"], false) << screened.body;
  EXPECT_EQ(hits[0]["outside_validity"], true) << screened.body;
}

TEST(WorkflowTest, AConfirmedHitNotifiesTheOwningAgency) {
  TestNode node(UseShippedRules);
  ListWatchlist(node);
  auto officer = node.LoggedIn("officer");
  HttpResult inspected =
      officer->Send("POST", "/api/v1/inspections",
                    InspectionBody(TestPassportMrz("FR9990001", "FRA", "DUBOIS", "MARC")).dump());
  ASSERT_EQ(inspected.status, 201) << inspected.body;
  json inspection = json::parse(inspected.body);
  ASSERT_EQ(inspection["hits"].size(), 1u) << inspected.body;
  EXPECT_EQ(inspection["hits"][0]["owning_agency"], "police");

  HttpResult refused = officer->Send(
      "POST", "/api/v1/crossings",
      json{{"inspection_id", inspection["inspection_id"]},
           {"decision", "refused"},
           {"refusal_codes", {"D"}},
           {"note", "Alert confirmed against the photo."},
           {"adjudications",
            {{{"hit_id", "p-9"}, {"adjudication", "confirmed"}, {"note", "Same person."}}}}}
          .dump());
  ASSERT_EQ(refused.status, 201) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["agencies_to_notify"], json::array({"police"}));
}

TEST(WorkflowTest, RefersWhenTheStayRulesAreAbsent) {
  TestNode node([](server::Config& config) {
    UseShippedRules(config);
    config.workflow.stay_rules_file = "/nonexistent/stay-rules.toml";
  });
  auto officer = node.LoggedIn("officer");
  HttpResult inspected = officer->Send("POST", "/api/v1/inspections",
                                       InspectionBody(TestPassportMrz("FR9998887")).dump());
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
  TestNode node(UseShippedRules);
  core::screening::ImportOptions options;
  options.list_id = "national";
  auto imported = core::screening::ImportCsv(
      "id,name,aliases,dob,nationality,sex\n"
      "n-7,Claire MARTIN,,1980-05-06,FRA,F\n",
      options);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  node.app().screener().Replace(imported->entries, "test-1");
  const json body = InspectionBody(TestPassportMrz("FR4445556"));

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
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  for (const char* number : {"FR0000001", "FR0000002"}) {
    HttpResult inspected = officer->Send("POST", "/api/v1/inspections",
                                         InspectionBody(TestPassportMrz(number)).dump());
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

  officer = node.LoggedIn("officer");
  EXPECT_EQ(officer->Send("GET", "/api/v1/overstays").status, 400);  // No purpose stated.
  HttpResult listed = officer->Send("GET", "/api/v1/overstays?purpose=inland%20follow-up");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json body = json::parse(listed.body);
  EXPECT_EQ(body["as_of"], "2026-12-02");
  EXPECT_EQ(body["count"], 1);
  EXPECT_TRUE(body["withheld"].empty());
  ASSERT_EQ(body["overstayers"].size(), 1u) << listed.body;
  EXPECT_EQ(body["overstayers"][0]["entered_on"], "2026-11-26");
  EXPECT_EQ(body["overstayers"][0]["latest_lawful_exit"], "2026-11-27");
  EXPECT_GT(body["overstayers"][0]["overstay_days"].get<int>(), 0) << listed.body;
  // Analysts may read statistics only: the count, without the persons.
  auto analyst = node.LoggedIn("analyst");
  HttpResult counted = analyst->Send("GET", "/api/v1/overstays?purpose=monthly%20figures");
  ASSERT_EQ(counted.status, 200) << counted.body;
  json figures = json::parse(counted.body);
  EXPECT_EQ(figures["count"], 1);
  EXPECT_FALSE(figures.contains("overstayers")) << counted.body;
  ASSERT_EQ(figures["withheld"].size(), 1u);
  EXPECT_EQ(figures["withheld"][0]["category"], "crossing_history");
  auto auditor = node.LoggedIn("auditor");
  EXPECT_EQ(auditor->Send("GET", "/api/v1/overstays?purpose=x").status, 403);
}

// Inspects `mrz` at UTO-AIR1 and returns the traveller id the inspection linked it to.
std::string InspectedTraveller(HttpClient& officer, const std::string& mrz) {
  HttpResult inspected = officer.Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  EXPECT_EQ(inspected.status, 201) << inspected.body;
  json body = json::parse(inspected.body, nullptr, false);
  if (!body.is_object() || !body.contains("identity")) return "";
  return body["identity"]["traveller_id"];
}

json ReadTraveller(HttpClient& client, const std::string& id) {
  HttpResult read = client.Send("GET", "/api/v1/travellers/" + id + "?purpose=identity+review");
  EXPECT_EQ(read.status, 200) << read.body;
  return json::parse(read.body, nullptr, false);
}

TEST(WorkflowTest, ShowsNamesakesAsCandidatesAndFlagsAReusedDocument) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  const std::string first = InspectedTraveller(*officer, TestPassportMrz("FR6666666"));

  // A new passport with the same name, date of birth, sex and nationality: a candidate with the
  // features that fired, recorded under a new traveller until a supervisor merges them.
  HttpResult renewed = officer->Send("POST", "/api/v1/inspections",
                                     InspectionBody(TestPassportMrz("FR7777777")).dump());
  ASSERT_EQ(renewed.status, 201) << renewed.body;
  json identity = json::parse(renewed.body)["identity"];
  EXPECT_EQ(identity["link"], "candidate") << identity.dump();
  EXPECT_NE(identity["traveller_id"], first);
  ASSERT_EQ(identity["matches"].size(), 1u) << identity.dump();
  EXPECT_EQ(identity["matches"][0]["traveller_id"], first);
  std::vector<std::string> codes;
  for (const json& reason : identity["matches"][0]["reasons"]) codes.push_back(reason["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"LINK_SAME_NAME", "LINK_SAME_DATE_OF_BIRTH",
                                             "LINK_SAME_SEX", "LINK_SHARED_NATIONALITY"}));
  EXPECT_TRUE(identity["impostor_indicators"].empty());

  // The first passport's number presented by somebody else: an impostor indicator and a referral.
  HttpResult reused =
      officer->Send("POST", "/api/v1/inspections",
                    InspectionBody(TestPassportMrz("FR6666666", "FRA", "DUBOIS", "MARC")).dump());
  ASSERT_EQ(reused.status, 201) << reused.body;
  json inspection = json::parse(reused.body);
  ASSERT_FALSE(inspection["identity"]["impostor_indicators"].empty()) << reused.body;
  EXPECT_EQ(inspection["identity"]["impostor_indicators"][0]["code"], "IDENTITY_DOCUMENT_REUSED");
  EXPECT_EQ(inspection["identity"]["impostor_indicators"][0]["traveller_id"], first);
  EXPECT_NE(inspection["recommendation"]["decision"], "admit") << reused.body;
}

TEST(WorkflowTest, AVisaRecordedForThePassportAuthorisesTheEntryAndCountsIt) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  auto supervisor = node.LoggedIn("supervisor");
  const std::string mrz = TestPassportMrz("N12345678", "IND", "SHARMA", "PRIYA");

  // Without a visa the stay is not authorised.
  HttpResult before = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  ASSERT_EQ(before.status, 201) << before.body;
  json refused = json::parse(before.body);
  EXPECT_EQ(refused["stay"]["verdict"], "not_authorised") << before.body;
  EXPECT_NE(refused["recommendation"]["decision"], "admit");

  // A single-entry visa for this passport; bad input writes nothing.
  json visa = {{"kind", "visa"},
               {"number", "UTO000123"},
               {"category", "C"},
               {"issuing_state", "IND"},
               {"document_number", "N12345678"},
               {"nationality", "IND"},
               {"valid_from", "2026-11-01"},
               {"valid_until", "2027-01-31"},
               {"entries_allowed", 1},
               {"duration_of_stay_days", 30}};
  const int64_t events = EventCount(node);
  json backwards = visa;
  backwards["valid_until"] = "2026-10-01";
  EXPECT_EQ(supervisor->Send("POST", "/api/v1/authorisations", backwards.dump()).status, 400);
  EXPECT_EQ(officer->Send("POST", "/api/v1/authorisations", visa.dump()).status, 403);
  EXPECT_EQ(EventCount(node), events);
  HttpResult recorded = supervisor->Send("POST", "/api/v1/authorisations", visa.dump());
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const std::string visa_id = json::parse(recorded.body)["id"];
  HttpResult duplicate = supervisor->Send("POST", "/api/v1/authorisations", visa.dump());
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(ErrorCode(duplicate), "AUTHORISATION_EXISTS");

  HttpResult with_visa = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  ASSERT_EQ(with_visa.status, 201) << with_visa.body;
  json inspection = json::parse(with_visa.body);
  EXPECT_EQ(inspection["stay"]["verdict"], "authorised") << with_visa.body;
  EXPECT_EQ(inspection["stay"]["authorisation"]["number"], "UTO000123");
  EXPECT_EQ(inspection["recommendation"]["decision"], "admit") << with_visa.body;

  // The decision records the rules version and the visa; the admitted entry uses the entry.
  HttpResult admitted = officer->Send("POST", "/api/v1/crossings",
                                      json{{"inspection_id", inspection["inspection_id"]},
                                           {"decision", "admitted"},
                                           {"granted_stay_days", 30}}
                                          .dump());
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  json crossing = json::parse(admitted.body);
  EXPECT_EQ(crossing["authorisation_id"], visa_id);
  EXPECT_EQ(crossing["stay_rules_version"], inspection["stay"]["rules_version"]);
  EXPECT_FALSE(crossing["stay_rules_version"].get<std::string>().empty());
  HttpResult listed = officer->Send(
      "GET", "/api/v1/authorisations?issuing_state=IND&number=N12345678&purpose=entry+check");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(json::parse(listed.body)["authorisations"][0]["entries_used"], 1);

  // Ten days later (new sessions) the single entry is used up; revoking is recorded once.
  node.clock().Advance(10LL * 86400 * kMicrosPerSecond);
  officer = node.LoggedIn("officer");
  supervisor = node.LoggedIn("supervisor");
  HttpResult again = officer->Send("POST", "/api/v1/inspections", InspectionBody(mrz).dump());
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(json::parse(again.body)["stay"]["verdict"], "not_authorised") << again.body;
  HttpResult revoked = supervisor->Send("POST", "/api/v1/authorisations/" + visa_id + "/revoke",
                                        json{{"reason", "Issued in error"}}.dump());
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(json::parse(revoked.body)["revoked"], true);
  EXPECT_EQ(supervisor
                ->Send("POST", "/api/v1/authorisations/" + visa_id + "/revoke",
                       json{{"reason", "again"}}.dump())
                .status,
            409);
}

// Inspects at UTO-AIR1 in `direction` and records the decision "admitted" (with a granted stay
// at entry); returns the inspection response.
json CrossAdmitted(HttpClient& officer, const std::string& mrz, const std::string& direction,
                   int granted_days = 0) {
  json request = InspectionBody(mrz);
  request["direction"] = direction;
  HttpResult inspected = officer.Send("POST", "/api/v1/inspections", request.dump());
  EXPECT_EQ(inspected.status, 201) << inspected.body;
  json inspection = json::parse(inspected.body, nullptr, false);
  json decision = {{"inspection_id", inspection.value("inspection_id", "")},
                   {"decision", "admitted"}};
  if (granted_days > 0) decision["granted_stay_days"] = granted_days;
  HttpResult decided = officer.Send("POST", "/api/v1/crossings", decision.dump());
  EXPECT_EQ(decided.status, 201) << decided.body;
  return inspection;
}

TEST(WorkflowTest, AReturnWithinTheAllowanceCountsEarlierDaysAndAnOverstayShowsAtExit) {
  TestNode node(UseShippedRules);
  const std::string mrz = TestPassportMrz("FR8888888");
  auto officer = node.LoggedIn("officer");
  CrossAdmitted(*officer, mrz, "entry", 90);  // 2026-11-26.
  node.clock().Advance(9 * kMicrosPerDay);
  officer = node.LoggedIn("officer");
  json left = CrossAdmitted(*officer, mrz, "exit");  // 2026-12-05: ten days of presence.
  EXPECT_EQ(left["stay"]["verdict"], "authorised") << left["stay"].dump();
  EXPECT_EQ(left["stay"]["overstay_days"], 0);

  // Back twenty days later: the ten days count in the 180-day window.
  node.clock().Advance(20 * kMicrosPerDay);  // 2026-12-25.
  officer = node.LoggedIn("officer");
  json back = CrossAdmitted(*officer, mrz, "entry", 5);
  EXPECT_EQ(back["stay"]["verdict"], "authorised") << back["stay"].dump();
  EXPECT_EQ(back["recommendation"]["decision"], "admit");
  const int used = back["stay"]["days_used"];
  EXPECT_GE(used, 10) << back["stay"].dump();
  EXPECT_EQ(used + back["stay"]["days_remaining"].get<int>(), 90) << back["stay"].dump();
  ASSERT_EQ(back["last_crossings"].size(), 2u);

  // Granted five days (to 2026-12-29) and leaving on 2027-01-02: an overstay at exit.
  node.clock().Advance(8 * kMicrosPerDay);
  officer = node.LoggedIn("officer");
  json request = InspectionBody(mrz);
  request["direction"] = "exit";
  HttpResult late = officer->Send("POST", "/api/v1/inspections", request.dump());
  ASSERT_EQ(late.status, 201) << late.body;
  json stay = json::parse(late.body)["stay"];
  EXPECT_EQ(stay["verdict"], "not_authorised") << stay.dump();
  EXPECT_EQ(stay["latest_lawful_exit"], "2026-12-29") << stay.dump();
  EXPECT_GT(stay["overstay_days"].get<int>(), 0);
  json recommendation = json::parse(late.body)["recommendation"];
  EXPECT_EQ(recommendation["decision"], "refer") << recommendation.dump();
  bool overstay_fired = false;
  for (const json& reason : recommendation["reasons"]) {
    overstay_fired = overstay_fired || reason["code"] == "OVERSTAY";
  }
  EXPECT_TRUE(overstay_fired) << recommendation.dump();
}

TEST(WorkflowTest, ACrossingTimeMayBeEarlierButNeverInTheFuture) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  HttpResult inspected = officer->Send("POST", "/api/v1/inspections",
                                       InspectionBody(TestPassportMrz("FR1231231")).dump());
  ASSERT_EQ(inspected.status, 201) << inspected.body;
  const std::string id = json::parse(inspected.body)["inspection_id"];
  node.clock().Advance(10 * 60 * kMicrosPerSecond);  // 08:10; the inspection began at 08:00.

  const int64_t events = EventCount(node);
  json decision = {{"inspection_id", id}, {"decision", "admitted"}, {"granted_stay_days", 30}};
  decision["crossing_time"] = "2026-11-26T09:00:00Z";
  HttpResult future = officer->Send("POST", "/api/v1/crossings", decision.dump());
  EXPECT_EQ(future.status, 400) << future.body;
  EXPECT_EQ(ErrorCode(future), "CROSSING_IN_FUTURE");
  decision["crossing_time"] = "yesterday";
  HttpResult unreadable = officer->Send("POST", "/api/v1/crossings", decision.dump());
  EXPECT_EQ(unreadable.status, 400) << unreadable.body;
  EXPECT_EQ(ErrorCode(unreadable), "FIELD_INVALID");
  EXPECT_EQ(EventCount(node), events);

  // A workstation that was offline sends the decision it took at 08:05.
  decision["crossing_time"] = "2026-11-26T08:05:00Z";
  HttpResult late = officer->Send("POST", "/api/v1/crossings", decision.dump());
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_EQ(json::parse(late.body)["time"], "2026-11-26T08:05:00.000000Z") << late.body;
}

TEST(WorkflowTest, MergesTwoTravellerRecordsAndUndoesTheMerge) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  auto supervisor = node.LoggedIn("supervisor");
  // The same person travelled on an old and a new passport: two records.
  const std::string first = InspectedTraveller(*officer, TestPassportMrz("FR1111111"));
  const std::string second = InspectedTraveller(*officer, TestPassportMrz("FR2222222"));
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  ASSERT_NE(first, second);

  // Refusals write nothing: officers may not merge, a reason is required, no self-merge.
  const int64_t events = EventCount(node);
  const std::string merges = "/api/v1/travellers/" + first + "/merges";
  json merge = {{"absorbed", second}, {"reason", "Same holder: old and renewed passport"}};
  EXPECT_EQ(officer->Send("POST", merges, merge.dump()).status, 403);
  HttpResult no_reason = supervisor->Send("POST", merges, json{{"absorbed", second}}.dump());
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(ErrorCode(no_reason), "FIELD_MISSING");
  HttpResult self =
      supervisor->Send("POST", merges, json{{"absorbed", first}, {"reason", "x"}}.dump());
  EXPECT_EQ(self.status, 409) << self.body;
  EXPECT_EQ(ErrorCode(self), "WORKFLOW_MERGE_INVALID");
  EXPECT_EQ(EventCount(node), events);

  HttpResult merged = supervisor->Send("POST", merges, merge.dump());
  ASSERT_EQ(merged.status, 201) << merged.body;
  EXPECT_EQ(json::parse(merged.body)["documents"].size(), 1u);
  EXPECT_EQ(EventCount(node), events + 1);
  json surviving = ReadTraveller(*supervisor, first);
  ASSERT_EQ(surviving["documents"].size(), 2u) << surviving.dump();
  json absorbed = ReadTraveller(*supervisor, second);
  EXPECT_EQ(absorbed["identity"]["status"], "merged");
  EXPECT_EQ(absorbed["identity"]["merged_into"], first);
  EXPECT_TRUE(absorbed["documents"].empty());
  // The next inspection of the absorbed record's passport lands on the surviving record.
  EXPECT_EQ(InspectedTraveller(*officer, TestPassportMrz("FR2222222")), first);

  // The undo restores both records exactly; a second undo finds nothing to undo.
  HttpResult undone = supervisor->Send("DELETE", merges + "/" + second);
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(ReadTraveller(*supervisor, first)["documents"].size(), 1u);
  absorbed = ReadTraveller(*supervisor, second);
  EXPECT_EQ(absorbed["identity"]["status"], "active");
  ASSERT_EQ(absorbed["documents"].size(), 1u);
  EXPECT_EQ(absorbed["documents"][0]["number"], "FR2222222");
  HttpResult again = supervisor->Send("DELETE", merges + "/" + second);
  EXPECT_EQ(again.status, 404) << again.body;

  // Both changes and every read are in the audit log.
  auto auditor = node.LoggedIn("auditor");
  HttpResult audit = auditor->Send("GET", "/api/v1/audit?record_type=traveller");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_GE(json::parse(audit.body)["records"].size(), 7u) << audit.body;
}

TEST(WorkflowTest, SplitsDocumentsOffATravellerAndUndoesTheSplit) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  auto supervisor = node.LoggedIn("supervisor");
  const std::string first = InspectedTraveller(*officer, TestPassportMrz("FR3333333"));
  const std::string second = InspectedTraveller(*officer, TestPassportMrz("FR4444444"));
  ASSERT_EQ(supervisor
                ->Send("POST", "/api/v1/travellers/" + first + "/merges",
                       json{{"absorbed", second}, {"reason", "Looked alike"}}.dump())
                .status,
            201);
  json record = ReadTraveller(*supervisor, first);
  ASSERT_EQ(record["documents"].size(), 2u);
  std::string moved_id;
  for (const json& document : record["documents"]) {
    if (document["number"] == "FR4444444") moved_id = document["id"];
  }

  const std::string splits = "/api/v1/travellers/" + first + "/splits";
  const int64_t events = EventCount(node);
  HttpResult bad_date = supervisor->Send("POST", splits,
                                         json{{"document_ids", {moved_id}},
                                              {"surname", "MARTIN"},
                                              {"date_of_birth", "1980-02-30"},
                                              {"reason", "Different holder"}}
                                             .dump());
  EXPECT_EQ(bad_date.status, 400) << bad_date.body;
  HttpResult not_owned = supervisor->Send(
      "POST", splits,
      json{{"document_ids", {"doc-unknown"}}, {"surname", "MARTIN"}, {"reason", "x"}}.dump());
  EXPECT_EQ(not_owned.status, 404) << not_owned.body;
  EXPECT_EQ(EventCount(node), events);

  HttpResult split = supervisor->Send("POST", splits,
                                      json{{"document_ids", {moved_id}},
                                           {"surname", "MARTIN"},
                                           {"given_names", "CLAIRE ANNE"},
                                           {"date_of_birth", "1980-05-06"},
                                           {"sex", "F"},
                                           {"nationalities", {"FRA"}},
                                           {"reason", "Photo shows a different holder"}}
                                          .dump());
  ASSERT_EQ(split.status, 201) << split.body;
  const std::string created = json::parse(split.body)["other_id"];
  EXPECT_EQ(ReadTraveller(*supervisor, first)["documents"].size(), 1u);
  json split_off = ReadTraveller(*supervisor, created);
  EXPECT_EQ(split_off["identity"]["given_names"], "CLAIRE ANNE");
  ASSERT_EQ(split_off["documents"].size(), 1u);
  EXPECT_EQ(split_off["documents"][0]["id"], moved_id);

  HttpResult undone = supervisor->Send("DELETE", splits + "/" + created);
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(ReadTraveller(*supervisor, first)["documents"].size(), 2u);
}

TEST(WorkflowTest, TravellerRecordsShowOnlyWhatThePolicyGrants) {
  TestNode node(UseShippedRules);
  auto officer = node.LoggedIn("officer");
  const std::string id = InspectedTraveller(*officer, TestPassportMrz("FR5555555"));
  auto customs = node.LoggedIn("customs");
  json seen = ReadTraveller(*customs, id);
  EXPECT_TRUE(seen.contains("identity"));
  EXPECT_TRUE(seen.contains("documents"));
  EXPECT_FALSE(seen.contains("crossings"));
  ASSERT_EQ(seen["withheld"].size(), 1u) << seen.dump();
  EXPECT_EQ(seen["withheld"][0]["category"], "crossing_history");
  // Reads need a purpose and a role that works with travellers.
  EXPECT_EQ(officer->Send("GET", "/api/v1/travellers/" + id).status, 400);
  EXPECT_EQ(node.LoggedIn("analyst")->Send("GET", "/api/v1/travellers/" + id + "?purpose=x").status,
            403);
  HttpResult unknown = officer->Send("GET", "/api/v1/travellers/trv-none?purpose=x");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorCode(unknown), "TRAVELLER_NOT_FOUND");
}

}  // namespace
}  // namespace limen::testing
