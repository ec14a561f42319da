// The route table of the JSON API: each route is a RouteSpec (method, path pattern with
// {parameters}, who may call it, how it is audited) and a handler. The ApiService (api_service.h)
// runs authentication, authorisation and auditing around every handler in one place, so a
// handler only does its own work.
//
// Thread-safety: routes are added during start-up only; Match() is then safe from any thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/policy/role.h"
#include "server/http/http_server.h"

namespace limen::server {

enum class Access {
  kPublic,         // No session needed (health, login, OpenAPI document).
  kAuthenticated,  // A valid session; `roles` narrows it further.
};

enum class AuditKind {
  kNone,   // Reads of reference data that carries no personal data.
  kRead,   // A read of personal data: audited, and refused if the audit cannot be written.
  kWrite,  // A change: audited together with its outcome.
};

struct RouteSpec {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // "/api/v1/users/{id}"
  std::string summary;  // One line for the OpenAPI document.
  Access access = Access::kAuthenticated;
  std::vector<core::Role> roles;  // Empty: every role.
  // Routes a user may call while a password change is still pending (change it, log out).
  bool allowed_before_password_change = false;
  AuditKind audit = AuditKind::kNone;
  // The route asks the caller to state a purpose (header X-Purpose or ?purpose=).
  bool purpose_required = false;
  std::string record_type;  // Audit record type, e.g. "user".
  std::string tag;          // OpenAPI tag, e.g. "users".
  // Optional OpenAPI fragments as JSON text: request body schema and 2xx response schema.
  std::string request_schema;
  std::string response_schema;
  int success_status = 200;
};

struct ApiRequest {
  http::Request http;
  const RouteSpec* route = nullptr;
  std::map<std::string, std::string> path_params;
  std::optional<core::Principal> principal;
  std::string session_id;  // Hash of the session token, when authenticated.
  std::string purpose;

  // The percent-decoded value of a query parameter; nullopt if absent.
  std::optional<std::string> Query(std::string_view name) const;
  const std::string& PathParam(const std::string& name) const;
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON text unless content_type says otherwise.
  std::string content_type = "application/json";
  std::vector<http::Header> headers;
  std::string record_id;  // Which record was read or written, for the audit log.
  bool audited = false;   // The handler already wrote the audit entry in its own transaction.

  static ApiResponse Json(int status, std::string body);
  static ApiResponse Error(const Status& status);
};

using Reply = std::function<void(ApiResponse&&)>;
using RouteHandler = std::function<void(std::shared_ptr<const ApiRequest>, Reply)>;
// Most handlers answer synchronously.
using SyncRouteHandler = std::function<ApiResponse(const ApiRequest&)>;

class Router {
 public:
  struct Route {
    RouteSpec spec;
    RouteHandler handler;
    std::vector<std::string> segments;
  };
  struct MatchResult {
    const Route* route = nullptr;
    std::map<std::string, std::string> path_params;
    bool path_matched_other_method = false;
  };

  void Add(RouteSpec spec, RouteHandler handler);
  void AddSync(RouteSpec spec, SyncRouteHandler handler);
  MatchResult Match(std::string_view method, std::string_view path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

// Splits "/a/b/" into {"a","b"}.
std::vector<std::string> SplitPath(std::string_view path);
// Percent-decodes a URL component ('+' becomes a space in query values).
std::string PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace limen::server
