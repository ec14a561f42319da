// Reading every field of a layout into a Field with its parsed value and verdict. Fields are
// built in place in the report; messages are written only for fields that are not valid.
#include <array>
#include <string>

#include "core/document/internal/dates.h"
#include "core/document/internal/layout.h"
#include "core/document/internal/text.h"
#include "core/document/names.h"
#include "core/document/state_codes.h"

namespace limen::core::document::internal {
namespace {

// A-Z and '<' (the characters of letter-only fields) as true.
constexpr std::array<bool, 256> kLetterOrFiller = [] {
  std::array<bool, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  table['<'] = true;
  return table;
}();

bool AllLettersOrFillers(std::string_view text) {
  if (text.size() <= 3) {  // Codes and sex: one table look-up per character.
    bool all = true;
    for (char c : text) all &= kLetterOrFiller[static_cast<unsigned char>(c)];
    return all;
  }
  return NoBadBytes(
      text, [](Bytes16 b) { return static_cast<Bytes16>((b - 'A' > 25) & (b != '<')); },
      [](unsigned char c) { return !kLetterOrFiller[c]; });
}

std::string_view StripFillers(std::string_view text) {
  const size_t end = text.find_last_not_of('<');
  if (end == std::string_view::npos) return text.substr(0, 0);  // Still pointing into the text.
  const size_t begin = text.find_first_not_of('<');
  return text.substr(begin, end - begin + 1);
}

void SetVerdict(Field* field, Verdict verdict, std::string_view reason, std::string message) {
  field->verdict = verdict;
  field->reason = reason;
  field->message = std::move(message);
}

// Appends a field for one segment, its raw text copied from the lines (in one fixed-size block:
// the lines keep slack for that).
Field& AddField(DocumentReport* report, std::string_view name, const MrzLines& lines,
                const Segment& segment) {
  Field& field = report->fields.emplace_back(
      name, std::string_view(), Position{segment.line, segment.column, segment.length});
  field.raw.AssignPadded(Slice(lines, segment));
  return field;
}

// The value of a field that is its raw text without fillers, copied from the lines.
void SetStrippedValue(const MrzLines& lines, const Segment& segment, Field* field) {
  field->value.AssignPadded(StripFillers(Slice(lines, segment)));
}

void ReadDocumentCode(const Layout& layout, const MrzLines& lines, DocumentReport* report) {
  Field& field = AddField(report, "document_code", lines, layout.code);
  SetStrippedValue(lines, layout.code, &field);
  const char first = field.raw[0];
  bool expected = false;
  switch (layout.format) {
    case DocumentFormat::kTd3:
      expected = first == 'P';
      break;
    case DocumentFormat::kMrvA:
    case DocumentFormat::kMrvB:
      expected = first == 'V';
      break;
    case DocumentFormat::kFrenchId:
      expected = field.raw == "ID";
      break;
    default:
      expected = first == 'I' || first == 'A' || first == 'C';
      break;
  }
  if (!AllLettersOrFillers(field.raw) || first == '<') {
    SetVerdict(&field, Verdict::kInvalid, "DOCUMENT_CODE_INVALID",
               "The document code must start with a letter; read the document again.");
  } else if (!expected) {
    SetVerdict(&field, Verdict::kWarning, "DOCUMENT_CODE_UNEXPECTED",
               Concat({"The document code '", field.value, "' is unusual for a ",
                       DocumentFormatName(layout.format), " document; check the document type."}));
  }
  report->document_code = field.value;
}

// Reads a State code field and returns its value.
std::string_view ReadStateCode(std::string_view name, const MrzLines& lines, const Segment& segment,
                               DocumentReport* report) {
  Field& field = AddField(report, name, lines, segment);
  SetStrippedValue(lines, segment, &field);
  if (!AllLettersOrFillers(field.raw) || field.raw[0] == '<') {
    SetVerdict(
        &field, Verdict::kInvalid, "STATE_CODE_CHARACTER",
        Concat({"The State code '", field.raw, "' must be letters; read the document again."}));
  } else if (!IsKnownStateCode(field.value)) {
    SetVerdict(&field, Verdict::kInvalid, "STATE_CODE_UNKNOWN",
               Concat({"'", field.value,
                       "' is not an ISO 3166-1 or ICAO Doc 9303 code; check it against the "
                       "document."}));
  }
  return field.value;
}

// Reads a name field into *parsed and returns the field.
Field& ReadName(std::string_view name, const MrzLines& lines, const Segment& segment,
                DocumentReport* report, Names* parsed) {
  Field& field = AddField(report, name, lines, segment);
  if (!ReadNameField(Slice(lines, segment), parsed, &field.value)) {
    ParseMrzName(field.raw, parsed);
    field.value = parsed->primary;
    if (!parsed->secondary.empty()) field.value.append(", ").append(parsed->secondary);
  }
  const Names& names = *parsed;
  if (!AllLettersOrFillers(field.raw)) {
    SetVerdict(&field, Verdict::kInvalid, "NAME_CHARACTER",
               "The name contains a digit; compare it with the document (a 0 may be an O).");
  } else if (names.primary.empty()) {
    SetVerdict(&field, Verdict::kInvalid, "NAME_MISSING",
               "The name field has no primary identifier; read the document again.");
  } else if (names.truncated) {
    SetVerdict(&field, Verdict::kWarning, "NAME_TRUNCATED",
               "The name fills the whole field and may be cut; take the full name from the "
               "visual zone.");
  }
  return field;
}

void ReadAlphanumeric(std::string_view name, const MrzLines& lines, const Segment& segment,
                      DocumentReport* report) {
  Field& field = AddField(report, name, lines, segment);
  SetStrippedValue(lines, segment, &field);
}

void ReadDocumentNumber(const Layout& layout, const MrzLines& lines, const LongNumber& long_number,
                        DocumentReport* report) {
  Field& field = AddField(report, "document_number", lines, layout.number);
  if (long_number.present && !long_number.malformed) {
    field.raw.append(Slice(lines, long_number.extension));
    field.value = field.raw.view();
  } else {
    SetStrippedValue(lines, layout.number, &field);
    if (long_number.malformed) {
      SetVerdict(&field, Verdict::kInvalid, "LONG_NUMBER_MALFORMED",
                 "The number check digit is a filler but the optional data holds no "
                 "continuation and check digit; read the document again.");
    }
  }
  if (field.verdict == Verdict::kValid && field.value.empty()) {
    SetVerdict(&field, Verdict::kInvalid, "DOCUMENT_NUMBER_MISSING",
               "The document number is empty; read the document again.");
  }
  report->document_number = field.value;
}

std::optional<CivilDate> ReadDate(std::string_view name, const MrzLines& lines,
                                  const Segment& segment, DateKind kind, const CivilDate& today,
                                  DocumentReport* report) {
  Field& field = AddField(report, name, lines, segment);
  return ReadMrzDate(kind, today, &field);
}

void ReadSex(const Layout& layout, const MrzLines& lines, DocumentReport* report) {
  Field& field = AddField(report, "sex", lines, layout.sex);
  const char c = field.raw[0];
  field.value = field.raw;
  if (c != 'M' && c != 'F' && c != 'X' && c != '<') {
    SetVerdict(&field, Verdict::kInvalid, "SEX_INVALID",
               "The sex must be M, F, X or '<'; compare it with the document.");
  }
  report->sex = field.value;
}

// Optional data: after a long document number only what follows its check digit.
void ReadOptionalData(const Layout& layout, const MrzLines& lines, const LongNumber& long_number,
                      DocumentReport* report) {
  if (layout.optional1.present()) {
    const Segment segment =
        long_number.present && !long_number.malformed ? long_number.rest : layout.optional1;
    if (segment.present()) ReadAlphanumeric("optional_data", lines, segment, report);
  }
  if (layout.optional2.present()) {
    ReadAlphanumeric("optional_data_2", lines, layout.optional2, report);
  }
  if (layout.administrative_code.present()) {
    ReadAlphanumeric("administrative_code", lines, layout.administrative_code, report);
  }
}

void ReadNames(const Layout& layout, const MrzLines& lines, DocumentReport* report) {
  if (!layout.given_names.present()) {
    ReadName("name", lines, layout.name, report, &report->names);
    return;
  }
  Names surname;
  Names given;
  ReadName("surname", lines, layout.name, report, &surname);
  Field& given_field = ReadName("given_names", lines, layout.given_names, report, &given);
  report->names.primary = std::move(surname.primary);
  // French cards separate given names with "<<" (e.g. "NICOLAS<<PAUL").
  report->names.secondary = std::move(given.primary);
  if (!given.secondary.empty()) report->names.secondary.append(" ").append(given.secondary);
  report->names.truncated = surname.truncated || given.truncated;
  given_field.value = report->names.secondary;
}

}  // namespace

void ParseFields(const Layout& layout, const MrzLines& lines, const CheckOptions& options,
                 DocumentReport* report) {
  const LongNumber long_number = FindLongNumber(layout, lines);
  ReadDocumentCode(layout, lines, report);
  report->issuing_state = ReadStateCode("issuing_state", lines, layout.issuer, report);
  ReadNames(layout, lines, report);
  ReadDocumentNumber(layout, lines, long_number, report);
  if (layout.nationality.present()) {
    report->nationality = ReadStateCode("nationality", lines, layout.nationality, report);
  } else {
    report->nationality = report->issuing_state;  // A national identity card.
  }
  report->birth_date =
      ReadDate("birth_date", lines, layout.birth, DateKind::kBirth, options.today, report);
  ReadSex(layout, lines, report);
  if (layout.expiry.present()) {
    report->expiry_date =
        ReadDate("expiry_date", lines, layout.expiry, DateKind::kExpiry, options.today, report);
  }
  ReadOptionalData(layout, lines, long_number, report);
}

}  // namespace limen::core::document::internal
