// The check digits ParseMrz reports, against an independent reading of ICAO Doc 9303: for random
// MRZs of every layout, each expected digit must be ComputeCheckDigit over the characters the
// check digit guards, taken here from the positions the Doc 9303 parts give. (The engine sums
// them sixteen characters at a time from per-layout weight tables; this test does not.)
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/document/mrz.h"

namespace limen::core::document {
namespace {

struct Part {
  int line;
  int column;
  int length;
};

struct GuardedDigit {
  std::string_view name;
  std::vector<Part> guarded;
};

struct LayoutCase {
  DocumentFormat format;
  std::string prefix;  // The first characters of line 1 (document code, and for FRA-ID issuer).
  int line_count;
  int line_length;
  std::vector<GuardedDigit> digits;
  Part number_check;  // Kept a digit, so that no long document number is read.
};

std::vector<LayoutCase> Cases() {
  const std::vector<GuardedDigit> td3_like = {{"document_number", {{1, 0, 9}}},
                                              {"birth_date", {{1, 13, 6}}},
                                              {"expiry_date", {{1, 21, 6}}}};
  std::vector<LayoutCase> cases;
  LayoutCase td3{DocumentFormat::kTd3, "P<", 2, 44, td3_like, {1, 9, 1}};
  td3.digits.push_back({"optional_data", {{1, 28, 14}}});
  td3.digits.push_back({"composite", {{1, 0, 10}, {1, 13, 7}, {1, 21, 22}}});
  cases.push_back(td3);
  LayoutCase td2{DocumentFormat::kTd2, "I<", 2, 36, td3_like, {1, 9, 1}};
  td2.digits.push_back({"composite", {{1, 0, 10}, {1, 13, 7}, {1, 21, 14}}});
  cases.push_back(td2);
  cases.push_back({DocumentFormat::kMrvA, "V<", 2, 44, td3_like, {1, 9, 1}});
  cases.push_back({DocumentFormat::kMrvB, "V<", 2, 36, td3_like, {1, 9, 1}});
  cases.push_back({DocumentFormat::kTd1,
                   "I<",
                   3,
                   30,
                   {{"document_number", {{0, 5, 9}}},
                    {"birth_date", {{1, 0, 6}}},
                    {"expiry_date", {{1, 8, 6}}},
                    {"composite", {{0, 5, 25}, {1, 0, 7}, {1, 8, 7}, {1, 18, 11}}}},
                   {0, 14, 1}});
  cases.push_back({DocumentFormat::kFrenchId,
                   "IDFRA",
                   2,
                   36,
                   {{"document_number", {{1, 0, 12}}},
                    {"birth_date", {{1, 27, 6}}},
                    {"composite", {{0, 0, 36}, {1, 0, 35}}}},
                   {1, 12, 1}});
  return cases;
}

TEST(CheckDigits, ExpectedDigitsAreDoc9303Sums) {
  std::mt19937 random(20261202);
  constexpr std::string_view kCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<<";
  CheckOptions options;
  options.today = {2026, 11, 26};
  options.propose_corrections = false;
  int compared = 0;
  for (const LayoutCase& layout : Cases()) {
    SCOPED_TRACE(std::string(DocumentFormatName(layout.format)));
    for (int trial = 0; trial < 500; ++trial) {
      std::vector<std::string> lines(layout.line_count, std::string(layout.line_length, '<'));
      for (std::string& line : lines) {
        for (char& c : line) c = kCharacters[random() % kCharacters.size()];
      }
      lines[0].replace(0, layout.prefix.size(), layout.prefix);
      const Part& check = layout.number_check;
      lines[check.line][check.column] = static_cast<char>('0' + random() % 10);
      std::string text;
      for (const std::string& line : lines) text += line + "\n";
      const Result<DocumentReport> report = ParseMrz(text, options);
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      ASSERT_EQ(report->format, layout.format) << text;
      ASSERT_EQ(report->check_digits.size(), layout.digits.size()) << text;
      for (const GuardedDigit& digit : layout.digits) {
        std::string guarded;
        for (const Part& part : digit.guarded) {
          guarded += lines[part.line].substr(part.column, part.length);
        }
        const CheckDigit* reported = nullptr;
        for (const CheckDigit& candidate : report->check_digits) {
          if (candidate.name == digit.name) reported = &candidate;
        }
        ASSERT_NE(reported, nullptr) << digit.name;
        EXPECT_EQ(reported->expected, '0' + ComputeCheckDigit(guarded))
            << digit.name << " over " << guarded << " in\n"
            << text;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 500 * (5 + 4 + 3 + 3 + 4 + 3));
}

// Reports are values: a copy and a moved-to report say exactly what the original said.
TEST(CheckDigits, ReportsCopyAndMoveWhole) {
  CheckOptions options;
  options.today = {2026, 11, 26};
  const Result<DocumentReport> parsed = ParseMrz(
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F1204159ZE184226B<<<<<"
      "10\n",
      options);
  ASSERT_TRUE(parsed.ok());
  const DocumentReport copy = *parsed;
  DocumentReport source = *parsed;
  const DocumentReport moved = std::move(source);
  for (const DocumentReport* report : {&copy, &moved}) {
    ASSERT_EQ(report->fields.size(), parsed->fields.size());
    for (size_t index = 0; index < report->fields.size(); ++index) {
      const Field& want = parsed->fields[index];
      const Field& got = report->fields[index];
      EXPECT_EQ(got.name, want.name);
      EXPECT_EQ(got.raw, want.raw);
      EXPECT_EQ(got.value, want.value);
      EXPECT_EQ(got.verdict, want.verdict);
      EXPECT_EQ(got.message, want.message);
    }
    ASSERT_EQ(report->check_digits.size(), parsed->check_digits.size());
    for (size_t index = 0; index < report->check_digits.size(); ++index) {
      EXPECT_EQ(report->check_digits[index].expected, parsed->check_digits[index].expected);
    }
    EXPECT_EQ(report->lines, parsed->lines);
    EXPECT_EQ(report->corrections.size(), parsed->corrections.size());
    EXPECT_EQ(report->checks.size(), parsed->checks.size());
  }
}

}  // namespace
}  // namespace limen::core::document
