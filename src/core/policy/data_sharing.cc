#include "core/policy/data_sharing.h"

namespace limen::core {
namespace {

bool RoleMatches(const PolicyRule& rule, Role role) {
  return rule.roles.empty() ||
         std::find(rule.roles.begin(), rule.roles.end(), role) != rule.roles.end();
}

bool GrantMatches(std::string_view grant, const Principal& principal,
                  const DataCategory& category) {
  if (category.kind != CategoryKind::kCaseNotes) return grant == category.ToString();
  if (grant == "case_notes:*") return true;
  if (grant == "case_notes:own") return category.agency == principal.agency;
  return grant == category.ToString();
}

}  // namespace

Decision DataSharingPolicy::Decide(const Principal& principal, const DataCategory& category) const {
  for (const PolicyRule& rule : rules_) {
    if (rule.agency != "*" && rule.agency != principal.agency) continue;
    if (!RoleMatches(rule, principal.role)) continue;
    for (const std::string& grant : rule.categories) {
      if (GrantMatches(grant, principal, category)) return Decision{true, rule.id};
    }
  }
  return Decision{false, "default_deny"};
}

}  // namespace limen::core
