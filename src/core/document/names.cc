#include "core/document/names.h"

#include <string>

namespace limen::core::document {
namespace {

// "ANNA<MARIA<" -> "ANNA MARIA": fillers become single spaces, ends trimmed.
std::string Words(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
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
