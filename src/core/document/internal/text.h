// Private to core/document: building the English messages of the report.
//
// Thread-safety: pure functions.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

#include "base/time.h"

namespace limen::core::document::internal {

// The parts joined into one string with a single allocation (messages are built from a few
// fixed phrases and short MRZ texts; chaining operator+ would allocate once per part).
inline std::string Concat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (std::string_view part : parts) out.append(part);
  return out;
}

// Short texts for messages, written into a caller's buffer without formatting through
// iostreams or fmt (a message is built for a good share of the documents at a border).
class MessageText {
 public:
  // "YYYY-MM-DD", as FormatDate writes it for years 0 to 9999.
  static std::string_view Date(const CivilDate& date, char (&buffer)[10]) {
    const auto digit = [](int value) { return static_cast<char>('0' + value % 10); };
    const char text[10] = {digit(date.year / 1000),
                           digit(date.year / 100),
                           digit(date.year / 10),
                           digit(date.year),
                           '-',
                           digit(date.month / 10),
                           digit(date.month),
                           '-',
                           digit(date.day / 10),
                           digit(date.day)};
    std::memcpy(buffer, text, sizeof(text));
    return std::string_view(buffer, sizeof(buffer));
  }
  // The decimal digits of `value`.
  static std::string_view Number(int64_t value, char (&buffer)[24]) {
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return std::string_view(buffer, static_cast<size_t>(result.ptr - buffer));
  }
};

}  // namespace limen::core::document::internal
