// Liveness, readiness, metrics and the OpenAPI document.
#include <nlohmann/json.hpp>

#include "server/api/openapi.h"
#include "server/api/routes.h"
#include "server/metrics/metrics.h"
#include "store/store.h"

#ifndef LIMEN_VERSION
#define LIMEN_VERSION "0.0.0"
#endif

namespace limen::server {

void RegisterSystemRoutes(Router& router, Services& services) {
  router.AddSync({.method = "GET",
                  .pattern = "/healthz",
                  .summary = "Liveness: the process is up and serving",
                  .access = Access::kPublic,
                  .tag = "system"},
                 [](const ApiRequest&) { return ApiResponse::Json(200, R"({"status":"ok"})"); });

  router.AddSync({.method = "GET",
                  .pattern = "/readyz",
                  .summary = "Readiness: the database answers",
                  .access = Access::kPublic,
                  .tag = "system"},
                 [&services](const ApiRequest&) {
                   Status status = services.store->Read(
                       [](store::ReadTxn& txn) { return txn.Query("SELECT 1").status(); });
                   if (!status.ok()) {
                     return ApiResponse::Error(Unavailable(
                         "NOT_READY", "The database is not answering: " + status.message()));
                   }
                   nlohmann::json body = {{"status", "ready"},
                                          {"node", services.config.node.id},
                                          {"role", services.config.node.role}};
                   return ApiResponse::Json(200, body.dump());
                 });

  router.AddSync({.method = "GET",
                  .pattern = "/metrics",
                  .summary = "Prometheus metrics (text exposition format)",
                  .access = Access::kPublic,
                  .tag = "system"},
                 [&services](const ApiRequest&) {
                   ApiResponse response;
                   response.body = services.metrics->RenderPrometheus();
                   response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                   return response;
                 });

  router.AddSync({.method = "GET",
                  .pattern = "/api/v1/openapi.json",
                  .summary = "This API's OpenAPI 3 document",
                  .access = Access::kPublic,
                  .tag = "system"},
                 [&router](const ApiRequest&) {
                   // Built on demand from the live route table, so it is always current.
                   return ApiResponse::Json(200, BuildOpenApiDocument(router, LIMEN_VERSION));
                 });
}

}  // namespace limen::server
