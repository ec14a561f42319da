#include "core/registry/internal/csv_reader.h"

namespace limen::core::registry::internal {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) position_ = 3;
}

bool CsvReader::AtLineEnd() const {
  return position_ >= text_.size() || text_[position_] == '\n' ||
         (text_[position_] == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n');
}

void CsvReader::SkipLineEnd() {
  if (position_ < text_.size() && text_[position_] == '\r') ++position_;
  if (position_ < text_.size() && text_[position_] == '\n') {
    ++position_;
    ++line_;
  }
}

Status CsvReader::ReadQuoted(std::string& field) {
  ++position_;  // Opening quote.
  while (position_ < text_.size()) {
    const char c = text_[position_++];
    if (c == '"') {
      if (position_ < text_.size() && text_[position_] == '"') {
        field.push_back('"');
        ++position_;
        continue;
      }
      return Status::Ok();
    }
    if (c == '\n') ++line_;
    field.push_back(c);
  }
  return InvalidArgument("REGISTRY_CSV_QUOTE",
                         "A quoted field is not closed before the end of the file; add the "
                         "closing quote.");
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  while (position_ < text_.size() && AtLineEnd()) SkipLineEnd();  // Blank lines.
  if (position_ >= text_.size()) return false;
  record_line_ = line_;
  std::string field;
  while (true) {
    if (position_ < text_.size() && text_[position_] == '"' && field.empty()) {
      LIMEN_RETURN_IF_ERROR(ReadQuoted(field));
    }
    while (position_ < text_.size() && text_[position_] != ',' && !AtLineEnd()) {
      field.push_back(text_[position_++]);
    }
    fields.push_back(std::move(field));
    field.clear();
    if (position_ < text_.size() && text_[position_] == ',') {
      ++position_;
      continue;
    }
    SkipLineEnd();
    return true;
  }
}

}  // namespace limen::core::registry::internal
