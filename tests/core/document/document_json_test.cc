// The JSON codec shared by `limen mrz` and POST /api/v1/documents/parse (docs/mrz.md).
#include "server/api/document_json.h"

#include <gtest/gtest.h>

namespace limen::server {
namespace {

namespace doc = core::document;

doc::DocumentReport Parse(const std::string& text) {
  doc::CheckOptions options;
  options.today = {2026, 11, 26};
  auto report = doc::ParseMrz(text, options);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return *report;
}

TEST(DocumentJson, ReportFollowsTheSchema) {
  const nlohmann::json json =
      DocumentReportToJson(Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                 "L898902C36UTO74O8122F1204159ZE184226B<<<<<10\n"));
  EXPECT_EQ(json["format"], "TD3");
  EXPECT_EQ(json["mrz_valid"], false);
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["issuing_state"]["code"], "UTO");
  EXPECT_EQ(json["names"]["display"], "Anna Maria Eriksson");
  EXPECT_EQ(json["expiry_date"], "2012-04-15");
  EXPECT_TRUE(json["birth_date"].is_null());
  const auto& number = json["fields"][3];
  EXPECT_EQ(number["name"], "document_number");
  EXPECT_EQ(number["line"], 2);
  EXPECT_EQ(number["column"], 1);
  EXPECT_EQ(json["check_digits"][0]["found"], "6");
  bool expired = false;
  for (const auto& check : json["checks"]) expired |= check["code"] == "DOCUMENT_EXPIRED";
  EXPECT_TRUE(expired);
  ASSERT_EQ(json["corrections"].size(), 1u);
  EXPECT_EQ(json["corrections"][0]["changes"][0]["from"], "O");
  EXPECT_EQ(json["corrections"][0]["changes"][0]["to"], "0");
  EXPECT_EQ(json["corrections"][0]["changes"][0]["column"], 16);
  EXPECT_EQ(json["corrections"][0]["lines"][1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
}

TEST(DocumentJson, UnknownStateHasNullName) {
  const nlohmann::json json =
      DocumentReportToJson(Parse("P<XYZDOE<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
                                 "X123456785XYZ8001014M3101012<<<<<<<<<<<<<<02\n"));
  EXPECT_EQ(json["issuing_state"]["code"], "XYZ");
  EXPECT_TRUE(json["issuing_state"]["name"].is_null());
}

TEST(DocumentJson, DocumentDataRoundTrip) {
  const auto data = DocumentDataFromJson(nlohmann::json::parse(R"({
      "format": "TD2", "issuing_state": "UTO", "primary_identifier": "Eriksson",
      "secondary_identifier": "Anna Maria", "document_number": "D2314589012",
      "nationality": "UTO", "birth_date": "1974-08-12", "sex": "F",
      "expiry_date": "2012-04-15", "long_number_reading": "with_filler"})"));
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(data->format, doc::DocumentFormat::kTd2);
  EXPECT_EQ(data->long_number_reading, doc::LongNumberReading::kWithFiller);
  const auto generated = doc::GenerateMrz(*data);
  ASSERT_TRUE(generated.ok());
  EXPECT_EQ(generated->lines[1], "D23145890<UTO7408122F1204159122<<<<2");
}

TEST(DocumentJson, DocumentDataErrors) {
  for (const char* text :
       {R"([])", R"({"format": "TD9"})", R"({"birth_date": "1974-02-30"})", R"({"sex": 1})",
        R"({"surname": "Doe"})", R"({"long_number_reading": "maybe"})"}) {
    const auto data = DocumentDataFromJson(nlohmann::json::parse(text));
    EXPECT_FALSE(data.ok()) << text;
    EXPECT_EQ(data.status().reason(), "DOCUMENT_JSON") << text;
  }
}

}  // namespace
}  // namespace limen::server
