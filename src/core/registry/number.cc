#include "core/registry/number.h"

#include <array>

namespace limen::core::registry {
namespace {

// Each group lists characters that are read as one another.
constexpr std::array<std::string_view, 6> kConfusables = {"O0", "I1L", "B8", "S5", "Z2", "G6"};

std::string_view GroupOf(char c) {
  for (std::string_view group : kConfusables) {
    if (group.find(c) != std::string_view::npos) return group;
  }
  return {};
}

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string NormaliseDocumentNumber(std::string_view number) {
  std::string out;
  out.reserve(number.size());
  for (char c : number) {
    c = Upper(c);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

std::string NormaliseIssuingState(std::string_view state) {
  std::string out;
  for (char c : state) {
    c = Upper(c);
    if (c >= 'A' && c <= 'Z') out.push_back(c);
  }
  return out;
}

std::vector<std::string> MisreadVariants(std::string_view normalised, size_t limit) {
  // Breadth-first over positions: start from the number itself and, for each confusable
  // position, branch into every other character of its group.
  std::vector<std::string> spellings = {std::string(normalised)};
  for (size_t position = 0; position < normalised.size(); ++position) {
    const std::string_view group = GroupOf(normalised[position]);
    if (group.empty()) continue;
    const size_t existing = spellings.size();
    for (size_t i = 0; i < existing && spellings.size() <= limit; ++i) {
      for (char alternative : group) {
        if (alternative == normalised[position] || spellings.size() > limit) continue;
        std::string variant = spellings[i];
        variant[position] = alternative;
        spellings.push_back(std::move(variant));
      }
    }
  }
  spellings.erase(spellings.begin());
  if (spellings.size() > limit) spellings.resize(limit);
  return spellings;
}

}  // namespace limen::core::registry
