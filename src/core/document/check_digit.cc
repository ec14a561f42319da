// Check digits (ICAO Doc 9303 Part 3, 4.9): weights 7-3-1 repeating; A-Z count 10-35, '<' 0.
// Sums are computed straight from the normalised lines through a value table, without copying
// the guarded text.
#include <algorithm>
#include <array>
#include <cstring>
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

// kWeighted[phase][byte]: the value of an MRZ character times the weight at that phase of the
// 7-3-1 cycle, so that summing needs neither a check nor a multiplication. Only for text known to
// hold MRZ characters (the normalised lines); other bytes count 0.
constexpr std::array<std::array<uint8_t, 256>, 3> kWeighted = [] {
  std::array<std::array<uint8_t, 256>, 3> table{};
  for (int phase = 0; phase < 3; ++phase) {
    for (int c = 0; c < 256; ++c) {
      table[phase][c] = static_cast<uint8_t>(kValues[c] < 0 ? 0 : kValues[c] * kWeights[phase]);
    }
  }
  return table;
}();

}  // namespace

int ComputeCheckDigit(std::string_view text) {
  int sum = 0;
  for (size_t index = 0; index < text.size(); ++index) {
    const int value = kValues[static_cast<unsigned char>(text[index])];
    if (value < 0) return -1;
    sum += value * kWeights[index % 3];
  }
  return sum % 10;
}

