// Private to core/document: building the English messages of the report.
//
// Thread-safety: pure functions.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

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

}  // namespace limen::core::document::internal
