#include "server/api/inspection_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/document/generate.h"
#include "server/api/document_json.h"
#include "server/api/workflow_json.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;
using nlohmann::json;

// The response as it was built before it was written directly: every section as a JSON value,
// the identity added, then the sections the reader may not see erased and listed as withheld.
std::string ResponseBuiltAsJsonValue(const InspectionView& view, const InspectionAccess& access) {
  json hits = json::array();
  for (const insp::HitSummary& hit : view.hits) hits.push_back(HitToJson(hit));
  json last = json::array();
  for (size_t i = 0; i < view.crossings.size() && i < kLastCrossingsShown; ++i) {
    last.push_back(CrossingToJson(view.crossings[view.crossings.size() - 1 - i]));
  }
  json stay = view.stay != nullptr
                  ? StayToJson(*view.stay)
                  : json{{"verdict", "unknown"}, {"problem", std::string(view.stay_problem)}};
  json body = {{"document", DocumentReportToJson(*view.report)},
               {"lost_stolen", RegistryToJson(*view.registry)},
               {"hits", std::move(hits)},
               {"stay", std::move(stay)},
               {"last_crossings", std::move(last)},
               {"recommendation", RecommendationToJson(*view.recommendation)}};
  body["inspection_id"] = std::string(view.inspection_id);
  body["identity"] =
      IdentityToJson(std::string(view.traveller_id), view.first_seen, *view.link,
                     std::vector(view.impostor_indicators.begin(), view.impostor_indicators.end()));
  const std::pair<bool, std::vector<const char*>> sections[] = {
      {access.identity, {"identity"}},
      {access.document, {"document", "lost_stolen"}},
      {access.crossing_history, {"last_crossings", "stay"}},
      {access.hits, {"hits"}}};
  const char* const names[] = {"identity", "document", "crossing_history", "hits"};
  json withheld = json::array();
  for (size_t i = 0; i < 4; ++i) {
    if (sections[i].first) continue;
    for (const char* field : sections[i].second) body.erase(field);
    withheld.push_back({{"category", names[i]}, {"reason", "POLICY_DENIED"}});
  }
  if (body.contains("hits") && !access.hit_details) {
    for (json& hit : body["hits"]) hit.erase("score");
    withheld.push_back({{"category", "hit_details"}, {"reason", "POLICY_DENIED"}});
  }
  body["withheld"] = std::move(withheld);
  return body.dump();
}

// One inspection's worth of every section, with text that needs escaping here and there.
struct Sample {
  core::document::DocumentReport report;
  insp::RegistrySummary registry{
      .match = insp::RegistryMatch::kMisreadVariant, .reason = "stolen", .source = "interpol"};
  std::vector<insp::HitSummary> hits{{.hit_id = "W100",
                                      .list = "national",
                                      .owning_agency = "police",
                                      .score = 0.9125,
                                      .action = insp::HitAction::kSpecificCheck},
                                     {.hit_id = "W\"7\"",
                                      .list = "un\\sc",
                                      .owning_agency = "intelligence",
                                      .score = 1.0,
                                      .action = insp::HitAction::kArrest,
                                      .adjudication = insp::Adjudication::kConfirmed}};
  core::stay::StayEvaluation stay;
  std::vector<store::CrossingRow> crossings;
  insp::RecommendationResult recommendation;
  core::identity::LinkResult link;
  std::vector<core::identity::ImpostorIndicator> indicators{
      {.code = "IDENTITY_DOCUMENT_REUSED",
       .message = "Seen with another holder:\n\ttab, bell \x07 and \xc3\xa9.",
       .traveller_id = "trv-2",
       .document_id = "doc-9"}};

