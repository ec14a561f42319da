#include "server/api/api_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"
#include "server/api/errors.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "server/auth/authenticator.h"
#include "store/store.h"

namespace limen::server {
namespace {

http::Response ToHttp(const ApiRequest* request, ApiResponse&& response) {
  http::Response out;
  out.status = response.status;
  out.body = std::move(response.body);
  out.headers = std::move(response.headers);
  out.headers.push_back({"Content-Type", response.content_type});
  if (request != nullptr && request->route != nullptr) out.route = request->route->pattern;
  return out;
}

void RespondError(const Status& status, const std::string& route, http::Responder& respond) {
  http::Response out;
  out.status = HttpStatusFor(status);
  out.body = ErrorBody(status);
  out.headers.push_back({"Content-Type", "application/json"});
  out.route = route;
  if (out.status == 401) out.headers.push_back({"WWW-Authenticate", "Bearer"});
  respond(std::move(out));
}

std::string CookieValue(std::string_view header, std::string_view name) {
  for (std::string_view part : Split(header, ';')) {
    part = Trim(part);
    const size_t equals = part.find('=');
    if (equals != std::string_view::npos && part.substr(0, equals) == name) {
      return std::string(part.substr(equals + 1));
    }
  }
  return {};
}

bool RoleAllowed(const RouteSpec& spec, core::Role role) {
  return spec.roles.empty() ||
         std::find(spec.roles.begin(), spec.roles.end(), role) != spec.roles.end();
}

}  // namespace

std::string RequestToken(const http::Request& request) {
  std::string_view authorization = request.HeaderValue("Authorization");
  if (authorization.size() > 7 && ToLowerAscii(authorization.substr(0, 7)) == "bearer ") {
    return std::string(Trim(authorization.substr(7)));
  }
  return CookieValue(request.HeaderValue("Cookie"), kSessionCookie);
}

void RegisterAllRoutes(Router& router, Services& services) {
  RegisterSystemRoutes(router, services);
  RegisterAuthRoutes(router, services);
  RegisterUserRoutes(router, services);
  RegisterReferenceRoutes(router, services);
  RegisterAuditRoutes(router, services);
  RegisterDocumentRoutes(router, services);
  RegisterScreeningRoutes(router, services);
  RegisterWorkflowRoutes(router, services);
  RegisterTravellerRoutes(router, services);
  RegisterAuthorisationRoutes(router, services);
  RegisterCaseRoutes(router, services);
  RegisterRegistryRoutes(router, services);
}

ApiService::ApiService(Services& services) : services_(services) {
  RegisterAllRoutes(router_, services);
}

ApiService::ApiService(Services& services, const std::function<void(Router&)>& register_routes)
    : services_(services) {
  register_routes(router_);
}

void ApiService::Handle(http::Request&& http_request, http::Responder respond) {
  Router::MatchResult match = router_.Match(http_request.method, http_request.path);
  if (match.route == nullptr) {
    if (match.path_matched_other_method) {
      return RespondError(InvalidArgument("METHOD_NOT_ALLOWED",
                                          fmt::format("{} is not allowed on {}.",
                                                      http_request.method, http_request.path)),
                          "", respond);
    }
    return RespondError(
        NotFound("ROUTE_NOT_FOUND", fmt::format("There is no API route {} {}; see "
                                                "/api/v1/openapi.json for the routes.",
                                                http_request.method, http_request.path)),
        "", respond);
  }
  auto request = std::make_shared<ApiRequest>();
  request->http = std::move(http_request);
  request->route = &match.route->spec;
  request->path_params = std::move(match.path_params);
  if (request->route->access == Access::kPublic) {
    auto handler = match.route->handler;
    handler(request, [this, request, respond](ApiResponse&& response) mutable {
      Finish(request, std::move(response), std::move(respond));
    });
    return;
  }
  Authorise(std::move(request), match.route, std::move(respond));
}

void ApiService::Authorise(std::shared_ptr<ApiRequest> request, const Router::Route* route,
                           http::Responder respond) {
  const RouteSpec& spec = *request->route;
  Result<Session> session =
      services_.auth->Authenticate(RequestToken(request->http), request->http.remote_address);
  if (!session.ok()) return RespondError(session.status(), spec.pattern, respond);
  request->principal = session->principal;
  request->session_id = session->id;

  Status denied;
  if (request->principal->must_change_password && !spec.allowed_before_password_change) {
    denied = PermissionDenied("PASSWORD_CHANGE_REQUIRED",
                              "Change your password first (POST /api/v1/auth/password).");
  } else if (!RoleAllowed(spec, request->principal->role)) {
    denied =
        PermissionDenied("ROLE_FORBIDDEN", fmt::format("Your role ({}) may not use {} {}.",
                                                       core::RoleName(request->principal->role),
                                                       spec.method, spec.pattern));
  }
  if (!denied.ok()) {
    // A refused attempt is worth auditing too: it is how misuse shows up.
    const int outcome = HttpStatusFor(denied);
    Audit(*request, outcome, "", [denied, pattern = spec.pattern, respond](Status) mutable {
      RespondError(denied, pattern, respond);
    });
    return;
  }
  if (spec.purpose_required) {
    std::string purpose(Trim(request->http.HeaderValue("X-Purpose")));
    if (purpose.empty()) purpose = request->Query("purpose").value_or("");
    if (purpose.empty()) {
      return RespondError(InvalidArgument("PURPOSE_REQUIRED",
                                          "State the purpose of this request in the X-Purpose "
                                          "header or the purpose query parameter."),
                          spec.pattern, respond);
    }
    request->purpose = purpose.substr(0, 500);
  }
  route->handler(request, [this, request, respond](ApiResponse&& response) mutable {
    Finish(request, std::move(response), std::move(respond));
  });
}

void ApiService::Finish(std::shared_ptr<const ApiRequest> request, ApiResponse&& response,
                        http::Responder respond) {
  const RouteSpec& spec = *request->route;
  const bool needs_audit =
      spec.audit != AuditKind::kNone && request->principal.has_value() && !response.audited;
  if (!needs_audit) {
    respond(ToHttp(request.get(), std::move(response)));
    return;
  }
  auto shared_response = std::make_shared<ApiResponse>(std::move(response));
  const int outcome = shared_response->status;
  Audit(*request, outcome, shared_response->record_id,
        [request, shared_response, respond](Status status) mutable {
          const bool personal_data =
              request->route->audit == AuditKind::kRead && shared_response->status < 300;
          if (!status.ok() && personal_data) {
            // Personal data is released only once its read is on record.
            return RespondError(Unavailable("AUDIT_UNAVAILABLE",
                                            "The audit log cannot be written; the data is "
                                            "withheld. Try again shortly."),
                                request->route->pattern, respond);
          }
          respond(ToHttp(request.get(), std::move(*shared_response)));
        });
}

void ApiService::Audit(const ApiRequest& request, int outcome, const std::string& record_id,
                       std::function<void(Status)> done) {
  store::AuditDraft draft = AuditDraftFor(request, outcome, record_id);
  services_.store->Submit([draft](store::WriteTxn& txn) { return txn.AppendAudit(draft).status(); },
                          std::move(done));
}

}  // namespace limen::server
