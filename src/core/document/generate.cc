#include "core/document/generate.h"

#include <cstdio>
#include <string>

#include "core/document/internal/layout.h"
#include "core/document/names.h"

namespace limen::core::document {
namespace {

using internal::Layout;
using internal::Segment;

Status FieldError(std::string_view field, std::string what) {
  return InvalidArgument("MRZ_GENERATE_FIELD",
                         "The " + std::string(field) + " " + what + "; correct it and try again.");
}

// Upper-cases, turns spaces into fillers and rejects anything outside A-Z, 0-9, '<'.
Result<std::string> Clean(std::string_view field, std::string_view text, size_t max_length) {
  std::string out;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == ' ' || c == '-') c = '<';
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<')) {
      return FieldError(field, "may hold only letters, digits and spaces");
    }
    out.push_back(c);
  }
  if (out.size() > max_length) {
    return FieldError(field, "is longer than " + std::to_string(max_length) + " characters");
  }
  return out;
}

void Put(std::vector<std::string>* lines, const Segment& segment, std::string_view text) {
  std::string padded(text);
  padded.resize(segment.length, '<');
  (*lines)[segment.line].replace(segment.column, segment.length, padded);
}

void PutDigit(std::vector<std::string>* lines, const Segment& segment, std::string_view guarded) {
  const int digit = ComputeCheckDigit(guarded);
  (*lines)[segment.line][segment.column] = static_cast<char>('0' + (digit < 0 ? 0 : digit));
}

std::string DateText(const std::optional<CivilDate>& date) {
  if (!date.has_value()) return "<<<<<<";
  char text[8];
  std::snprintf(text, sizeof(text), "%02d%02d%02d", date->year % 100, date->month, date->day);
  return text;
}

std::string DefaultCode(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kTd3:
      return "P";
    case DocumentFormat::kMrvA:
    case DocumentFormat::kMrvB:
      return "V";
    case DocumentFormat::kFrenchId:
      return "ID";
    default:
      return "I";
  }
}

// Writes the number, continuing in optional data 1 when it is longer than the number field.
Status PutNumber(const Layout& layout, const DocumentData& data, const std::string& number,
                 const std::string& optional, std::vector<std::string>* lines) {
  const size_t width = static_cast<size_t>(layout.number.length);
  if (number.size() <= width) {
    Put(lines, layout.number, number);
    PutDigit(lines, layout.number_check, internal::Slice(*lines, layout.number));
    Put(lines, layout.optional1, optional);
    return Status::Ok();
  }
  if (!layout.long_number_allowed) return FieldError("document number", "is too long");
  const std::string first = number.substr(0, width);
  const std::string rest = number.substr(width);
  const std::string guarded =
      data.long_number_reading == LongNumberReading::kWithFiller ? first + "<" + rest : number;
  const int digit = ComputeCheckDigit(guarded);
  const std::string continuation = rest + static_cast<char>('0' + (digit < 0 ? 0 : digit));
  if (continuation.size() + 1 + optional.size() > static_cast<size_t>(layout.optional1.length)) {
    return FieldError("document number", "and the optional data do not fit together");
  }
  Put(lines, layout.number, first);
  (*lines)[layout.number_check.line][layout.number_check.column] = '<';
  Put(lines, layout.optional1, continuation + (optional.empty() ? "" : "<" + optional));
  return Status::Ok();
}

Status PutDates(const Layout& layout, const DocumentData& data, std::vector<std::string>* lines) {
  Put(lines, layout.birth, DateText(data.birth_date));
  PutDigit(lines, layout.birth_check, internal::Slice(*lines, layout.birth));
  if (layout.expiry.present()) {
    Put(lines, layout.expiry, DateText(data.expiry_date));
    PutDigit(lines, layout.expiry_check, internal::Slice(*lines, layout.expiry));
  }
  return Status::Ok();
}

