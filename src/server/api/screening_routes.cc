// POST /api/v1/screen: screen a person against the watchlists loaded on this node.
#include <nlohmann/json.hpp>

#include "core/screening/screener.h"
#include "server/api/routes.h"
#include "server/api/screening_json.h"

namespace limen::server {

void RegisterScreeningRoutes(Router& router, Services& services) {
  RouteSpec spec{.method = "POST",
                 .pattern = "/api/v1/screen",
                 .summary =
                     "Screen names, date of birth, nationality, sex and document against "
                     "the watchlists; ranked hits with explanations and actions"};
  spec.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  spec.audit = AuditKind::kRead;
  spec.record_type = "screening";
  spec.tag = "screening";
  spec.request_schema =
      R"({"type":"object","properties":{"name":{"type":"string"},"names":{"type":"array","items":{"type":"string"}},"date_of_birth":{"type":"string"},"traveller_id":{"type":"string"},"nationality":{"type":"string"},"sex":{"type":"string"},"document_number":{"type":"string"},"top":{"type":"integer"}}})";
  router.AddSync(spec, [&services](const ApiRequest& request) {
    auto decoded = ScreeningRequestFromJson(std::string_view(request.http.body));
    if (!decoded.ok()) return ApiResponse::Error(decoded.status());
    core::screening::ScreeningOptions options;
    options.top_n = decoded->top_n;
    // Entries are checked for validity on today's date and shared only as their scope allows
    // with the caller's agency (an agency of this State: national scope).
    decoded->query.screening_day = DaysFromCivil(DateOf(services.clock->Now()));
    if (request.principal) decoded->query.caller_agency = request.principal->agency;
    auto result = services.screener->Screen(decoded->query, options);
    if (!result.ok()) return ApiResponse::Error(result.status());
    return ApiResponse::Json(200, ScreeningResultToJson(*result).dump());
  });
}

}  // namespace limen::server
