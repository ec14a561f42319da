// Check digits (ICAO Doc 9303 Part 3, 4.9): weights 7-3-1 repeating; A-Z count 10-35, '<' 0.
// Sums are computed straight from the normalised lines through a value table, without copying
// the guarded text.
#include <array>
#include <string>

#include "core/document/internal/layout.h"
#include "core/document/mrz.h"

namespace limen::core::document {
namespace {

// The Doc 9303 value of each byte; -1 for bytes that cannot appear in an MRZ.
constexpr std::array<int8_t, 256> kValues = [] {
  std::array<int8_t, 256> values{};
  values.fill(-1);
  for (int c = '0'; c <= '9'; ++c) values[c] = static_cast<int8_t>(c - '0');
  for (int c = 'A'; c <= 'Z'; ++c) values[c] = static_cast<int8_t>(c - 'A' + 10);
  values['<'] = 0;
  return values;
}();

constexpr int kWeights[3] = {7, 3, 1};

// Adds the weighted values of `text` to *sum, continuing the 7-3-1 weights at *index. False when a
// character is not one of A-Z, 0-9, '<'.
bool Accumulate(std::string_view text, int* sum, int* index) {
  for (char c : text) {
    const int value = kValues[static_cast<unsigned char>(c)];
    if (value < 0) return false;
    *sum += value * kWeights[*index % 3];
    ++*index;
  }
  return true;
}

}  // namespace

int ComputeCheckDigit(std::string_view text) {
  int sum = 0;
  int index = 0;
  return Accumulate(text, &sum, &index) ? sum % 10 : -1;
}

namespace internal {

int MrzCharValue(char c) { return kValues[static_cast<unsigned char>(c)]; }

namespace {

bool AllFillers(std::string_view text) {
  return text.find_first_not_of('<') == std::string_view::npos;
}

// The check digit over the concatenation of `parts`, or -1.
int CheckDigitOf(std::initializer_list<std::string_view> parts) {
  int sum = 0;
  int index = 0;
  for (std::string_view part : parts) {
    if (!Accumulate(part, &sum, &index)) return -1;
  }
  return sum % 10;
}

char DigitChar(int digit) { return digit < 0 ? '?' : static_cast<char>('0' + digit); }

// Fills one check digit result; `expected` is the computed digit (or -1).
CheckDigit Evaluate(std::string_view name, const MrzLines& lines, const Segment& check,
                    int expected, bool all_fillers_pass) {
  CheckDigit result;
  result.name = name;
  result.position = {check.line, check.column, 1};
  result.found = lines.Slice(check)[0];
  result.expected = DigitChar(expected);
  bool ok = result.found == result.expected;
  // Optional data that is all fillers may carry '<' instead of 0 (Doc 9303 Part 4, 4.2.2.2).
  if (!ok && all_fillers_pass && result.found == '<') ok = true;
  result.verdict = ok ? Verdict::kValid : Verdict::kInvalid;
  return result;
}

CheckDigit EvaluateNumber(const Layout& layout, const MrzLines& lines) {
  const LongNumber long_number = FindLongNumber(layout, lines);
  const std::string_view first = lines.Slice(layout.number);
  if (!long_number.present || long_number.malformed) {
    CheckDigit result =
        Evaluate("document_number", lines, layout.number_check, CheckDigitOf({first}), false);
    if (long_number.malformed) result.verdict = Verdict::kInvalid;
    return result;
  }
  const std::string_view extension = lines.Slice(long_number.extension);
  CheckDigit result = Evaluate("document_number", lines, long_number.check,
                               CheckDigitOf({first, extension}), false);
  result.variant = "without_filler";
  if (result.verdict != Verdict::kValid) {
    CheckDigit alternative = Evaluate("document_number", lines, long_number.check,
                                      CheckDigitOf({first, "<", extension}), false);
    if (alternative.verdict == Verdict::kValid) {
      result = alternative;
      result.variant = "with_filler";
    }
  }
  return result;
}

// The check digit over the parts of the MRZ the composite check digit guards.
int CompositeDigit(const Layout& layout, const MrzLines& lines) {
  const auto& covers = layout.composite_covers;
  return CheckDigitOf({lines.Slice(covers[0]), lines.Slice(covers[1]), lines.Slice(covers[2]),
                       lines.Slice(covers[3])});
}

bool Matches(const MrzLines& lines, const Segment& check, int expected) {
  return lines.Slice(check)[0] == DigitChar(expected);
}

}  // namespace

std::vector<CheckDigit> EvaluateCheckDigits(const Layout& layout, const MrzLines& lines) {
  std::vector<CheckDigit> results;
  results.reserve(5);
  results.push_back(EvaluateNumber(layout, lines));
  results.push_back(Evaluate("birth_date", lines, layout.birth_check,
                             CheckDigitOf({lines.Slice(layout.birth)}), false));
  if (layout.expiry_check.present()) {
    results.push_back(Evaluate("expiry_date", lines, layout.expiry_check,
                               CheckDigitOf({lines.Slice(layout.expiry)}), false));
  }
  if (layout.optional1_check.present()) {
    const std::string_view optional = lines.Slice(layout.optional1);
    results.push_back(Evaluate("optional_data", lines, layout.optional1_check,
                               CheckDigitOf({optional}), AllFillers(optional)));
  }
  if (layout.composite.present()) {
    results.push_back(
        Evaluate("composite", lines, layout.composite, CompositeDigit(layout, lines), false));
  }
  return results;
}

bool QuickCheckDigitsPass(const Layout& layout, const MrzLines& lines) {
  if (layout.long_number_allowed && lines.Slice(layout.number_check)[0] == '<') {
    if (EvaluateNumber(layout, lines).verdict != Verdict::kValid) return false;
  } else if (!Matches(lines, layout.number_check, CheckDigitOf({lines.Slice(layout.number)}))) {
    return false;
  }
  if (!Matches(lines, layout.birth_check, CheckDigitOf({lines.Slice(layout.birth)}))) {
    return false;
  }
  if (layout.expiry_check.present() &&
      !Matches(lines, layout.expiry_check, CheckDigitOf({lines.Slice(layout.expiry)}))) {
    return false;
  }
  if (layout.optional1_check.present()) {
    const std::string_view optional = lines.Slice(layout.optional1);
    const bool filler = AllFillers(optional) && lines.Slice(layout.optional1_check)[0] == '<';
    if (!filler && !Matches(lines, layout.optional1_check, CheckDigitOf({optional}))) {
      return false;
    }
  }
  return !layout.composite.present() ||
         Matches(lines, layout.composite, CompositeDigit(layout, lines));
}

bool AllCheckDigitsPass(const std::vector<CheckDigit>& check_digits) {
  for (const CheckDigit& check : check_digits) {
    if (check.verdict != Verdict::kValid) return false;
  }
  return true;
}

}  // namespace internal
}  // namespace limen::core::document
