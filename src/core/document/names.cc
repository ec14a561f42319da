#include "core/document/names.h"

#include <string>

namespace limen::core::document {
namespace {

bool IsGap(char c) { return c == '<' || c == ' '; }

// "ANNA<MARIA<" -> "ANNA MARIA" appended to *out: gaps (fillers or spaces) become single spaces,
// ends trimmed. One copy of the text, then the gaps are rewritten in place (most names have
// single gaps, so little moves).
void AppendWords(std::string_view text, std::string* out) {
  size_t end = text.size();
  // Name fields end in long runs of fillers: skip them eight at a time first.
  while (end >= 8 && text.substr(end - 8, 8) == "<<<<<<<<") end -= 8;
  while (end > 0 && IsGap(text[end - 1])) --end;
  size_t begin = 0;
  while (begin < end && IsGap(text[begin])) ++begin;
  const size_t start = out->size();
  const size_t size = end - begin;
  out->append(text.data() + begin, size);
  // Without branches: each character is written, and kept unless it is a gap after a gap.
  char* chars = out->data() + start;
  size_t written = 0;
  bool after_gap = false;
  for (size_t index = 0; index < size; ++index) {
    const char c = chars[index];
    const bool gap = IsGap(c);
    chars[written] = gap ? ' ' : c;
    written += !(gap && after_gap);
    after_gap = gap;
  }
  out->resize(start + written);
}

void Words(std::string_view text, std::string* out) {
  out->clear();
  AppendWords(text, out);
}

}  // namespace

void ParseMrzName(std::string_view field, Names* names) {
  names->truncated = !field.empty() && field.back() != '<';
  const size_t separator = field.find("<<");
  if (separator == std::string_view::npos) {
    Words(field, &names->primary);
    names->secondary.clear();
  } else {
    Words(field.substr(0, separator), &names->primary);
    Words(field.substr(separator + 2), &names->secondary);
  }
}

Names ParseMrzName(std::string_view field) {
  Names names;
  ParseMrzName(field, &names);
  return names;
}

std::string FormatMrzName(std::string_view primary, std::string_view secondary, size_t length,
                          bool* truncated) {
  std::string name = TransliterateToMrz(primary);
  const std::string given = TransliterateToMrz(secondary);
  if (!given.empty()) name += "<<" + given;
  const bool cut = name.size() > length;
  if (truncated != nullptr) *truncated = cut;
  name.resize(length, '<');
  return name;
}

size_t WriteMrzNameDisplay(std::string_view mrz_words, char* out) {
  size_t written = 0;
  bool word_start = true;
  bool space_due = false;  // A gap after a word: a space, unless the name ends there.
  for (char c : mrz_words) {
    if (IsGap(c)) {
      space_due = written > 0;
      word_start = true;
      continue;
    }
    if (space_due) out[written++] = ' ';
    space_due = false;
    if (!word_start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out[written++] = c;
    word_start = false;
  }
  return written;
}

std::string MrzNameToDisplay(std::string_view mrz_words) {
  std::string out(mrz_words.size(), ' ');
  out.resize(WriteMrzNameDisplay(mrz_words, out.data()));
  return out;
}

}  // namespace limen::core::document
