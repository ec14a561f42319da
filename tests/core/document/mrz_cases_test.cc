// Table-driven MRZ cases: tests/data/mrz/cases.txt. One case per line:
//   name | today (YYYY-MM-DD) | MRZ (lines separated by '/', escapes \n \r \t \s) | expectations
// Expectations are ';'-separated key=value pairs; see the header of the data file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "core/document/mrz.h"

namespace limen::core::document {
namespace {

struct Case {
  std::string name;
  std::string today;
  std::string mrz;
  std::vector<std::pair<std::string, std::string>> expectations;
  int line_number = 0;
};

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '/') {
      out.push_back('\n');
    } else if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out.push_back(next == 'n'   ? '\n'
                    : next == 'r' ? '\r'
                    : next == 't' ? '\t'
                    : next == 's' ? ' '
                                  : next);
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::vector<Case> LoadCases(const std::string& path) {
  std::ifstream file(path);
  std::vector<Case> cases;
  std::string line;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    const std::vector<std::string_view> parts = Split(line, '|');
    if (parts.size() != 4) {
      ADD_FAILURE() << path << ":" << number << ": expected 4 '|'-separated columns";
      continue;
    }
    Case c{std::string(Trim(parts[0])),
           std::string(Trim(parts[1])),
           Unescape(Trim(parts[2])),
           {},
           number};
    for (std::string_view item : Split(parts[3], ';')) {
      item = Trim(item);
      if (item.empty()) continue;
      const size_t eq = item.find('=');
      c.expectations.emplace_back(
          std::string(Trim(item.substr(0, eq))),
          eq == std::string_view::npos ? "" : std::string(Trim(item.substr(eq + 1))));
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string Bool(bool value) { return value ? "true" : "false"; }

const CheckDigit* FindDigit(const DocumentReport& report, std::string_view name) {
  for (const CheckDigit& digit : report.check_digits) {
    if (digit.name == name) return &digit;
  }
  return nullptr;
}

std::string ChangeText(const CharacterChange& change) {
  return std::to_string(change.line + 1) + ":" + std::to_string(change.column + 1) + ":" +
         change.from + ">" + change.to;
}

// Returns the actual value for an expectation key, or "<missing>".
std::string Actual(const DocumentReport& r, const std::string& key, const std::string& want) {
  auto suffix = [&](std::string_view prefix) { return key.substr(prefix.size()); };
  if (key == "format") return std::string(DocumentFormatName(r.format));
  if (key == "mrz_valid") return Bool(r.mrz_valid);
  if (key == "valid") return Bool(r.valid);
  if (key == "primary") return r.names.primary;
  if (key == "secondary") return r.names.secondary;
  if (key == "truncated") return Bool(r.names.truncated);
  if (key == "lines") {
    std::string joined;
    for (const std::string& line : r.lines.ToStrings()) {
      joined += (joined.empty() ? "" : "/") + line;
    }
    return joined;
  }
  if (key == "check") return r.FindCheck(want) != nullptr ? want : "<absent>";
  if (key == "nocheck") return r.FindCheck(want) == nullptr ? want : "<present>";
  if (key == "corrections") return std::to_string(r.corrections.size());
  if (key == "correction" || key == "correction2") {
    const size_t index = key == "correction" ? 0 : 1;
    if (r.corrections.size() <= index) return "<none>";
    std::string text(r.corrections[index].basis);
    for (const auto& change : r.corrections[index].changes) text += " " + ChangeText(change);
    return text;
  }
  if (StartsWith(key, "field.") || StartsWith(key, "verdict.") || StartsWith(key, "reason.")) {
    const std::string name = key.substr(key.find('.') + 1);
    const Field* field = r.FindField(name);
    if (field == nullptr) return "<missing>";
    if (StartsWith(key, "field.")) return std::string(field->value);
    if (StartsWith(key, "verdict.")) return std::string(VerdictName(field->verdict));
    return std::string(field->reason);
  }
  if (StartsWith(key, "digit.") || StartsWith(key, "variant.")) {
    const CheckDigit* digit = FindDigit(r, key.substr(key.find('.') + 1));
    if (digit == nullptr) return "<missing>";
    return StartsWith(key, "digit.") ? std::string(VerdictName(digit->verdict))
                                     : std::string(digit->variant);
  }
  (void)suffix;
  return "<unknown key " + key + ">";
}

TEST(MrzCases, Table) {
  const std::vector<Case> cases =
      LoadCases(std::string(LIMEN_SOURCE_DIR) + "/tests/data/mrz/cases.txt");
  ASSERT_GE(cases.size(), 40u);
  for (const Case& c : cases) {
    SCOPED_TRACE("case " + c.name + " (cases.txt:" + std::to_string(c.line_number) + ")");
    CheckOptions options;
    const auto today = ParseDate(c.today);
    ASSERT_TRUE(today.has_value()) << c.today;
    options.today = *today;
    options.unrecognised_states = {"RKS"};
    const Result<DocumentReport> result = ParseMrz(c.mrz, options);
    for (const auto& [key, want] : c.expectations) {
      if (key == "error") {
        EXPECT_FALSE(result.ok());
        EXPECT_EQ(result.status().reason(), want) << result.status().ToString();
        continue;
      }
      if (!result.ok()) {
        ADD_FAILURE() << result.status().ToString();
        break;
      }
      EXPECT_EQ(Actual(*result, key, want), want) << "key " << key;
    }
  }
}

// More than 4096 bytes is refused before anything is read; 4096 bytes of whitespace around an
// MRZ are still read.
TEST(MrzCases, InputLengthLimit) {
  CheckOptions options;
  options.today = {2010, 1, 1};
  const std::string mrz =
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<"
      "10\n";
  const std::string padded = mrz + std::string(4096 - mrz.size(), ' ');
  const Result<DocumentReport> at_limit = ParseMrz(padded, options);
  ASSERT_TRUE(at_limit.ok()) << at_limit.status().ToString();
  EXPECT_TRUE(at_limit->mrz_valid);
  const Result<DocumentReport> over = ParseMrz(padded + " ", options);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().reason(), "MRZ_TOO_LONG");
}

}  // namespace
}  // namespace limen::core::document
