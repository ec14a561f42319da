// The travel-document engine: parses a machine readable zone (MRZ) as a document reader sends
// it, validates every field against ICAO Doc 9303 and runs the border checks that depend on the
// document alone (expiry, minors, specimens, State codes, consistency).
//
// Supported layouts: TD1 (3x30), TD2 (2x36), TD3 (2x44), visas MRV-A (2x44) and MRV-B (2x36),
// and the French national identity card issued before 2021 (2x36, "IDFRA").
//
// The engine is pure: today's date and the configuration come in through CheckOptions; nothing
// here reads a clock, a file or the environment.
//
// Thread-safety: ParseMrz and GenerateMrz are thread-safe and reentrant (transliteration keeps one
// ICU transliterator per thread). The value types are plain structs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "base/status.h"
#include "base/time.h"
#include "core/document/inline_containers.h"

namespace limen::core::document {

enum class DocumentFormat : uint8_t { kTd1, kTd2, kTd3, kMrvA, kMrvB, kFrenchId };

// "TD1", "TD2", "TD3", "MRV-A", "MRV-B", "FRA-ID".
std::string_view DocumentFormatName(DocumentFormat format);

enum class Verdict : uint8_t {
  kValid,       // The field is well formed and, where checked, correct.
  kWarning,     // Usable, but the officer should look (e.g. a truncated name, a partial date).
  kInvalid,     // Wrong: a bad check digit, an impossible date, an unknown code.
  kNotChecked,  // The format gives nothing to check it against.
};
// "valid", "warning", "invalid", "not_checked".
std::string_view VerdictName(Verdict verdict);

// Where a piece of text sits in the normalised MRZ (zero-based line and column).
struct Position {
  int32_t line = 0;
  int32_t column = 0;
  int32_t length = 0;
};

// Names, codes and variants in the report are std::string_view into static storage: they come
// from fixed vocabularies, so they are never allocated and never dangle. Field texts, fields and
// check digits are held inline (inline_containers.h), so a clean document's report needs no heap.

// One field of the MRZ, e.g. "document_number" or "birth_date".
struct Field {
  Field() = default;
  // A field as read, before parsing: the engine builds fields in place with this.
  Field(std::string_view name, std::string_view raw, Position position)
      : name(name), raw(raw), position(position) {}

  std::string_view name;
  FieldText raw;      // Exactly as read, fillers included.
  Position position;  // For a long document number: where the first part sits.
  FieldText value;    // Parsed: fillers removed, dates as YYYY-MM-DD, codes as codes.
  Verdict verdict = Verdict::kValid;
  std::string_view reason;  // Stable code when the verdict is not kValid, e.g. "DATE_INVALID".
  std::string message;      // English sentence for the officer when the verdict is not kValid.
};

// One check digit and what it guards.
struct CheckDigit {
  std::string_view name;  // "document_number", "birth_date", "expiry_date", "optional_data",
                          // "composite".
  Position position;
  char found = '<';
  char expected = '<';  // Computed from the MRZ as read.
  Verdict verdict = Verdict::kValid;
  // For long document numbers: "without_filler" (the Doc 9303 reading) or "with_filler" (the
  // filler at the cut point included); empty otherwise.
  std::string_view variant;
};

enum class Severity : uint8_t { kInfo, kWarning, kError };
// "info", "warning", "error".
std::string_view SeverityName(Severity severity);

// The result of one border check on the document, with a stable code such as
// "DOCUMENT_EXPIRED" and an English message telling the officer what to do.
struct DocumentCheck {
  std::string_view code;
  Severity severity = Severity::kInfo;
  std::string_view field;  // The field concerned, empty for the document as a whole.
  std::string message;
};

// One changed character of a proposed correction, to be confirmed against the document.
struct CharacterChange {
  std::string_view field;
  int32_t line = 0;
  int32_t column = 0;
  char from = '<';
  char to = '<';
};

// A proposed reading of the MRZ that repairs OCR confusions (O/0, I/1, B/8 ...).
struct Correction {
  // "check_digit": the change makes the failing check digits pass. "character_class": a digit in
  // a letter-only field that has one letter reading (and, for a State code, a known code).
  std::string_view basis;
  std::vector<CharacterChange> changes;
  std::vector<std::string> corrected_lines;
};

// The normalised MRZ: two or three lines of equal length, held inline (no heap) and cheap to
// copy. line(i) views into this object, so it lives as long as the MrzLines does.
class MrzLines {
 public:
  static constexpr int kMaxCharacters = 90;  // TD1: 3 x 30.
  // kMaxCharacters rounded up to whole 16-byte blocks (see padded_data).
  static constexpr int kPaddedCharacters = 96;
  // The storage: enough slack after the characters that a field text starting anywhere in them
  // can be copied as one block of FieldText::kCapacity bytes (FieldText::AssignPadded).
  static constexpr int kStorage = 144;
  static_assert(kStorage >= kMaxCharacters + static_cast<int>(FieldText::kCapacity));

