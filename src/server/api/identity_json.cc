#include "server/api/identity_json.h"

#include "base/time.h"

namespace limen::server {

nlohmann::json UserToJson(const store::UserRecord& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"role", core::RoleName(user.role)},
          {"agency", user.agency},
          {"posts", user.posts},
          {"disabled", user.disabled},
          {"must_change_password", user.must_change_password},
          {"created_at", FormatTimestamp(user.created_at)},
          {"updated_at", FormatTimestamp(user.updated_at)}};
}

nlohmann::json PrincipalToJson(const core::Principal& principal) {
  return {{"id", principal.user_id},
          {"username", principal.username},
          {"role", core::RoleName(principal.role)},
          {"agency", principal.agency},
          {"posts", principal.posts},
          {"must_change_password", principal.must_change_password}};
}

nlohmann::json StateToJson(const store::StateRecord& state) {
  return {{"code", state.code}, {"name", state.name}};
}

nlohmann::json AgencyToJson(const store::AgencyRecord& agency) {
  return {{"code", agency.code}, {"name", agency.name}};
}

nlohmann::json PostToJson(const store::PostRecord& post) {
  return {{"code", post.code},
          {"name", post.name},
          {"kind", store::PostKindName(post.kind)},
          {"states", post.states}};
}

}  // namespace limen::server
