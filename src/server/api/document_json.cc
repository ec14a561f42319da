#include "server/api/document_json.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "core/document/names.h"
#include "core/document/state_codes.h"

namespace limen::server {
namespace {

namespace doc = core::document;
using nlohmann::json;

// The report writer: compact JSON with the keys of every object in sorted order.
class ReportWriter {
 public:
  explicit ReportWriter(std::string* out) : out_(*out) {}

  void Report(const doc::DocumentReport& report) {
    Raw("{\"birth_date\":");
    DateOrNull(report.birth_date);
    Raw(",\"check_digits\":");
    Array(report.check_digits, &ReportWriter::CheckDigit);
    Raw(",\"checks\":");
    Array(report.checks, &ReportWriter::Check);
    Raw(",\"corrections\":");
    Array(report.corrections, &ReportWriter::Correction);
    Raw(",\"document_code\":");
    String(report.document_code);
    Raw(",\"document_number\":");
    String(report.document_number);
    Raw(",\"expiry_date\":");
    DateOrNull(report.expiry_date);
    Raw(",\"fields\":");
    Array(report.fields, &ReportWriter::Field);
    Raw(",\"format\":");
    String(doc::DocumentFormatName(report.format));
    Raw(",\"issuing_state\":");
    State(report.issuing_state);
    Raw(",\"lines\":[");
    for (int index = 0; index < report.lines.count(); ++index) {
      if (index > 0) Raw(",");
      String(report.lines.line(index));
    }
    Raw("]");
    Raw(",\"mrz_valid\":");
    Bool(report.mrz_valid);
    Raw(",\"names\":{\"display\":");
    DisplayName(report.names);
    Raw(",\"primary\":");
    String(report.names.primary);
    Raw(",\"secondary\":");
    String(report.names.secondary);
    Raw(",\"truncated\":");
    Bool(report.names.truncated);
    Raw("},\"nationality\":");
    State(report.nationality);
    Raw(",\"sex\":");
    String(report.sex);
    Raw(",\"valid\":");
    Bool(report.valid);
    Raw("}");
  }

 private:
  static bool Plain(std::string_view text) {
    bool plain = true;
    for (char c : text) plain &= c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    return plain;
  }

  void Raw(std::string_view text) { out_.append(text); }
  void String(std::string_view text) {
    out_ += '"';
    // Report strings rarely need escaping: copy them whole when they do not.
    if (Plain(text)) {
      out_.append(text);
    } else {
      AppendJsonEscaped(out_, text);
    }
    out_ += '"';
  }
  void Char(char c) { String(std::string_view(&c, 1)); }
  // Positions and lengths are small: their digits are written without a temporary string.
  void Number(int64_t value) {
    char digits[24];
    const auto [end, error] = std::to_chars(digits, digits + sizeof(digits), value);
    out_.append(digits, end);
  }
  void Bool(bool value) { Raw(value ? "true" : "false"); }

  // A date as FormatDate writes it (YYYY-MM-DD), without formatting through a temporary.
  void DateOrNull(const std::optional<CivilDate>& date) {
    if (!date.has_value() || date->year < 0 || date->year > 9999) {
      if (date.has_value()) {
        String(FormatDate(*date));
      } else {
        Raw("null");
      }
      return;
    }
    const auto digit = [](int value) { return static_cast<char>('0' + value % 10); };
    const int year = date->year;
    const char text[] = {'"',
                         digit(year / 1000),
                         digit(year / 100),
                         digit(year / 10),
                         digit(year),
                         '-',
                         digit(date->month / 10),
                         digit(date->month),
                         '-',
                         digit(date->day / 10),
                         digit(date->day),
                         '"'};
    out_.append(text, sizeof(text));
  }

  // "Anna Maria Eriksson": the secondary identifier, then the primary, in display form
  // (MrzNameToDisplay), appended in place.
  void DisplayName(const doc::Names& names) {
    out_ += '"';
    const size_t start = out_.size();
    doc::AppendMrzNameDisplay(names.secondary, &out_);
    if (out_.size() > start) out_ += ' ';
    doc::AppendMrzNameDisplay(names.primary, &out_);
    if (!Plain(std::string_view(out_).substr(start))) {
      const std::string text = out_.substr(start);
      out_.resize(start);
      AppendJsonEscaped(out_, text);
    }
    out_ += '"';
  }

