#include "server/api/route_support.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#include "base/strings.h"
#include "crypto/random.h"
#include "store/store.h"

namespace limen::server {

store::AuditDraft AuditDraftFor(const ApiRequest& request, int outcome,
                                const std::string& record_id) {
  store::AuditDraft draft;
  if (request.principal) {
    draft.actor_user_id = request.principal->user_id;
    draft.actor_username = request.principal->username;
  }
  draft.client_address = request.http.remote_address;
  draft.method = request.http.method;
  draft.route = request.route->pattern;
  draft.record_type = request.route->record_type;
  draft.record_id = record_id;
  if (draft.record_id.empty() && !request.path_params.empty()) {
    draft.record_id = request.path_params.begin()->second;
  }
  draft.purpose = request.purpose;
  draft.outcome = outcome;
  return draft;
}

void WriteAndReply(Services& services, std::shared_ptr<const ApiRequest> request, WriteWork work,
                   Reply reply) {
  auto response = std::make_shared<ApiResponse>();
  services.store->Submit(
      [request, work = std::move(work), response](store::WriteTxn& txn) -> Status {
        Result<ApiResponse> result = work(txn);
        if (!result.ok()) return result.status();
        *response = std::move(*result);
        if (request->route->audit != AuditKind::kNone && request->principal) {
          LIMEN_RETURN_IF_ERROR(
              txn.AppendAudit(AuditDraftFor(*request, response->status, response->record_id))
                  .status());
          response->audited = true;
        }
        return Status::Ok();
      },
      [response, reply = std::move(reply)](Status status) {
        if (!status.ok()) return reply(ApiResponse::Error(status));
        reply(std::move(*response));
      });
}

Result<std::string> NewRecordId(std::string_view prefix) {
  // The last time used, so that two ids made in the same microsecond still sort in order.
  static std::atomic<int64_t> last_micros{0};
  const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  int64_t micros = last_micros.load();
  while (!last_micros.compare_exchange_weak(micros, std::max(now, micros + 1))) {
  }
  micros = std::max(now, micros + 1);
  LIMEN_ASSIGN_OR_RETURN(std::string random, crypto::RandomBytes(5));
  std::string bytes(7, '\0');
  for (int i = 6; i >= 0; --i, micros >>= 8) bytes[i] = static_cast<char>(micros & 0xff);
  return std::string(prefix) + HexEncode(bytes + random);
}

std::string ActorOf(const ApiRequest& request) {
  return request.principal ? "user:" + std::to_string(request.principal->user_id) : "system";
}

}  // namespace limen::server
