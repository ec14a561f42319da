#include "core/screening/import.h"

#include <gtest/gtest.h>

#include "core/screening/csv.h"

namespace limen::core::screening {
namespace {

TEST(CsvTest, QuotesCommasAndLineNumbers) {
  Result<std::vector<CsvRecord>> records =
      ParseCsv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",z\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].fields[0], "x, y");
  EXPECT_EQ((*records)[1].fields[1], "say \"hi\"");
  EXPECT_EQ((*records)[2].line, 4);
  EXPECT_EQ((*records)[2].fields[0], "multi\nline");
  Result<std::vector<CsvRecord>> open = ParseCsv("a\n\"never closed\n");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().reason(), "CSV_QUOTE");
}

TEST(ImportCsvTest, ReadsColumnsByNameWithOptionalOnesAbsent) {
  Result<ImportResult> result = ImportCsv(
      "name,id,dob\n\"Putin, Vladimir\",e1,1952-10-07;1952\nIvan Petrov,e2,\n", ImportOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->rejected.empty());
  ASSERT_EQ(result->entries.size(), 2u);
  EXPECT_EQ(result->entries[0].id, "e1");
  EXPECT_EQ(result->entries[0].dates_of_birth.size(), 2u);
  EXPECT_EQ(result->entries[0].dates_of_birth[1], (PartialDate{1952, 0, 0}));
}

TEST(ImportCsvTest, AliasesAreTypedAndNationalitiesNormalised) {
  Result<ImportResult> result = ImportCsv(
      "id,name,aliases,dob,nationality,sex\ne1,Vladimir Putin,Владимир Путин;V. Putin,,RU;FRA,M\n",
      ImportOptions{});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->entries.size(), 1u);
  const WatchlistEntry& entry = result->entries[0];
  ASSERT_EQ(entry.names.size(), 3u);
  EXPECT_EQ(entry.names[1].type, NameType::kOriginalScript);
  EXPECT_EQ(entry.names[2].type, NameType::kAlsoKnownAs);
  EXPECT_EQ(entry.nationalities, (std::vector<std::string>{"RUS", "FRA"}));
  EXPECT_EQ(entry.sex, Sex::kMale);
}

