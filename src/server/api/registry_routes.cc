// The lost/stolen document registry through the API (docs/registry.md):
//   POST   /api/v1/registry/reports                    a holder reports a document lost or stolen
//   DELETE /api/v1/registry/reports/{state}/{number}   the report is withdrawn (document found)
//   GET    /api/v1/registry/lookup?state=&number=      what the registry holds for a document
// Reports are `registry.reported` / `registry.withdrawn` events (store/workflow_store.h) with
// source "national"; once the write commits the live registry applies them, so the next
// inspection sees them. Bad input is refused before anything is written, with REGISTRY_* codes.
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "core/registry/number.h"
#include "server/api/json_fields.h"
#include "server/api/live_registry.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "store/store.h"
#include "store/workflow_store.h"

namespace limen::server {
namespace {

namespace reg = core::registry;
using nlohmann::json;

constexpr char kReportSchema[] =
    R"({"type":"object","required":["issuing_state","number","reason"],"properties":{"issuing_state":{"type":"string","description":"ICAO code of the issuing State, e.g. UTO or D"},"number":{"type":"string"},"type":{"type":"string","enum":["passport","identity_card","visa","residence_permit","travel_document","other"],"description":"Default passport"},"reason":{"type":"string","enum":["lost","stolen","stolen_blank","invalid","revoked"]},"reported_on":{"type":"string","description":"YYYY-MM-DD; default today"}}})";

json RecordToJson(const reg::Record& record) {
  return {{"issuing_state", record.issuing_state},
          {"number", record.number},
          {"type", reg::DocumentKindName(record.kind)},
          {"reason", reg::ReportReasonName(record.reason)},
          {"reported_on", FormatDate(record.reported_on)},
          {"source", record.source}};
}

// The report in the body, validated and normalised (upper-case State, number without fillers).
Result<reg::Record> ReportFromJson(const std::string& body, const CivilDate& today) {
  LIMEN_ASSIGN_OR_RETURN(json object, ParseJsonObject(body));
  LIMEN_ASSIGN_OR_RETURN(std::string state, RequiredString(object, "issuing_state"));
  LIMEN_ASSIGN_OR_RETURN(std::string number, RequiredString(object, "number"));
  LIMEN_ASSIGN_OR_RETURN(std::string reason_name, RequiredString(object, "reason"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> type_name, OptionalString(object, "type"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> date_text,
                         OptionalString(object, "reported_on"));
  reg::Record record{.issuing_state = state, .number = number, .source = kNationalReportSource};
  const auto kind = reg::ParseDocumentKind(type_name.value_or("passport"));
  if (!kind) {
    return InvalidArgument(
        "REGISTRY_TYPE",
        "The type must be one of passport, identity_card, visa, residence_permit, "
        "travel_document, other.");
  }
  const auto reason = reg::ParseReportReason(reason_name);
  if (!reason) {
    return InvalidArgument(
        "REGISTRY_REASON",
        "The reason must be one of lost, stolen, stolen_blank, invalid, revoked.");
  }
  const std::optional<CivilDate> date = date_text ? ParseDate(*date_text) : today;
  if (!date || DaysFromCivil(*date) > DaysFromCivil(today)) {
    return InvalidArgument("REGISTRY_DATE",
                           "reported_on must be a date written YYYY-MM-DD, not after today.");
  }
  record.kind = *kind;
  record.reason = *reason;
  record.reported_on = *date;
  LIMEN_RETURN_IF_ERROR(LiveRegistry::CheckReport(record));
  record.issuing_state = reg::NormaliseIssuingState(state);
  record.number = reg::NormaliseDocumentNumber(number);
  return record;
}

void HandleReport(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<reg::Record> record = ReportFromJson(request->http.body, DateOf(services.clock->Now()));
  if (!record.ok()) return reply(ApiResponse::Error(record.status()));
  auto applied = [registry = services.registry, record = *record,
                  reply = std::move(reply)](ApiResponse&& response) {
    if (response.status < 300) {
      if (Status status = registry->ApplyReport(record); !status.ok()) {
        log::Error("national report stored but not applied until restart: " + status.ToString());
      }
    }
    reply(std::move(response));
  };
  WriteAndReply(
      services, request,
      [request, record = *record](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_RETURN_IF_ERROR(store::ReportDocument(
            txn, ActorOf(*request),
            store::RegistryReportRow{record.issuing_state, record.number, record.source,
                                     std::string(reg::DocumentKindName(record.kind)),
                                     std::string(reg::ReportReasonName(record.reason)),
                                     FormatDate(record.reported_on)}));
        ApiResponse response = ApiResponse::Json(201, RecordToJson(record).dump());
        response.record_id = record.issuing_state + "/" + record.number;
        return response;
      },
      std::move(applied));
}

// Withdraws the national report of the document in the path.
Result<ApiResponse> WithdrawWork(store::WriteTxn& txn, const ApiRequest& request,
                                 const std::string& state, const std::string& number) {
  const Status withdrawn =
      store::WithdrawReport(txn, ActorOf(request), state, number, kNationalReportSource);
  if (withdrawn.reason() == "WORKFLOW_NOT_FOUND") {
    return NotFound("REGISTRY_REPORT_NOT_FOUND", "No national report of " + state + " " + number +
                                                     " is on record; check the State and number.");
  }
  LIMEN_RETURN_IF_ERROR(withdrawn);
  ApiResponse response = ApiResponse::Json(
      200, json{{"issuing_state", state}, {"number", number}, {"withdrawn", true}}.dump());
  response.record_id = state + "/" + number;
  return response;
}

void HandleWithdrawal(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  const std::string state = reg::NormaliseIssuingState(request->PathParam("state"));
  const std::string number = reg::NormaliseDocumentNumber(request->PathParam("number"));
  auto applied = [registry = services.registry, state, number,
                  reply = std::move(reply)](ApiResponse&& response) {
    if (response.status < 300) {
      if (Status status = registry->ApplyWithdrawal(state, number); !status.ok()) {
        log::Error("withdrawal stored but not applied until restart: " + status.ToString());
      }
    }
    reply(std::move(response));
  };
  WriteAndReply(
      services, request,
      [request, state, number](store::WriteTxn& txn) {
        return WithdrawWork(txn, *request, state, number);
      },
      std::move(applied));
}

ApiResponse Lookup(const Services& services, const ApiRequest& request) {
  const std::string state = reg::NormaliseIssuingState(request.Query("state").value_or(""));
  const std::string number = reg::NormaliseDocumentNumber(request.Query("number").value_or(""));
  if (state.empty() || number.empty()) {
    return ApiResponse::Error(InvalidArgument(
        "REGISTRY_QUERY", "Give the document's issuing State and number: ?state=UTO&number=..."));
  }
  json matches = json::array();
  bool listed = false;
  for (const reg::VariantMatch& match : services.registry->LookupWithVariants(state, number)) {
    json item = RecordToJson(match.record);
    item["match"] = match.exact ? "exact" : "misread_variant";
    listed = listed || match.exact;
    matches.push_back(std::move(item));
  }
  ApiResponse response =
      ApiResponse::Json(200, json{{"issuing_state", state},
                                  {"number", number},
                                  {"listed", listed},
                                  {"matches", std::move(matches)},
                                  {"registry_version", services.registry->view()->version}}
                                 .dump());
  response.record_id = state + "/" + number;
  return response;
}

}  // namespace

void RegisterRegistryRoutes(Router& router, Services& services) {
  RouteSpec report{.method = "POST",
                   .pattern = "/api/v1/registry/reports",
                   .summary =
                       "Report a document lost or stolen (a national report); "
                       "inspections see it at once"};
  report.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  report.audit = AuditKind::kWrite;
  report.record_type = "registry_report";
  report.tag = "registry";
  report.request_schema = kReportSchema;
  report.success_status = 201;
  router.Add(report, [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
    HandleReport(services, std::move(request), std::move(reply));
  });

  RouteSpec withdraw{.method = "DELETE",
                     .pattern = "/api/v1/registry/reports/{state}/{number}",
                     .summary = "Withdraw the national report of a document (it was found)"};
  withdraw.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  withdraw.audit = AuditKind::kWrite;
  withdraw.record_type = "registry_report";
  withdraw.tag = "registry";
  router.Add(withdraw, [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
    HandleWithdrawal(services, std::move(request), std::move(reply));
  });

  RouteSpec lookup{.method = "GET",
                   .pattern = "/api/v1/registry/lookup",
                   .summary =
                       "Look a document up in the lost/stolen registry (imported lists "
                       "and national reports), also through misread variants"};
  lookup.roles = {core::Role::kOfficer, core::Role::kSupervisor, core::Role::kAnalyst};
  lookup.audit = AuditKind::kRead;
  lookup.purpose_required = true;
  lookup.record_type = "registry_document";
  lookup.tag = "registry";
  router.AddSync(lookup,
                 [&services](const ApiRequest& request) { return Lookup(services, request); });
}

}  // namespace limen::server
