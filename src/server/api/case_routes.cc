// Referrals and multi-agency cases (issue 5, items 7 and 8); docs/cases.md describes them.
//   POST /api/v1/referrals                refer an inspected traveller to an agency
//   GET  /api/v1/cases?agency=            an agency's queue
//   GET  /api/v1/cases/{id}               a case, filtered by the data-sharing policy
//   POST /api/v1/cases/{id}/notes         a note on the caller's agency's part
//   POST /api/v1/cases/{id}/status        move the caller's agency's part on (or hand it over)
//   POST /api/v1/cases/{id}/agencies      ask another agency to join the case
//   POST /api/v1/cases/{id}/attachments   attachment metadata on the caller's agency's part
// Every write is one event and its audit entry in one transaction (WriteAndReply); every read is
// audited with the purpose the caller states. Who may change what is core/inspection's
// case_workflow.h; what a reader sees is core/policy's decision (case_view.cc).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/inspection/case_workflow.h"
#include "core/policy/data_sharing.h"
#include "server/api/case_json.h"
#include "server/api/case_referral.h"
#include "server/api/case_view.h"
#include "server/api/json_fields.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "store/case_store.h"
#include "store/workflow_store.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;
using nlohmann::json;

constexpr char kReferralSchema[] =
    R"({"type":"object","required":["inspection_id","agency","reason"],"properties":{"inspection_id":{"type":"string"},"agency":{"type":"string","description":"secondary, customs, police, health or another agency code"},"reason":{"type":"string"}}})";
constexpr char kStatusSchema[] =
    R"({"type":"object","required":["status"],"properties":{"agency":{"type":"string"},"status":{"type":"string","enum":["in_progress","cleared","refused","handed_over"]},"outcome":{"type":"string"},"hand_over_to":{"type":"string"}}})";
constexpr char kNoteSchema[] =
    R"({"type":"object","required":["text"],"properties":{"agency":{"type":"string"},"text":{"type":"string"}}})";
constexpr char kAgencySchema[] =
    R"({"type":"object","required":["agency","reason"],"properties":{"agency":{"type":"string"},"reason":{"type":"string"}}})";
constexpr char kAttachmentSchema[] =
    R"({"type":"object","required":["name","media_type","size_bytes","sha256"],"properties":{"agency":{"type":"string"},"name":{"type":"string"},"media_type":{"type":"string"},"size_bytes":{"type":"integer","minimum":0},"sha256":{"type":"string","pattern":"^[0-9a-fA-F]{64}$"}}})";

// The part a write acts on: the one named in the body, or the caller's agency's.
std::string PartAgency(const ApiRequest& request, const std::string& named) {
  return CanonicalAgency(named.empty() ? request.principal->agency : named);
}

ApiResponse CaseResponse(int status, const std::string& case_id, json body) {
  ApiResponse response = ApiResponse::Json(status, body.dump());
  response.record_id = case_id;
  return response;
}

// The statuses of a case after a change.
json CaseStatusJson(const insp::Case& changed) {
  json parts = json::array();
  for (const insp::AgencyPart& part : changed.parts) {
    parts.push_back({{"agency", part.agency},
                     {"status", insp::CaseStatusName(part.status)},
                     {"reason", part.reason},
                     {"outcome", part.outcome}});
  }
  return {{"case_id", changed.id},
          {"status", insp::CaseStatusName(changed.status())},
          {"parts", std::move(parts)}};
}

// A write on one case, given the case as loaded in the write transaction and the parsed body.
template <typename Body>
using CaseWork =
    std::function<Result<ApiResponse>(store::WriteTxn&, const LoadedCase&, const Body&)>;

