// Traveller records: reading one (identity, documents, crossing history, each filtered by the
// data-sharing policy), and the supervisor's merge and split of records with their undo.
//
//   GET    /api/v1/travellers/{id}                     audited read, purpose required
//   POST   /api/v1/travellers/{id}/merges              {"absorbed": id, "reason": text}
//   DELETE /api/v1/travellers/{id}/merges/{absorbed}   undoes that merge
//   POST   /api/v1/travellers/{id}/splits              {"document_ids": [...], "surname": ...,
//                                                       "reason": text}
//   DELETE /api/v1/travellers/{id}/splits/{created}    undoes that split
//
// Merges and splits are events (traveller.merged, traveller.split, and their *_undone events),
// written with their audit entry in one transaction; an undo is a new event, never an edit.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/policy/data_sharing.h"
#include "server/api/json_fields.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "server/api/workflow_json.h"
#include "store/workflow_store.h"

namespace limen::server {
namespace {

using core::CategoryKind;
using nlohmann::json;

constexpr char kMergeSchema[] =
    R"({"type":"object","required":["absorbed","reason"],"properties":{"absorbed":{"type":"string","description":"The traveller record that is merged into this one"},"reason":{"type":"string"}}})";
constexpr char kSplitSchema[] =
    R"({"type":"object","required":["document_ids","surname","reason"],"properties":{"document_ids":{"type":"array","items":{"type":"string"}},"surname":{"type":"string"},"given_names":{"type":"string"},"date_of_birth":{"type":"string","format":"date"},"sex":{"type":"string","enum":["F","M","X"]},"nationalities":{"type":"array","items":{"type":"string"}},"reason":{"type":"string"}}})";

bool Allowed(const Services& services, const ApiRequest& request, CategoryKind kind) {
  return services.policy != nullptr && request.principal &&
         services.policy->Decide(*request.principal, core::DataCategory{.kind = kind}).allowed;
}

json TravellerToJson(const store::TravellerRow& t) {
  json nationalities = t.nationalities;
  return {{"id", t.id},
          {"surname", t.surname},
          {"given_names", t.given_names},
          {"surname_original", t.surname_original},
          {"given_names_original", t.given_names_original},
          {"date_of_birth", t.date_of_birth},
          {"sex", t.sex},
          {"nationalities", std::move(nationalities)},
          {"status", t.status},
          {"merged_into", t.merged_into}};
}

json DocumentToJson(const store::DocumentRow& d) {
  return {{"id", d.id},
          {"issuing_state", d.issuing_state},
          {"number", d.number},
          {"document_type", d.document_type},
          {"surname", d.surname},
          {"given_names", d.given_names},
          {"date_of_birth", d.date_of_birth},
          {"sex", d.sex}};
}

Status TravellerNotFound(const std::string& id) {
  return NotFound("TRAVELLER_NOT_FOUND", "There is no traveller " + id + ".");
}

// GET /api/v1/travellers/{id}: the sections the reader's agency and role may see, and a
// "withheld" list naming the others.
ApiResponse ReadTraveller(Services& services, const ApiRequest& request) {
  const std::string& id = request.PathParam("id");
  std::optional<store::TravellerRow> traveller;
  std::vector<store::DocumentRow> documents;
  std::vector<store::CrossingRow> crossings;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(traveller, store::FindTraveller(txn, id));
    if (!traveller) return TravellerNotFound(id);
    LIMEN_ASSIGN_OR_RETURN(documents, store::ListTravellerDocuments(txn, id));
    LIMEN_ASSIGN_OR_RETURN(crossings, store::ListCrossings(txn, id));
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);

