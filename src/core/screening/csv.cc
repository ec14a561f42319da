#include "core/screening/csv.h"

#include "base/strings.h"

namespace limen::core::screening {
namespace {

bool BlankRecord(const CsvRecord& record) {
  return record.fields.size() == 1 && record.fields[0].empty();
}

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  std::vector<CsvRecord> records;
  CsvRecord current{1, {std::string()}};
  int64_t line = 1;
  bool quoted = false;
  int64_t quote_line = 0;
  bool after_quote = false;  // Just closed a quoted field.
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        current.fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
        after_quote = true;
      } else {
        if (c == '\n') ++line;
        current.fields.back().push_back(c);
      }
      continue;
    }
    if (c == '"' && current.fields.back().empty() && !after_quote) {
      quoted = true;
      quote_line = line;
    } else if (c == ',') {
      current.fields.emplace_back();
      after_quote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (!BlankRecord(current)) records.push_back(std::move(current));
      ++line;
      current = CsvRecord{line, {std::string()}};
      after_quote = false;
    } else {
      current.fields.back().push_back(c);
    }
  }
  if (quoted) {
    return InvalidArgument("CSV_QUOTE", "Line " + std::to_string(quote_line) +
                                            ": a quoted field is never closed; add the closing "
                                            "double quote.");
  }
  if (!BlankRecord(current)) records.push_back(std::move(current));
  return records;
}

CsvHeader::CsvHeader(const CsvRecord& header) {
  for (const std::string& name : header.fields) {
    std::string trimmed(Trim(name));
    if (StartsWith(trimmed, "\xEF\xBB\xBF")) trimmed = trimmed.substr(3);  // Byte order mark.
    names_.push_back(ToLowerAscii(trimmed));
  }
}

std::optional<size_t> CsvHeader::Find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i;
  }
  return std::nullopt;
}

std::string_view CsvHeader::Get(const CsvRecord& record, std::string_view name) const {
  std::optional<size_t> column = Find(name);
  if (!column || *column >= record.fields.size()) return {};
  return Trim(record.fields[*column]);
}

bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8(text) == std::string_view::npos; }

size_t FirstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return i;
    if (length == 2 && c < 0xC2) return i;  // Overlong.
    for (int k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace limen::core::screening
