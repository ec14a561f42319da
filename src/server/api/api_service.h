// ApiService: turns HTTP requests into API calls. For every request it matches the route, then
// in this one place: authenticates the caller (bearer token or session cookie), enforces the
// pending-password-change rule, the route's roles and its purpose requirement, runs the handler,
// and writes the audit entry (refusing to release personal data whose read could not be
// audited). Handlers therefore contain only their own logic.
//
// Thread-safety: Handle() is called concurrently from HTTP pool threads; the service is
// immutable after construction apart from thread-safe collaborators.
#pragma once

#include <memory>

#include "server/api/router.h"
#include "server/api/services.h"
#include "server/http/http_server.h"

namespace limen::server {

inline constexpr char kSessionCookie[] = "limen_session";

class ApiService {
 public:
  // Registers every route group of this node (see routes.h).
  explicit ApiService(Services& services);
  // For tests: only the routes that `register_routes` adds.
  ApiService(Services& services, const std::function<void(Router&)>& register_routes);
  ApiService(const ApiService&) = delete;
  ApiService& operator=(const ApiService&) = delete;

  void Handle(http::Request&& request, http::Responder respond);
  const Router& router() const { return router_; }

 private:
  void Authorise(std::shared_ptr<ApiRequest> request, const Router::Route* route,
                 http::Responder respond);
  void Finish(std::shared_ptr<const ApiRequest> request, ApiResponse&& response,
              http::Responder respond);
  void Audit(const ApiRequest& request, int outcome, const std::string& record_id,
             std::function<void(Status)> done);

  Services& services_;
  Router router_;
};

// Adds every route group to `router`. The router must outlive the registered handlers.
void RegisterAllRoutes(Router& router, Services& services);

// The token a request carries: "Authorization: Bearer <token>" or the session cookie.
std::string RequestToken(const http::Request& request);

}  // namespace limen::server
