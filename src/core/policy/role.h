// Roles a user can hold, and the principal (who is asking) that every route and policy decision
// is made about. A user holds exactly one role, belongs to one agency and is scoped to one or
// more posts (an empty post list with role administrator/auditor/analyst means "all posts").
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace limen::core {

enum class Role : uint8_t {
  kOfficer,
  kSupervisor,
  kAnalyst,
  kAdministrator,
  kAuditor,
};

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

struct Principal {
  int64_t user_id = 0;
  std::string username;
  Role role = Role::kOfficer;
  std::string agency;              // Agency code, e.g. "immigration".
  std::vector<std::string> posts;  // Post codes the user works at; empty = all (HQ roles).
  bool must_change_password = false;

  // True if the principal may act at `post`.
  bool CoversPost(std::string_view post) const;
};

}  // namespace limen::core
