// Reading every field of a layout into a Field with its parsed value and verdict.
#include <string>

#include "core/document/internal/dates.h"
#include "core/document/internal/layout.h"
#include "core/document/names.h"
#include "core/document/state_codes.h"

namespace limen::core::document::internal {
namespace {

bool AllOf(std::string_view text, bool (*predicate)(char)) {
  for (char c : text) {
    if (!predicate(c)) return false;
  }
  return true;
}
bool IsLetterOrFiller(char c) { return (c >= 'A' && c <= 'Z') || c == '<'; }

std::string StripFillers(std::string_view text) {
  const size_t end = text.find_last_not_of('<');
  if (end == std::string_view::npos) return {};
  const size_t begin = text.find_first_not_of('<');
  return std::string(text.substr(begin, end - begin + 1));
}

void SetVerdict(Field* field, Verdict verdict, std::string reason, std::string message) {
  field->verdict = verdict;
  field->reason = std::move(reason);
  field->message = std::move(message);
}

Field ReadDocumentCode(const Layout& layout, const std::vector<std::string>& lines) {
  Field field = MakeField("document_code", lines, layout.code);
  field.value = StripFillers(field.raw);
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
  if (!AllOf(field.raw, IsLetterOrFiller) || first == '<') {
    SetVerdict(&field, Verdict::kInvalid, "DOCUMENT_CODE_INVALID",
               "The document code must start with a letter; read the document again.");
  } else if (!expected) {
    SetVerdict(&field, Verdict::kWarning, "DOCUMENT_CODE_UNEXPECTED",
               "The document code '" + field.value + "' is unusual for a " +
                   std::string(DocumentFormatName(layout.format)) +
                   " document; check the document type.");
  }
  return field;
}

Field ReadStateCode(std::string name, const std::vector<std::string>& lines,
                    const Segment& segment) {
  Field field = MakeField(std::move(name), lines, segment);
  field.value = StripFillers(field.raw);
  if (!AllOf(field.raw, IsLetterOrFiller) || field.raw[0] == '<') {
    SetVerdict(&field, Verdict::kInvalid, "STATE_CODE_CHARACTER",
               "The State code '" + field.raw + "' must be letters; read the document again.");
  } else if (!LookupStateCode(field.value).has_value()) {
    SetVerdict(&field, Verdict::kInvalid, "STATE_CODE_UNKNOWN",
               "'" + field.value +
                   "' is not an ISO 3166-1 or ICAO Doc 9303 code; check it "
                   "against the document.");
  }
  return field;
}

Field ReadName(std::string name, const std::vector<std::string>& lines, const Segment& segment,
               Names* parsed) {
  Field field = MakeField(std::move(name), lines, segment);
  *parsed = ParseMrzName(field.raw);
  const Names& names = *parsed;
  field.value = names.secondary.empty() ? names.primary : names.primary + ", " + names.secondary;
  if (!AllOf(field.raw, IsLetterOrFiller)) {
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

Field ReadAlphanumeric(std::string name, const std::vector<std::string>& lines,
                       const Segment& segment) {
  Field field = MakeField(std::move(name), lines, segment);
  field.value = StripFillers(field.raw);
  return field;
}

Field ReadDocumentNumber(const Layout& layout, const std::vector<std::string>& lines) {
  Field field = ReadAlphanumeric("document_number", lines, layout.number);
  const LongNumber long_number = FindLongNumber(layout, lines);
  if (long_number.present && !long_number.malformed) {
    field.value = std::string(Slice(lines, layout.number)) + long_number.extension;
    field.raw = field.value;
  } else if (long_number.malformed) {
    SetVerdict(&field, Verdict::kInvalid, "LONG_NUMBER_MALFORMED",
               "The number check digit is a filler but the optional data holds no continuation "
               "and check digit; read the document again.");
  }
  if (field.verdict == Verdict::kValid && field.value.empty()) {
    SetVerdict(&field, Verdict::kInvalid, "DOCUMENT_NUMBER_MISSING",
               "The document number is empty; read the document again.");
  }
  return field;
}

Field ReadDate(std::string name, const std::vector<std::string>& lines, const Segment& segment,
               DateKind kind, const CivilDate& today, std::optional<CivilDate>* out) {
  Field field = MakeField(std::move(name), lines, segment);
  MrzDate date = ReadMrzDate(field.raw, kind, today);
  field.value = date.value;
  field.verdict = date.verdict;
  field.reason = date.reason;
  field.message = date.message;
  *out = date.date;
  return field;
}

Field ReadSex(const Layout& layout, const std::vector<std::string>& lines) {
  Field field = MakeField("sex", lines, layout.sex);
  const char c = field.raw[0];
  field.value = field.raw;
  if (c != 'M' && c != 'F' && c != 'X' && c != '<') {
    SetVerdict(&field, Verdict::kInvalid, "SEX_INVALID",
               "The sex must be M, F, X or '<'; compare it with the document.");
  }
  return field;
}

// Optional data: after a long document number only what follows its check digit.
void ReadOptionalData(const Layout& layout, const std::vector<std::string>& lines,
                      DocumentReport* report) {
  if (layout.optional1.present()) {
    const LongNumber long_number = FindLongNumber(layout, lines);
    const Segment segment =
        long_number.present && !long_number.malformed ? long_number.rest : layout.optional1;
    if (segment.present()) {
      report->fields.push_back(ReadAlphanumeric("optional_data", lines, segment));
    }
  }
  if (layout.optional2.present()) {
    report->fields.push_back(ReadAlphanumeric("optional_data_2", lines, layout.optional2));
  }
  if (layout.administrative_code.present()) {
    report->fields.push_back(
        ReadAlphanumeric("administrative_code", lines, layout.administrative_code));
  }
}

void ReadNames(const Layout& layout, const std::vector<std::string>& lines,
               DocumentReport* report) {
  if (!layout.given_names.present()) {
    report->fields.push_back(ReadName("name", lines, layout.name, &report->names));
    return;
  }
  Names surname;
  Names given;
  report->fields.push_back(ReadName("surname", lines, layout.name, &surname));
  report->fields.push_back(ReadName("given_names", lines, layout.given_names, &given));
  report->names.primary = surname.primary;
  // French cards separate given names with "<<" (e.g. "NICOLAS<<PAUL").
  report->names.secondary =
      given.secondary.empty() ? given.primary : given.primary + " " + given.secondary;
  report->names.truncated = surname.truncated || given.truncated;
  report->fields.back().value = report->names.secondary;
}

}  // namespace

void ParseFields(const Layout& layout, const std::vector<std::string>& lines,
                 const CheckOptions& options, DocumentReport* report) {
  auto& fields = report->fields;
  fields.push_back(ReadDocumentCode(layout, lines));
  report->document_code = fields.back().value;
  fields.push_back(ReadStateCode("issuing_state", lines, layout.issuer));
  report->issuing_state = fields.back().value;
  ReadNames(layout, lines, report);
  fields.push_back(ReadDocumentNumber(layout, lines));
  report->document_number = fields.back().value;
  if (layout.nationality.present()) {
    fields.push_back(ReadStateCode("nationality", lines, layout.nationality));
    report->nationality = fields.back().value;
  } else {
    report->nationality = report->issuing_state;  // A national identity card.
  }
  fields.push_back(ReadDate("birth_date", lines, layout.birth, DateKind::kBirth, options.today,
                            &report->birth_date));
  fields.push_back(ReadSex(layout, lines));
  report->sex = fields.back().value;
  if (layout.expiry.present()) {
    fields.push_back(ReadDate("expiry_date", lines, layout.expiry, DateKind::kExpiry, options.today,
                              &report->expiry_date));
  }
  ReadOptionalData(layout, lines, report);
}

}  // namespace limen::core::document::internal
