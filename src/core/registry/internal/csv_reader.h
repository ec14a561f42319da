// Private to core/registry: an RFC 4180 CSV reader over text in memory (comma separator, fields
// optionally quoted with "" as an escaped quote, LF or CRLF line ends, a UTF-8 BOM skipped, blank
// lines skipped). It reports the physical line where each record starts, for error messages.
//
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace limen::core::registry::internal {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Reads the next record into `fields`. Returns false at the end of the text, or
  // InvalidArgument REGISTRY_CSV_QUOTE for an unterminated quoted field.
  Result<bool> Next(std::vector<std::string>& fields);

  // Line (1-based) where the record last returned by Next started.
  int64_t line() const { return record_line_; }
  size_t offset() const { return position_; }
  size_t size() const { return text_.size(); }

 private:
  Status ReadQuoted(std::string& field);
  bool AtLineEnd() const;
  void SkipLineEnd();

  std::string_view text_;
  size_t position_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
};

}  // namespace limen::core::registry::internal