  void State(const std::string& code) {
    const auto info = doc::LookupStateCode(code);
    Raw("{\"code\":");
    String(code);
    Raw(",\"name\":");
    if (info.has_value()) {
      String(info->name);
    } else {
      Raw("null");
    }
    Raw("}");
  }

  void Lines(const std::vector<std::string>& lines) {
    Raw("[");
    for (size_t index = 0; index < lines.size(); ++index) {
      if (index > 0) Raw(",");
      String(lines[index]);
    }
    Raw("]");
  }

  template <typename List, typename T>
  void Array(const List& items, void (ReportWriter::*write)(const T&)) {
    Raw("[");
    for (size_t index = 0; index < items.size(); ++index) {
      if (index > 0) Raw(",");
      (this->*write)(items[index]);
    }
    Raw("]");
  }

  void Field(const doc::Field& field) {
    Raw("{\"column\":");
    Number(field.position.column + 1);
    Raw(",\"length\":");
    Number(field.position.length);
    Raw(",\"line\":");
    Number(field.position.line + 1);
    if (!field.reason.empty()) {
      Raw(",\"message\":");
      String(field.message);
    }
    Raw(",\"name\":");
    String(field.name);
    Raw(",\"raw\":");
    String(field.raw);
    if (!field.reason.empty()) {
      Raw(",\"reason\":");
      String(field.reason);
    }
    Raw(",\"value\":");
    String(field.value);
    Raw(",\"verdict\":");
    String(doc::VerdictName(field.verdict));
    Raw("}");
  }

  void CheckDigit(const doc::CheckDigit& check) {
    Raw("{\"column\":");
    Number(check.position.column + 1);
    Raw(",\"expected\":");
    Char(check.expected);
    Raw(",\"found\":");
    Char(check.found);
    Raw(",\"line\":");
    Number(check.position.line + 1);
    Raw(",\"name\":");
    String(check.name);
    if (!check.variant.empty()) {
      Raw(",\"variant\":");
      String(check.variant);
    }
    Raw(",\"verdict\":");
    String(doc::VerdictName(check.verdict));
    Raw("}");
  }

  void Check(const doc::DocumentCheck& check) {
    Raw("{\"code\":");
    String(check.code);
    Raw(",\"field\":");
    if (check.field.empty()) {
      Raw("null");
    } else {
      String(check.field);
    }
    Raw(",\"message\":");
    String(check.message);
    Raw(",\"severity\":");
    String(doc::SeverityName(check.severity));
    Raw("}");
  }

  void Change(const doc::CharacterChange& change) {
    Raw("{\"column\":");
    Number(change.column + 1);
    Raw(",\"field\":");
    String(change.field);
    Raw(",\"from\":");
    Char(change.from);
    Raw(",\"line\":");
    Number(change.line + 1);
    Raw(",\"to\":");
    Char(change.to);
    Raw("}");
  }

  void Correction(const doc::Correction& correction) {
    Raw("{\"basis\":");
    String(correction.basis);
    Raw(",\"changes\":");
    Array(correction.changes, &ReportWriter::Change);
    Raw(",\"lines\":");
    Lines(correction.corrected_lines);
    Raw("}");
  }

