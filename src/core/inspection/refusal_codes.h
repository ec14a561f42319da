// The standard list of reasons for refusal of entry: the codes A to J of the uniform form in
// Annex V, Part B of the Schengen Borders Code, with their standard English texts. A refusal
// records one or more codes plus free text.
//
// Thread-safety: immutable static data.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace limen::core::inspection {

struct RefusalCode {
  char code;              // 'A' .. 'J'.
  std::string_view text;  // Standard text, completing "The person ...".
};

const std::vector<RefusalCode>& AllRefusalCodes();
// The code's entry, or nullopt when `code` is not A..J (case-sensitive: codes are upper-case).
std::optional<RefusalCode> FindRefusalCode(char code);

}  // namespace limen::core::inspection
