// libFuzzer target: the stay rules parser must never crash or throw, and rules it accepts must
// evaluate entries and exits without crashing.
#include <cstdint>
#include <string_view>

#include "core/stay/entry_evaluation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace limen::core::stay;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto rules = ParseStayRules(text);
  if (!rules.ok()) return 0;
  EntryRequest request;
  request.document_type = "PD";
  request.purpose = "official";
  request.date = {2024, 2, 29};
  request.history = {{Direction::kEntry, {2023, 12, 1}, "A"},
                     {Direction::kExit, {2024, 1, 5}, "B"},
                     {Direction::kEntry, {2024, 2, 1}, "A"}};
  request.authorisations = {
      {AuthorisationKind::kVisa, "V1", "C", "", {2024, 1, 1}, {2024, 6, 30}, 2, 1, 30, false}};
  for (const auto& [nationality, regime] : rules->nationality_regimes) {
    request.nationality = nationality;
    (void)EvaluateEntry(*rules, request);
    (void)EvaluateExit(*rules, request);
  }
  request.nationality = "ZZZ";
  (void)EvaluateEntry(*rules, request);
  return 0;
}