  Sample() {
    core::document::DocumentData data;
    data.format = core::document::DocumentFormat::kTd3;
    data.issuing_state = data.nationality = "UTO";
    data.document_number = "L898902C3";
    data.primary_identifier = "ERIKSSON";
    data.secondary_identifier = "ANNA MARIA";
    data.birth_date = CivilDate{1974, 8, 12};
    data.sex = "F";
    data.expiry_date = CivilDate{2032, 4, 15};
    Result<core::document::GeneratedMrz> mrz = core::document::GenerateMrz(data);
    EXPECT_TRUE(mrz.ok());
    Result<core::document::DocumentReport> parsed =
        core::document::ParseMrz(mrz->lines[0] + "\n" + mrz->lines[1],
                                 core::document::CheckOptions{.today = CivilDate{2026, 12, 2}});
    EXPECT_TRUE(parsed.ok());
    report = std::move(*parsed);

    stay.verdict = core::stay::StayVerdict::kAuthorised;
    stay.rules_version = "2026-11";
    stay.regime = "visa_free_90_180";
    stay.exemption = "EU \"family\"";
    stay.authorisation_required = true;
    stay.authorisation = core::stay::Authorisation{.kind = core::stay::AuthorisationKind::kVisa,
                                                   .number = "V123",
                                                   .category = "C",
                                                   .valid_until = CivilDate{2027, 1, 31},
                                                   .entries_allowed = 2,
                                                   .entries_used = 1};
    stay.granted_until = CivilDate{2027, 1, 30};
    stay.granted_days = 60;
    stay.stay.days_used = 30;
    stay.stay.days_remaining = 60;
    stay.stay.flags = {{.code = "EXIT_WITHOUT_ENTRY",
                        .message = "No entry on record.",
                        .date = CivilDate{2026, 6, 1}}};
    stay.reasons = {{.code = "STAY_OK", .message = "Within the 90 days."}};

    for (int i = 0; i < 7; ++i) {
      crossings.push_back(store::CrossingRow{.id = "crs-" + std::to_string(i),
                                             .inspection_id = "insp-" + std::to_string(i),
                                             .traveller_id = "trv-1",
                                             .post = "UTO-AIR1",
                                             .direction = i % 2 ? "exit" : "entry",
                                             .decision = i == 3 ? "refused" : "admitted",
                                             .time = 1'780'000'000'000'000 + i * 86'400'000'000LL,
                                             .granted_until = i % 2 ? "" : "2026-09-01",
                                             .refusal_codes = i == 3 ? "AC" : ""});
    }

    recommendation.recommendation = insp::Recommendation::kRefuse;
    recommendation.score = 1.25;
    recommendation.fired = {{.code = "DOCUMENT_LOST_STOLEN",
                             .message = "The document is reported stolen.",
                             .weight = 1.0,
                             .outcome = insp::Recommendation::kRefuse,
                             .refusal_code = 'C'},
                            {.code = "WATCHLIST_HIT_PENDING",
                             .message = "Check the hit \"W100\".",
                             .weight = 0.25,
                             .outcome = insp::Recommendation::kRefer}};
    recommendation.suggested_refusal_codes = {'B', 'C'};

    link.kind = core::identity::LinkKind::kCandidate;
    link.matches = {{.traveller_id = "trv-1",
                     .kind = core::identity::LinkKind::kCandidate,
                     .score = 0.8333333333333334,
                     .reasons = {{.code = "SAME_NAME", .message = "Same name.", .weight = 0.5},
                                 {.code = "SAME_DOB", .message = "Same date.", .weight = 1e-5}}}};
  }

  InspectionView View(bool with_stay) const {
    return InspectionView{.inspection_id = "insp-0005f1c2a4b3e1a93c7d2e5f1",
                          .report = &report,
                          .registry = &registry,
                          .hits = hits,
                          .stay = with_stay ? &stay : nullptr,
                          .stay_problem = "The stay rules file is missing.",
                          .crossings = crossings,
                          .recommendation = &recommendation,
                          .traveller_id = "trv-1",
                          .first_seen = false,
                          .link = &link,
                          .impostor_indicators = indicators};
  }
};

