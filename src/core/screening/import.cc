#include "core/screening/import.h"

#include <unicode/uloc.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "base/strings.h"
#include "core/screening/csv.h"
#include "core/screening/internal/import_util.h"
#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace internal {
namespace {
bool HasLetters(std::string_view name) { return !NormalizeName(name).tokens.empty(); }
}  // namespace

std::string LinePrefix(int64_t line) { return "Line " + std::to_string(line) + ": "; }

void Reject(ImportResult& result, int64_t line, std::string code, std::string message) {
  result.rejected.push_back({line, std::move(code), LinePrefix(line) + message});
}

int64_t LineOfOffset(std::string_view text, size_t offset) {
  return 1 + std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n');
}

Status CheckEncoding(std::string_view text) {
  size_t good = FirstInvalidUtf8(text);
  if (good == std::string_view::npos) return Status::Ok();
  return InvalidArgument("WATCHLIST_ENCODING",
                         LinePrefix(LineOfOffset(text, good)) +
                             "the file is not UTF-8; convert it to UTF-8 (for example with "
                             "iconv -f WINDOWS-1252 -t UTF-8) and import it again.");
}

void CheckEntry(const WatchlistEntry& entry, int64_t line, std::unordered_set<std::string>& ids,
                ImportResult& result, bool& ok) {
  if (entry.id.empty()) {
    Reject(result, line, "WATCHLIST_ID", "the id is empty; give every entry a unique id.");
    ok = false;
  } else if (!ids.insert(entry.id).second) {
    Reject(result, line, "WATCHLIST_DUPLICATE_ID",
           "the id \"" + entry.id + "\" appears twice; keep one row per entry.");
    ok = false;
  }
  if (entry.names.empty() || !HasLetters(entry.names.front().full)) {
    Reject(result, line, "WATCHLIST_EMPTY_NAME",
           "the name is empty or has no letters; give the person's name.");
    ok = false;
  }
}

}  // namespace internal

namespace {

using internal::CheckEncoding;
using internal::CheckEntry;
using internal::Reject;

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view part : Split(text, ';')) {
    part = Trim(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

// Parses the CSV row `record` into `entry`; false (with rejections recorded) when invalid.
bool CsvRowToEntry(const CsvHeader& header, const CsvRecord& record, const ImportOptions& options,
                   ImportResult& result, WatchlistEntry& entry) {
  bool ok = true;
  auto get = [&](std::string_view column) { return header.Get(record, column); };
  entry.id = std::string(get("id"));
  std::string_view list = get("list");
  entry.list_id = list.empty() ? options.list_id : std::string(list);
  entry.owning_agency = get("agency").empty() ? options.owning_agency : std::string(get("agency"));
  entry.action = options.default_action;
  if (std::string_view name = get("name"); !name.empty()) {
    entry.names.push_back({std::string(name), NameType::kPrimary});
  }
  for (const std::string& alias : SplitList(get("aliases"))) {
    bool non_latin = NormalizeName(alias).non_latin;
    entry.names.push_back({alias, non_latin ? NameType::kOriginalScript : NameType::kAlsoKnownAs});
  }
  for (const std::string& alias : SplitList(get("weak_aliases"))) {
    entry.names.push_back({alias, NameType::kWeakAlias});
  }
  std::string_view dobs = header.Find("dob") ? get("dob") : get("dobs");
  for (const std::string& text : SplitList(dobs)) {
    std::optional<PartialDate> date = ParsePartialDate(text);
    if (!date) {
      std::string message = "the date of birth \"" + text +
                            "\" is not YYYY, YYYY-MM or "
                            "YYYY-MM-DD between 1850 and 2100; correct it or leave it empty.";
      if (options.drop_invalid_dates) {
        result.warnings.push_back({record.line, "WATCHLIST_DOB",
                                   internal::LinePrefix(record.line) + message + " (dropped)"});
      } else {
        Reject(result, record.line, "WATCHLIST_DOB", message);
        ok = false;
      }
    } else {
      entry.dates_of_birth.push_back(*date);
    }
  }
  for (const std::string& code : SplitList(get("nationality"))) {
    std::string alpha3 = CountryAlpha3(code);
    if (alpha3.empty()) {
      Reject(result, record.line, "WATCHLIST_NATIONALITY",
             "the nationality \"" + code +
                 "\" is not an ISO 3166-1 country code; use alpha-3 "
                 "codes such as RUS.");
      ok = false;
    } else {
      entry.nationalities.push_back(alpha3);
    }
  }
  std::optional<Sex> sex = ParseSex(get("sex"));
  if (!sex) {
    Reject(result, record.line, "WATCHLIST_SEX",
           "the sex \"" + std::string(get("sex")) + "\" is not M, F or empty; correct it.");
    ok = false;
  } else {
    entry.sex = *sex;
  }
  for (const std::string& number : SplitList(get("documents")))
    entry.document_numbers.push_back(number);
  if (std::string_view action = get("action"); !action.empty()) {
    std::optional<HitAction> parsed = ParseHitAction(action);
    if (!parsed) {
      Reject(result, record.line, "WATCHLIST_ACTION",
             "the action \"" + std::string(action) +
                 "\" is unknown; use arrest, refuse_entry, "
                 "refer_to_agency, inform_owning_agency or discreet_check.");
      ok = false;
    } else {
      entry.action = *parsed;
    }
  }
  return ok;
}

}  // namespace

std::string_view ImportFormatName(ImportFormat format) {
  switch (format) {
    case ImportFormat::kCsv:
      return "csv";
    case ImportFormat::kFtmJsonLines:
      return "ftm";
    case ImportFormat::kUnXml:
      return "un-xml";
  }
  return "csv";
}

ImportFormat DetectImportFormat(std::string_view file_name, std::string_view text) {
  std::string name = ToLowerAscii(file_name);
  auto ends = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends(".xml")) return ImportFormat::kUnXml;
  if (ends(".jsonl") || ends(".ndjson") || ends(".json")) return ImportFormat::kFtmJsonLines;
  if (ends(".csv")) return ImportFormat::kCsv;
  std::string_view start = Trim(text.substr(0, 256));
  if (StartsWith(start, "<")) return ImportFormat::kUnXml;
  if (StartsWith(start, "{")) return ImportFormat::kFtmJsonLines;
  return ImportFormat::kCsv;
}

