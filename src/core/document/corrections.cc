// Proposed corrections of OCR confusions. Digit positions (dates, check digits) read letters as
// their digit look-alikes; alphanumeric positions (document number, optional data) may hold
// either, so each look-alike is tried and a reading is kept only when every check digit then
// passes. Letter-only fields (codes, names, sex) read digits as letters.
#include <array>
#include <initializer_list>
#include <string>
#include <utility>

#include "core/document/internal/layout.h"
#include "core/document/state_codes.h"

namespace limen::core::document::internal {
namespace {

constexpr int kMaxChangedPositions = 3;
constexpr size_t kMaxAmbiguousPositions = 40;
constexpr size_t kMaxProposals = 3;

// The look-alike readings of a character, as 256-entry tables (0: none).
struct Readings {
  std::array<char, 256> digit{};   // A letter read as the digit it resembles.
  std::array<char, 256> letter{};  // A digit read as the letter it resembles.
};
constexpr Readings kReadings = [] {
  Readings readings;
  for (const auto& [letter, digit] : {std::pair{'O', '0'},
                                      {'Q', '0'},
                                      {'D', '0'},
                                      {'I', '1'},
                                      {'L', '1'},
                                      {'B', '8'},
                                      {'S', '5'},
                                      {'Z', '2'},
                                      {'G', '6'}}) {
    readings.digit[static_cast<unsigned char>(letter)] = digit;
  }
  for (const auto& [digit, letter] :
       {std::pair{'0', 'O'}, {'1', 'I'}, {'8', 'B'}, {'5', 'S'}, {'2', 'Z'}, {'6', 'G'}}) {
    readings.letter[static_cast<unsigned char>(digit)] = letter;
  }
  return readings;
}();

char DigitReading(char c) { return kReadings.digit[static_cast<unsigned char>(c)]; }
char LetterReading(char c) { return kReadings.letter[static_cast<unsigned char>(c)]; }

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
    const std::string_view original = Slice(lines, *segment);
    // Most letter fields hold no digit at all: tell that sixteen characters at a time.
    if (NoBadBytes(
            original, [](Bytes16 b) { return static_cast<Bytes16>(b - '0' < 10); },
            [](unsigned char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    char fixed[kMaxLineLength];
    bool changed = false;
    for (size_t index = 0; index < original.size(); ++index) {
      const char letter = LetterReading(original[index]);
      fixed[index] = letter != 0 ? letter : original[index];
      changed |= letter != 0;
    }
    if (!changed) continue;
    const std::string_view text(fixed, original.size());
    const bool is_state = segment == &layout.issuer || segment == &layout.nationality;
    if (is_state) {
      const size_t end = text.find_last_not_of('<');
      const std::string_view code = end == std::string_view::npos ? "" : text.substr(0, end + 1);
      if (!IsKnownStateCode(code)) continue;
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
using Candidates = FixedVector<Candidate, kMaxAmbiguousPositions>;
using Proposals = FixedVector<MrzLines, kMaxProposals + 1>;

// The check digits of a layout as weighted sums over the search's base reading, so that a set of
// swaps is judged with a few additions instead of re-reading the MRZ. Gives the same verdict as
// QuickCheckDigitsPass on the reading with the swaps applied: swaps never create or remove a
// filler, so the long number split and the "all fillers" rule do not change.
class SwapChecks {
 public:
  // `check_digits` are those of `base`, in the order EvaluateCheckDigits gives them.
  SwapChecks(const Layout& layout, const MrzLines& base, const CheckDigitList& check_digits,
             const Candidates& candidates)
      : layout_(layout), base_(base), candidates_(candidates) {
    for (size_t k = 0; k < candidates.size(); ++k) {
      const Candidate& candidate = candidates[k];
      value_changes_[k] =
          static_cast<int16_t>(MrzCharValue(candidate.alternative) -
                               MrzCharValue(base.at(candidate.line, candidate.column)));
    }
    int next = 0;  // The entry of check_digits that goes with the check being added.
    if (layout.long_number_allowed && Slice(base, layout.number_check)[0] == '<') {
      AddLongNumber();
      ++next;
    } else {
      AddWeighted(kNumberCheck, check_digits[next++]);
    }
    AddWeighted(kBirthCheck, check_digits[next++]);
    if (layout.expiry_check.present()) AddWeighted(kExpiryCheck, check_digits[next++]);
    if (layout.optional1_check.present()) {
      Form& form = AddWeighted(kOptionalCheck, check_digits[next++]);
      const std::string_view optional = Slice(base, layout.optional1);
      form.filler_passes = optional.find_first_not_of('<') == std::string_view::npos &&
                           Slice(base, layout.optional1_check)[0] == '<';
    }
    if (layout.composite.present()) AddWeighted(kCompositeCheck, check_digits[next++]);
  }

  // True when some check digit fails whatever swaps are made (it fails now and no candidate
  // touches it): the search can stop at once.
  bool Hopeless() const {
    for (int c = 0; c < check_count_; ++c) {
      const Check& check = checks_[c];
      bool may_pass = false;
      for (int f = 0; f < check.form_count; ++f) {
        const Form& form = check.forms[f];
        may_pass |= Passes(form, nullptr, 0) || form.found_candidate >= 0;
        for (size_t k = 0; k < candidates_.size() && !may_pass; ++k) {
          may_pass = form.delta[k] != 0;
        }
      }
      if (!may_pass) return true;
    }
    return false;
  }

  // Whether every check digit passes with the candidates in pick[0..size) swapped in.
  template <size_t kSize>
  bool Pass(const size_t (&pick)[kSize]) const {
    for (int c = 0; c < check_count_; ++c) {
      const Check& check = checks_[c];
      bool passes = false;
      for (int f = 0; f < check.form_count && !passes; ++f) {
        passes = Passes(check.forms[f], pick, kSize);
      }
      if (!passes) return false;
    }
    return true;
  }

 private:
  // One reading of a check digit: its weighted sum over the base reading (or just that sum's
  // last digit: only sums modulo 10 are compared), how each candidate's swap changes that sum,
  // and the check digit as read. Only the first candidates_.size() deltas are set.
  struct Form {
    int sum = 0;
    std::array<int16_t, kMaxAmbiguousPositions> delta;
    char found = '<';
    int found_candidate = -1;  // The candidate that sits on the check digit itself, or -1.
    bool filler_passes = false;
  };
  struct Check {
    std::array<Form, 2> forms;
    int form_count = 0;
  };

  Form& AddForm(Check* check, const Segment& digit) {
    Form& form = check->forms[check->form_count++];
    form.found = base_.at(digit.line, digit.column);
    form.found_candidate = -1;
    for (size_t k = 0; k < candidates_.size(); ++k) {
      form.delta[k] = 0;
      if (candidates_[k].line == digit.line && candidates_[k].column == digit.column) {
        form.found_candidate = static_cast<int>(k);
      }
    }
    return form;
  }

  // A check digit whose guarded text the layout fixes: the sum is the one EvaluateCheckDigits
  // computed, and each swap's change comes from the layout's weights.
  Form& AddWeighted(WeightedCheckIndex index, const CheckDigit& digit) {
    Form& form =
        AddForm(&checks_[check_count_++], Segment{digit.position.line, digit.position.column, 1});
    // The computed digit, plus a multiple of 10 larger than any set of swaps can take away
    // (3 swaps of at most 35 * 7 each), so that sums stay positive.
    form.sum = digit.expected - '0' + 1000;
    const WeightedCheck& weights = layout_.weighted_checks[index];
    for (size_t k = 0; k < candidates_.size(); ++k) {
      const Candidate& candidate = candidates_[k];
      const int weight = weights.At(candidate.line * base_.length() + candidate.column);
      form.delta[k] = static_cast<int16_t>(value_changes_[k] * weight);
    }
    return form;
  }

  // A long document number (TD1, TD2): both readings, each summed over the MRZ.
  void AddLongNumber() {
    Check& check = checks_[check_count_++];
    const LongNumber long_number = FindLongNumber(layout_, base_);
    if (!long_number.present || long_number.malformed) return;  // No form: it cannot pass.
    AddSummedForm(&check, long_number, /*filler_after_first=*/false);
    AddSummedForm(&check, long_number, /*filler_after_first=*/true);
  }

  // The form over the number and its continuation read in order; with filler_after_first, a
  // filler is read in between (the "with filler" reading).
  void AddSummedForm(Check* check, const LongNumber& long_number, bool filler_after_first) {
    Form& form = AddForm(check, long_number.check);
    static constexpr int kWeights[3] = {7, 3, 1};
    int phase = 0;
    for (const Segment& part : {layout_.number, long_number.extension}) {
      for (int offset = 0; offset < part.length; ++offset) {
        const int line = part.line;
        const int column = part.column + offset;
        const int weight = kWeights[phase];
        phase = phase == 2 ? 0 : phase + 1;
        form.sum += MrzCharValue(base_.at(line, column)) * weight;
        for (size_t k = 0; k < candidates_.size(); ++k) {
          if (candidates_[k].line != line || candidates_[k].column != column) continue;
          form.delta[k] = static_cast<int16_t>(value_changes_[k] * weight);
        }
      }
      if (filler_after_first) phase = phase == 2 ? 0 : phase + 1;
      filler_after_first = false;
    }
  }

  bool Passes(const Form& form, const size_t* pick, size_t size) const {
    if (form.filler_passes) return true;
    int sum = form.sum;
    char found = form.found;
    for (size_t i = 0; i < size; ++i) {
      sum += form.delta[pick[i]];
      if (static_cast<int>(pick[i]) == form.found_candidate) {
        found = candidates_[pick[i]].alternative;
      }
    }
    return found == '0' + sum % 10;
  }

  const Layout& layout_;
  const MrzLines& base_;
  const Candidates& candidates_;
  // How much each candidate's swap changes the value of its character.
  std::array<int16_t, kMaxAmbiguousPositions> value_changes_;
  std::array<Check, 5> checks_;
  int check_count_ = 0;
};

// Tries every set of up to kMaxChangedPositions look-alike swaps, fewest first, each size in
// lexicographic order, and keeps the readings with which every check digit passes.
void Search(const Layout& layout, const MrzLines& base, const CheckDigitList& check_digits,
            const Candidates& candidates, Proposals* found) {
  static_assert(kMaxChangedPositions == 3, "one loop nest per number of changes");
  const SwapChecks checks(layout, base, check_digits, candidates);
  if (checks.Hopeless()) return;
  const size_t n = candidates.size();
  // Keeps the reading with these swaps if it passes; false once there are too many to be of use.
  const auto keep = [&](auto... swaps) {
    const size_t pick[] = {static_cast<size_t>(swaps)...};
    if (!checks.Pass(pick)) return true;
    MrzLines& trial = found->emplace_back(base);
    for (size_t k : pick)
      trial.at(candidates[k].line, candidates[k].column) = candidates[k].alternative;
    return found->size() <= kMaxProposals;
  };
  for (size_t a = 0; a < n; ++a) {
    if (!keep(a)) return;
  }
  if (!found->empty()) return;
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      if (!keep(a, b)) return;
    }
  }
  if (!found->empty()) return;
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      for (size_t c = b + 1; c < n; ++c) {
        if (!keep(a, b, c)) return;
      }
    }
  }
}

// Which check digits fail, by what they guard.
struct FailingChecks {
  bool number = false;
  bool birth = false;
  bool expiry = false;
  bool optional = false;
  bool composite = false;
};

// `checks` come in the order EvaluateCheckDigits gives them, which the layout decides.
FailingChecks FailingOf(const Layout& layout, const CheckDigitList& checks) {
  size_t next = 0;
  const auto failing = [&] { return checks[next++].verdict != Verdict::kValid; };
  FailingChecks result;
  result.number = failing();
  result.birth = failing();
  if (layout.expiry_check.present()) result.expiry = failing();
  if (layout.optional1_check.present()) result.optional = failing();
  if (layout.composite.present()) result.composite = failing();
  return result;
}

// An alphanumeric position is worth changing only when a check digit that guards it fails.
bool WorthTrying(const Layout& layout, const FailingChecks& failing, bool long_number, int line,
                 int column) {
  if (layout.number.Contains(line, column) ||
      (long_number && layout.optional1.Contains(line, column))) {
    return failing.number;
  }
  if (layout.optional1_check.present() && layout.optional1.Contains(line, column)) {
    return failing.optional;
  }
  return failing.composite;
}

void CheckDigitCorrections(const Layout& layout, const MrzLines& lines,
                           const CheckDigitList& check_digits, std::vector<Correction>* out) {
  MrzLines forced = lines;
  for (int index = 0; index < layout.digit_cell_count; ++index) {
    const Layout::Cell cell = layout.digit_cells[index];
    const char reading = DigitReading(lines.at(cell.line, cell.column));
    if (reading != 0) forced.at(cell.line, cell.column) = reading;
  }
  // When no look-alike was read as a digit the check digits are those of the report.
  const bool unchanged = forced == lines;
  CheckDigitList reevaluated;
  if (!unchanged) EvaluateCheckDigits(layout, forced, &reevaluated);
  const CheckDigitList& checks = unchanged ? check_digits : reevaluated;
  if (AllCheckDigitsPass(checks)) {
    if (!unchanged) out->push_back(Diff(layout, lines, forced, "check_digit"));
    return;
  }
  // Dates and their check digits hold only digits: no swap can repair them.
  const FailingChecks failing = FailingOf(layout, checks);
  if (failing.birth || failing.expiry) return;
  const bool long_number = FindLongNumber(layout, forced).present;
  Candidates candidates;
  for (int index = 0; index < layout.alphanumeric_cell_count; ++index) {
    const int line = layout.alphanumeric_cells[index].line;
    const int column = layout.alphanumeric_cells[index].column;
    const char c = forced.at(line, column);
    const char alternative = DigitReading(c) != 0 ? DigitReading(c) : LetterReading(c);
    if (alternative != 0 && WorthTrying(layout, failing, long_number, line, column)) {
      if (candidates.size() == candidates.capacity()) return;  // Too ambiguous to help.
      candidates.push_back({line, column, alternative});
    }
  }
  if (candidates.empty()) return;
  Proposals found;
  Search(layout, forced, checks, candidates, &found);
  if (found.empty() || found.size() > kMaxProposals) return;  // None, or too ambiguous to help.
  for (const MrzLines& corrected : found) {
    out->push_back(Diff(layout, lines, corrected, "check_digit"));
  }
}

}  // namespace

std::vector<Correction> ProposeCorrections(const Layout& layout, const MrzLines& lines,
                                           const CheckDigitList& check_digits) {
  std::vector<Correction> out;
  const MrzLines letters = FixLetterFields(layout, lines);
  if (!(letters == lines)) out.push_back(Diff(layout, lines, letters, "character_class"));
  if (!AllCheckDigitsPass(check_digits)) CheckDigitCorrections(layout, lines, check_digits, &out);
  return out;
}

}  // namespace limen::core::document::internal
