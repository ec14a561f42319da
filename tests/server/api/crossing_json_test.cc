// CrossingResponseText against the POST /api/v1/crossings body as it was built before it was
// written directly: a JSON value with dump().
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/api/case_referral.h"
#include "server/api/workflow_json.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;
using nlohmann::json;

std::string ResponseBuiltAsJsonValue(const store::CrossingRow& crossing,
                                     const store::InspectionRow& inspection,
                                     const std::vector<std::string>& agencies,
                                     const ReferralOutcome* referral) {
  json out = CrossingToJson(crossing);
  if (referral != nullptr) out["case"] = ReferralOutcomeToJson(*referral);
  json notify = json::array();
  for (const std::string& agency : agencies) notify.push_back(agency);
  out["agencies_to_notify"] = std::move(notify);
  out["document"] = {{"issuing_state", inspection.document_state},
                     {"number", inspection.document_number}};
  out["stay_rules_version"] = inspection.stay_rules_version;
  out["authorisation_id"] = inspection.authorisation_id;
  return out.dump();
}

store::CrossingRow Admitted() {
  return store::CrossingRow{.id = "crs-0005f1c2a4b3e10a93c7d2e5f1",
                            .inspection_id = "insp-0005f1c2a4b3e00a93c7d2e5f1",
                            .traveller_id = "trv-0005f1c2a4b3d10a93c7d2e5f1",
                            .post = "UTO-AIR1",
                            .direction = "entry",
                            .decision = "admitted",
                            .time = 1'767'225'600'123'456,
                            .granted_until = "2026-03-31",
                            .officer = "officer"};
}

store::InspectionRow InspectionOf(const store::CrossingRow& crossing) {
  return store::InspectionRow{.id = crossing.inspection_id,
                              .post = crossing.post,
                              .direction = crossing.direction,
                              .document_state = "UTO",
                              .document_number = "L898902C3",
                              .traveller_id = crossing.traveller_id,
                              .stay_rules_version = "2025-06 \"Schengen\" \\ rules",
                              .authorisation_id = "auth-1"};
}

TEST(CrossingResponseTextTest, IsTheTextTheJsonValueDumped) {
  store::CrossingRow admitted = Admitted();
  store::InspectionRow inspection = InspectionOf(admitted);
  EXPECT_EQ(CrossingResponseText(admitted, inspection, {}, nullptr),
            ResponseBuiltAsJsonValue(admitted, inspection, {}, nullptr));

  store::CrossingRow refused = admitted;
  refused.decision = "refused";
  refused.granted_until = "";
  refused.refusal_codes = "ACE";
  store::InspectionRow plain = inspection;
  plain.stay_rules_version = "";
  plain.authorisation_id = "";
  plain.traveller_id = "";
  refused.traveller_id = "";
  std::vector<std::string> agencies{"customs", "police\ttab", "\x01"};
  EXPECT_EQ(CrossingResponseText(refused, plain, agencies, nullptr),
            ResponseBuiltAsJsonValue(refused, plain, agencies, nullptr));

  store::CrossingRow referred = admitted;
  referred.decision = "referred";
  referred.direction = "exit";
  referred.granted_until = "";
  for (const ReferralOutcome& referral :
       {ReferralOutcome{.case_id = "case-1", .agency = "immigration", .opened_case = true},
        ReferralOutcome{.case_id = "case-2",
        .agency = "customs",
        .opened_case = false,
        .case_status = insp::CaseStatus::kInProgress}}) {
    EXPECT_EQ(CrossingResponseText(referred, inspection, {"police"}, &referral),
              ResponseBuiltAsJsonValue(referred, inspection, {"police"}, &referral));
  }
}

}  // namespace
}  // namespace limen::server