// Parses the body with `parse`, then loads the case named by the path (CASE_NOT_FOUND,
// POST_SCOPE) and runs `work` on it, in one write transaction with the route's audit entry.
template <typename Body>
void WriteCase(Services& services, std::shared_ptr<const ApiRequest> request,
               Result<Body> (*parse)(std::string_view), CaseWork<Body> work, Reply reply) {
  Result<Body> body = parse(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  WriteAndReply(
      services, request,
      [request, body = std::move(*body),
       work = std::move(work)](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_ASSIGN_OR_RETURN(LoadedCase loaded,
                               LoadCase(txn, *request->principal, request->PathParam("id")));
        return work(txn, loaded, body);
      },
      std::move(reply));
}

Result<ApiResponse> ChangeStatusWork(store::WriteTxn& txn, const ApiRequest& request,
                                     const LoadedCase& loaded, const CaseStatusRequest& body) {
  const std::string agency = PartAgency(request, body.agency);
  LIMEN_RETURN_IF_ERROR(insp::CheckPartOwner(loaded.model, agency, request.principal->agency));
  std::optional<std::string> target;
  if (body.hand_over_to) {
    LIMEN_ASSIGN_OR_RETURN(target, KnownAgency(txn, *body.hand_over_to));
  }
  LIMEN_ASSIGN_OR_RETURN(insp::Case changed, insp::ChangeStatus(loaded.model, agency, body.status,
                                                                body.outcome, target));
  const std::string& id = loaded.header.id;
  if (body.status == insp::CaseStatus::kHandedOver) {
    LIMEN_RETURN_IF_ERROR(store::HandOverCasePart(txn, ActorOf(request),
                                                  PartRow(id, *changed.Part(agency)),
                                                  PartRow(id, *changed.Part(*target))));
  } else {
    LIMEN_RETURN_IF_ERROR(
        store::SaveCasePart(txn, ActorOf(request), PartRow(id, *changed.Part(agency))));
  }
  return CaseResponse(200, id, CaseStatusJson(changed));
}

Result<ApiResponse> AddNoteWork(store::WriteTxn& txn, const ApiRequest& request,
                                const LoadedCase& loaded, const CaseNoteRequest& body,
                                Timestamp now) {
  const std::string agency = PartAgency(request, body.agency);
  const std::string& author = request.principal->username;
  LIMEN_RETURN_IF_ERROR(insp::CheckPartOwner(loaded.model, agency, request.principal->agency));
  LIMEN_RETURN_IF_ERROR(insp::AddNote(loaded.model, agency, {author, now, body.text}).status());
  LIMEN_RETURN_IF_ERROR(store::AddCaseNote(txn, ActorOf(request),
                                           {loaded.header.id, agency, author, now, body.text}));
  return CaseResponse(201, loaded.header.id,
                      {{"case_id", loaded.header.id},
                       {"agency", agency},
                       {"author", author},
                       {"written_at", FormatTimestamp(now)},
                       {"text", body.text}});
}

Result<ApiResponse> AddAgencyWork(store::WriteTxn& txn, const ApiRequest& request,
                                  const LoadedCase& loaded, const ReferralRequest& body) {
  const core::Principal& principal = *request.principal;
  if (!insp::IsInvolved(loaded.model, principal.agency, principal.username)) {
    return PermissionDenied("CASE_NOT_INVOLVED",
                            "Your agency has no part in this case; only an agency working on it "
                            "(or the referring officer) may ask another agency to join.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::string agency, KnownAgency(txn, body.agency));
  LIMEN_ASSIGN_OR_RETURN(insp::Case changed, insp::AddAgency(loaded.model, agency, body.reason));
  LIMEN_RETURN_IF_ERROR(
      store::SaveCasePart(txn, ActorOf(request), PartRow(loaded.header.id, *changed.Part(agency))));
  return CaseResponse(201, loaded.header.id, CaseStatusJson(changed));
}

Result<ApiResponse> AddAttachmentWork(store::WriteTxn& txn, const ApiRequest& request,
                                      const LoadedCase& loaded, const CaseAttachmentRequest& body,
                                      Timestamp now) {
  const std::string agency = PartAgency(request, body.agency);
  LIMEN_RETURN_IF_ERROR(insp::CheckPartOwner(loaded.model, agency, request.principal->agency));
  insp::AttachmentMeta meta{body.name, body.media_type, body.size_bytes, body.sha256, now};
  LIMEN_RETURN_IF_ERROR(insp::AddAttachment(loaded.model, agency, meta).status());
  store::CaseAttachmentRow row{loaded.header.id,
                               agency,
                               body.name,
                               body.media_type,
                               body.size_bytes,
                               body.sha256,
                               request.principal->username,
                               now};
  LIMEN_RETURN_IF_ERROR(store::AddCaseAttachment(txn, ActorOf(request), row));
  return CaseResponse(201, loaded.header.id, AttachmentToJson(row));
}

void HandleReferral(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<ReferralRequest> body = ReferralRequestFromJson(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  WriteAndReply(
      services, request,
      [request, body = std::move(*body)](store::WriteTxn& txn) -> Result<ApiResponse> {
        LIMEN_ASSIGN_OR_RETURN(ReferralOutcome outcome, Refer(txn, *request, body));
        json out = ReferralOutcomeToJson(outcome);
        out["inspection_id"] = body.inspection_id;
        return CaseResponse(201, outcome.case_id, std::move(out));
      },
      std::move(reply));
}

RouteSpec CaseSpec(std::string method, std::string pattern, std::string summary, AuditKind audit) {
  RouteSpec spec{
      .method = std::move(method), .pattern = std::move(pattern), .summary = std::move(summary)};
  spec.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  spec.audit = audit;
  spec.purpose_required = audit == AuditKind::kRead;
  spec.record_type = "case";
  spec.tag = "cases";
  return spec;
}

RouteSpec WriteSpec(std::string pattern, std::string summary, const char* schema,
                    int success_status = 201) {
  RouteSpec spec = CaseSpec("POST", std::move(pattern), std::move(summary), AuditKind::kWrite);
  spec.request_schema = schema;
  spec.success_status = success_status;
  return spec;
}

}  // namespace

void RegisterCaseRoutes(Router& router, Services& services) {
  router.Add(WriteSpec("/api/v1/referrals",
                       "Refer an inspected traveller to secondary inspection or to another "
                       "agency with a reason; opens a case or adds the agency to the open one",
                       kReferralSchema),
             [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
               HandleReferral(services, std::move(request), std::move(reply));
             });

  router.AddSync(CaseSpec("GET", "/api/v1/cases",
                          "An agency's queue of open and in-progress case parts at the caller's "
                          "posts (default: the caller's agency)",
                          AuditKind::kRead),
                 [&services](const ApiRequest& request) { return ListQueue(services, request); });

  router.AddSync(CaseSpec("GET", "/api/v1/cases/{id}",
                          "A case: each agency's part, the notes and traveller data the "
                          "data-sharing policy lets the reader see, and what was withheld",
                          AuditKind::kRead),
                 [&services](const ApiRequest& request) { return ShowCase(services, request); });

  router.Add(WriteSpec("/api/v1/cases/{id}/notes", "Add a note to your agency's part of a case",
                       kNoteSchema),
             [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
               const Timestamp now = services.clock->Now();
               WriteCase<CaseNoteRequest>(
                   services, request, CaseNoteRequestFromJson,
                   [request, now](store::WriteTxn& txn, const LoadedCase& loaded,
                                  const CaseNoteRequest& body) {
                     return AddNoteWork(txn, *request, loaded, body, now);
                   },
                   std::move(reply));
             });

  router.Add(WriteSpec("/api/v1/cases/{id}/status",
                       "Move your agency's part of a case on: in_progress, cleared or refused "
                       "with an outcome, or handed_over to another agency",
                       kStatusSchema, 200),
             [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
               WriteCase<CaseStatusRequest>(
                   services, request, CaseStatusRequestFromJson,
                   [request](store::WriteTxn& txn, const LoadedCase& loaded,
                             const CaseStatusRequest& body) {
                     return ChangeStatusWork(txn, *request, loaded, body);
                   },
                   std::move(reply));
             });

  router.Add(
      WriteSpec("/api/v1/cases/{id}/agencies",
                "Ask another agency to join a case your agency works on, with a reason",
                kAgencySchema),
      [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
        WriteCase<ReferralRequest>(
            services, request,
            [](std::string_view text) -> Result<ReferralRequest> {
              LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
              return ReferralFromJson(body);
            },
            [request](store::WriteTxn& txn, const LoadedCase& loaded, const ReferralRequest& body) {
              return AddAgencyWork(txn, *request, loaded, body);
            },
            std::move(reply));
      });

  router.Add(WriteSpec("/api/v1/cases/{id}/attachments",
                       "Record the metadata of a file attached to your agency's part of a case "
                       "(name, media type, size, SHA-256; the file itself stays outside Limen)",
                       kAttachmentSchema),
             [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
               const Timestamp now = services.clock->Now();
               WriteCase<CaseAttachmentRequest>(
                   services, request, CaseAttachmentRequestFromJson,
                   [request, now](store::WriteTxn& txn, const LoadedCase& loaded,
                                  const CaseAttachmentRequest& body) {
                     return AddAttachmentWork(txn, *request, loaded, body, now);
                   },
                   std::move(reply));
             });
}

}  // namespace limen::server
