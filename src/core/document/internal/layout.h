// Private to core/document: where each field sits in each MRZ layout, the normalised MRZ text,
// check digit evaluation and the steps ParseMrz is made of.
//
// Thread-safety: the layout tables are immutable; the functions are pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/document/mrz.h"

namespace limen::core::document::internal {

// A run of characters on one line; length 0 means "absent in this layout".
struct Segment {
  int line = 0;
  int column = 0;
  int length = 0;
  bool present() const { return length > 0; }
  bool Contains(int at_line, int at_column) const {
    return present() && line == at_line && at_column >= column && at_column < column + length;
  }
};

// What characters a position may hold; drives OCR corrections.
enum class CharClass : uint8_t { kLetter, kDigit, kAlphanumeric };

// The longest MRZ line (TD3, MRV-A).
constexpr int kMaxLineLength = 44;

// A check digit's weights over the MRZ as one run of characters (MrzLines::padded_data), for
// summing sixteen characters at a time. In each block of sixteen characters the weights of the
// eight even positions come first, then those of the eight odd ones (the order in which a block
// splits into 16-bit lanes). A weight is 0 where the check digit does not look.
struct WeightedCheck {
  static constexpr int kBlockSize = 16;
  std::array<uint16_t, MrzLines::kPaddedCharacters> weights;

