// Proposed corrections of OCR confusions. Digit positions (dates, check digits) read letters as
// their digit look-alikes; alphanumeric positions (document number, optional data) may hold
// either, so each look-alike is tried and a reading is kept only when every check digit then
// passes. Letter-only fields (codes, names, sex) read digits as letters.
#include <string>

#include "core/document/internal/layout.h"
#include "core/document/state_codes.h"

namespace limen::core::document::internal {
namespace {

constexpr int kMaxChangedPositions = 3;
constexpr size_t kMaxAmbiguousPositions = 40;
constexpr size_t kMaxProposals = 3;

char DigitReading(char c) {
  switch (c) {
    case 'O':
    case 'Q':
    case 'D':
      return '0';
    case 'I':
    case 'L':
      return '1';
    case 'B':
      return '8';
    case 'S':
      return '5';
    case 'Z':
      return '2';
    case 'G':
      return '6';
    default:
      return 0;
  }
}

char LetterReading(char c) {
  switch (c) {
    case '0':
      return 'O';
    case '1':
      return 'I';
    case '8':
      return 'B';
    case '5':
      return 'S';
    case '2':
      return 'Z';
    case '6':
      return 'G';
    default:
      return 0;
  }
}

struct NamedSegment {
  std::string_view name;
  const Segment* segment;
};

std::string_view FieldAt(const Layout& layout, int line, int column) {
  const NamedSegment segments[] = {
      {"document_code", &layout.code},
      {"issuing_state", &layout.issuer},
      {"name", &layout.name},
      {"document_number", &layout.number},
      {"document_number", &layout.number_check},
      {"nationality", &layout.nationality},
      {"birth_date", &layout.birth},
      {"birth_date", &layout.birth_check},
      {"sex", &layout.sex},
      {"expiry_date", &layout.expiry},
      {"expiry_date", &layout.expiry_check},
      {"optional_data", &layout.optional1},
      {"optional_data", &layout.optional1_check},
      {"optional_data_2", &layout.optional2},
      {"composite", &layout.composite},
      {"given_names", &layout.given_names},
      {"administrative_code", &layout.administrative_code},
  };
  for (const NamedSegment& named : segments) {
    const Segment& s = *named.segment;
    if (s.present() && s.line == line && column >= s.column && column < s.column + s.length) {
      return layout.format == DocumentFormat::kFrenchId && s.line == 0 && &s == &layout.name
                 ? "surname"
                 : named.name;
    }
  }
  return "";
}

Correction Diff(const Layout& layout, const MrzLines& before, const MrzLines& after,
                std::string_view basis) {
  Correction correction;
  correction.basis = basis;
  for (int line = 0; line < before.count(); ++line) {
    for (int column = 0; column < before.length(); ++column) {
      const char from = before.at(line, column);
      const char to = after.at(line, column);
      if (from != to)
        correction.changes.push_back({FieldAt(layout, line, column), line, column, from, to});
    }
  }
  correction.corrected_lines = after.ToStrings();
  return correction;
}

// Digits in letter-only fields. A State code is changed only when the result is a known code.
MrzLines FixLetterFields(const Layout& layout, MrzLines lines) {
  for (const Segment* segment : {&layout.code, &layout.issuer, &layout.nationality, &layout.name,
                                 &layout.given_names, &layout.sex}) {
    if (!segment->present()) continue;
    char fixed[kMaxLineLength];
    const std::string_view original = lines.Slice(*segment);
    for (size_t index = 0; index < original.size(); ++index) {
      const char letter = LetterReading(original[index]);
      fixed[index] = letter != 0 ? letter : original[index];
    }
    const std::string_view text(fixed, original.size());
    const bool is_state = segment == &layout.issuer || segment == &layout.nationality;
    if (is_state) {
      const size_t end = text.find_last_not_of('<');
      const std::string_view code = end == std::string_view::npos ? "" : text.substr(0, end + 1);
      if (!LookupStateCode(code).has_value()) continue;
    }
    for (size_t index = 0; index < text.size(); ++index) {
      lines.at(segment->line, segment->column + static_cast<int>(index)) = text[index];
    }
  }
  return lines;
}

struct Candidate {
  int line;
  int column;
  char alternative;
};

// Tries every set of up to kMaxChangedPositions look-alike swaps, fewest first.
void Search(const Layout& layout, const MrzLines& base, const std::vector<Candidate>& candidates,
            std::vector<MrzLines>* found) {
  const size_t n = candidates.size();
  MrzLines trial = base;
  auto apply = [&](size_t index, bool on) {
    const Candidate& p = candidates[index];
    trial.at(p.line, p.column) = on ? p.alternative : base.at(p.line, p.column);
  };
  for (int size = 1; size <= kMaxChangedPositions && found->empty(); ++size) {
    size_t pick[kMaxChangedPositions];
    for (int i = 0; i < size; ++i) pick[i] = i;
    while (size <= static_cast<int>(n)) {
      for (int i = 0; i < size; ++i) apply(pick[i], true);
      if (QuickCheckDigitsPass(layout, trial)) found->push_back(trial);
      for (int i = 0; i < size; ++i) apply(pick[i], false);
      if (found->size() > kMaxProposals) return;
      int i = size - 1;
      while (i >= 0 && pick[i] == n - size + i) --i;
      if (i < 0) break;
      ++pick[i];
      for (int j = i + 1; j < size; ++j) pick[j] = pick[j - 1] + 1;
    }
  }
}

bool Within(const Segment& segment, int line, int column) {
  return segment.present() && segment.line == line && column >= segment.column &&
         column < segment.column + segment.length;
}

bool Failing(const std::vector<CheckDigit>& checks, std::string_view name) {
  for (const CheckDigit& check : checks) {
    if (check.name == name) return check.verdict != Verdict::kValid;
  }
  return false;
}

// An alphanumeric position is worth changing only when a check digit that guards it fails.
bool WorthTrying(const Layout& layout, const std::vector<CheckDigit>& checks, bool long_number,
                 int line, int column) {
  if (Within(layout.number, line, column) ||
      (long_number && Within(layout.optional1, line, column))) {
    return Failing(checks, "document_number");
  }
  if (layout.optional1_check.present() && Within(layout.optional1, line, column)) {
    return Failing(checks, "optional_data");
  }
  return Failing(checks, "composite");
}

void CheckDigitCorrections(const Layout& layout, const MrzLines& lines,
                           std::vector<Correction>* out) {
  MrzLines forced = lines;
  for (int line = 0; line < lines.count(); ++line) {
    for (int column = 0; column < lines.length(); ++column) {
      const char reading = DigitReading(lines.at(line, column));
      if (reading != 0 && ClassAt(layout, line, column) == CharClass::kDigit) {
        forced.at(line, column) = reading;
      }
    }
  }
  const std::vector<CheckDigit> checks = EvaluateCheckDigits(layout, forced);
  if (AllCheckDigitsPass(checks)) {
    if (!(forced == lines)) out->push_back(Diff(layout, lines, forced, "check_digit"));
    return;
  }
  const bool long_number = FindLongNumber(layout, forced).present;
  std::vector<Candidate> candidates;
  for (int line = 0; line < forced.count(); ++line) {
    for (int column = 0; column < forced.length(); ++column) {
      const char c = forced.at(line, column);
      if (ClassAt(layout, line, column) != CharClass::kAlphanumeric) continue;
      const char alternative = DigitReading(c) != 0 ? DigitReading(c) : LetterReading(c);
      if (alternative != 0 && WorthTrying(layout, checks, long_number, line, column)) {
        candidates.push_back({line, column, alternative});
      }
    }
  }
  if (candidates.empty() || candidates.size() > kMaxAmbiguousPositions) return;
  std::vector<MrzLines> found;
  Search(layout, forced, candidates, &found);
  if (found.empty() || found.size() > kMaxProposals) return;  // None, or too ambiguous to help.
  for (const MrzLines& corrected : found) {
    out->push_back(Diff(layout, lines, corrected, "check_digit"));
  }
}

}  // namespace

std::vector<Correction> ProposeCorrections(const Layout& layout, const MrzLines& lines,
                                           const std::vector<CheckDigit>& check_digits) {
  std::vector<Correction> out;
  const MrzLines letters = FixLetterFields(layout, lines);
  if (!(letters == lines)) out.push_back(Diff(layout, lines, letters, "character_class"));
  if (!AllCheckDigitsPass(check_digits)) CheckDigitCorrections(layout, lines, &out);
  return out;
}

}  // namespace limen::core::document::internal
