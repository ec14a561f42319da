// The data-sharing policy: which categories of data each agency and role may read. It is the one
// place that decides who sees what (DESIGN.md invariant 3); every route asks Decide() before it
// returns personal data and filters its response with FilterSections().
//
// The policy is loaded from a TOML file (config/policy.toml, documented in docs/policy.md) made of
// allow rules; anything no rule grants is denied. ParseDataSharingPolicy never throws; it returns
// POLICY_SYNTAX or POLICY_INVALID with the line where known.
//
// Thread-safety: an immutable value once parsed; Decide() is const and safe to call concurrently.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/policy/data_category.h"
#include "core/policy/role.h"

namespace limen::core {

// One allow rule: principals of `agency` ("*" = any) holding one of `roles` (empty = any) may
// read `categories`. Case-notes grants are "case_notes:<agency>", "case_notes:own" (the reader's
// own agency) or "case_notes:*" (every agency).
struct PolicyRule {
  std::string id;
  std::string agency;
  std::vector<Role> roles;
  std::vector<std::string> categories;
};

struct Decision {
  bool allowed = false;
  std::string rule;  // Id of the rule that granted access, or "default_deny".
};

class DataSharingPolicy {
 public:
  DataSharingPolicy() = default;
  DataSharingPolicy(std::string version, std::vector<PolicyRule> rules)
      : version_(std::move(version)), rules_(std::move(rules)) {}

  const std::string& version() const { return version_; }
  const std::vector<PolicyRule>& rules() const { return rules_; }

  Decision Decide(const Principal& principal, const DataCategory& category) const;

 private:
  std::string version_;
  std::vector<PolicyRule> rules_;
};

Result<DataSharingPolicy> ParseDataSharingPolicy(std::string_view toml_text);

// Removes from `sections` every element whose `category` member the principal may not read and
// returns the categories withheld, in order, so the response can say what was withheld and why.
template <typename Section>
std::vector<DataCategory> FilterSections(const DataSharingPolicy& policy,
                                         const Principal& principal,
                                         std::vector<Section>& sections) {
  std::vector<DataCategory> withheld;
  std::erase_if(sections, [&](const Section& section) {
    if (policy.Decide(principal, section.category).allowed) return false;
    if (std::find(withheld.begin(), withheld.end(), section.category) == withheld.end()) {
      withheld.push_back(section.category);
    }
    return true;
  });
  return withheld;
}

}  // namespace limen::core
