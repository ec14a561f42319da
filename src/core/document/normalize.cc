// Cleaning what document readers send and checking the shape of the MRZ, in one pass over the
// input that writes the characters straight into an inline buffer (no heap unless the shape is
// wrong and the error message has to list every line).
#include <cstdio>
#include <string>

#include "core/document/internal/layout.h"

namespace limen::core::document::internal {
namespace {

constexpr size_t kMaxInputBytes = 4096;

// What one input byte is to the normaliser.
enum class ByteKind : uint8_t { kOther, kMrz, kLower, kLineBreak, kInlineSpace };

constexpr std::array<ByteKind, 256> kByteKinds = [] {
  std::array<ByteKind, 256> kinds{};
  for (int c = 'A'; c <= 'Z'; ++c) kinds[c] = ByteKind::kMrz;
  for (int c = '0'; c <= '9'; ++c) kinds[c] = ByteKind::kMrz;
  kinds['<'] = ByteKind::kMrz;
  for (int c = 'a'; c <= 'z'; ++c) kinds[c] = ByteKind::kLower;
  kinds['\n'] = ByteKind::kLineBreak;
  kinds['\r'] = ByteKind::kLineBreak;
  for (char c : {' ', '\t', '\v', '\f'})
    kinds[static_cast<unsigned char>(c)] = ByteKind::kInlineSpace;
  return kinds;
}();

// True when every byte is an MRZ character or LF.
bool IsClean(std::string_view text) {
  return NoBadBytes(
      text,
      [](Bytes16 b) {
        return static_cast<Bytes16>((b - 'A' > 25) & (b - '0' > 9) & (b != '<') & (b != '\n'));
      },
      [](unsigned char c) { return kByteKinds[c] != ByteKind::kMrz && c != '\n'; });
}

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

Status EmptyInput() {
  return InvalidArgument("MRZ_EMPTY",
                         "No MRZ text was given. Place the document on the reader or type the "
                         "MRZ.");
}

Status BadShape(const std::vector<size_t>& lengths) {
  std::string shape;
  for (size_t length : lengths) {
    shape += (shape.empty() ? "" : ", ") + std::to_string(length);
  }
  return InvalidArgument(
      "MRZ_SHAPE",
      "The MRZ has " + std::to_string(lengths.size()) + " line(s) of " + shape +
          " characters; expected 3 lines of 30 (TD1 identity card), 2 lines of 36 (TD2, MRV-B "
          "visa, French identity card) or 2 lines of 44 (TD3 passport, MRV-A visa). Read the "
          "document again or type the MRZ line by line.");
}

// The length of every non-empty line of input that has no bad character, for MRZ_SHAPE.
std::vector<size_t> LineLengths(std::string_view text) {
  std::vector<size_t> lengths;
  size_t current = 0;
  for (char c : text) {
    const ByteKind kind = kByteKinds[static_cast<unsigned char>(c)];
    if (kind == ByteKind::kLineBreak) {
      if (current > 0) lengths.push_back(current);
      current = 0;
    } else if (kind != ByteKind::kInlineSpace) {
      ++current;
    }
  }
  if (current > 0) lengths.push_back(current);
  return lengths;
}

// The width of the lines a reader that dropped the line breaks ran together into one line of
// `length` characters (TD1 90 = 3 x 30, TD2 72 = 2 x 36, TD3 88 = 2 x 44), else 0.
int RunTogetherWidth(size_t length) {
  if (length == 90) return 30;
  if (length == 72) return 36;
  if (length == 88) return 44;
  return 0;
}

bool KnownShape(size_t count, size_t length) {
  return (count == 3 && length == 30) || (count == 2 && (length == 44 || length == 36));
}

}  // namespace

Status NormalizeMrz(std::string_view text, MrzLines* lines) {
  if (text.size() > kMaxInputBytes) {
    return InvalidArgument("MRZ_TOO_LONG", "The input is " + std::to_string(text.size()) +
                                               " bytes; an MRZ is at most 90 characters. Send "
                                               "one document at a time.");
  }
  // The characters of every line back to back (as many as fit), the number of non-empty lines
  // and the lengths of the first three.
  char* const chars = lines->mutable_chars();
  size_t total = 0;
  std::array<size_t, 3> lengths{};
  size_t count = 0;
  auto end_line = [&](size_t length) {
    if (length == 0) return;
    if (count < lengths.size()) lengths[count] = length;
    ++count;
  };
  if (IsClean(text)) {
    // What most readers send: upper-case lines separated by LF, copied line by line.
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const size_t length = end - start;
      if (total + length <= MrzLines::kMaxCharacters) text.copy(chars + total, length, start);
      total += length;
      end_line(length);
      start = end + 1;
    }
  } else {
    size_t current = 0;  // Length of the line being read.
    for (char c : text) {
      switch (kByteKinds[static_cast<unsigned char>(c)]) {
        case ByteKind::kLineBreak:
          end_line(current);
          current = 0;
          continue;
        case ByteKind::kInlineSpace:
          continue;
        case ByteKind::kOther:
          return BadCharacter(c, count, current);
        case ByteKind::kLower:
          c = static_cast<char>(c - 'a' + 'A');
          break;
        case ByteKind::kMrz:
          break;
      }
      if (total < MrzLines::kMaxCharacters) chars[total] = c;
      ++total;
      ++current;
    }
    end_line(current);
  }
  if (count == 0) return EmptyInput();
  if (count > lengths.size() || total > MrzLines::kMaxCharacters)
    return BadShape(LineLengths(text));
  if (count == 1) {
    if (const int width = RunTogetherWidth(lengths[0]); width != 0) {
      lines->SetShape(static_cast<int>(lengths[0]) / width, width);
      return Status::Ok();
    }
  }
  bool same_length = true;
  for (size_t index = 1; index < count; ++index) same_length &= lengths[index] == lengths[0];
  if (!same_length || !KnownShape(count, lengths[0])) return BadShape(LineLengths(text));
  lines->SetShape(static_cast<int>(count), static_cast<int>(lengths[0]));
  return Status::Ok();
}

}  // namespace limen::core::document::internal
