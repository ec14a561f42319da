// FollowTheMoney JSON Lines importer (OpenSanctions "targets.nested.json"/entities export).
// nlohmann::json is used privately in this one core source file; see
// docs/decisions/0005-ftm-json-in-core.md. No nlohmann type leaves this file and every throw is
// caught here.
#include <nlohmann/json.hpp>

#include <unordered_set>

#include "core/screening/import.h"
#include "core/screening/internal/import_util.h"
#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

using nlohmann::json;

std::vector<std::string> Strings(const json& properties, const char* key) {
  std::vector<std::string> out;
  auto it = properties.find(key);
  if (it == properties.end() || !it->is_array()) return out;
  for (const json& value : *it) {
    if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
      out.push_back(value.get<std::string>());
    }
  }
  return out;
}

void AddNames(WatchlistEntry& entry, const json& properties) {
  for (const std::string& name : Strings(properties, "name")) {
    NameType type = entry.names.empty() ? NameType::kPrimary : NameType::kAlsoKnownAs;
    if (NormalizeName(name).non_latin && !entry.names.empty()) type = NameType::kOriginalScript;
    entry.names.push_back({name, type});
  }
  for (const std::string& name : Strings(properties, "alias")) {
    bool non_latin = NormalizeName(name).non_latin;
    entry.names.push_back({name, non_latin ? NameType::kOriginalScript : NameType::kAlsoKnownAs});
  }
  for (const std::string& name : Strings(properties, "weakAlias")) {
    entry.names.push_back({name, NameType::kWeakAlias});
  }
}

// Fills `entry` from one Person entity; returns false after recording a rejection.
bool EntityToEntry(const json& entity, int64_t line, const ImportOptions& options,
                   ImportResult& result, WatchlistEntry& entry) {
  if (!entity.is_object() || !entity.contains("properties") || !entity["properties"].is_object()) {
    internal::Reject(result, line, "WATCHLIST_ROW",
                     "the line is not a FollowTheMoney entity with properties; export entities "
                     "as JSON Lines.");
    return false;
  }
  const json& properties = entity["properties"];
  if (entity.contains("id") && entity["id"].is_string()) entry.id = entity["id"].get<std::string>();
  entry.list_id = options.list_id;
  entry.action = options.default_action;
  entry.owning_agency = options.owning_agency;
  AddNames(entry, properties);
  bool ok = true;
  for (const std::string& text : Strings(properties, "birthDate")) {
    std::optional<PartialDate> date =
        ParsePartialDate(text.substr(0, std::min<size_t>(text.size(), 10)));
    if (date) {
      entry.dates_of_birth.push_back(*date);
    } else {
      internal::Reject(result, line, "WATCHLIST_DOB",
                       "the birthDate \"" + text +
                           "\" is not an ISO date between 1850 and "
                           "2100; correct it.");
      ok = false;
    }
  }
  for (const char* key : {"nationality", "citizenship"}) {
    for (const std::string& code : Strings(properties, key)) {
      std::string alpha3 = CountryAlpha3(code);
      bool known = !alpha3.empty();
      for (const std::string& have : entry.nationalities) known = known && have != alpha3;
      if (known) entry.nationalities.push_back(alpha3);
    }
  }
  std::vector<std::string> gender = Strings(properties, "gender");
  if (!gender.empty()) entry.sex = ParseSex(gender.front()).value_or(Sex::kUnknown);
  for (const char* key : {"passportNumber", "idNumber"}) {
    for (const std::string& number : Strings(properties, key))
      entry.document_numbers.push_back(number);
  }
  return ok;
}

}  // namespace

Result<ImportResult> ImportFtmJsonLines(std::string_view text, const ImportOptions& options) {
  LIMEN_RETURN_IF_ERROR(internal::CheckEncoding(text));
  ImportResult result;
  std::unordered_set<std::string> ids;
  int64_t line = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(start, end - start);
    ++line;
    start = end + 1;
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (options.progress && line % 5000 == 0) options.progress(start, text.size());
    json entity = json::parse(row, nullptr, /*allow_exceptions=*/false);
    if (entity.is_discarded()) {
      internal::Reject(result, line, "WATCHLIST_JSON",
                       "the line is not valid JSON; each line must hold one entity.");
      ++result.rows_read;
      continue;
    }
    const json* schema =
        entity.is_object() && entity.contains("schema") ? &entity["schema"] : nullptr;
    if (schema != nullptr && (!schema->is_string() || *schema != "Person"))
      continue;  // Not a person.
    ++result.rows_read;
    WatchlistEntry entry;
    bool ok = false;
    try {
      ok = EntityToEntry(entity, line, options, result, entry);
    } catch (const json::exception&) {
      internal::Reject(result, line, "WATCHLIST_JSON",
                       "the entity has fields of unexpected types; export it again.");
      continue;
    }
    if (!ok && entry.names.empty()) continue;
    internal::CheckEntry(entry, line, ids, result, ok);
    if (ok) result.entries.push_back(std::move(entry));
  }
  if (options.progress) options.progress(text.size(), text.size());
  if (result.rows_read == 0) {
    return InvalidArgument("WATCHLIST_FORMAT",
                           "The file has no FollowTheMoney Person entity; "
                           "check that it is a JSON Lines entity export.");
  }
  return result;
}

}  // namespace limen::core::screening
