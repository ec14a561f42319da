#include "server/api/screening_json.h"

#include <set>
#include <string>

namespace limen::server {
namespace {

namespace scr = core::screening;
using nlohmann::json;

Status JsonError(std::string message) { return InvalidArgument("SCREEN_JSON", std::move(message)); }

Result<std::string> OptionalString(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return JsonError(std::string("\"") + key + "\" must be a string.");
  return it->get<std::string>();
}

Result<std::vector<std::string>> Names(const json& object) {
  std::vector<std::string> names;
  if (auto it = object.find("names"); it != object.end()) {
    if (!it->is_array()) return JsonError("\"names\" must be an array of strings.");
    for (const json& name : *it) {
      if (!name.is_string()) return JsonError("\"names\" must be an array of strings.");
      names.push_back(name.get<std::string>());
    }
  }
  LIMEN_ASSIGN_OR_RETURN(std::string single, OptionalString(object, "name"));
  if (!single.empty()) names.push_back(single);
  if (names.empty()) {
    return InvalidArgument("SCREEN_EMPTY_NAME",
                           "Give the traveller's name in \"names\" (an "
                           "array) or \"name\" (a string).");
  }
  return names;
}

Status CheckKeys(const json& object) {
  static const std::set<std::string> kKeys = {"names",        "name", "date_of_birth",
                                              "nationality",  "sex",  "document_number",
                                              "traveller_id", "top"};
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (kKeys.count(it.key()) == 0)
      return JsonError("Unknown key \"" + it.key() + "\"; remove it.");
  }
  return Status::Ok();
}

Status ReadAttributes(const json& object, scr::ScreeningQuery& query) {
  LIMEN_ASSIGN_OR_RETURN(std::string dob, OptionalString(object, "date_of_birth"));
  if (!dob.empty()) {
    query.date_of_birth = scr::ParsePartialDate(dob);
    if (!query.date_of_birth) {
      return InvalidArgument("SCREEN_DOB",
                             "\"date_of_birth\" must be YYYY, YYYY-MM or "
                             "YYYY-MM-DD between 1850 and 2100.");
    }
  }
  LIMEN_ASSIGN_OR_RETURN(query.nationality, OptionalString(object, "nationality"));
  LIMEN_ASSIGN_OR_RETURN(std::string sex, OptionalString(object, "sex"));
  std::optional<scr::Sex> parsed = scr::ParseSex(sex);
  if (!parsed) return InvalidArgument("SCREEN_SEX", "\"sex\" must be \"M\", \"F\" or absent.");
  query.sex = *parsed;
  LIMEN_ASSIGN_OR_RETURN(query.document_number, OptionalString(object, "document_number"));
  LIMEN_ASSIGN_OR_RETURN(query.traveller_id, OptionalString(object, "traveller_id"));
  return Status::Ok();
}

}  // namespace

Result<ScreeningRequest> ScreeningRequestFromJson(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return JsonError("The request body is not valid JSON.");
  return ScreeningRequestFromJson(parsed);
}

Result<ScreeningRequest> ScreeningRequestFromJson(const json& object) {
  if (!object.is_object()) return JsonError("The request body must be a JSON object.");
  LIMEN_RETURN_IF_ERROR(CheckKeys(object));
  ScreeningRequest request;
  LIMEN_ASSIGN_OR_RETURN(request.query.names, Names(object));
  LIMEN_RETURN_IF_ERROR(ReadAttributes(object, request.query));
  if (auto it = object.find("top"); it != object.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 100) {
      return InvalidArgument("SCREEN_TOP", "\"top\" must be an integer from 1 to 100.");
    }
    request.top_n = static_cast<size_t>(it->get<int64_t>());
  }
  return request;
}

json ScreeningHitToJson(const scr::ScreeningHit& hit) {
  json alignment = json::array();
  for (const scr::TokenAlignment& a : hit.alignment) {
    alignment.push_back({{"query", a.query_tokens},
                         {"entry", a.entry_tokens},
                         {"similarity", a.similarity},
                         {"method", std::string(scr::TokenMethodName(a.method))}});
  }
  json features = json::array();
  for (const scr::FiredFeature& f : hit.features) {
    features.push_back({{"name", std::string(f.name)},
                        {"weight", f.weight},
                        {"value", f.value},
                        {"contribution", f.weight * f.value},
                        {"detail", f.detail}});
  }
  return {{"id", hit.entry_id},
          {"list", hit.list_id},
          {"score", hit.score},
          {"threshold", hit.threshold},
          {"alert", hit.alert},
          {"suppressed", hit.suppressed},
          {"outside_validity", hit.outside_validity},
          {"action", std::string(scr::HitActionName(hit.action))},
          {"owning_agency", hit.owning_agency},
          {"entry_fingerprint", std::to_string(hit.entry_fingerprint)},
          {"matched_name", hit.matched_name},
          {"matched_name_type", std::string(scr::NameTypeName(hit.matched_name_type))},
          {"alignment", std::move(alignment)},
          {"features", std::move(features)}};
}

json ScreeningResultToJson(const scr::ScreeningResult& result) {
  json hits = json::array();
  for (const scr::ScreeningHit& hit : result.hits) hits.push_back(ScreeningHitToJson(hit));
  return {{"list_version", result.list_version}, {"hits", std::move(hits)}};
}

}  // namespace limen::server
