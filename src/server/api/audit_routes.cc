// For auditors and data-protection officers: query the audit log, and verify both hash chains.
#include <nlohmann/json.hpp>

#include "crypto/hash.h"
#include "server/api/json_fields.h"
#include "server/api/routes.h"
#include "store/store.h"

namespace limen::server {
namespace {

using core::Role;

Result<std::optional<Timestamp>> TimeParam(const ApiRequest& request, const char* name) {
  std::optional<std::string> text = request.Query(name);
  if (!text) return std::optional<Timestamp>();
  std::optional<Timestamp> parsed = ParseTimestamp(*text);
  if (!parsed) {
    if (auto date = ParseDate(*text)) parsed = StartOfDay(*date);
  }
  if (!parsed) {
    return InvalidArgument(
        "FIELD_INVALID",
        std::string(name) + " must be an ISO 8601 date or time, e.g. 2026-11-26T08:00:00Z.");
  }
  return parsed;
}

Result<int64_t> IntParam(const ApiRequest& request, const char* name, int64_t fallback,
                         int64_t max) {
  std::optional<std::string> text = request.Query(name);
  if (!text) return fallback;
  int64_t value = 0;
  if (text->empty() || text->size() > 9) {
    return InvalidArgument("FIELD_INVALID", std::string(name) + " must be a small integer.");
  }
  for (char c : *text) {
    if (c < '0' || c > '9') {
      return InvalidArgument("FIELD_INVALID", std::string(name) + " must be a small integer.");
    }
    value = value * 10 + (c - '0');
  }
  return std::min(value, max);
}

Result<store::AuditFilter> FilterFrom(const ApiRequest& request) {
  store::AuditFilter filter;
  filter.actor_username = request.Query("actor");
  filter.route = request.Query("route");
  filter.record_type = request.Query("record_type");
  filter.record_id = request.Query("record_id");
  filter.purpose = request.Query("purpose_text");
  LIMEN_ASSIGN_OR_RETURN(filter.from, TimeParam(request, "from"));
  LIMEN_ASSIGN_OR_RETURN(filter.to, TimeParam(request, "to"));
  LIMEN_ASSIGN_OR_RETURN(filter.limit, IntParam(request, "limit", 100, 1000));
  LIMEN_ASSIGN_OR_RETURN(filter.offset, IntParam(request, "offset", 0, 1'000'000'000));
  return filter;
}

nlohmann::json RecordToJson(const store::AuditRecord& record) {
  const store::AuditDraft& d = record.draft;
  return {{"sequence", record.sequence},
          {"time", FormatTimestamp(record.time)},
          {"actor_user_id", d.actor_user_id},
          {"actor", d.actor_username},
          {"client_address", d.client_address},
          {"method", d.method},
          {"route", d.route},
          {"record_type", d.record_type},
          {"record_id", d.record_id},
          {"purpose", d.purpose},
          {"outcome", d.outcome},
          {"hash", crypto::DigestHex(record.hash)}};
}

nlohmann::json ChainToJson(const store::ChainReport& report) {
  nlohmann::json out = {{"ok", report.ok}, {"checked", report.checked_count}};
  if (!report.ok) {
    out["first_bad_sequence"] = report.first_bad_sequence.value_or(0);
    out["first_bad_origin"] = report.first_bad_origin;
    out["reason"] = report.reason;
  }
  return out;
}

ApiResponse QueryAuditRoute(Services& services, const ApiRequest& request) {
  auto filter = FilterFrom(request);
  if (!filter.ok()) return ApiResponse::Error(filter.status());
  auto records = services.store->QueryAudit(*filter);
  if (!records.ok()) return ApiResponse::Error(records.status());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& record : *records) out.push_back(RecordToJson(record));
  return ApiResponse::Json(
      200, nlohmann::json{{"records", out}, {"limit", filter->limit}, {"offset", filter->offset}}
               .dump());
}

RouteSpec AuditorSpec(std::string pattern, std::string summary, AuditKind audit) {
  RouteSpec spec{.method = "GET", .pattern = std::move(pattern), .summary = std::move(summary)};
  spec.roles = {Role::kAuditor};
  spec.audit = audit;
  spec.record_type = "audit";
  spec.tag = "audit";
  return spec;
}

}  // namespace

void RegisterAuditRoutes(Router& router, Services& services) {
  router.AddSync(
      AuditorSpec("/api/v1/audit",
                  "Query the audit log: actor, from, to, route, record_type, "
                  "record_id, purpose_text, limit, offset (newest first)",
                  AuditKind::kRead),
      [&services](const ApiRequest& request) { return QueryAuditRoute(services, request); });
  router.AddSync(
      AuditorSpec("/api/v1/audit/verify", "Verify the audit log's hash chain", AuditKind::kRead),
      [&services](const ApiRequest&) {
        auto report = services.store->VerifyAuditLog();
        if (!report.ok()) return ApiResponse::Error(report.status());
        return ApiResponse::Json(200, ChainToJson(*report).dump());
      });
  router.AddSync(
      AuditorSpec("/api/v1/events/verify", "Verify the event log's hash chain", AuditKind::kRead),
      [&services](const ApiRequest&) {
        auto report = services.store->VerifyEventLog();
        if (!report.ok()) return ApiResponse::Error(report.status());
        return ApiResponse::Json(200, ChainToJson(*report).dump());
      });
}

}  // namespace limen::server
