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

// The exact text `limen mrz` printed for this document when the report was still built as an
// nlohmann::json value: compact, keys in sorted order, every field, check and correction.
TEST(DocumentJson, TextIsByteForByteTheCompactSortedForm) {
  std::string text;
  AppendDocumentReportJson(Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                 "L898902C36UTO74O8122F1204159ZE184226B<<<<<10\n"),
                           &text);
  const std::string expected =
      R"json({"birth_date":null,"check_digits":[{"column":10,"expected":"6","found":"6","line)json"
      R"json(":2,"name":"document_number","verdict":"valid"},{"column":20,"expected":"6","fou)json"
      R"json(nd":"2","line":2,"name":"birth_date","verdict":"invalid"},{"column":28,"expected)json"
      R"json(":"9","found":"9","line":2,"name":"expiry_date","verdict":"valid"},{"column":43,)json"
      R"json("expected":"1","found":"1","line":2,"name":"optional_data","verdict":"valid"},{")json"
      R"json(column":44,"expected":"8","found":"0","line":2,"name":"composite","verdict":"inv)json"
      R"json(alid"}],"checks":[{"code":"CHECK_DIGIT_BIRTH_DATE","field":"birth_date","message)json"
      R"json(":"The birth date check digit reads '2' but the MRZ gives '6'; compare the MRZ w)json"
      R"json(ith the document and read it again.","severity":"error"},{"code":"CHECK_DIGIT_CO)json"
      R"json(MPOSITE","field":"composite","message":"The composite check digit reads '0' but )json"
      R"json(the MRZ gives '8'; compare the MRZ with the document and read it again.","severi)json"
      R"json(ty":"error"},{"code":"DATE_FORMAT","field":"birth_date","message":"The birth dat)json"
      R"json(e '74O812' contains characters other than digits; compare it with the document.")json"
      R"json(,"severity":"error"},{"code":"DOCUMENT_EXPIRED","field":"expiry_date","message":)json"
      R"json("The document expired on 2012-04-15; it is not valid for travel.","severity":"er)json"
      R"json(ror"},{"code":"SPECIMEN_DOCUMENT","field":"issuing_state","message":"This is a s)json"
      R"json(pecimen document: its State code is Utopia (UTO). It is not a travel document; r)json"
      R"json(efer the traveller to a supervisor.","severity":"error"}],"corrections":[{"basis)json"
      R"json(":"check_digit","changes":[{"column":16,"field":"birth_date","from":"O","line":2)json"
      R"json(,"to":"0"}],"lines":["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<","L898902C36U)json"
      R"json(TO7408122F1204159ZE184226B<<<<<10"]}],"document_code":"P","document_number":"L89)json"
      R"json(8902C3","expiry_date":"2012-04-15","fields":[{"column":1,"length":2,"line":1,"na)json"
      R"json(me":"document_code","raw":"P<","value":"P","verdict":"valid"},{"column":3,"lengt)json"
      R"json(h":3,"line":1,"name":"issuing_state","raw":"UTO","value":"UTO","verdict":"valid")json"
      R"json(},{"column":6,"length":39,"line":1,"name":"name","raw":"ERIKSSON<<ANNA<MARIA<<<<)json"
      R"json(<<<<<<<<<<<<<<<","value":"ERIKSSON, ANNA MARIA","verdict":"valid"},{"column":1,")json"
      R"json(length":9,"line":2,"name":"document_number","raw":"L898902C3","value":"L898902C3)json"
      R"json(","verdict":"valid"},{"column":11,"length":3,"line":2,"name":"nationality","raw")json"
      R"json(:"UTO","value":"UTO","verdict":"valid"},{"column":14,"length":6,"line":2,"messag)json"
      R"json(e":"The birth date '74O812' contains characters other than digits; compare it wi)json"
      R"json(th the document.","name":"birth_date","raw":"74O812","reason":"DATE_FORMAT","val)json"
      R"json(ue":"","verdict":"invalid"},{"column":21,"length":1,"line":2,"name":"sex","raw":)json"
      R"json("F","value":"F","verdict":"valid"},{"column":22,"length":6,"line":2,"name":"expi)json"
      R"json(ry_date","raw":"120415","value":"2012-04-15","verdict":"valid"},{"column":29,"le)json"
      R"json(ngth":14,"line":2,"name":"optional_data","raw":"ZE184226B<<<<<","value":"ZE18422)json"
      R"json(6B","verdict":"valid"}],"format":"TD3","issuing_state":{"code":"UTO","name":"Uto)json"
      R"json(pia (specimen)"},"lines":["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<","L89890)json"
      R"json(2C36UTO74O8122F1204159ZE184226B<<<<<10"],"mrz_valid":false,"names":{"display":"A)json"
      R"json(nna Maria Eriksson","primary":"ERIKSSON","secondary":"ANNA MARIA","truncated":fa)json"
      R"json(lse},"nationality":{"code":"UTO","name":"Utopia (specimen)"},"sex":"F","valid":f)json"
      R"json(alse})json";
  EXPECT_EQ(text, expected);
}

