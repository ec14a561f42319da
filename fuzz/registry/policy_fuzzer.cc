// libFuzzer target: the data-sharing policy parser must never crash or throw, and a policy it
// accepts must answer every decision.
#include <cstdint>
#include <string_view>

#include "core/policy/data_sharing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace limen::core;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto policy = ParseDataSharingPolicy(text);
  if (!policy.ok()) return 0;
  Principal principal;
  for (const char* agency : {"immigration", "customs", "x"}) {
    principal.agency = agency;
    for (Role role : AllRoles()) {
      principal.role = role;
      for (CategoryKind kind : AllCategoryKinds()) {
        (void)policy->Decide(
            principal, DataCategory{kind, kind == CategoryKind::kCaseNotes ? std::string(agency)
                                                                           : std::string()});
      }
    }
  }
  return 0;
}