  // Where the weight of the character at `flat` (line * line length + column) sits in weights.
  static int IndexOf(int flat) {
    const int in_block = flat % kBlockSize;
    return flat - in_block + (in_block % 2) * (kBlockSize / 2) + in_block / 2;
  }
  int At(int flat) const { return weights[IndexOf(flat)]; }
};
enum WeightedCheckIndex {
  kNumberCheck,
  kBirthCheck,
  kExpiryCheck,
  kOptionalCheck,
  kCompositeCheck,
  kWeightedCheckCount
};

struct Layout {
  DocumentFormat format;
  int line_count;
  int line_length;
  Segment code, issuer, name, number, number_check, nationality, birth, birth_check, sex, expiry,
      expiry_check, optional1, optional1_check, optional2, composite;
  // French identity card only: given names on line 2 and the administrative code on line 1.
  Segment given_names, administrative_code;
  std::array<Segment, 4> composite_covers;
  // TD1 and TD2: a document number longer than 9 characters continues in optional data 1.
  bool long_number_allowed;
  // The digit and the alphanumeric positions (see CharClass), line by line, for the correction
  // search; every other position holds letters.
  struct Cell {
    int8_t line;
    int8_t column;
  };
  std::array<Cell, 90> digit_cells;
  int digit_cell_count;
  std::array<Cell, 90> alphanumeric_cells;
  int alphanumeric_cell_count;
  // The check digits whose guarded text the layout fixes, as 7-3-1 weights over the MRZ read as
  // one run of characters (line after line; see WeightedCheck). A long document number is not
  // among them: where it ends depends on the MRZ.
  std::array<WeightedCheck, kWeightedCheckCount> weighted_checks;
  // The blocks of WeightedCheck::kBlockSize characters where any of them has a non-zero weight:
  // [weighted_first_block, weighted_end_block).
  int weighted_first_block;
  int weighted_end_block;
};

const Layout& LayoutFor(DocumentFormat format);

// Sixteen bytes handled as one value (GCC and Clang vector extension), for the byte-class tests
// that run over every input byte: a comparison gives 0xFF in each byte where it holds.
using Bytes16 = unsigned char __attribute__((vector_size(16)));

// True when no byte of `text` gives a non-zero byte in `bad(block)`; `bad` is written with vector
// operations on Bytes16 and `bad_byte` says the same for one byte (for the last < 16 bytes).
template <typename Bad, typename BadByte>
bool NoBadBytes(std::string_view text, Bad bad, BadByte bad_byte) {
  const char* data = text.data();
  size_t size = text.size();
  if (size < 16) {
    bool clean = true;
    for (size_t index = 0; index < size; ++index)
      clean &= !bad_byte(static_cast<unsigned char>(data[index]));
    return clean;
  }
  Bytes16 any{};
  Bytes16 block;
  for (; size >= 16; data += 16, size -= 16) {
    std::memcpy(&block, data, 16);
    any |= bad(block);
  }
  // The last bytes as one block that ends where the text ends (overlapping the one before).
  std::memcpy(&block, data + size - 16, 16);
  any |= bad(block);
  uint64_t halves[2];
  std::memcpy(halves, &any, 16);
  return (halves[0] | halves[1]) == 0;
}

// The text of `segment` in `lines`.
inline std::string_view Slice(const MrzLines& lines, const Segment& segment) {
  return lines.line(segment.line).substr(segment.column, segment.length);
}

// Cleans what a document reader sends and checks its shape: trims, drops CR and empty lines,
// removes spaces and tabs inside lines, upper-cases, and cuts a single line of 90, 72 or 88
// characters into lines, into *lines (which must be empty; it is written in place, so on failure
// it holds unspecified characters). Fails with MRZ_TOO_LONG, MRZ_CHARACTER, MRZ_EMPTY or
// MRZ_SHAPE.
Status NormalizeMrz(std::string_view text, MrzLines* lines);

// Picks the layout from the shape (line count and length) and the document code.
const Layout& DetectLayout(const MrzLines& lines);

// Used by the generator, which builds lines as strings.
std::string_view Slice(const std::vector<std::string>& lines, const Segment& segment);

// The long document number split of TD1/TD2, when the number check digit is a filler.
struct LongNumber {
  bool present = false;
  bool malformed = false;  // The continuation has no check digit.
  Segment extension;       // Characters that continue the number.
  Segment check;           // Where the real check digit sits.
  Segment rest;            // Optional data after the continuation.
};
LongNumber FindLongNumber(const Layout& layout, const MrzLines& lines);

// The Doc 9303 value of an MRZ character (0-9, A-Z 10-35, '<' 0); -1 for any other byte.
int MrzCharValue(char c);

// Evaluates every check digit of the layout on `lines` into *results (which must be empty).
void EvaluateCheckDigits(const Layout& layout, const MrzLines& lines, CheckDigitList* results);
bool AllCheckDigitsPass(const CheckDigitList& check_digits);
// The same verdict as AllCheckDigitsPass(EvaluateCheckDigits(...)) without building the
// results; used by the correction search, which tries many readings.
bool QuickCheckDigitsPass(const Layout& layout, const MrzLines& lines);

// ParseMrzName for a name field of the MRZ, and the field's value ("PRIMARY, SECONDARY"), read
// with word operations. REQUIRES: 48 readable bytes at field.data() (a slice of MrzLines).
// Returns false, having filled nothing that matters, for what it leaves to ParseMrzName: a field
// of 48 characters or more, or a secondary identifier with fillers in a row inside it.
bool ReadNameField(std::string_view field, Names* names, FieldText* value);

// Fills report->fields and the typed values from the lines.
void ParseFields(const Layout& layout, const MrzLines& lines, const CheckOptions& options,
                 DocumentReport* report);

// What the border checks need to know of the report so far, so that they look at the check
// digits and fields only when something there is wrong.
struct Findings {
  bool check_digit_failed = false;  // Some check digit is not valid.
  bool field_problem = false;       // Some field's verdict is not kValid.
};

// Adds the border checks (expiry, minor, specimen, States, consistency, check digits).
void RunDocumentChecks(const CheckOptions& options, const Findings& findings,
                       DocumentReport* report);

// Proposes corrections of OCR confusions; empty when none is safe.
std::vector<Correction> ProposeCorrections(const Layout& layout, const MrzLines& lines,
                                           const CheckDigitList& check_digits);

}  // namespace limen::core::document::internal
