// Login, logout, the current user, and password changes.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crypto/hash.h"
#include "server/api/api_service.h"
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

constexpr char kLoginSchema[] =
    R"({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}}})";
constexpr char kPasswordSchema[] =
    R"({"type":"object","required":["current_password","new_password"],"properties":{"current_password":{"type":"string"},"new_password":{"type":"string"}}})";

std::string SessionCookie(const std::string& token, int64_t max_age_seconds, bool secure) {
  return fmt::format("limen_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", token,
                     max_age_seconds, secure ? "; Secure" : "");
}

ApiResponse Login(Services& services, const ApiRequest& request) {
  auto body = ParseJsonObject(request.http.body);
  if (!body.ok()) return ApiResponse::Error(body.status());
  auto username = RequiredString(*body, "username");
  if (!username.ok()) return ApiResponse::Error(username.status());
  auto password = RequiredString(*body, "password");
  if (!password.ok()) return ApiResponse::Error(password.status());
  auto login = services.auth->Login(*username, *password, request.http.remote_address);
  // Both outcomes are audited: failed logins are how password guessing shows up.
  store::AuditDraft draft = AuditDraftFor(request, login.ok() ? 200 : 0, *username);
  draft.actor_username = *username;
  if (login.ok()) draft.actor_user_id = login->session.principal.user_id;
  if (!login.ok()) {
    ApiResponse error = ApiResponse::Error(login.status());
    draft.outcome = error.status;
    (void)services.store->Write(
        [&](store::WriteTxn& txn) { return txn.AppendAudit(draft).status(); });
    return error;
  }
  Status audited =
      services.store->Write([&](store::WriteTxn& txn) { return txn.AppendAudit(draft).status(); });
  if (!audited.ok()) return ApiResponse::Error(audited);
  const int64_t max_age = (login->session.expires_at - services.clock->Now()) / kMicrosPerSecond;
  nlohmann::json out = {{"token", login->token},
                        {"expires_at", FormatTimestamp(login->session.expires_at)},
                        {"user", PrincipalToJson(login->session.principal)}};
  ApiResponse response = ApiResponse::Json(200, out.dump());
  response.headers.push_back(
      {"Set-Cookie", SessionCookie(login->token, max_age,
                                   request.http.tls || services.config.auth.secure_cookies)});
  response.audited = true;
  return response;
}

void Logout(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  const crypto::Sha256Digest hash = crypto::Sha256(RequestToken(request->http));
  WriteAndReply(
      services, request,
      [hash, secure = request->http.tls](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_RETURN_IF_ERROR(store::DeleteSession(txn, hash));
        ApiResponse response = ApiResponse::Json(200, R"({"status":"logged_out"})");
        response.headers.push_back({"Set-Cookie", SessionCookie("", 0, secure)});
        return response;
      },
      std::move(reply));
}

void ChangePassword(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  auto body = ParseJsonObject(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  auto current = RequiredString(*body, "current_password");
  if (!current.ok()) return reply(ApiResponse::Error(current.status()));
  auto next = RequiredString(*body, "new_password");
  if (!next.ok()) return reply(ApiResponse::Error(next.status()));
  Session session;
  session.principal = *request->principal;
  session.token_hash = crypto::Sha256(RequestToken(request->http));
  auto hash = services.auth->PreparePasswordChange(session, *current, *next);
  if (!hash.ok()) return reply(ApiResponse::Error(hash.status()));
  const int64_t user_id = request->principal->user_id;
  WriteAndReply(
      services, request,
      [user_id, hash = *hash, keep = session.token_hash,
       actor = ActorOf(*request)](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_RETURN_IF_ERROR(store::SetPassword(txn, actor, user_id, hash, false));
        // Other sessions end: whoever might know the old password is logged out.
        LIMEN_RETURN_IF_ERROR(store::DeleteUserSessions(txn, user_id, keep));
        ApiResponse response = ApiResponse::Json(200, R"({"status":"password_changed"})");
        response.record_id = std::to_string(user_id);
        return response;
      },
      std::move(reply));
}

}  // namespace

void RegisterAuthRoutes(Router& router, Services& services) {
  router.AddSync({.method = "POST",
                  .pattern = "/api/v1/auth/login",
                  .summary = "Log in with username and password; returns a session token and "
                             "sets an HttpOnly, SameSite=Strict cookie",
                  .access = Access::kPublic,
                  .audit = AuditKind::kWrite,
                  .record_type = "session",
                  .tag = "auth",
                  .request_schema = kLoginSchema},
                 [&services](const ApiRequest& request) { return Login(services, request); });
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/logout",
              .summary = "End the current session",
              .allowed_before_password_change = true,
              .audit = AuditKind::kWrite,
              .record_type = "session",
              .tag = "auth"},
             [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
               Logout(services, std::move(request), std::move(reply));
             });
  router.AddSync({.method = "GET",
                  .pattern = "/api/v1/auth/me",
                  .summary = "The logged-in user: role, agency and posts",
                  .allowed_before_password_change = true,
                  .tag = "auth"},
                 [](const ApiRequest& request) {
                   return ApiResponse::Json(200, PrincipalToJson(*request.principal).dump());
                 });
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/password",
              .summary = "Change your own password (required after the first login)",
              .allowed_before_password_change = true,
              .audit = AuditKind::kWrite,
              .record_type = "user",
              .tag = "auth",
              .request_schema = kPasswordSchema},
             [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
               ChangePassword(services, std::move(request), std::move(reply));
             });
}

}  // namespace limen::server