namespace internal {

int MrzCharValue(char c) { return kValues[static_cast<unsigned char>(c)]; }

namespace {

bool AllFillers(std::string_view text) {
  return text.find_first_not_of('<') == std::string_view::npos;
}

// The weighted values of `text` summed, the first character weighted at `phase` of the 7-3-1
// cycle (0, 1, 2). Three characters per step with the three tables rotated to the phase, so no
// weight is chosen per character.
inline int WeightedSum(std::string_view text, int phase) {
  const auto* c = reinterpret_cast<const unsigned char*>(text.data());
  const uint8_t* w0 = kWeighted[phase].data();
  const uint8_t* w1 = kWeighted[phase == 2 ? 0 : phase + 1].data();
  const uint8_t* w2 = kWeighted[phase == 0 ? 2 : phase - 1].data();
  size_t n = text.size();
  int total = 0;
  for (; n >= 3; n -= 3, c += 3) total += w0[c[0]] + w1[c[1]] + w2[c[2]];
  if (n > 0) total += w0[c[0]];
  if (n > 1) total += w1[c[1]];
  return total;
}

// The check digit over the concatenation of `parts`, which hold only MRZ characters.
inline int CheckDigitOf(std::initializer_list<std::string_view> parts) {
  int sum = 0;
  int phase = 0;
  for (std::string_view part : parts) {
    sum += WeightedSum(part, phase);
    phase = static_cast<int>((phase + part.size()) % 3);
  }
  return sum % 10;
}

char DigitChar(int digit) { return static_cast<char>('0' + digit); }

// Fills *result for one check digit; `expected` is the computed digit. (Results are filled in
// place: building one in a local and copying it stalls on store forwarding.)
void Evaluate(std::string_view name, const MrzLines& lines, const Segment& check, int expected,
              bool all_fillers_pass, CheckDigit* result) {
  result->name = name;
  result->position = {check.line, check.column, 1};
  result->found = Slice(lines, check)[0];
  result->expected = DigitChar(expected);
  bool ok = result->found == result->expected;
  // Optional data that is all fillers may carry '<' instead of 0 (Doc 9303 Part 4, 4.2.2.2).
  if (!ok && all_fillers_pass && result->found == '<') ok = true;
  result->verdict = ok ? Verdict::kValid : Verdict::kInvalid;
}

void EvaluateNumber(const Layout& layout, const MrzLines& lines, CheckDigit* result) {
  const LongNumber long_number = FindLongNumber(layout, lines);
  const std::string_view first = Slice(lines, layout.number);
  if (!long_number.present || long_number.malformed) {
    Evaluate("document_number", lines, layout.number_check, CheckDigitOf({first}), false, result);
    if (long_number.malformed) result->verdict = Verdict::kInvalid;
    return;
  }
  const std::string_view extension = Slice(lines, long_number.extension);
  Evaluate("document_number", lines, long_number.check, CheckDigitOf({first, extension}), false,
           result);
  result->variant = "without_filler";
  if (result->verdict != Verdict::kValid) {
    const char with_filler = DigitChar(CheckDigitOf({first, "<", extension}));
    if (result->found == with_filler) {
      result->expected = with_filler;
      result->verdict = Verdict::kValid;
      result->variant = "with_filler";
    }
  }
}

// The check digit over the parts of the MRZ the composite check digit guards.
int CompositeDigit(const Layout& layout, const MrzLines& lines) {
  const auto& covers = layout.composite_covers;
  return CheckDigitOf({Slice(lines, covers[0]), Slice(lines, covers[1]), Slice(lines, covers[2]),
                       Slice(lines, covers[3])});
}

bool Matches(const MrzLines& lines, const Segment& check, int expected) {
  return Slice(lines, check)[0] == DigitChar(expected);
}

// The sums of all the layout's weighted checks (WeightedCheck) over `lines`, in one pass over
// the blocks of sixteen characters that any of them guards. Each block's characters are turned
// into their values and split into the eight at even positions and the eight at odd ones
// (16-bit lanes, the order of the weights), then multiplied by every check's weights at once.
std::array<int, kWeightedCheckCount> WeightedSums(const Layout& layout, const MrzLines& lines) {
  using Lanes16 = uint16_t __attribute__((vector_size(16)));
  constexpr int kHalf = WeightedCheck::kBlockSize / 2;
  Lanes16 totals[kWeightedCheckCount] = {};
  for (int block = layout.weighted_first_block; block < layout.weighted_end_block; ++block) {
    Bytes16 c;
    std::memcpy(&c, lines.padded_data() + block * WeightedCheck::kBlockSize, sizeof(c));
    // d: digits 0-9, '<' 12, letters 17-42; so '<' loses 12 and letters 7. Bytes past the MRZ
    // give nonsense values, but every weight there is 0.
    const Bytes16 d = c - '0';
    const Bytes16 v = d - (static_cast<Bytes16>(d > 9) & 12) + (static_cast<Bytes16>(d > 16) & 5);
    Lanes16 pairs;
    std::memcpy(&pairs, &v, sizeof(pairs));
    const Lanes16 even = pairs & 0xFF;
    const Lanes16 odd = pairs >> 8;
    for (int index = 0; index < kWeightedCheckCount; ++index) {
      const uint16_t* weights =
          layout.weighted_checks[index].weights.data() + block * WeightedCheck::kBlockSize;
      Lanes16 even_weights;
      Lanes16 odd_weights;
      std::memcpy(&even_weights, weights, sizeof(even_weights));
      std::memcpy(&odd_weights, weights + kHalf, sizeof(odd_weights));
      totals[index] += even * even_weights + odd * odd_weights;
    }
  }
  std::array<int, kWeightedCheckCount> sums;
  for (int index = 0; index < kWeightedCheckCount; ++index) {
    // Every lane is at most 6 * 35 * 7 * 2 = 2940, so the lanes add up without overflow.
    uint64_t halves[2];
    std::memcpy(halves, &totals[index], sizeof(halves));
    uint64_t sum = halves[0] + halves[1];
    sum = (sum & 0x0000FFFF0000FFFFu) + ((sum >> 16) & 0x0000FFFF0000FFFFu);
    sums[index] = static_cast<int>((sum + (sum >> 32)) & 0xFFFFFFFFu);
  }
  return sums;
}

}  // namespace

void EvaluateCheckDigits(const Layout& layout, const MrzLines& lines, CheckDigitList* results) {
  const std::array<int, kWeightedCheckCount> sums = WeightedSums(layout, lines);
  const auto digit = [&](WeightedCheckIndex index) { return sums[index] % 10; };
  if (layout.long_number_allowed && Slice(lines, layout.number_check)[0] == '<') {
    EvaluateNumber(layout, lines, &results->emplace_back());
  } else {
    Evaluate("document_number", lines, layout.number_check, digit(kNumberCheck), false,
             &results->emplace_back());
  }
  Evaluate("birth_date", lines, layout.birth_check, digit(kBirthCheck), false,
           &results->emplace_back());
  if (layout.expiry_check.present()) {
    Evaluate("expiry_date", lines, layout.expiry_check, digit(kExpiryCheck), false,
             &results->emplace_back());
  }
  if (layout.optional1_check.present()) {
    Evaluate("optional_data", lines, layout.optional1_check, digit(kOptionalCheck),
             AllFillers(Slice(lines, layout.optional1)), &results->emplace_back());
  }
  if (layout.composite.present()) {
    Evaluate("composite", lines, layout.composite, digit(kCompositeCheck), false,
             &results->emplace_back());
  }
}

bool QuickCheckDigitsPass(const Layout& layout, const MrzLines& lines) {
  if (layout.long_number_allowed && Slice(lines, layout.number_check)[0] == '<') {
    CheckDigit number;
    EvaluateNumber(layout, lines, &number);
    if (number.verdict != Verdict::kValid) return false;
  } else if (!Matches(lines, layout.number_check, CheckDigitOf({Slice(lines, layout.number)}))) {
    return false;
  }
  if (!Matches(lines, layout.birth_check, CheckDigitOf({Slice(lines, layout.birth)}))) {
    return false;
  }
  if (layout.expiry_check.present() &&
      !Matches(lines, layout.expiry_check, CheckDigitOf({Slice(lines, layout.expiry)}))) {
    return false;
  }
  if (layout.optional1_check.present()) {
    const std::string_view optional = Slice(lines, layout.optional1);
    const bool filler = AllFillers(optional) && Slice(lines, layout.optional1_check)[0] == '<';
    if (!filler && !Matches(lines, layout.optional1_check, CheckDigitOf({optional}))) {
      return false;
    }
  }
  return !layout.composite.present() ||
         Matches(lines, layout.composite, CompositeDigit(layout, lines));
}

bool AllCheckDigitsPass(const CheckDigitList& check_digits) {
  for (const CheckDigit& check : check_digits) {
    if (check.verdict != Verdict::kValid) return false;
  }
  return true;
}

}  // namespace internal
}  // namespace limen::core::document
