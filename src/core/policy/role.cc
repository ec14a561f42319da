#include "core/policy/role.h"

#include <algorithm>

namespace limen::core {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOfficer:
      return "officer";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAdministrator:
      return "administrator";
    case Role::kAuditor:
      return "auditor";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : AllRoles()) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kRoles = {Role::kOfficer, Role::kSupervisor, Role::kAnalyst,
                                           Role::kAdministrator, Role::kAuditor};
  return kRoles;
}

bool Principal::CoversPost(std::string_view post) const {
  if (posts.empty()) return role != Role::kOfficer && role != Role::kSupervisor;
  return std::find(posts.begin(), posts.end(), post) != posts.end();
}

}  // namespace limen::core
