// Referrals and multi-agency cases through the API (docs/cases.md): an immigration officer refers
// a traveller, other agencies work their parts of the case and each reader sees only what
// config/policy.toml grants, refused changes and bad input write nothing, and the whole policy
// matrix (tests/data/policy/matrix.tsv) is checked against the case and inspection responses.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document/generate.h"
#include "core/screening/import.h"
#include "core/screening/screener.h"
#include "integration/test_node.h"
#include "store/store.h"

namespace limen::testing {
namespace {

using nlohmann::json;

const std::vector<std::pair<std::string, std::string>> kPurpose = {
    {"X-Purpose", "secondary inspection of the referred traveller"}};

std::string Mrz(const std::string& number) {
  core::document::DocumentData data;
  data.format = core::document::DocumentFormat::kTd3;
  data.issuing_state = "FRA";
  data.nationality = "FRA";
  data.primary_identifier = "MARTIN";
  data.secondary_identifier = "CLAIRE";
  data.document_number = number;
  data.birth_date = CivilDate{1980, 5, 6};
  data.sex = "F";
  data.expiry_date = CivilDate{2031, 1, 1};
  auto generated = core::document::GenerateMrz(data);
  EXPECT_TRUE(generated.ok()) << generated.status().ToString();
  if (!generated.ok()) return "";
  return generated->lines[0] + "\n" + generated->lines[1];
}

json InspectionBody(const std::string& mrz) {
  return {{"mrz", mrz}, {"post", "UTO-AIR1"}, {"direction", "entry"}, {"lane", "2"}};
}

// A node with the shipped stay rules and policy, and a watchlist on which Claire MARTIN is listed,
// so that her inspections have one hit.
std::unique_ptr<TestNode> StartNode() {
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

// Claire MARTIN's first entry (admitted after her hit is adjudicated, so she has a crossing
// history), then a second inspection by the officer a week later; returns the second
// inspection's id. Sessions do not last a week: log in after calling this.
std::string InspectTwice(TestNode& node, const std::string& number) {
  auto officer = node.LoggedIn("officer");
  HttpResult first =
      officer->Send("POST", "/api/v1/inspections", InspectionBody(Mrz(number)).dump());
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
      officer->Send("POST", "/api/v1/inspections", InspectionBody(Mrz(number)).dump());
  EXPECT_EQ(second.status, 201) << second.body;
  return Parsed(second).value("inspection_id", "");
}

// Decides the inspection "referred" with a referral to secondary inspection; returns the case id.
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
  return client.Send("GET", "/api/v1/cases/" + case_id, "", kPurpose);
}

TEST(CaseTest, CustomsSeesItsCaseButNotImmigrationOnlyFields) {
  auto node = StartNode();
  const std::string inspection_id = InspectTwice(*node, "FR1000001");
  auto officer = node->LoggedIn("officer");
  auto customs = node->LoggedIn("customs");
  const std::string case_id = ReferToSecondary(*officer, inspection_id);
  ASSERT_FALSE(case_id.empty());
  const std::string base = "/api/v1/cases/" + case_id;
  ASSERT_EQ(
      Post(*officer, base + "/notes", {{"text", "Informant says the trip is a cover."}}).status,
      201);

  // Immigration refers the traveller on to customs: the open case gains a customs part.
  HttpResult referral = Post(*officer, "/api/v1/referrals",
                             {{"inspection_id", inspection_id},
                              {"agency", "customs"},
                              {"reason", "Large amount of cash declared at the counter."}});
  ASSERT_EQ(referral.status, 201) << referral.body;
  EXPECT_EQ(Parsed(referral)["case_id"], case_id);
  EXPECT_EQ(Parsed(referral)["opened_case"], false);

  // Customs finds the case in its queue...
  HttpResult queue = customs->Send("GET", "/api/v1/cases", "", kPurpose);
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(Parsed(queue)["cases"].size(), 1u) << queue.body;
  EXPECT_EQ(Parsed(queue)["agency"], "customs");
  EXPECT_EQ(Parsed(queue)["cases"][0]["case_id"], case_id);
  EXPECT_EQ(Parsed(queue)["cases"][0]["reason"], "Large amount of cash declared at the counter.");

  // ...and reads who and which document, that a hit exists, but neither the immigration notes nor
  // the hit details nor the crossing history.
  HttpResult read = GetCase(*customs, case_id);
  ASSERT_EQ(read.status, 200) << read.body;
  json view = Parsed(read);
  EXPECT_EQ(view["identity"]["surname"], "MARTIN");
  EXPECT_EQ(view["document"]["number"], "FR1000001");
  EXPECT_FALSE(view.contains("crossing_history")) << read.body;
  ASSERT_EQ(view["hits"].size(), 1u);
  EXPECT_EQ(view["hits"][0]["list"], "national");
  EXPECT_FALSE(view["hits"][0].contains("score"));
  ASSERT_NE(PartOf(view, "immigration"), nullptr);
  EXPECT_FALSE(PartOf(view, "immigration")->contains("notes")) << read.body;
  EXPECT_EQ(read.body.find("Informant"), std::string::npos);
  EXPECT_EQ(Withheld(view), (std::vector<std::string>{"crossing_history", "hit_details",
                                                      "case_notes:immigration"}));

  // Customs works its part; it may not touch immigration's.
  EXPECT_EQ(ErrorCode(Post(*customs, base + "/status",
                           {{"agency", "secondary"}, {"status", "in_progress"}})),
            "CASE_NOT_YOUR_PART");
  EXPECT_EQ(ErrorCode(Post(*customs, base + "/notes",
                           {{"agency", "immigration"}, {"text", "Looks fine to us."}})),
            "CASE_NOT_YOUR_PART");
  ASSERT_EQ(Post(*customs, base + "/status", {{"status", "in_progress"}}).status, 200);
  ASSERT_EQ(
      Post(*customs, base + "/notes", {{"text", "Cash counted: 9,800 EUR, declared."}}).status,
      201);
  HttpResult attached = Post(*customs, base + "/attachments",
                             {{"name", "declaration.pdf"},
                              {"media_type", "application/pdf"},
                              {"size_bytes", 48213},
                              {"sha256", std::string(64, 'A')}});
  ASSERT_EQ(attached.status, 201) << attached.body;
  EXPECT_EQ(Parsed(attached)["sha256"], std::string(64, 'a'));
  HttpResult cleared = Post(*customs, base + "/status",
                            {{"status", "cleared"}, {"outcome", "Cash declared; no offence."}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(Parsed(customs->Send("GET", "/api/v1/cases", "", kPurpose))["cases"].empty());

  // The referring officer sees customs' outcome and attachment, not customs' notes.
  HttpResult followed = GetCase(*officer, case_id);
  ASSERT_EQ(followed.status, 200) << followed.body;
  json outcome_view = Parsed(followed);
  EXPECT_EQ(outcome_view["referring_officer"], "officer");
  EXPECT_EQ(outcome_view["outcome"]["outcomes"],
            json::array({{{"agency", "customs"}, {"outcome", "Cash declared; no offence."}}}));
  const json* customs_part = PartOf(outcome_view, "customs");
  ASSERT_NE(customs_part, nullptr);
  EXPECT_EQ((*customs_part)["status"], "cleared");
  EXPECT_EQ((*customs_part)["attachments"][0]["name"], "declaration.pdf");
  EXPECT_FALSE(customs_part->contains("notes"));
  EXPECT_EQ((*PartOf(outcome_view, "immigration"))["notes"][0]["text"],
            "Informant says the trip is a cover.");
  EXPECT_EQ(Withheld(outcome_view), (std::vector<std::string>{"case_notes:customs"}));

  // Immigration's supervisor coordinates: every agency's notes, nothing withheld.
  json coordinated = Parsed(GetCase(*node->LoggedIn("supervisor"), case_id));
  EXPECT_TRUE(coordinated["withheld"].empty()) << coordinated.dump();
  EXPECT_EQ((*PartOf(coordinated, "customs"))["notes"].size(), 1u);

  // Every read was audited with its purpose.
  auto auditor = node->LoggedIn("auditor");
  HttpResult audit = auditor->Send("GET", "/api/v1/audit?route=/api/v1/cases/%7Bid%7D");
  ASSERT_EQ(audit.status, 200) << audit.body;
  const json records = Parsed(audit)["records"];
  EXPECT_EQ(records.size(), 3u) << audit.body;
  for (const json& record : records) {
    EXPECT_EQ(record["purpose"], kPurpose[0].second);
    EXPECT_EQ(record["record_id"], case_id);
  }
}

TEST(CaseTest, CustomsHandsOverToPoliceInOneEvent) {
  auto node = StartNode();
  const std::string inspection_id = InspectTwice(*node, "FR1000002");
  auto officer = node->LoggedIn("officer");
  auto customs = node->LoggedIn("customs");
  auto police = node->LoggedIn("police");
  HttpResult referral =
      Post(*officer, "/api/v1/referrals",
           {{"inspection_id", inspection_id}, {"agency", "customs"}, {"reason", "Baggage scan."}});
  ASSERT_EQ(referral.status, 201) << referral.body;
  EXPECT_EQ(Parsed(referral)["opened_case"], true);
  const std::string case_id = Parsed(referral)["case_id"];
  const std::string base = "/api/v1/cases/" + case_id;
  ASSERT_EQ(Post(*customs, base + "/status", {{"status", "in_progress"}}).status, 200);
  // Police has no part yet: it may neither read the case nor act on it.
  EXPECT_EQ(ErrorCode(GetCase(*police, case_id)), "CASE_NOT_INVOLVED");

  node->clock().Advance(60 * kMicrosPerSecond);
  const int64_t events = EventCount(*node);
  HttpResult handed = Post(*customs, base + "/status",
                           {{"status", "handed_over"},
                            {"outcome", "Weapon in the bag; police takes over."},
                            {"hand_over_to", "police"}});
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(EventCount(*node), events + 1);
  EXPECT_EQ(Parsed(handed)["status"], "in_progress");

  HttpResult queue = police->Send("GET", "/api/v1/cases", "", kPurpose);
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(Parsed(queue)["cases"].size(), 1u);
  EXPECT_EQ(Parsed(queue)["cases"][0]["reason"], "Handed over by customs");
  json view = Parsed(GetCase(*police, case_id));
  EXPECT_EQ((*PartOf(view, "customs"))["status"], "handed_over");
  EXPECT_EQ((*PartOf(view, "police"))["status"], "open");
  EXPECT_TRUE(view.contains("crossing_history"));  // Police reads the history (policy.toml).
  EXPECT_TRUE(view["hits"][0].contains("score"));

  node->clock().Advance(60 * kMicrosPerSecond);
  ASSERT_EQ(Post(*police, base + "/status", {{"status", "in_progress"}}).status, 200);
  HttpResult closed = Post(*police, base + "/status",
                           {{"status", "refused"}, {"outcome", "Arrested; entry refused."}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(Parsed(closed)["status"], "refused");
  json outcome = Parsed(GetCase(*officer, case_id))["outcome"];
  EXPECT_EQ(outcome["status"], "refused");
  EXPECT_EQ(outcome["outcomes"].size(), 2u) << outcome.dump();

  // A referral for the same inspection now opens a new case: the first one is closed.
  HttpResult again =
      Post(*officer, "/api/v1/referrals",
           {{"inspection_id", inspection_id}, {"agency", "health"}, {"reason", "Injured."}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Parsed(again)["opened_case"], true);
  EXPECT_NE(Parsed(again)["case_id"], case_id);
}

TEST(CaseTest, RefusedTransitionsWriteNothing) {
  auto node = StartNode();
  const std::string inspection_id = InspectTwice(*node, "FR1000003");
  auto officer = node->LoggedIn("officer");
  auto customs = node->LoggedIn("customs");
  const std::string case_id = ReferToSecondary(*officer, inspection_id);
  const std::string base = "/api/v1/cases/" + case_id;
  ASSERT_EQ(
      Post(*officer, base + "/agencies", {{"agency", "customs"}, {"reason", "Goods."}}).status,
      201);
  const int64_t events = EventCount(*node);
  struct Refused {
    HttpClient* client;
    std::string route;
    json body;
    int status;
    std::string code;
  };
  const Refused refused[] = {
      {officer.get(),
       "/status",
       {{"status", "cleared"}, {"outcome", "x"}},
       409,
       "CASE_TRANSITION_NOT_ALLOWED"},
      {officer.get(), "/status", {{"status", "open"}}, 400, "FIELD_INVALID"},
      {officer.get(),
       "/status",
       {{"status", "handed_over"}, {"outcome", "x"}},
       400,
       "CASE_HANDOVER_TARGET_REQUIRED"},
      {officer.get(),
       "/status",
       {{"status", "handed_over"}, {"outcome", "x"}, {"hand_over_to", "coastguard"}},
       400,
       "CASE_AGENCY_UNKNOWN"},
      {officer.get(),
       "/status",
       {{"status", "handed_over"}, {"outcome", "x"}, {"hand_over_to", "customs"}},
       409,
       "CASE_AGENCY_ALREADY_INVOLVED"},
      {officer.get(),
       "/status",
       {{"agency", "police"}, {"status", "in_progress"}},
       404,
       "CASE_AGENCY_NOT_INVOLVED"},
      {customs.get(),
       "/status",
       {{"agency", "immigration"}, {"status", "in_progress"}},
       403,
       "CASE_NOT_YOUR_PART"},
      {officer.get(),
       "/agencies",
       {{"agency", "customs"}, {"reason", "Again."}},
       409,
       "CASE_AGENCY_ALREADY_INVOLVED"},
      {officer.get(), "/notes", {{"text", ""}}, 400, "CASE_NOTE_EMPTY"},
  };
  for (const Refused& attempt : refused) {
    HttpResult result = Post(*attempt.client, base + attempt.route, attempt.body);
    EXPECT_EQ(result.status, attempt.status) << attempt.body.dump() << " " << result.body;
    EXPECT_EQ(ErrorCode(result), attempt.code) << attempt.body.dump();
  }
  EXPECT_EQ(EventCount(*node), events);

  // A final part cannot move again.
  ASSERT_EQ(Post(*officer, base + "/status", {{"status", "in_progress"}}).status, 200);
  ASSERT_EQ(Post(*officer, base + "/status", {{"status", "cleared"}, {"outcome", "Fine."}}).status,
            200);
  const int64_t closed = EventCount(*node);
  HttpResult reopened = Post(*officer, base + "/status", {{"status", "in_progress"}});
  EXPECT_EQ(ErrorCode(reopened), "CASE_TRANSITION_NOT_ALLOWED");
  HttpResult empty_outcome = Post(*customs, base + "/status", {{"status", "in_progress"}});
  ASSERT_EQ(empty_outcome.status, 200);
  EXPECT_EQ(ErrorCode(Post(*customs, base + "/status", {{"status", "cleared"}})),
            "CASE_OUTCOME_REQUIRED");
  EXPECT_EQ(EventCount(*node), closed + 1);  // Only customs' move to in_progress.
}

TEST(CaseTest, BadInputAndForeignCallersWriteNothing) {
  auto node = StartNode();
  const std::string inspection_id = InspectTwice(*node, "FR1000004");
  auto officer = node->LoggedIn("officer");
  auto customs = node->LoggedIn("customs");
  auto police = node->LoggedIn("police");
  auto officer2 = node->LoggedIn("officer2");  // Covers UTO-LAND1 only.
  auto analyst = node->LoggedIn("analyst");
  HttpResult opened =
      Post(*officer, "/api/v1/referrals",
           {{"inspection_id", inspection_id}, {"agency", "customs"}, {"reason", "Goods."}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string base = "/api/v1/cases/" + Parsed(opened)["case_id"].get<std::string>();
  const int64_t events = EventCount(*node);

  struct Bad {
    HttpClient* client;
    std::string route;
    json body;
    int status;
    std::string code;
  };
  const std::string sha(64, 'f');
  const Bad bad[] = {
      {officer.get(),
       "/api/v1/referrals",
       {{"inspection_id", "insp-missing"}, {"agency", "customs"}, {"reason", "x"}},
       404,
       "INSPECTION_NOT_FOUND"},
      {officer.get(),
       "/api/v1/referrals",
       {{"inspection_id", inspection_id}, {"agency", "coastguard"}, {"reason", "x"}},
       400,
       "CASE_AGENCY_UNKNOWN"},
      {officer.get(),
       "/api/v1/referrals",
       {{"inspection_id", inspection_id}, {"agency", "police"}, {"reason", ""}},
       400,
       "CASE_REASON_REQUIRED"},
      {officer.get(),
       "/api/v1/referrals",
       {{"inspection_id", inspection_id}, {"agency", "police"}},
       400,
       "CASE_REASON_REQUIRED"},
      {officer.get(),
       "/api/v1/referrals",
       {{"agency", "police"}, {"reason", "x"}},
       400,
       "FIELD_MISSING"},
      {officer2.get(),
       "/api/v1/referrals",
       {{"inspection_id", inspection_id}, {"agency", "police"}, {"reason", "x"}},
       403,
       "POST_SCOPE"},
      {analyst.get(),
       "/api/v1/referrals",
       {{"inspection_id", inspection_id}, {"agency", "police"}, {"reason", "x"}},
       403,
       "ROLE_FORBIDDEN"},
      {officer.get(),
       "/api/v1/crossings",
       {{"inspection_id", inspection_id},
        {"decision", "referred"},
        {"note", "x"},
        {"referral", {{"agency", "coastguard"}, {"reason", "x"}}}},
       400,
       "CASE_AGENCY_UNKNOWN"},
      {officer.get(),
       "/api/v1/crossings",
       {{"inspection_id", inspection_id},
        {"decision", "refused"},
        {"refusal_codes", {"C"}},
        {"referral", {{"agency", "police"}, {"reason", "x"}}}},
       400,
       "FIELD_INVALID"},
      {officer.get(), "/api/v1/cases/case-missing/notes", {{"text", "x"}}, 404, "CASE_NOT_FOUND"},
      {police.get(),
       base + "/agencies",
       {{"agency", "health"}, {"reason", "x"}},
       403,
       "CASE_NOT_INVOLVED"},
      {police.get(),
       base + "/notes",
       {{"agency", "police"}, {"text", "x"}},
       404,
       "CASE_AGENCY_NOT_INVOLVED"},
      {customs.get(),
       base + "/attachments",
       {{"name", "a.pdf"}, {"media_type", "application/pdf"}, {"size_bytes", 1}, {"sha256", "ab"}},
       400,
       "FIELD_INVALID"},
      {customs.get(),
       base + "/attachments",
       {{"name", "a.pdf"}, {"media_type", "application/pdf"}, {"size_bytes", -1}, {"sha256", sha}},
       400,
       "CASE_ATTACHMENT_SIZE"},
      {customs.get(),
       base + "/attachments",
       {{"name", ""}, {"media_type", "application/pdf"}, {"size_bytes", 1}, {"sha256", sha}},
       400,
       "CASE_ATTACHMENT_NAME"},
  };
  for (const Bad& attempt : bad) {
    HttpResult result = Post(*attempt.client, attempt.route, attempt.body);
    EXPECT_EQ(result.status, attempt.status) << attempt.route << " " << result.body;
    EXPECT_EQ(ErrorCode(result), attempt.code) << attempt.route << " " << attempt.body.dump();
  }
  EXPECT_EQ(EventCount(*node), events);

  // Reads: a purpose is required, and another agency's queue needs the policy's leave.
  EXPECT_EQ(ErrorCode(customs->Send("GET", "/api/v1/cases")), "PURPOSE_REQUIRED");
  EXPECT_EQ(ErrorCode(customs->Send("GET", "/api/v1/cases?agency=police", "", kPurpose)),
            "CASE_QUEUE_DENIED");
  auto supervisor = node->LoggedIn("supervisor");
  HttpResult coordinated = supervisor->Send("GET", "/api/v1/cases?agency=customs", "", kPurpose);
  ASSERT_EQ(coordinated.status, 200) << coordinated.body;
  EXPECT_EQ(Parsed(coordinated)["cases"].size(), 1u);
  EXPECT_EQ(ErrorCode(officer->Send("GET", "/api/v1/cases/case-missing", "", kPurpose)),
            "CASE_NOT_FOUND");

  // The failed referral left the inspection undecided: the same decision with a good referral
  // now records the crossing and the referral together.
  HttpResult referred = Post(*officer, "/api/v1/crossings",
                             {{"inspection_id", inspection_id},
                              {"decision", "referred"},
                              {"note", "x"},
                              {"referral", {{"agency", "police"}, {"reason", "Alert."}}}});
  ASSERT_EQ(referred.status, 201) << referred.body;
  EXPECT_EQ(Parsed(referred)["case"]["opened_case"], false);
  EXPECT_EQ(EventCount(*node), events + 2);  // The crossing and the police part.
}

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

TEST(CaseTest, EveryReaderSeesWhatThePolicyMatrixGrants) {
  auto node = StartNode();
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
    HttpResult inspected =
        client->Send("POST", "/api/v1/inspections", InspectionBody(Mrz("FR1000005")).dump());
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
