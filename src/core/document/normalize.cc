// Cleaning what document readers send before the layout is detected.
#include <cstdio>
#include <string>

#include "core/document/internal/layout.h"

namespace limen::core::document::internal {
namespace {

constexpr size_t kMaxInputBytes = 4096;

bool IsMrzCharacter(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

bool IsInlineSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

Status BadCharacter(char c, size_t line, size_t column) {
  char shown[16];
  if (c > 32 && c < 127) {
    std::snprintf(shown, sizeof(shown), "'%c'", c);
  } else {
    std::snprintf(shown, sizeof(shown), "byte 0x%02X", static_cast<unsigned char>(c));
  }
  return InvalidArgument("MRZ_CHARACTER",
                         std::string("The MRZ contains ") + shown + " at line " +
                             std::to_string(line + 1) + ", column " + std::to_string(column + 1) +
                             "; an MRZ holds only A-Z, 0-9 and '<'. Read the document again.");
}

// A reader that drops line breaks sends one line of 90 (TD1), 72 (TD2) or 88 (TD3) characters.
std::vector<std::string> SplitRunTogether(std::vector<std::string> lines) {
  if (lines.size() != 1) return lines;
  const std::string line = lines[0];
  size_t width = 0;
  if (line.size() == 90) width = 30;
  if (line.size() == 72) width = 36;
  if (line.size() == 88) width = 44;
  if (width == 0) return lines;
  lines.clear();
  for (size_t start = 0; start < line.size(); start += width) {
    lines.push_back(line.substr(start, width));
  }
  return lines;
}

// Most readers send clean upper-case lines separated by LF: split them without rewriting.
bool SplitClean(std::string_view text, std::vector<std::string>* lines) {
  for (char c : text) {
    if (!IsMrzCharacter(c) && c != '\n') return false;
  }
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) lines->emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return true;
}

}  // namespace

Result<std::vector<std::string>> NormalizeMrz(std::string_view text) {
  if (text.size() > kMaxInputBytes) {
    return InvalidArgument("MRZ_TOO_LONG", "The input is " + std::to_string(text.size()) +
                                               " bytes; an MRZ is at most 90 characters. Send "
                                               "one document at a time.");
  }
  std::vector<std::string> lines;
  lines.reserve(3);
  if (SplitClean(text, &lines)) {
    if (lines.empty()) {
      return InvalidArgument("MRZ_EMPTY",
                             "No MRZ text was given. Place the document on the reader or type "
                             "the MRZ.");
    }
    return SplitRunTogether(std::move(lines));
  }
  lines.clear();
  std::string current;
  current.reserve(48);
  auto flush = [&] {
    if (!current.empty()) {
      lines.push_back(std::move(current));
      current = std::string();
      current.reserve(48);
    }
  };
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      flush();
    } else if (IsInlineSpace(c)) {
      continue;
    } else {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!IsMrzCharacter(c)) return BadCharacter(c, lines.size(), current.size());
      current.push_back(c);
    }
  }
  flush();
  if (lines.empty()) {
    return InvalidArgument("MRZ_EMPTY",
                           "No MRZ text was given. Place the document on the reader or type "
                           "the MRZ.");
  }
  return SplitRunTogether(std::move(lines));
}

}  // namespace limen::core::document::internal