InspectionAccess AccessFromBits(int bits) {
  return InspectionAccess{.identity = (bits & 1) != 0,
                          .document = (bits & 2) != 0,
                          .crossing_history = (bits & 4) != 0,
                          .hits = (bits & 8) != 0,
                          .hit_details = (bits & 16) != 0};
}

TEST(InspectionJsonTest, WritesTheDocumentTheJsonValueDumpedForEveryAccess) {
  const Sample sample;
  for (bool with_stay : {true, false}) {
    for (int bits = 0; bits < 32; ++bits) {
      const InspectionView view = sample.View(with_stay);
      const InspectionAccess access = AccessFromBits(bits);
      EXPECT_EQ(InspectionResponseJson(view, access), ResponseBuiltAsJsonValue(view, access))
          << "access bits " << bits << (with_stay ? " with" : " without") << " stay rules";
    }
  }
}

TEST(InspectionJsonTest, WritesTheSameInTwoStepsAroundTheIdentity) {
  const Sample sample;
  const InspectionView full = sample.View(true);
  // As the route does: the first step without the identity, the second with the identity only.
  InspectionView without_identity = full;
  without_identity.traveller_id = {};
  without_identity.link = nullptr;
  without_identity.impostor_indicators = {};
  const InspectionView identity_only{.traveller_id = full.traveller_id,
                                     .first_seen = full.first_seen,
                                     .link = full.link,
                                     .impostor_indicators = full.impostor_indicators};
  for (int bits = 0; bits < 32; ++bits) {
    const InspectionAccess access = AccessFromBits(bits);
    EXPECT_EQ(FinishInspectionResponse(PrepareInspectionResponse(without_identity, access),
                                       identity_only),
              ResponseBuiltAsJsonValue(full, access))
        << "access bits " << bits;
  }
}

TEST(InspectionJsonTest, WritesEmptySectionsAndAFirstSighting) {
  Sample sample;
  sample.hits.clear();
  sample.crossings.clear();
  sample.indicators.clear();
  sample.link = core::identity::LinkResult{};
  sample.registry = insp::RegistrySummary{};
  sample.recommendation = insp::RecommendationResult{};
  sample.stay = core::stay::StayEvaluation{};
  InspectionView view = sample.View(true);
  view.first_seen = true;
  const InspectionAccess everything = AccessFromBits(31);
  const std::string text = InspectionResponseJson(view, everything);
  EXPECT_EQ(text, ResponseBuiltAsJsonValue(view, everything));
  const json body = json::parse(text);
  EXPECT_EQ(body["withheld"], json::array());
  EXPECT_EQ(body["hits"], json::array());
  EXPECT_EQ(body["stay"]["granted_until"], nullptr);
  EXPECT_TRUE(body["identity"]["first_seen"].get<bool>());
}

TEST(InspectionJsonTest, WithholdsWhatThePolicyDoesNotGrant) {
  const Sample sample;
  const InspectionView view = sample.View(true);
  // No policy grants nothing: only the id, the recommendation and what was withheld remain.
  const json body = json::parse(InspectionResponseJson(view, InspectionAccessFor(nullptr, {})));
  EXPECT_EQ(body.size(), 3u);
  EXPECT_EQ(body["inspection_id"], "insp-0005f1c2a4b3e1a93c7d2e5f1");
  EXPECT_EQ(body["recommendation"]["decision"], "refuse");
  ASSERT_EQ(body["withheld"].size(), 4u);
  EXPECT_EQ(body["withheld"][0]["category"], "identity");
  EXPECT_EQ(body["withheld"][3]["reason"], "POLICY_DENIED");
  // Hits without their details keep everything but the score.
  const json hits_only = json::parse(InspectionResponseJson(view, AccessFromBits(8)));
  ASSERT_EQ(hits_only["hits"].size(), 2u);
  EXPECT_FALSE(hits_only["hits"][0].contains("score"));
  EXPECT_EQ(hits_only["hits"][1]["hit_id"], "W\"7\"");
  EXPECT_EQ(hits_only["withheld"].back()["category"], "hit_details");
}

}  // namespace
}  // namespace limen::server
