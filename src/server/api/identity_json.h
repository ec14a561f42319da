// JSON forms of identity records (users, States, agencies, posts) as the API sends them.
// Password hashes never leave the server.
#pragma once

#include <nlohmann/json.hpp>

#include "core/policy/role.h"
#include "store/identity_store.h"

namespace limen::server {

nlohmann::json UserToJson(const store::UserRecord& user);
nlohmann::json PrincipalToJson(const core::Principal& principal);
nlohmann::json StateToJson(const store::StateRecord& state);
nlohmann::json AgencyToJson(const store::AgencyRecord& agency);
nlohmann::json PostToJson(const store::PostRecord& post);

}  // namespace limen::server
