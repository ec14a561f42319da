// Visas and residence or work permits: supervisors record the authorisations issued for a travel
// document (and revoke them); every inspection of that document then finds them and the stay
// evaluation relies on a valid one (core/stay EvaluateEntry). Entries used are counted from the
// admitted entries that relied on the authorisation.
//
//   POST /api/v1/authorisations               record a visa or permit
//   GET  /api/v1/authorisations?issuing_state=&number=   those of a travel document (audited)
//   POST /api/v1/authorisations/{id}/revoke   {"reason": text}
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/api/json_fields.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "server/api/workflow_json.h"
#include "store/authorisation_store.h"

namespace limen::server {
namespace {

using nlohmann::json;

constexpr char kAuthorisationSchema[] =
    R"json({"type":"object","required":["kind","number","issuing_state","document_number","valid_from","valid_until"],"properties":{"kind":{"type":"string","enum":["visa","residence_permit","work_permit"]},"number":{"type":"string"},"category":{"type":"string","description":"Visa category, e.g. C (short stay) or D (long stay)"},"issuing_state":{"type":"string","description":"Issuing State of the travel document the authorisation is tied to"},"document_number":{"type":"string"},"nationality":{"type":"string"},"valid_from":{"type":"string","format":"date"},"valid_until":{"type":"string","format":"date"},"entries_allowed":{"type":"integer","description":"0: multiple entries"},"duration_of_stay_days":{"type":"integer"}}})json";
constexpr char kRevokeSchema[] =
    R"({"type":"object","required":["reason"],"properties":{"reason":{"type":"string"}}})";

void RecordRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<store::AuthorisationRow> row = AuthorisationRequestFromJson(request->http.body);
  if (!row.ok()) return reply(ApiResponse::Error(row.status()));
  Result<std::string> id = NewRecordId("auth-");
  if (!id.ok()) return reply(ApiResponse::Error(id.status()));
  row->id = *id;
  WriteAndReply(
      services, request,
      [request, row = std::move(*row)](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_RETURN_IF_ERROR(store::RecordAuthorisation(txn, ActorOf(*request), row));
        ApiResponse response = ApiResponse::Json(201, AuthorisationToJson(row).dump());
        response.record_id = row.id;
        return response;
      },
      std::move(reply));
}

void RevokeRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<json> body = ParseJsonObject(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  Result<std::string> reason = RequiredString(*body, "reason");
  if (!reason.ok()) return reply(ApiResponse::Error(reason.status()));
  WriteAndReply(
      services, request,
      [request, reason = *reason](store::WriteTxn& txn) -> Result<ApiResponse> {
        const std::string& id = request->PathParam("id");
        LIMEN_RETURN_IF_ERROR(store::RevokeAuthorisation(txn, ActorOf(*request), id, reason));
        LIMEN_ASSIGN_OR_RETURN(std::optional<store::AuthorisationRow> row,
                               store::FindAuthorisation(txn, id));
        ApiResponse response = ApiResponse::Json(200, AuthorisationToJson(*row).dump());
        response.record_id = id;
        return response;
      },
      std::move(reply));
}

ApiResponse ListRoute(Services& services, const ApiRequest& request) {
  std::optional<std::string> state = request.Query("issuing_state");
  std::optional<std::string> number = request.Query("number");
  if (!state || !number || state->empty() || number->empty()) {
    return ApiResponse::Error(InvalidArgument(
        "FIELD_MISSING", "Name the travel document: ?issuing_state=...&number=..."));
  }
  std::vector<store::AuthorisationRow> rows;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(rows, store::ListDocumentAuthorisations(txn, *state, *number));
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);
  json list = json::array();
  for (const store::AuthorisationRow& row : rows) list.push_back(AuthorisationToJson(row));
  ApiResponse response = ApiResponse::Json(200, json{{"authorisations", std::move(list)}}.dump());
  response.record_id = *state + ":" + *number;
  return response;
}

}  // namespace

void RegisterAuthorisationRoutes(Router& router, Services& services) {
  RouteSpec record{.method = "POST",
                   .pattern = "/api/v1/authorisations",
                   .summary =
                       "Record a visa or a residence or work permit issued for a travel "
                       "document; inspections of that document rely on it"};
  record.roles = {core::Role::kSupervisor, core::Role::kAdministrator};
  record.audit = AuditKind::kWrite;
  record.record_type = "authorisation";
  record.tag = "authorisations";
  record.request_schema = kAuthorisationSchema;
  record.success_status = 201;
  router.Add(record, [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
    RecordRoute(services, std::move(request), std::move(reply));
  });

  RouteSpec list{.method = "GET",
                 .pattern = "/api/v1/authorisations",
                 .summary =
                     "The visas and permits recorded for a travel document "
                     "(?issuing_state=&number=), with the entries used"};
  list.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  list.audit = AuditKind::kRead;
  list.purpose_required = true;
  list.record_type = "authorisation";
  list.tag = "authorisations";
  router.AddSync(list,
                 [&services](const ApiRequest& request) { return ListRoute(services, request); });

  RouteSpec revoke{.method = "POST",
                   .pattern = "/api/v1/authorisations/{id}/revoke",
                   .summary = "Revoke a visa or permit; later inspections no longer rely on it"};
  revoke.roles = {core::Role::kSupervisor, core::Role::kAdministrator};
  revoke.audit = AuditKind::kWrite;
  revoke.record_type = "authorisation";
  revoke.tag = "authorisations";
  revoke.request_schema = kRevokeSchema;
  router.Add(revoke, [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
    RevokeRoute(services, std::move(request), std::move(reply));
  });
}

}  // namespace limen::server
