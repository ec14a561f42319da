// Reference data: States, agencies and posts. Everyone logged in may read it; administrators
// add to it. Every addition is an event (identity_store.h).
#include <nlohmann/json.hpp>

#include "server/api/identity_json.h"
#include "server/api/json_fields.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "store/identity_store.h"
#include "store/store.h"

namespace limen::server {
namespace {

using core::Role;

template <typename Record>
using ListFn = Result<std::vector<Record>> (*)(store::ReadTxn&);
template <typename Record>
using ToJsonFn = nlohmann::json (*)(const Record&);

template <typename Record>
ApiResponse ListRoute(Services& services, const char* key, ListFn<Record> list,
                      ToJsonFn<Record> to_json) {
  std::vector<Record> records;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(records, list(txn));
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);
  nlohmann::json out = nlohmann::json::array();
  for (const Record& record : records) out.push_back(to_json(record));
  return ApiResponse::Json(200, nlohmann::json{{key, out}}.dump());
}

// Decodes the body into a record, or an error.
Result<store::StateRecord> StateFromJson(const nlohmann::json& body) {
  store::StateRecord state;
  LIMEN_ASSIGN_OR_RETURN(state.code, RequiredString(body, "code"));
  LIMEN_ASSIGN_OR_RETURN(state.name, RequiredString(body, "name"));
  return state;
}

Result<store::AgencyRecord> AgencyFromJson(const nlohmann::json& body) {
  store::AgencyRecord agency;
  LIMEN_ASSIGN_OR_RETURN(agency.code, RequiredString(body, "code"));
  LIMEN_ASSIGN_OR_RETURN(agency.name, RequiredString(body, "name"));
  return agency;
}

Result<store::PostRecord> PostFromJson(const nlohmann::json& body) {
  store::PostRecord post;
  LIMEN_ASSIGN_OR_RETURN(post.code, RequiredString(body, "code"));
  LIMEN_ASSIGN_OR_RETURN(post.name, RequiredString(body, "name"));
  LIMEN_ASSIGN_OR_RETURN(std::string kind, RequiredString(body, "kind"));
  std::optional<store::PostKind> parsed = store::ParsePostKind(kind);
  if (!parsed) {
    return InvalidArgument("FIELD_INVALID",
                           "kind must be air_bcp, land_bcp, sea_bcp, rail_bcp, inland_station, "
                           "regional_centre or hq.");
  }
  post.kind = *parsed;
  LIMEN_ASSIGN_OR_RETURN(post.states, StringArray(body, "states"));
  return post;
}

template <typename Record>
void CreateRoute(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply,
                 Result<Record> (*decode)(const nlohmann::json&),
                 Result<Record> (*create)(store::WriteTxn&, std::string_view, Record),
                 ToJsonFn<Record> to_json) {
  auto body = ParseJsonObject(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  Result<Record> record = decode(*body);
  if (!record.ok()) return reply(ApiResponse::Error(record.status()));
  WriteAndReply(
      services, request,
      [record = *record, create, to_json,
       actor = ActorOf(*request)](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_ASSIGN_OR_RETURN(Record created, create(txn, actor, record));
        ApiResponse response = ApiResponse::Json(201, to_json(created).dump());
        response.record_id = created.code;
        return response;
      },
      std::move(reply));
}

template <typename Record>
void AddPair(Router& router, Services& services, const std::string& noun, const char* key,
             const char* schema, ListFn<Record> list, ToJsonFn<Record> to_json,
             Result<Record> (*decode)(const nlohmann::json&),
             Result<Record> (*create)(store::WriteTxn&, std::string_view, Record)) {
  RouteSpec read{.method = "GET", .pattern = "/api/v1/" + noun, .summary = "List " + noun};
  read.tag = "reference";
  router.AddSync(read, [&services, key, list, to_json](const ApiRequest&) {
    return ListRoute<Record>(services, key, list, to_json);
  });
  RouteSpec write{.method = "POST", .pattern = "/api/v1/" + noun, .summary = "Add to " + noun};
  write.roles = {Role::kAdministrator};
  write.audit = AuditKind::kWrite;
  write.record_type = noun;
  write.tag = "reference";
  write.request_schema = schema;
  write.success_status = 201;
  router.Add(write, [&services, decode, create, to_json](std::shared_ptr<const ApiRequest> request,
                                                         Reply reply) {
    CreateRoute<Record>(services, std::move(request), std::move(reply), decode, create, to_json);
  });
}

}  // namespace

void RegisterReferenceRoutes(Router& router, Services& services) {
  AddPair<store::StateRecord>(
      router, services, "states", "states",
      R"({"type":"object","required":["code","name"],"properties":{"code":{"type":"string"},"name":{"type":"string"}}})",
      store::ListStates, StateToJson, StateFromJson, store::CreateState);
  AddPair<store::AgencyRecord>(
      router, services, "agencies", "agencies",
      R"({"type":"object","required":["code","name"],"properties":{"code":{"type":"string"},"name":{"type":"string"}}})",
      store::ListAgencies, AgencyToJson, AgencyFromJson, store::CreateAgency);
  AddPair<store::PostRecord>(
      router, services, "posts", "posts",
      R"({"type":"object","required":["code","name","kind","states"],"properties":{"code":{"type":"string"},"name":{"type":"string"},"kind":{"type":"string"},"states":{"type":"array","items":{"type":"string"}}}})",
      store::ListPosts, PostToJson, PostFromJson, store::CreatePost);
}

}  // namespace limen::server
