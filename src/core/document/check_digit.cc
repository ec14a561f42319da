// Check digits (ICAO Doc 9303 Part 3, 4.9): weights 7-3-1 repeating; A-Z count 10-35, '<' 0.
#include <initializer_list>
#include <string>

#include "core/document/internal/layout.h"
#include "core/document/mrz.h"

namespace limen::core::document {

int ComputeCheckDigit(std::string_view text) {
  static constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    } else if (c == '<') {
      value = 0;
    } else {
      return -1;
    }
    sum += value * kWeights[index % 3];
  }
  return sum % 10;
}

namespace internal {
namespace {

char DigitChar(int digit) { return digit < 0 ? '?' : static_cast<char>('0' + digit); }

CheckDigit Evaluate(std::string name, const std::vector<std::string>& lines, const Segment& check,
                    std::string_view guarded, bool filler_means_zero) {
  CheckDigit result;
  result.name = std::move(name);
  result.position = {check.line, check.column, 1};
  result.found = Slice(lines, check)[0];
  result.expected = DigitChar(ComputeCheckDigit(guarded));
  bool ok = result.found == result.expected;
  // Optional data that is all fillers may carry '<' instead of 0 (Doc 9303 Part 4, 4.2.2.2).
  if (!ok && filler_means_zero && result.found == '<' &&
      guarded.find_first_not_of('<') == std::string_view::npos) {
    ok = true;
  }
  result.verdict = ok ? Verdict::kValid : Verdict::kInvalid;
  return result;
}

CheckDigit EvaluateNumber(const Layout& layout, const std::vector<std::string>& lines) {
  const LongNumber long_number = FindLongNumber(layout, lines);
  const std::string_view first = Slice(lines, layout.number);
  if (!long_number.present) {
    return Evaluate("document_number", lines, layout.number_check, first, false);
  }
  if (long_number.malformed) {
    CheckDigit result = Evaluate("document_number", lines, layout.number_check, first, false);
    result.verdict = Verdict::kInvalid;
    return result;
  }
  const std::string without = std::string(first) + long_number.extension;
  const std::string with = std::string(first) + "<" + long_number.extension;
  CheckDigit result = Evaluate("document_number", lines, long_number.check, without, false);
  result.variant = "without_filler";
  if (result.verdict != Verdict::kValid) {
    CheckDigit alternative = Evaluate("document_number", lines, long_number.check, with, false);
    if (alternative.verdict == Verdict::kValid) {
      result = alternative;
      result.variant = "with_filler";
    }
  }
  return result;
}

}  // namespace

std::vector<CheckDigit> EvaluateCheckDigits(const Layout& layout,
                                            const std::vector<std::string>& lines) {
  std::vector<CheckDigit> results;
  results.reserve(5);
  results.push_back(EvaluateNumber(layout, lines));
  results.push_back(
      Evaluate("birth_date", lines, layout.birth_check, Slice(lines, layout.birth), false));
  if (layout.expiry_check.present()) {
    results.push_back(
        Evaluate("expiry_date", lines, layout.expiry_check, Slice(lines, layout.expiry), false));
  }
  if (layout.optional1_check.present()) {
    results.push_back(Evaluate("optional_data", lines, layout.optional1_check,
                               Slice(lines, layout.optional1), true));
  }
  if (layout.composite.present()) {
    char guarded[96];
    size_t length = 0;
    for (const Segment& segment : layout.composite_covers) {
      if (!segment.present()) continue;
      const std::string_view text = Slice(lines, segment);
      text.copy(guarded + length, text.size());
      length += text.size();
    }
    results.push_back(
        Evaluate("composite", lines, layout.composite, std::string_view(guarded, length), false));
  }
  return results;
}

namespace {

// Adds the weighted values of `text` to *sum, continuing the 7-3-1 weights at *index.
bool Accumulate(std::string_view text, int* sum, int* index) {
  static constexpr int kWeights[3] = {7, 3, 1};
  for (char c : text) {
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    } else if (c == '<') {
      value = 0;
    } else {
      return false;
    }
    *sum += value * kWeights[(*index)++ % 3];
  }
  return true;
}

bool Matches(const std::vector<std::string>& lines, const Segment& check,
             std::initializer_list<Segment> guarded, bool filler_means_zero) {
  int sum = 0;
  int index = 0;
  bool all_fillers = true;
  for (const Segment& segment : guarded) {
    if (!segment.present()) continue;
    const std::string_view text = Slice(lines, segment);
    if (!Accumulate(text, &sum, &index)) return false;
    all_fillers = all_fillers && text.find_first_not_of('<') == std::string_view::npos;
  }
  const char found = Slice(lines, check)[0];
  return found == '0' + sum % 10 || (filler_means_zero && all_fillers && found == '<');
}

}  // namespace

bool QuickCheckDigitsPass(const Layout& layout, const std::vector<std::string>& lines) {
  if (layout.long_number_allowed && Slice(lines, layout.number_check)[0] == '<') {
    if (EvaluateNumber(layout, lines).verdict != Verdict::kValid) return false;
  } else if (!Matches(lines, layout.number_check, {layout.number}, false)) {
    return false;
  }
  if (!Matches(lines, layout.birth_check, {layout.birth}, false)) return false;
  if (layout.expiry_check.present() &&
      !Matches(lines, layout.expiry_check, {layout.expiry}, false)) {
    return false;
  }
  if (layout.optional1_check.present() &&
      !Matches(lines, layout.optional1_check, {layout.optional1}, true)) {
    return false;
  }
  const auto& covers = layout.composite_covers;
  return !layout.composite.present() ||
         Matches(lines, layout.composite, {covers[0], covers[1], covers[2], covers[3]}, false);
}

bool AllCheckDigitsPass(const std::vector<CheckDigit>& check_digits) {
  for (const CheckDigit& check : check_digits) {
    if (check.verdict != Verdict::kValid) return false;
  }
  return true;
}

}  // namespace internal
}  // namespace limen::core::document