TEST(DocumentJson, StateNamesStayUtf8) {
  std::string text;
  AppendDocumentReportJson(Parse("I<CIVKONE<<AWA<<<<<<<<<<<<<<<<<<<<<<\n"
                                 "X123456785CIV8001014F3101012<<<<<<<0\n"),
                           &text);
  EXPECT_NE(text.find(R"("issuing_state":{"code":"CIV","name":"Côte d'Ivoire"})"),
            std::string::npos)
      << text;
}

TEST(DocumentJson, StringsAreEscaped) {
  doc::DocumentReport report;
  report.checks.push_back(
      {"TEST_CHECK", doc::Severity::kInfo, "", "Say \"stop\"\\ then\nwait\x01."});
  std::string text;
  AppendDocumentReportJson(report, &text);
  EXPECT_NE(text.find(R"("message":"Say \"stop\"\\ then\nwait\u0001.")"), std::string::npos)
      << text;
  const nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["checks"][0]["message"], "Say \"stop\"\\ then\nwait\x01.");
  EXPECT_TRUE(json["checks"][0]["field"].is_null());
}

TEST(DocumentJson, DisplayNameIsEscaped) {
  doc::DocumentReport report;
  report.names.primary = "O\"BRIEN";
  report.names.secondary = "ANNA<\\<MARIA";
  const nlohmann::json json = nlohmann::json::parse([&] {
    std::string text;
    AppendDocumentReportJson(report, &text);
    return text;
  }());
  EXPECT_EQ(json["names"]["display"], "Anna \\ Maria O\"brien");
}

// Reports appended one after another to one buffer read exactly as each written alone, also
// when one of them is larger than the room the writer makes ahead.
TEST(DocumentJson, AppendsAfterWhatIsThere) {
  const doc::DocumentReport first = Parse(
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F1204159ZE184226B<<<<<"
      "10\n");
  doc::DocumentReport large = Parse(
      "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\n"
      "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n");
  for (int index = 0; index < 40; ++index) {
    large.checks.push_back({"TEST_CHECK", doc::Severity::kWarning, "name",
                            std::string(200, static_cast<char>('a' + index % 26))});
  }
  std::string alone_first;
  std::string alone_large;
  AppendDocumentReportJson(first, &alone_first);
  AppendDocumentReportJson(large, &alone_large);
  ASSERT_GT(alone_large.size(), 8192u);
  std::string together = "prefix\n";
  AppendDocumentReportJson(first, &together);
  together += '\n';
  AppendDocumentReportJson(large, &together);
  together += '\n';
  AppendDocumentReportJson(first, &together);
  EXPECT_EQ(together, "prefix\n" + alone_first + "\n" + alone_large + "\n" + alone_first);
  EXPECT_EQ(nlohmann::json::parse(alone_large)["checks"].size(), large.checks.size());
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
