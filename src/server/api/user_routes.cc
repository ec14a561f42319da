// Administrators manage user accounts: create, list, read, disable, enable, reset password.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crypto/random.h"
#include "server/api/identity_json.h"
#include "server/api/json_fields.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "server/auth/authenticator.h"
#include "store/identity_store.h"
#include "store/session_store.h"
#include "store/store.h"

namespace limen::server {
namespace {

using core::Role;

constexpr char kNewUserSchema[] =
    R"({"type":"object","required":["username","role","agency"],"properties":{"username":{"type":"string"},"role":{"type":"string","enum":["officer","supervisor","analyst","administrator","auditor"]},"agency":{"type":"string"},"posts":{"type":"array","items":{"type":"string"}},"password":{"type":"string","description":"Omit to have a one-time password generated"}}})";

Result<int64_t> UserIdParam(const ApiRequest& request) {
  const std::string& text = request.PathParam("id");
  int64_t id = 0;
  if (text.empty() || text.size() > 18) {
    return InvalidArgument("FIELD_INVALID", "The user id must be a positive integer.");
  }
  for (char c : text) {
    if (c < '0' || c > '9') {
      return InvalidArgument("FIELD_INVALID", "The user id must be a positive integer.");
    }
    id = id * 10 + (c - '0');
  }
  return id;
}

// A generated one-time password: 18 random bytes, URL-safe, 24 characters.
Result<std::string> OneTimePassword() {
  LIMEN_ASSIGN_OR_RETURN(std::string bytes, crypto::RandomBytes(18));
  return crypto::Base64UrlEncode(bytes);
}

void CreateUserRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  auto body = ParseJsonObject(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  store::NewUser user;
  auto username = RequiredString(*body, "username");
  auto role_name = RequiredString(*body, "role");
  auto agency = RequiredString(*body, "agency");
  auto posts = StringArray(*body, "posts");
  auto password = OptionalString(*body, "password");
  for (const Status& status : {username.status(), role_name.status(), agency.status(),
                               posts.status(), password.status()}) {
    if (!status.ok()) return reply(ApiResponse::Error(status));
  }
  std::optional<Role> role = core::ParseRole(*role_name);
  if (!role) {
    return reply(ApiResponse::Error(InvalidArgument(
        "FIELD_INVALID",
        "role must be one of officer, supervisor, analyst, administrator, auditor.")));
  }
  if ((*role == Role::kOfficer || *role == Role::kSupervisor) && posts->empty()) {
    return reply(ApiResponse::Error(InvalidArgument(
        "FIELD_INVALID", "Officers and supervisors work at one or more posts; list them.")));
  }
  std::string clear_password;
  if (password->has_value()) {
    clear_password = **password;
    Status strength = services.auth->CheckPasswordStrength(clear_password);
    if (!strength.ok()) return reply(ApiResponse::Error(strength));
  } else {
    auto generated = OneTimePassword();
    if (!generated.ok()) return reply(ApiResponse::Error(generated.status()));
    clear_password = *generated;
  }
  auto hash = services.auth->HashPassword(clear_password);
  if (!hash.ok()) return reply(ApiResponse::Error(hash.status()));
  user.username = *username;
  user.role = *role;
  user.agency = *agency;
  user.posts = *posts;
  user.password_hash = *hash;
  user.must_change_password = true;
  const bool generated = !password->has_value();
  WriteAndReply(
      services, request,
      [user, clear_password, generated,
       actor = ActorOf(*request)](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_ASSIGN_OR_RETURN(store::UserRecord created, store::CreateUser(txn, actor, user));
        nlohmann::json out = UserToJson(created);
        // Shown once: the administrator hands it over; the first login forces a change.
        if (generated) out["one_time_password"] = clear_password;
        ApiResponse response = ApiResponse::Json(201, out.dump());
        response.record_id = std::to_string(created.id);
        return response;
      },
      std::move(reply));
}

ApiResponse ListUsersRoute(Services& services) {
  std::vector<store::UserRecord> users;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(users, store::ListUsers(txn));
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& user : users) out.push_back(UserToJson(user));
  return ApiResponse::Json(200, nlohmann::json{{"users", out}}.dump());
}

ApiResponse GetUserRoute(Services& services, const ApiRequest& request) {
  auto id = UserIdParam(request);
  if (!id.ok()) return ApiResponse::Error(id.status());
  store::UserRecord user;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(user, store::GetUser(txn, *id));
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);
  ApiResponse response = ApiResponse::Json(200, UserToJson(user).dump());
  response.record_id = std::to_string(user.id);
  return response;
}