  json body = {{"id", id}};
  json withheld = json::array();
  auto section = [&](CategoryKind kind, const char* field, json value) {
    if (Allowed(services, request, kind)) {
      body[field] = std::move(value);
    } else {
      withheld.push_back({{"category", core::CategoryKindName(kind)}, {"reason", "POLICY_DENIED"}});
    }
  };
  section(CategoryKind::kIdentity, "identity", TravellerToJson(*traveller));
  json document_list = json::array();
  for (const store::DocumentRow& d : documents) document_list.push_back(DocumentToJson(d));
  section(CategoryKind::kDocument, "documents", std::move(document_list));
  json crossing_list = json::array();
  for (const store::CrossingRow& c : crossings) crossing_list.push_back(CrossingToJson(c));
  section(CategoryKind::kCrossingHistory, "crossings", std::move(crossing_list));
  body["withheld"] = std::move(withheld);
  ApiResponse response = ApiResponse::Json(200, body.dump());
  response.record_id = id;
  return response;
}

// The merge or split reason every change must carry: FIELD_MISSING or FIELD_INVALID when empty.
Result<std::string> Reason(const json& body) {
  LIMEN_ASSIGN_OR_RETURN(std::string reason, RequiredString(body, "reason"));
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("FIELD_INVALID", "Give the reason for the change in \"reason\".");
  }
  return reason;
}

json ChangeBody(const char* kind, const std::string& traveller, const std::string& other,
                const std::vector<store::DocumentRow>& moved) {
  json ids = json::array();
  for (const store::DocumentRow& d : moved) ids.push_back(d.id);
  return {{"change", kind}, {"traveller_id", traveller}, {"other_id", other}, {"documents", ids}};
}

void MergeRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<json> body = ParseJsonObject(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  Result<std::string> absorbed = RequiredString(*body, "absorbed");
  if (!absorbed.ok()) return reply(ApiResponse::Error(absorbed.status()));
  Result<std::string> reason = Reason(*body);
  if (!reason.ok()) return reply(ApiResponse::Error(reason.status()));
  WriteAndReply(
      services, request,
      [request, absorbed = *absorbed,
       reason = *reason](store::WriteTxn& txn) -> Result<ApiResponse> {
        const std::string& surviving = request->PathParam("id");
        LIMEN_ASSIGN_OR_RETURN(std::vector<store::DocumentRow> moved,
                               store::ListTravellerDocuments(txn, absorbed));
        LIMEN_RETURN_IF_ERROR(
            store::MergeTravellers(txn, ActorOf(*request), surviving, absorbed, reason));
        ApiResponse response =
            ApiResponse::Json(201, ChangeBody("merge", surviving, absorbed, moved).dump());
        response.record_id = surviving;
        return response;
      },
      std::move(reply));
}

void UndoMergeRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  WriteAndReply(
      services, request,
      [request](store::WriteTxn& txn) -> Result<ApiResponse> {
        const std::string& surviving = request->PathParam("id");
        const std::string& absorbed = request->PathParam("absorbed");
        LIMEN_RETURN_IF_ERROR(store::UndoMerge(txn, ActorOf(*request), surviving, absorbed));
        LIMEN_ASSIGN_OR_RETURN(std::vector<store::DocumentRow> restored,
                               store::ListTravellerDocuments(txn, absorbed));
        ApiResponse response = ApiResponse::Json(
            200, ChangeBody("merge_undone", surviving, absorbed, restored).dump());
        response.record_id = surviving;
        return response;
      },
      std::move(reply));
}

void SplitRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<json> body = ParseJsonObject(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  Result<std::vector<std::string>> document_ids = StringArray(*body, "document_ids");
  if (!document_ids.ok()) return reply(ApiResponse::Error(document_ids.status()));
  if (document_ids->empty()) {
    return reply(ApiResponse::Error(
        InvalidArgument("FIELD_MISSING", "List the documents that move in \"document_ids\".")));
  }
  Result<store::TravellerRow> created = TravellerFromJson(*body);
  if (!created.ok()) return reply(ApiResponse::Error(created.status()));
  Result<std::string> reason = Reason(*body);
  if (!reason.ok()) return reply(ApiResponse::Error(reason.status()));
  Result<std::string> new_id = NewRecordId("trv-");
  if (!new_id.ok()) return reply(ApiResponse::Error(new_id.status()));
  created->id = *new_id;
  WriteAndReply(
      services, request,
      [request, created = std::move(*created), ids = std::move(*document_ids),
       reason = *reason](store::WriteTxn& txn) -> Result<ApiResponse> {
        const std::string& original = request->PathParam("id");
        LIMEN_RETURN_IF_ERROR(
            store::SplitTraveller(txn, ActorOf(*request), original, created, ids, reason));
        LIMEN_ASSIGN_OR_RETURN(std::vector<store::DocumentRow> moved,
                               store::ListTravellerDocuments(txn, created.id));
        ApiResponse response =
            ApiResponse::Json(201, ChangeBody("split", original, created.id, moved).dump());
        response.record_id = created.id;
        return response;
      },
      std::move(reply));
}

void UndoSplitRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  WriteAndReply(
      services, request,
      [request](store::WriteTxn& txn) -> Result<ApiResponse> {
        const std::string& original = request->PathParam("id");
        const std::string& created = request->PathParam("created");
        LIMEN_ASSIGN_OR_RETURN(std::vector<store::DocumentRow> moving,
                               store::ListTravellerDocuments(txn, created));
        LIMEN_RETURN_IF_ERROR(store::UndoSplit(txn, ActorOf(*request), original, created));
        ApiResponse response =
            ApiResponse::Json(200, ChangeBody("split_undone", original, created, moving).dump());
        response.record_id = original;
        return response;
      },
      std::move(reply));
}

RouteSpec ChangeSpec(const char* method, const char* pattern, const char* summary,
                     const char* schema, int success) {
  RouteSpec spec{.method = method, .pattern = pattern, .summary = summary};
  spec.roles = {core::Role::kSupervisor};
  spec.audit = AuditKind::kWrite;
  spec.record_type = "traveller";
  spec.tag = "travellers";
  spec.request_schema = schema;
  spec.success_status = success;
  return spec;
}

}  // namespace

void RegisterTravellerRoutes(Router& router, Services& services) {
  RouteSpec read{.method = "GET",
                 .pattern = "/api/v1/travellers/{id}",
                 .summary =
                     "A traveller record: identity, documents used and crossing history, each "
                     "shown only if the data-sharing policy lets the reader see it"};
  read.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  read.audit = AuditKind::kRead;
  read.purpose_required = true;
  read.record_type = "traveller";
  read.tag = "travellers";
  router.AddSync(
      read, [&services](const ApiRequest& request) { return ReadTraveller(services, request); });

  auto bind = [&services](void (*handler)(Services&, std::shared_ptr<const ApiRequest>, Reply)) {
    return [&services, handler](std::shared_ptr<const ApiRequest> request, Reply reply) {
      handler(services, std::move(request), std::move(reply));
    };
  };
  router.Add(ChangeSpec("POST", "/api/v1/travellers/{id}/merges",
                        "Merge another traveller record into this one (supervisors; reversible)",
                        kMergeSchema, 201),
             bind(MergeRoute));
  router.Add(ChangeSpec("DELETE", "/api/v1/travellers/{id}/merges/{absorbed}",
                        "Undo a merge: the absorbed record and its documents come back", "", 200),
             bind(UndoMergeRoute));
  router.Add(ChangeSpec("POST", "/api/v1/travellers/{id}/splits",
                        "Split documents off this traveller record into a new one (supervisors; "
                        "reversible)",
                        kSplitSchema, 201),
             bind(SplitRoute));
  router.Add(
      ChangeSpec("DELETE", "/api/v1/travellers/{id}/splits/{created}",
                 "Undo a split: the documents return and the split-off record goes", "", 200),
      bind(UndoSplitRoute));
}

}  // namespace limen::server