std::string CountryAlpha3(std::string_view code) {
  std::string upper = ToUpperAscii(Trim(code));
  if (upper.size() != 2 && upper.size() != 3) return "";
  for (char c : upper) {
    if (c < 'A' || c > 'Z') return "";
  }
  if (upper.size() == 3) return upper;
  std::string locale = "und_" + upper;
  const char* alpha3 = uloc_getISO3Country(locale.c_str());
  return alpha3 == nullptr ? "" : std::string(alpha3);
}

Result<ImportResult> ImportCsv(std::string_view text, const ImportOptions& options) {
  LIMEN_RETURN_IF_ERROR(CheckEncoding(text));
  LIMEN_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  if (records.empty()) {
    return InvalidArgument("WATCHLIST_HEADER",
                           "The file is empty; a watchlist CSV starts with "
                           "the header id,name,aliases,dob,nationality,sex.");
  }
  CsvHeader header(records.front());
  if (!header.Find("id") || !header.Find("name")) {
    return InvalidArgument("WATCHLIST_HEADER",
                           "Line 1: the header has no id or no name column; "
                           "start the file with id,name,aliases,dob,"
                           "nationality,sex.");
  }
  ImportResult result;
  result.is_delta = header.Find("op").has_value();
  std::unordered_set<std::string> ids;
  size_t columns = records.front().fields.size();
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& record = records[r];
    ++result.rows_read;
    if (options.progress && r % 5000 == 0) options.progress(r, records.size());
    if (record.fields.size() > columns) {
      Reject(result, record.line, "WATCHLIST_ROW",
             "the row has " + std::to_string(record.fields.size()) + " fields but the header has " +
                 std::to_string(columns) + "; quote fields that contain commas.");
      continue;
    }
    std::string op = ToLowerAscii(header.Get(record, "op"));
    if (op == "remove" || op == "delete") {
      result.removals.emplace_back(header.Get(record, "id"));
      continue;
    }
    if (!op.empty() && op != "add" && op != "update" && op != "upsert") {
      Reject(result, record.line, "WATCHLIST_OP",
             "the op \"" + op +
                 "\" is unknown; use add, "
                 "update or remove.");
      continue;
    }
    WatchlistEntry entry;
    bool ok = CsvRowToEntry(header, record, options, result, entry);
    CheckEntry(entry, record.line, ids, result, ok);
    if (ok) result.entries.push_back(std::move(entry));
  }
  if (options.progress) options.progress(records.size(), records.size());
  return result;
}

Result<ImportResult> ImportWatchlist(std::string_view text, ImportFormat format,
                                     const ImportOptions& options) {
  switch (format) {
    case ImportFormat::kCsv:
      return ImportCsv(text, options);
    case ImportFormat::kFtmJsonLines:
      return ImportFtmJsonLines(text, options);
    case ImportFormat::kUnXml:
      return ImportUnXml(text, options);
  }
  return ImportCsv(text, options);
}

ListDiff DiffLists(const std::vector<WatchlistEntry>& before,
                   const std::vector<WatchlistEntry>& after) {
  ListDiff diff;
  std::unordered_map<std::string, uint64_t> old_prints;
  for (const WatchlistEntry& entry : before) old_prints[entry.id] = EntryFingerprint(entry);
  std::unordered_set<std::string> seen;
  for (const WatchlistEntry& entry : after) {
    seen.insert(entry.id);
    auto it = old_prints.find(entry.id);
    if (it == old_prints.end()) {
      diff.added.push_back(entry);
    } else if (it->second != EntryFingerprint(entry)) {
      diff.updated.push_back(entry);
    } else {
      ++diff.unchanged;
    }
  }
  for (const WatchlistEntry& entry : before) {
    if (seen.count(entry.id) == 0) diff.removed.push_back(entry.id);
  }
  return diff;
}

std::string ListContentHash(const std::vector<WatchlistEntry>& entries) {
  std::vector<uint64_t> prints;
  prints.reserve(entries.size());
  for (const WatchlistEntry& entry : entries) prints.push_back(EntryFingerprint(entry));
  std::sort(prints.begin(), prints.end());
  uint64_t a = 1469598103934665603ULL, b = 0x9E3779B97F4A7C15ULL;
  for (uint64_t p : prints) {
    a = (a ^ p) * 1099511628211ULL;
    b = (b + p) * 0xBF58476D1CE4E5B9ULL;
    b ^= b >> 31;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buffer;
}

}  // namespace limen::core::screening