enum class AccountChange { kDisable, kEnable, kResetPassword };

void ChangeAccount(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply,
                   AccountChange change) {
  auto id = UserIdParam(*request);
  if (!id.ok()) return reply(ApiResponse::Error(id.status()));
  if (change == AccountChange::kDisable && *id == request->principal->user_id) {
    return reply(ApiResponse::Error(FailedPrecondition(
        "USER_SELF_DISABLE", "You cannot disable your own account; ask another administrator.")));
  }
  std::string password, hash;
  if (change == AccountChange::kResetPassword) {
    auto generated = OneTimePassword();
    if (!generated.ok()) return reply(ApiResponse::Error(generated.status()));
    password = *generated;
    auto hashed = services.auth->HashPassword(password);
    if (!hashed.ok()) return reply(ApiResponse::Error(hashed.status()));
    hash = *hashed;
  }
  WriteAndReply(
      services, request,
      [user_id = *id, change, password, hash,
       actor = ActorOf(*request)](store::WriteTxn& txn) -> Result<ApiResponse> {
        nlohmann::json out;
        if (change == AccountChange::kDisable) {
          LIMEN_RETURN_IF_ERROR(store::DisableUser(txn, actor, user_id));
        } else if (change == AccountChange::kEnable) {
          LIMEN_RETURN_IF_ERROR(store::EnableUser(txn, actor, user_id));
        } else {
          LIMEN_RETURN_IF_ERROR(store::SetPassword(txn, actor, user_id, hash, true));
          LIMEN_RETURN_IF_ERROR(store::DeleteUserSessions(txn, user_id));
          out["one_time_password"] = password;
        }
        LIMEN_ASSIGN_OR_RETURN(store::UserRecord user, store::GetUser(txn, user_id));
        out["user"] = UserToJson(user);
        ApiResponse response = ApiResponse::Json(200, out.dump());
        response.record_id = std::to_string(user_id);
        return response;
      },
      std::move(reply));
}

RouteSpec AdminSpec(std::string method, std::string pattern, std::string summary, AuditKind audit) {
  RouteSpec spec;
  spec.method = std::move(method);
  spec.pattern = std::move(pattern);
  spec.summary = std::move(summary);
  spec.roles = {Role::kAdministrator};
  spec.audit = audit;
  spec.record_type = "user";
  spec.tag = "users";
  return spec;
}

}  // namespace

void RegisterUserRoutes(Router& router, Services& services) {
  RouteSpec create = AdminSpec("POST", "/api/v1/users",
                               "Create a user; returns a one-time password unless one is given",
                               AuditKind::kWrite);
  create.request_schema = kNewUserSchema;
  create.success_status = 201;
  router.Add(create, [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
    CreateUserRoute(services, std::move(request), std::move(reply));
  });
  router.AddSync(AdminSpec("GET", "/api/v1/users", "List users", AuditKind::kRead),
                 [&services](const ApiRequest&) { return ListUsersRoute(services); });
  router.AddSync(
      AdminSpec("GET", "/api/v1/users/{id}", "One user", AuditKind::kRead),
      [&services](const ApiRequest& request) { return GetUserRoute(services, request); });
  const std::pair<const char*, AccountChange> changes[] = {
      {"disable", AccountChange::kDisable},
      {"enable", AccountChange::kEnable},
      {"reset-password", AccountChange::kResetPassword}};
  for (const auto& [name, change] : changes) {
    router.Add(
        AdminSpec("POST", fmt::format("/api/v1/users/{{id}}/{}", name),
                  fmt::format("{} a user's account", name), AuditKind::kWrite),
        [&services, change = change](std::shared_ptr<const ApiRequest> request, Reply reply) {
          ChangeAccount(services, std::move(request), std::move(reply), change);
        });
  }
}

}  // namespace limen::server
