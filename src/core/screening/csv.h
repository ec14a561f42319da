// A small RFC 4180 CSV reader that keeps line numbers, for watchlist and query files.
//
// Quoted fields may contain commas, doubled quotes and line breaks; "\r\n" and "\n" both end a
// record. Blank lines are skipped. A quote opened and never closed is an error with the line
// where the field started.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace limen::core::screening {

struct CsvRecord {
  int64_t line = 0;  // 1-based line where the record starts.
  std::vector<std::string> fields;
};

// Returns InvalidArgument CSV_QUOTE for an unterminated quoted field.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

// Column positions by header name (case-insensitive, trimmed).
class CsvHeader {
 public:
  explicit CsvHeader(const CsvRecord& header);
  std::optional<size_t> Find(std::string_view name) const;
  // The field for column `name` in `record`, or empty when the column or the field is absent.
  std::string_view Get(const CsvRecord& record, std::string_view name) const;

 private:
  std::vector<std::string> names_;
};

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);
// Offset of the first byte that is not part of well-formed UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view text);

}  // namespace limen::core::screening
