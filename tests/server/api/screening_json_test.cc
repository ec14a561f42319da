#include "server/api/screening_json.h"

#include <gtest/gtest.h>

#include "core/screening/screener.h"

namespace limen::server {
namespace {

namespace scr = core::screening;
using nlohmann::json;

TEST(ScreeningJsonTest, ReadsEveryRequestField) {
  Result<ScreeningRequest> request = ScreeningRequestFromJson(std::string_view(
      R"({"names": ["Ivan Petrov", "Иван Петров"], "date_of_birth": "1970-05",
          "nationality": "RUS", "sex": "M", "document_number": "P123",
          "traveller_id": "t-1", "top": 3})"));
  ASSERT_TRUE(request.ok()) << request.status().message();
  EXPECT_EQ(request->query.names, (std::vector<std::string>{"Ivan Petrov", "Иван Петров"}));
  ASSERT_TRUE(request->query.date_of_birth.has_value());
  EXPECT_EQ(*request->query.date_of_birth, (scr::PartialDate{1970, 5, 0}));
  EXPECT_EQ(request->query.nationality, "RUS");
  EXPECT_EQ(request->query.sex, scr::Sex::kMale);
  EXPECT_EQ(request->query.document_number, "P123");
  EXPECT_EQ(request->query.traveller_id, "t-1");
  EXPECT_EQ(request->top_n, 3u);
  // The screening date and the caller come from the server, never from the body.
  EXPECT_FALSE(request->query.screening_day.has_value());
  EXPECT_TRUE(request->query.caller_agency.empty());
}

TEST(ScreeningJsonTest, AcceptsOneNameAsAString) {
  Result<ScreeningRequest> request =
      ScreeningRequestFromJson(std::string_view(R"({"name": "Ivan Petrov"})"));
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->query.names, (std::vector<std::string>{"Ivan Petrov"}));
  EXPECT_EQ(request->top_n, 10u);
}

TEST(ScreeningJsonTest, RejectsBadRequestsWithStableCodes) {
  struct Case {
    const char* body;
    const char* reason;
  };
  const Case cases[] = {
      {"not json", "SCREEN_JSON"},
      {"[1]", "SCREEN_JSON"},
      {R"({"name": "A B", "screening_date": "2026-11-26"})", "SCREEN_JSON"},
      {R"({"names": "A B"})", "SCREEN_JSON"},
      {R"({"name": 5})", "SCREEN_JSON"},
      {R"({"date_of_birth": "1970"})", "SCREEN_EMPTY_NAME"},
      {R"({"name": "A B", "date_of_birth": "1970-13"})", "SCREEN_DOB"},
      {R"({"name": "A B", "sex": "Q"})", "SCREEN_SEX"},
      {R"({"name": "A B", "top": 0})", "SCREEN_TOP"},
      {R"({"name": "A B", "top": 101})", "SCREEN_TOP"},
  };
  for (const Case& c : cases) {
    Result<ScreeningRequest> request = ScreeningRequestFromJson(std::string_view(c.body));
    ASSERT_FALSE(request.ok()) << c.body;
    EXPECT_EQ(request.status().reason(), c.reason) << c.body;
  }
}

TEST(ScreeningJsonTest, EncodesHitsWithCompleteExplanations) {
  scr::WatchlistEntry entry;
  entry.id = "p1";
  entry.list_id = "national";
  entry.names = {{"Vladimir Vladimirovich Putin", scr::NameType::kPrimary}};
  entry.dates_of_birth = {{1952, 10, 7}};
  entry.action = scr::HitAction::kRefuseEntry;
  entry.owning_agency = "police";
  entry.valid_until_days = 100;
  scr::Screener screener;
  screener.Replace({entry}, "v7");
  scr::ScreeningQuery query;
  query.names = {"Putin Vladimir"};
  query.date_of_birth = scr::PartialDate{1952, 10, 7};
  query.screening_day = 200;  // After valid_until.
  Result<scr::ScreeningResult> result = screener.Screen(query, scr::ScreeningOptions{});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 1u);

  json encoded = ScreeningResultToJson(*result);
  EXPECT_EQ(encoded["list_version"], "v7");
  ASSERT_EQ(encoded["hits"].size(), 1u);
  const json& hit = encoded["hits"][0];
  EXPECT_EQ(hit["id"], "p1");
  EXPECT_EQ(hit["list"], "national");
  EXPECT_EQ(hit["action"], "refuse_entry");
  EXPECT_EQ(hit["owning_agency"], "police");
  EXPECT_EQ(hit["matched_name"], "Vladimir Vladimirovich Putin");
  EXPECT_EQ(hit["matched_name_type"], std::string(scr::NameTypeName(scr::NameType::kPrimary)));
  EXPECT_EQ(hit["entry_fingerprint"], std::to_string(scr::EntryFingerprint(entry)));
  EXPECT_DOUBLE_EQ(hit["score"].get<double>(), result->hits[0].score);
  EXPECT_EQ(hit["outside_validity"], true);
  EXPECT_EQ(hit["alert"], false);
  EXPECT_EQ(hit["suppressed"], false);
  // Both query words are aligned, and the features add up to the score.
  ASSERT_EQ(hit["alignment"].size(), 2u);
  for (const json& pair : hit["alignment"]) {
    for (const char* key : {"query", "entry", "similarity", "method"}) {
      EXPECT_TRUE(pair.contains(key)) << key;
    }
  }
  double total = 0.0;
  bool dob_exact = false;
  for (const json& feature : hit["features"]) {
    EXPECT_DOUBLE_EQ(feature["contribution"].get<double>(),
                     feature["weight"].get<double>() * feature["value"].get<double>());
    total += feature["contribution"].get<double>();
    dob_exact |= feature["name"] == "dob_exact" && feature["detail"] == "1952-10-07";
  }
  EXPECT_TRUE(dob_exact);
  EXPECT_NEAR(std::min(total, 1.0), hit["score"].get<double>(), 1e-9);
  EXPECT_EQ(hit["features"][0]["name"], "name_match");
}

}  // namespace
}  // namespace limen::server
