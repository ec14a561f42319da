// UN Security Council consolidated list (XML) importer: a small tolerant scanner that reads the
// <INDIVIDUAL> records and the child elements Limen needs. It does not validate the schema;
// unknown elements are ignored, and entities (&amp; &#1234; ...) are decoded.
#include <string>
#include <unordered_set>

#include "base/strings.h"
#include "core/screening/import.h"
#include "core/screening/internal/import_util.h"
#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string DecodeEntities(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    size_t end = text.find(';', i);
    if (end == std::string_view::npos || end - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name = text.substr(i + 1, end - i - 1);
    if (name == "amp")
      out.push_back('&');
    else if (name == "lt")
      out.push_back('<');
    else if (name == "gt")
      out.push_back('>');
    else if (name == "quot")
      out.push_back('"');
    else if (name == "apos")
      out.push_back('\'');
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      char* stop = nullptr;
      unsigned long cp = std::strtoul(digits.c_str(), &stop, hex ? 16 : 10);
      if (!digits.empty() && stop != nullptr && *stop == '\0')
        AppendUtf8(out, static_cast<uint32_t>(cp));
    }
    i = end;
  }
  return out;
}

// Text of every <tag>...</tag> directly or indirectly inside `block`, in order.
std::vector<std::string> AllText(std::string_view block, std::string_view tag) {
  std::vector<std::string> out;
  std::string open = "<" + std::string(tag) + ">";
  std::string close = "</" + std::string(tag) + ">";
  size_t pos = 0;
  while ((pos = block.find(open, pos)) != std::string_view::npos) {
    size_t begin = pos + open.size();
    size_t end = block.find(close, begin);
    if (end == std::string_view::npos) break;
    std::string value = DecodeEntities(Trim(block.substr(begin, end - begin)));
    if (!value.empty()) out.push_back(std::move(value));
    pos = end + close.size();
  }
  return out;
}

std::string FirstText(std::string_view block, std::string_view tag) {
  std::vector<std::string> all = AllText(block, tag);
  return all.empty() ? std::string() : all.front();
}

// Inner text of each <tag>...</tag> element, with the element's start offset.
std::vector<std::pair<size_t, std::string_view>> Elements(std::string_view text,
                                                          std::string_view tag) {
  std::vector<std::pair<size_t, std::string_view>> out;
  std::string open = "<" + std::string(tag) + ">";
  std::string close = "</" + std::string(tag) + ">";
  size_t pos = 0;
  while ((pos = text.find(open, pos)) != std::string_view::npos) {
    size_t begin = pos + open.size();
    size_t end = text.find(close, begin);
    if (end == std::string_view::npos) break;
    out.emplace_back(pos, text.substr(begin, end - begin));
    pos = end + close.size();
  }
  return out;
}

void AddUnNames(std::string_view block, WatchlistEntry& entry) {
  std::string full;
  for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    std::string value = FirstText(block, part);
    if (!value.empty()) full += (full.empty() ? "" : " ") + value;
  }
  if (!full.empty()) entry.names.push_back({full, NameType::kPrimary});
  for (const std::string& name : AllText(block, "NAME_ORIGINAL_SCRIPT")) {
    entry.names.push_back({name, NameType::kOriginalScript});
  }
  for (auto [offset, alias] : Elements(block, "INDIVIDUAL_ALIAS")) {
    std::string name = FirstText(alias, "ALIAS_NAME");
    if (name.empty()) continue;
    bool weak = ToLowerAscii(FirstText(alias, "QUALITY")) == "low";
    entry.names.push_back({name, weak ? NameType::kWeakAlias : NameType::kAlsoKnownAs});
  }
}

bool AddUnDates(std::string_view block, int64_t line, ImportResult& result, WatchlistEntry& entry) {
  bool ok = true;
  for (auto [offset, dob] : Elements(block, "INDIVIDUAL_DATE_OF_BIRTH")) {
    std::string text = FirstText(dob, "DATE");
    if (text.empty()) text = FirstText(dob, "YEAR");
    for (const std::string& year : AllText(dob, "FROM_YEAR")) text = year;
    if (text.empty()) continue;
    std::optional<PartialDate> date =
        ParsePartialDate(text.substr(0, std::min<size_t>(text.size(), 10)));
    if (!date) {
      internal::Reject(result, line, "WATCHLIST_DOB",
                       "the date of birth \"" + text +
                           "\" is not a date between 1850 and 2100; "
                           "correct it.");
      ok = false;
      continue;
    }
    entry.dates_of_birth.push_back(*date);
  }
  return ok;
}

}  // namespace

Result<ImportResult> ImportUnXml(std::string_view text, const ImportOptions& options) {
  LIMEN_RETURN_IF_ERROR(internal::CheckEncoding(text));
  ImportResult result;
  std::unordered_set<std::string> ids;
  std::vector<std::pair<size_t, std::string_view>> individuals = Elements(text, "INDIVIDUAL");
  if (individuals.empty()) {
    return InvalidArgument("WATCHLIST_FORMAT",
                           "The file has no <INDIVIDUAL> record; check that "
                           "it is the UN consolidated list XML.");
  }
  int64_t line = 1;
  size_t counted = 0;
  for (size_t i = 0; i < individuals.size(); ++i) {
    auto [offset, block] = individuals[i];
    line +=
        internal::LineOfOffset(text.substr(counted, offset - counted), std::string_view::npos) - 1;
    counted = offset;
    ++result.rows_read;
    if (options.progress && i % 1000 == 0) options.progress(offset, text.size());
    WatchlistEntry entry;
    entry.id = FirstText(block, "REFERENCE_NUMBER");
    if (entry.id.empty()) entry.id = FirstText(block, "DATAID");
    entry.list_id = options.list_id;
    entry.action = options.default_action;
    entry.owning_agency = options.owning_agency;
    AddUnNames(block, entry);
    bool ok = AddUnDates(block, line, result, entry);
    for (auto [unused, documents] : Elements(block, "INDIVIDUAL_DOCUMENT")) {
      std::string number = FirstText(documents, "NUMBER");
      if (!number.empty()) entry.document_numbers.push_back(number);
    }
    internal::CheckEntry(entry, line, ids, result, ok);
    if (ok) result.entries.push_back(std::move(entry));
  }
  if (options.progress) options.progress(text.size(), text.size());
  return result;
}

}  // namespace limen::core::screening