  MrzLines() = default;
  // `chars` holds count * length (at most kMaxCharacters) characters, line after line.
  MrzLines(std::string_view chars, int count, int length);

  int count() const { return count_; }
  int length() const { return length_; }
  std::string_view line(int index) const {
    return std::string_view(chars_.data() + index * length_, length_);
  }
  char at(int line, int column) const { return chars_[line * length_ + column]; }
  char& at(int line, int column) { return chars_[line * length_ + column]; }
  std::vector<std::string> ToStrings() const;
  bool operator==(const MrzLines& other) const;
  // The characters line after line, then zeros up to kPaddedCharacters, so that they can be read
  // sixteen at a time.
  const char* padded_data() const { return chars_.data(); }

  // For the normaliser, which writes the characters in place: the storage for kMaxCharacters
  // characters, line after line, and then the shape. REQUIRES: count * length <= kMaxCharacters
  // and the storage past count * length characters still zero.
  char* mutable_chars() { return chars_.data(); }
  void SetShape(int count, int length) {
    LIMEN_CHECK(count * length <= kMaxCharacters);
    count_ = count;
    length_ = length;
  }

 private:
  std::array<char, kStorage> chars_{};
  int count_ = 0;
  int length_ = 0;
};

struct Names {
  std::string primary;     // Surname(s), words separated by single spaces.
  std::string secondary;   // Given name(s), words separated by single spaces.
  bool truncated = false;  // The name field is full: the name may have been cut.
};

// The most fields a layout has (TD1: ten) and the most check digits (TD3: five).
using FieldList = FixedVector<Field, 10>;
using CheckDigitList = FixedVector<CheckDigit, 5>;

struct DocumentReport {
  // Defined out of line (so user-provided): value-initialising a report would otherwise zero
  // all of its inline storage before constructing it.
  DocumentReport();

  DocumentFormat format = DocumentFormat::kTd3;
  std::string document_code;  // "P", "I", "ID", "V", "AC" ... fillers removed.
  MrzLines lines;             // The normalised MRZ lines.
  bool mrz_valid = false;     // Every check digit, date, code and character is correct.
  bool valid = false;         // mrz_valid and no document check of severity kError.
  FieldList fields;
  CheckDigitList check_digits;
  std::vector<DocumentCheck> checks;
  std::vector<Correction> corrections;
  Names names;
  std::string issuing_state;
  std::string nationality;
  std::string document_number;
  std::optional<CivilDate> birth_date;   // Missing when unreadable or only partly known.
  std::optional<CivilDate> expiry_date;  // Missing when unreadable or absent (French ID card).
  std::string sex;                       // "M", "F", "X" or "<".

  // The field with this name, or nullptr.
  const Field* FindField(std::string_view name) const;
  // The check with this code, or nullptr.
  const DocumentCheck* FindCheck(std::string_view code) const;
};

struct CheckOptions {
  CivilDate today;                               // The date of the check (the caller's clock).
  int32_t expiry_warning_days = 90;              // DOCUMENT_EXPIRES_SOON within this many days.
  int32_t age_of_majority = 18;                  // HOLDER_MINOR below this age.
  std::vector<std::string> unrecognised_states;  // Issuing States this State does not recognise.
  bool propose_corrections = true;
};

// Parses and validates one MRZ. Surrounding whitespace, CR/LF, lower case and spaces inside lines
// are tolerated. Returns InvalidArgument with reason MRZ_EMPTY, MRZ_SHAPE (wrong line count or
// length; the message says what was expected), MRZ_CHARACTER (a character that cannot appear in
// an MRZ) or MRZ_TOO_LONG. Everything else, including bad check digits, is reported inside the
// DocumentReport.
Result<DocumentReport> ParseMrz(std::string_view text, const CheckOptions& options);

// Computes the Doc 9303 check digit (weights 7-3-1) of `text`; returns -1 if a character is not
// one of A-Z, 0-9, '<'.
int ComputeCheckDigit(std::string_view text);

}  // namespace limen::core::document
