#include "server/api/document_json.h"

#include <set>
#include <string>

#include "core/document/names.h"
#include "core/document/state_codes.h"

namespace limen::server {
namespace {

namespace doc = core::document;
using nlohmann::json;

json DateOrNull(const std::optional<CivilDate>& date) {
  return date.has_value() ? json(FormatDate(*date)) : json(nullptr);
}

json StateJson(const std::string& code) {
  const auto info = doc::LookupStateCode(code);
  return {{"code", code}, {"name", info.has_value() ? json(std::string(info->name)) : json()}};
}

json FieldJson(const doc::Field& field) {
  json out = {{"name", field.name},
              {"raw", field.raw},
              {"line", field.position.line + 1},
              {"column", field.position.column + 1},
              {"length", field.position.length},
              {"value", field.value},
              {"verdict", doc::VerdictName(field.verdict)}};
  if (!field.reason.empty()) {
    out["reason"] = field.reason;
    out["message"] = field.message;
  }
  return out;
}

json CheckDigitJson(const doc::CheckDigit& check) {
  json out = {{"name", check.name},
              {"line", check.position.line + 1},
              {"column", check.position.column + 1},
              {"found", std::string(1, check.found)},
              {"expected", std::string(1, check.expected)},
              {"verdict", doc::VerdictName(check.verdict)}};
  if (!check.variant.empty()) out["variant"] = check.variant;
  return out;
}

json CheckJson(const doc::DocumentCheck& check) {
  return {{"code", check.code},
          {"severity", doc::SeverityName(check.severity)},
          {"field", check.field.empty() ? json() : json(check.field)},
          {"message", check.message}};
}

json CorrectionJson(const doc::Correction& correction) {
  json changes = json::array();
  for (const doc::CharacterChange& change : correction.changes) {
    changes.push_back({{"field", change.field},
                       {"line", change.line + 1},
                       {"column", change.column + 1},
                       {"from", std::string(1, change.from)},
                       {"to", std::string(1, change.to)}});
  }
  return {{"basis", correction.basis}, {"changes", changes}, {"lines", correction.corrected_lines}};
}

template <typename T, typename F>
json ArrayOf(const std::vector<T>& items, F convert) {
  json out = json::array();
  for (const T& item : items) out.push_back(convert(item));
  return out;
}

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

json DocumentReportToJson(const doc::DocumentReport& report) {
  const std::string display_given = doc::MrzNameToDisplay(report.names.secondary);
  const std::string display_primary = doc::MrzNameToDisplay(report.names.primary);
  return {
      {"format", doc::DocumentFormatName(report.format)},
      {"document_code", report.document_code},
      {"valid", report.valid},
      {"mrz_valid", report.mrz_valid},
      {"lines", report.lines.ToStrings()},
      {"issuing_state", StateJson(report.issuing_state)},
      {"nationality", StateJson(report.nationality)},
      {"document_number", report.document_number},
      {"names",
       {{"primary", report.names.primary},
        {"secondary", report.names.secondary},
        {"truncated", report.names.truncated},
        {"display",
         display_given.empty() ? display_primary : display_given + " " + display_primary}}},
      {"birth_date", DateOrNull(report.birth_date)},
      {"expiry_date", DateOrNull(report.expiry_date)},
      {"sex", report.sex},
      {"fields", ArrayOf(report.fields, FieldJson)},
      {"check_digits", ArrayOf(report.check_digits, CheckDigitJson)},
      {"checks", ArrayOf(report.checks, CheckJson)},
      {"corrections", ArrayOf(report.corrections, CorrectionJson)},
  };
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
