// POST /api/v1/documents/parse: the travel-document engine over HTTP. The response is the same
// JSON that `limen mrz` prints for one document (docs/mrz.md).
#include <nlohmann/json.hpp>

#include "core/document/mrz.h"
#include "server/api/document_json.h"
#include "server/api/json_fields.h"
#include "server/api/routes.h"

namespace limen::server {
namespace {

constexpr char kParseSchema[] =
    R"({"type":"object","required":["mrz"],"properties":{"mrz":{"type":"string","description":"The machine readable zone as read: 2 or 3 lines separated by line breaks"}}})";

}  // namespace

core::document::CheckOptions DocumentCheckOptions(const Services& services) {
  core::document::CheckOptions options;
  options.today = DateOf(services.clock->Now());
  options.expiry_warning_days = static_cast<int32_t>(services.config.documents.expiry_warning_days);
  options.age_of_majority = static_cast<int32_t>(services.config.documents.majority_age);
  options.unrecognised_states = services.config.documents.not_recognised_states;
  return options;
}

void RegisterDocumentRoutes(Router& router, Services& services) {
  RouteSpec spec{.method = "POST",
                 .pattern = "/api/v1/documents/parse",
                 .summary =
                     "Parse and check a machine readable zone: fields, check digits, "
                     "document checks and proposed corrections"};
  spec.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  spec.audit = AuditKind::kRead;
  spec.record_type = "document";
  spec.tag = "documents";
  spec.request_schema = kParseSchema;
  router.AddSync(spec, [&services](const ApiRequest& request) {
    auto body = ParseJsonObject(request.http.body);
    if (!body.ok()) return ApiResponse::Error(body.status());
    auto mrz = RequiredString(*body, "mrz");
    if (!mrz.ok()) return ApiResponse::Error(mrz.status());
    auto report = core::document::ParseMrz(*mrz, DocumentCheckOptions(services));
    if (!report.ok()) return ApiResponse::Error(report.status());
    std::string json;
    AppendDocumentReportJson(*report, &json);
    return ApiResponse::Json(200, std::move(json));
  });
}

}  // namespace limen::server
