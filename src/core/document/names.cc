#include "core/document/names.h"

#include <string>

namespace limen::core::document {
namespace {

bool IsGap(char c) { return c == '<' || c == ' '; }

// "ANNA<MARIA<" -> "ANNA MARIA": fillers become single spaces, ends trimmed. Copies word by word.
std::string Words(std::string_view text) {
  size_t end = text.size();
  // Name fields end in long runs of fillers: skip them eight at a time first.
  while (end >= 8 && text.substr(end - 8, 8) == "<<<<<<<<") end -= 8;
  while (end > 0 && IsGap(text[end - 1])) --end;
  std::string out;
  size_t index = 0;
  while (index < end) {
    while (IsGap(text[index])) ++index;  // Stops: text[end - 1] is not a gap.
    size_t word_end = index + 1;
    while (word_end < end && !IsGap(text[word_end])) ++word_end;
    if (!out.empty()) out.push_back(' ');
    out.append(text.data() + index, word_end - index);
    index = word_end;
  }
  return out;
}

}  // namespace

Names ParseMrzName(std::string_view field) {
  Names names;
  names.truncated = !field.empty() && field.back() != '<';
  const size_t separator = field.find("<<");
  if (separator == std::string_view::npos) {
    names.primary = Words(field);
  } else {
    names.primary = Words(field.substr(0, separator));
    names.secondary = Words(field.substr(separator + 2));
  }
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

std::string MrzNameToDisplay(std::string_view mrz_words) {
  std::string out = Words(mrz_words);
  bool word_start = true;
  for (char& c : out) {
    if (c == ' ') {
      word_start = true;
    } else {
      if (!word_start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      word_start = false;
    }
  }
  return out;
}

}  // namespace limen::core::document
