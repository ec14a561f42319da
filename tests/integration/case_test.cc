// Referrals and multi-agency cases through the API (docs/cases.md): an immigration officer refers
// a traveller to customs, which sees its case but not the immigration-only fields; a handover;
// refused transitions and bad input write nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "integration/case_fixture.h"
#include "integration/test_node.h"

namespace limen::testing {
namespace {

using nlohmann::json;

TEST(CaseTest, CustomsSeesItsCaseButNotImmigrationOnlyFields) {
  auto node = StartCaseNode();
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
  HttpResult queue = customs->Send("GET", "/api/v1/cases", "", kCasePurpose);
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
  EXPECT_TRUE(Parsed(customs->Send("GET", "/api/v1/cases", "", kCasePurpose))["cases"].empty());

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
    EXPECT_EQ(record["purpose"], kCasePurpose[0].second);
    EXPECT_EQ(record["record_id"], case_id);
  }
}

TEST(CaseTest, CustomsHandsOverToPoliceInOneEvent) {
  auto node = StartCaseNode();
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

  HttpResult queue = police->Send("GET", "/api/v1/cases", "", kCasePurpose);
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
  auto node = StartCaseNode();
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
  auto node = StartCaseNode();
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
  EXPECT_EQ(ErrorCode(customs->Send("GET", "/api/v1/cases?agency=police", "", kCasePurpose)),
            "CASE_QUEUE_DENIED");
  auto supervisor = node->LoggedIn("supervisor");
  HttpResult coordinated =
      supervisor->Send("GET", "/api/v1/cases?agency=customs", "", kCasePurpose);
  ASSERT_EQ(coordinated.status, 200) << coordinated.body;
  EXPECT_EQ(Parsed(coordinated)["cases"].size(), 1u);
  EXPECT_EQ(ErrorCode(officer->Send("GET", "/api/v1/cases/case-missing", "", kCasePurpose)),
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

}  // namespace
}  // namespace limen::testing
