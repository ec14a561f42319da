#include "server/api/openapi.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace limen::server {
namespace {

using nlohmann::json;

json ErrorResponse(const std::string& description) {
  return {
      {"description", description},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json Operation(const RouteSpec& spec) {
  json operation;
  operation["summary"] = spec.summary;
  operation["operationId"] = spec.method + " " + spec.pattern;
  if (!spec.tag.empty()) operation["tags"] = json::array({spec.tag});
  json parameters = json::array();
  for (const std::string& segment : SplitPath(spec.pattern)) {
    if (segment.size() > 2 && segment.front() == '{') {
      parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "string"}}}});
    }
  }
  if (spec.purpose_required) {
    parameters.push_back({{"name", "X-Purpose"},
                          {"in", "header"},
                          {"required", true},
                          {"description", "Why the data is needed; written to the audit log."},
                          {"schema", {{"type", "string"}}}});
  }
  if (!parameters.empty()) operation["parameters"] = parameters;
  if (!spec.request_schema.empty()) {
    operation["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", json::parse(spec.request_schema)}}}}}};
  }
  json success = {{"description", "Success"}};
  if (!spec.response_schema.empty()) {
    success["content"] = {{"application/json", {{"schema", json::parse(spec.response_schema)}}}};
  }
  operation["responses"][std::to_string(spec.success_status)] = success;
  operation["responses"]["400"] = ErrorResponse("Malformed request");
  if (spec.access == Access::kAuthenticated) {
    operation["security"] = json::array({{{"bearer", json::array()}}, {{"cookie", json::array()}}});
    operation["responses"]["401"] = ErrorResponse("Not authenticated, or the session expired");
    operation["responses"]["403"] = ErrorResponse("Role or scope does not allow this");
    std::string roles;
    for (core::Role role : spec.roles) {
      roles += (roles.empty() ? "" : ", ") + std::string(core::RoleName(role));
    }
    operation["x-limen-roles"] = roles.empty() ? "any" : roles;
  } else {
    operation["security"] = json::array();
  }
  operation["x-limen-audit"] = spec.audit == AuditKind::kNone   ? "none"
                               : spec.audit == AuditKind::kRead ? "read"
                                                                : "write";
  return operation;
}

}  // namespace

std::string BuildOpenApiDocument(const Router& router, const std::string& version) {
  json document;
  document["openapi"] = "3.0.3";
  document["info"] = {{"title", "Limen API"},
                      {"version", version},
                      {"description",
                       "Integrated border management information system. Errors always have "
                       "the shape {\"error\":{\"code\":...,\"message\":...,\"details\":{}}}."}};
  document["servers"] = json::array({{{"url", "/"}}});
  document["paths"] = json::object();
  for (const auto& route : router.routes()) {
    const RouteSpec& spec = route->spec;
    document["paths"][spec.pattern][ToLowerAscii(spec.method)] = Operation(spec);
  }
  document["components"]["securitySchemes"] = {
      {"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
      {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "limen_session"}}}};
  document["components"]["schemas"]["Error"] = {{"type", "object"},
                                                {"required", {"error"}},
                                                {"properties",
                                                 {{"error",
                                                   {{"type", "object"},
                                                    {"required", {"code", "message", "details"}},
                                                    {"properties",
                                                     {{"code", {{"type", "string"}}},
                                                      {"message", {{"type", "string"}}},
                                                      {"details", {{"type", "object"}}}}}}}}}};
  return document.dump(2);
}

}  // namespace limen::server