  std::string& out_;
};

Status JsonError(const std::string& message) {
  return InvalidArgument("DOCUMENT_JSON",
                         message + "; see docs/mrz.md for the document data keys.");
}

std::optional<doc::DocumentFormat> FormatByName(const std::string& name) {
  for (auto format :
       {doc::DocumentFormat::kTd1, doc::DocumentFormat::kTd2, doc::DocumentFormat::kTd3,
        doc::DocumentFormat::kMrvA, doc::DocumentFormat::kMrvB, doc::DocumentFormat::kFrenchId}) {
    if (doc::DocumentFormatName(format) == name) return format;
  }
  return std::nullopt;
}

Result<std::string> StringAt(const json& object, const char* key) {
  if (!object.contains(key) || object.at(key).is_null()) return std::string();
  if (!object.at(key).is_string()) return JsonError(std::string("'") + key + "' must be a string");
  return object.at(key).get<std::string>();
}

Result<std::optional<CivilDate>> DateAt(const json& object, const char* key) {
  LIMEN_ASSIGN_OR_RETURN(std::string text, StringAt(object, key));
  if (text.empty()) return std::optional<CivilDate>();
  const auto date = ParseDate(text);
  if (!date.has_value()) {
    return JsonError(std::string("'") + key + "' must be a date written YYYY-MM-DD");
  }
  return std::optional<CivilDate>(date);
}

Status CheckKeys(const json& object) {
  static const std::set<std::string> kKeys = {"format",
                                              "document_code",
                                              "issuing_state",
                                              "primary_identifier",
                                              "secondary_identifier",
                                              "document_number",
                                              "nationality",
                                              "birth_date",
                                              "expiry_date",
                                              "sex",
                                              "optional_data",
                                              "optional_data_2",
                                              "administrative_code",
                                              "long_number_reading"};
  for (const auto& item : object.items()) {
    if (kKeys.count(item.key()) == 0) return JsonError("unknown key '" + item.key() + "'");
  }
  return Status::Ok();
}

Status ReadEnums(const json& object, doc::DocumentData* data) {
  LIMEN_ASSIGN_OR_RETURN(std::string format, StringAt(object, "format"));
  if (!format.empty()) {
    const auto found = FormatByName(format);
    if (!found.has_value()) {
      return JsonError("'format' must be TD1, TD2, TD3, MRV-A, MRV-B or FRA-ID");
    }
    data->format = *found;
  }
  LIMEN_ASSIGN_OR_RETURN(std::string reading, StringAt(object, "long_number_reading"));
  if (reading == "with_filler") {
    data->long_number_reading = doc::LongNumberReading::kWithFiller;
  } else if (!reading.empty() && reading != "without_filler") {
    return JsonError("'long_number_reading' must be without_filler or with_filler");
  }
  return Status::Ok();
}

}  // namespace

void AppendDocumentReportJson(const doc::DocumentReport& report, std::string* out) {
  // A report is 2 to 5 KB of JSON: room for it at once rather than by repeated growth.
  out->reserve(out->size() + 4096);
  ReportWriter(out).Report(report);
}

json DocumentReportToJson(const doc::DocumentReport& report) {
  std::string text;
  AppendDocumentReportJson(report, &text);
  return json::parse(text);
}

Result<doc::DocumentData> DocumentDataFromJson(const json& json_data) {
  if (!json_data.is_object()) return JsonError("the document data must be a JSON object");
  LIMEN_RETURN_IF_ERROR(CheckKeys(json_data));
  doc::DocumentData data;
  LIMEN_RETURN_IF_ERROR(ReadEnums(json_data, &data));
  const std::pair<const char*, std::string*> strings[] = {
      {"document_code", &data.document_code},
      {"issuing_state", &data.issuing_state},
      {"primary_identifier", &data.primary_identifier},
      {"secondary_identifier", &data.secondary_identifier},
      {"document_number", &data.document_number},
      {"nationality", &data.nationality},
      {"sex", &data.sex},
      {"optional_data", &data.optional_data},
      {"optional_data_2", &data.optional_data_2},
      {"administrative_code", &data.administrative_code}};
  for (const auto& [key, target] : strings) {
    LIMEN_ASSIGN_OR_RETURN(*target, StringAt(json_data, key));
  }
  if (data.sex.empty()) data.sex = "<";
  LIMEN_ASSIGN_OR_RETURN(data.birth_date, DateAt(json_data, "birth_date"));
  LIMEN_ASSIGN_OR_RETURN(data.expiry_date, DateAt(json_data, "expiry_date"));
  return data;
}

json GeneratedMrzToJson(const doc::GeneratedMrz& generated, const doc::DocumentReport& report) {
  return {{"lines", generated.lines},
          {"name_truncated", generated.name_truncated},
          {"report", DocumentReportToJson(report)}};
}

}  // namespace limen::server
