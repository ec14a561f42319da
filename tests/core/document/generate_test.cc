// Generation table (tests/data/mrz/generate.txt) and the round trip generate -> parse.
#include "core/document/generate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "core/document/mrz.h"

namespace limen::core::document {
namespace {

std::optional<DocumentFormat> FormatFromName(std::string_view name) {
  for (DocumentFormat format :
       {DocumentFormat::kTd1, DocumentFormat::kTd2, DocumentFormat::kTd3, DocumentFormat::kMrvA,
        DocumentFormat::kMrvB, DocumentFormat::kFrenchId}) {
    if (DocumentFormatName(format) == name) return format;
  }
  return std::nullopt;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "/") + line;
  return out;
}

TEST(GenerateMrz, Table) {
  std::ifstream file(std::string(LIMEN_SOURCE_DIR) + "/tests/data/mrz/generate.txt");
  ASSERT_TRUE(file.is_open());
  std::string line;
  int cases = 0;
  while (std::getline(file, line)) {
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    const auto c = Split(line, '|');
    ASSERT_EQ(c.size(), 15u) << line;
    SCOPED_TRACE(line);
    DocumentData data;
    const auto format = FormatFromName(Trim(c[0]));
    ASSERT_TRUE(format.has_value());
    data.format = *format;
    data.document_code = Trim(c[1]);
    data.issuing_state = Trim(c[2]);
    data.primary_identifier = Trim(c[3]);
    data.secondary_identifier = Trim(c[4]);
    data.document_number = Trim(c[5]);
    data.nationality = Trim(c[6]);
    data.birth_date = ParseDate(Trim(c[7]));
    data.sex = Trim(c[8]);
    data.expiry_date = ParseDate(Trim(c[9]));
    data.optional_data = Trim(c[10]);
    data.optional_data_2 = Trim(c[11]);
    data.administrative_code = Trim(c[12]);
    data.long_number_reading =
        Trim(c[13]) == "with" ? LongNumberReading::kWithFiller : LongNumberReading::kWithoutFiller;
    const std::string expected(Trim(c[14]));
    const Result<GeneratedMrz> generated = GenerateMrz(data);
    ++cases;
    if (StartsWith(expected, "error=")) {
      EXPECT_FALSE(generated.ok());
      EXPECT_EQ(generated.status().reason(), expected.substr(6));
      continue;
    }
    ASSERT_TRUE(generated.ok()) << generated.status().ToString();
    EXPECT_EQ(Joined(generated->lines), expected);
    // Whatever is generated must parse back as a valid MRZ with the same fields.
    CheckOptions options;
    options.today = {2026, 11, 26};
    std::string text;
    for (const auto& mrz_line : generated->lines) text += mrz_line + "\n";
    const auto report = ParseMrz(text, options);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->mrz_valid);
    EXPECT_EQ(report->document_number, data.document_number);
  }
  EXPECT_GE(cases, 10);
}

TEST(GenerateMrz, ReportsTruncatedNames) {
  DocumentData data;
  data.format = DocumentFormat::kTd1;
  data.issuing_state = "UTO";
  data.nationality = "UTO";
  data.primary_identifier = "Wolfeschlegelsteinhausenbergerdorff";
  data.secondary_identifier = "Hubert Blaine";
  data.document_number = "D23145890";
  const auto generated = GenerateMrz(data);
  ASSERT_TRUE(generated.ok());
  EXPECT_TRUE(generated->name_truncated);
  EXPECT_EQ(generated->lines[2], "WOLFESCHLEGELSTEINHAUSENBERGER");
}

}  // namespace
}  // namespace limen::core::document