TEST(ImportCsvTest, ReportsEveryRejectedRowWithLineAndCode) {
  Result<ImportResult> result = ImportCsv(
      "id,name,dob,nationality,sex\n"
      "e1,Good Name,1970,,\n"
      "e2,,1970,,\n"                // Line 3: empty name.
      "e3,Bad Date,1970-13-01,,\n"  // Line 4.
      "e1,Duplicate,,,\n"           // Line 5.
      "e5,Absurd,3020,,\n"          // Line 6.
      "e6,Sex,,,Q\n"                // Line 7.
      "e7,Nat,,12,\n"               // Line 8.
      "e8,Too,many,fields,,,\n",    // Line 9.
      ImportOptions{});
  ASSERT_TRUE(result.ok());
  std::vector<std::pair<int64_t, std::string>> got;
  for (const RejectedRow& row : result->rejected) got.emplace_back(row.line, row.code);
  std::vector<std::pair<int64_t, std::string>> want = {
      {3, "WATCHLIST_EMPTY_NAME"}, {4, "WATCHLIST_DOB"}, {5, "WATCHLIST_DUPLICATE_ID"},
      {6, "WATCHLIST_DOB"},        {7, "WATCHLIST_SEX"}, {8, "WATCHLIST_NATIONALITY"},
      {9, "WATCHLIST_ROW"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(result->rows_read, 8);
  EXPECT_NE(result->rejected[0].message.find("Line 3"), std::string::npos);
}

TEST(ImportCsvTest, WholeFileErrors) {
  EXPECT_EQ(ImportCsv("", ImportOptions{}).status().reason(), "WATCHLIST_HEADER");
  EXPECT_EQ(ImportCsv("foo,bar\n1,2\n", ImportOptions{}).status().reason(), "WATCHLIST_HEADER");
  Result<ImportResult> latin1 = ImportCsv("id,name\ne1,Jos\xe9\n", ImportOptions{});
  EXPECT_EQ(latin1.status().reason(), "WATCHLIST_ENCODING");
  EXPECT_NE(latin1.status().message().find("Line 2"), std::string::npos);
}

TEST(ImportCsvTest, DeltaFilesCarryAnOpColumn) {
  Result<ImportResult> result =
      ImportCsv("op,id,name\nadd,e9,New Person\nremove,e1,\n", ImportOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->is_delta);
  EXPECT_EQ(result->entries.size(), 1u);
  EXPECT_EQ(result->removals, std::vector<std::string>{"e1"});
}

TEST(ImportFtmTest, ReadsPersonsAndSkipsOtherSchemas) {
  std::string text =
      R"({"id":"NK-1","schema":"Person","properties":{"name":["Ivan Petrov"],"alias":["Иван Петров"],)"
      R"("weakAlias":["Vanya"],"birthDate":["1970-02-03"],"nationality":["ru"],"gender":["male"],)"
      R"("passportNumber":["123456"]}})"
      "\n"
      R"({"id":"NK-2","schema":"Company","properties":{"name":["Acme"]}})"
      "\n"
      "not json\n"
      R"({"id":"NK-3","schema":"Person","properties":{"name":["X Y"],"birthDate":["1970-99"]}})"
      "\n";
  Result<ImportResult> result = ImportFtmJsonLines(text, ImportOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->entries.size(), 1u);
  const WatchlistEntry& entry = result->entries[0];
  EXPECT_EQ(entry.id, "NK-1");
  EXPECT_EQ(entry.names.size(), 3u);
  EXPECT_EQ(entry.names[2].type, NameType::kWeakAlias);
  EXPECT_EQ(entry.nationalities, std::vector<std::string>{"RUS"});
  EXPECT_EQ(entry.document_numbers, std::vector<std::string>{"123456"});
  ASSERT_EQ(result->rejected.size(), 2u);
  EXPECT_EQ(result->rejected[0].line, 3);
  EXPECT_EQ(result->rejected[0].code, "WATCHLIST_JSON");
  EXPECT_EQ(result->rejected[1].code, "WATCHLIST_DOB");
}

TEST(ImportUnXmlTest, ReadsIndividualsAliasesDatesAndDocuments) {
  std::string text = R"(<?xml version="1.0"?>
<CONSOLIDATED_LIST><INDIVIDUALS>
<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ABDUL</FIRST_NAME><SECOND_NAME>BAQI</SECOND_NAME>
<REFERENCE_NUMBER>TAi.001</REFERENCE_NUMBER><NAME_ORIGINAL_SCRIPT>عبد الباقی</NAME_ORIGINAL_SCRIPT>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abdul Baqi &amp; Co</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Baqi</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1962</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>D 000933</NUMBER></INDIVIDUAL_DOCUMENT>
</INDIVIDUAL>
<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME></FIRST_NAME></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>)";
  Result<ImportResult> result = ImportUnXml(text, ImportOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->entries.size(), 1u);
  const WatchlistEntry& entry = result->entries[0];
  EXPECT_EQ(entry.id, "TAi.001");
  ASSERT_EQ(entry.names.size(), 4u);
  EXPECT_EQ(entry.names[0].full, "ABDUL BAQI");
  EXPECT_EQ(entry.names[1].type, NameType::kOriginalScript);
  EXPECT_EQ(entry.names[2].full, "Abdul Baqi & Co");
  EXPECT_EQ(entry.names[3].type, NameType::kWeakAlias);
  EXPECT_EQ(entry.dates_of_birth, (std::vector<PartialDate>{PartialDate{1962, 0, 0}}));
  EXPECT_EQ(entry.document_numbers, std::vector<std::string>{"D 000933"});
  ASSERT_EQ(result->rejected.size(), 1u);
  EXPECT_EQ(result->rejected[0].code, "WATCHLIST_EMPTY_NAME");
  EXPECT_EQ(result->rejected[0].line, 10);
  EXPECT_EQ(ImportUnXml("<x/>", ImportOptions{}).status().reason(), "WATCHLIST_FORMAT");
}

TEST(DiffTest, AddedUpdatedRemovedAndHash) {
  WatchlistEntry a{.id = "a", .names = {{"Ann Lee", NameType::kPrimary}}};
  WatchlistEntry b{.id = "b", .names = {{"Bob Ray", NameType::kPrimary}}};
  WatchlistEntry b2 = b;
  b2.dates_of_birth = {{1970, 0, 0}};
  WatchlistEntry c{.id = "c", .names = {{"Cy Twombly", NameType::kPrimary}}};
  ListDiff diff = DiffLists({a, b}, {b2, c, a});
  EXPECT_EQ(diff.unchanged, 1u);
  ASSERT_EQ(diff.updated.size(), 1u);
  EXPECT_EQ(diff.updated[0].id, "b");
  ASSERT_EQ(diff.added.size(), 1u);
  EXPECT_TRUE(diff.removed.empty());
  EXPECT_EQ(ListContentHash({a, b}), ListContentHash({b, a}));
  EXPECT_NE(ListContentHash({a, b}), ListContentHash({a, b2}));
}

TEST(ImportFormatTest, DetectsByExtensionThenContent) {
  EXPECT_EQ(DetectImportFormat("list.xml", ""), ImportFormat::kUnXml);
  EXPECT_EQ(DetectImportFormat("x", "{\"id\":1}"), ImportFormat::kFtmJsonLines);
  EXPECT_EQ(DetectImportFormat("x", "id,name"), ImportFormat::kCsv);
}

}  // namespace
}  // namespace limen::core::screening
