// Parsing helpers shared by the stay table tests. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "core/stay/stay_calculator.h"

namespace limen::core::stay::testing {

inline CivilDate Date(std::string_view text) {
  const auto date = ParseDate(text);
  EXPECT_TRUE(date.has_value()) << text;
  return date.value_or(CivilDate{});
}

inline int32_t Int(std::string_view text) {
  return static_cast<int32_t>(std::stoi(std::string(text)));
}

// "E2024-01-01 X2024-01-10" -> crossings; "-" -> none.
inline std::vector<Crossing> ParseCrossings(const std::string& spec) {
  std::vector<Crossing> crossings;
  if (spec == "-") return crossings;
  for (std::string_view item : Split(spec, ' ')) {
    if (item.empty()) continue;
    const Direction direction = item[0] == 'E' ? Direction::kEntry : Direction::kExit;
    crossings.push_back(Crossing{direction, Date(item.substr(1)), "TEST"});
  }
  return crossings;
}

inline std::string OptionalText(const std::optional<CivilDate>& value) {
  return value ? FormatDate(*value) : "-";
}

}  // namespace limen::core::stay::testing