Status PutNames(const Layout& layout, const DocumentData& data, std::vector<std::string>* lines,
                bool* truncated) {
  if (TransliterateToMrz(data.primary_identifier).empty()) {
    return FieldError("primary identifier (surname)", "is empty after transliteration");
  }
  if (!layout.given_names.present()) {
    Put(lines, layout.name,
        FormatMrzName(data.primary_identifier, data.secondary_identifier, layout.name.length,
                      truncated));
    return Status::Ok();
  }
  bool surname_cut = false;
  bool given_cut = false;
  Put(lines, layout.name,
      FormatMrzName(data.primary_identifier, "", layout.name.length, &surname_cut));
  // French cards separate given names with two fillers ("NICOLAS<<PAUL").
  std::string given;
  for (char c : TransliterateToMrz(data.secondary_identifier)) {
    given += c == '<' ? std::string("<<") : std::string(1, c);
  }
  given_cut = given.size() > static_cast<size_t>(layout.given_names.length);
  given.resize(layout.given_names.length, '<');
  Put(lines, layout.given_names, given);
  *truncated = surname_cut || given_cut;
  return Status::Ok();
}

}  // namespace

Result<GeneratedMrz> GenerateMrz(const DocumentData& data) {
  const Layout& layout = internal::LayoutFor(data.format);
  std::vector<std::string> lines(layout.line_count, std::string(layout.line_length, '<'));
  LIMEN_ASSIGN_OR_RETURN(
      std::string code,
      Clean("document code",
            data.document_code.empty() ? DefaultCode(data.format) : data.document_code, 2));
  LIMEN_ASSIGN_OR_RETURN(std::string issuer, Clean("issuing State", data.issuing_state, 3));
  LIMEN_ASSIGN_OR_RETURN(std::string nationality, Clean("nationality", data.nationality, 3));
  LIMEN_ASSIGN_OR_RETURN(std::string number, Clean("document number", data.document_number, 28));
  LIMEN_ASSIGN_OR_RETURN(std::string sex, Clean("sex", data.sex.empty() ? "<" : data.sex, 1));
  const size_t optional_room = layout.optional1.present() ? layout.optional1.length : 0;
  LIMEN_ASSIGN_OR_RETURN(std::string optional,
                         Clean("optional data", data.optional_data, optional_room));
  LIMEN_ASSIGN_OR_RETURN(std::string optional2, Clean("second optional data", data.optional_data_2,
                                                      layout.optional2.length));
  LIMEN_ASSIGN_OR_RETURN(std::string admin, Clean("administrative code", data.administrative_code,
                                                  layout.administrative_code.length));
  if (sex != "M" && sex != "F" && sex != "X" && sex != "<") {
    return FieldError("sex", "must be M, F, X or empty");
  }
  GeneratedMrz result;
  Put(&lines, layout.code, code);
  Put(&lines, layout.issuer, issuer);
  LIMEN_RETURN_IF_ERROR(PutNames(layout, data, &lines, &result.name_truncated));
  LIMEN_RETURN_IF_ERROR(PutNumber(layout, data, number, optional, &lines));
  if (layout.nationality.present()) Put(&lines, layout.nationality, nationality);
  Put(&lines, layout.sex, sex);
  LIMEN_RETURN_IF_ERROR(PutDates(layout, data, &lines));
  if (layout.optional2.present()) Put(&lines, layout.optional2, optional2);
  if (layout.administrative_code.present()) Put(&lines, layout.administrative_code, admin);
  if (layout.optional1_check.present()) {
    PutDigit(&lines, layout.optional1_check, internal::Slice(lines, layout.optional1));
  }
  if (layout.composite.present()) {
    std::string guarded;
    for (const Segment& segment : layout.composite_covers) {
      if (segment.present()) guarded += internal::Slice(lines, segment);
    }
    PutDigit(&lines, layout.composite, guarded);
  }
  result.lines = std::move(lines);
  return result;
}

}  // namespace limen::core::document
