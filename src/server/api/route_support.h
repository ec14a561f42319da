// Support shared by route handlers: the audit draft for a request, and durable writes that carry
// their audit entry in the same transaction (so a change and its audit record are committed
// together or not at all).
//
// Thread-safety: stateless helpers.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/api/router.h"
#include "server/api/services.h"

namespace limen::store {
class WriteTxn;
struct AuditDraft;
}  // namespace limen::store

namespace limen::server {

// The audit entry describing `request` with the given outcome (HTTP status) and record id.
store::AuditDraft AuditDraftFor(const ApiRequest& request, int outcome,
                                const std::string& record_id);

// Runs `work` in the store's group commit. If it succeeds, the route's audit entry (outcome and
// record id taken from the response) is appended in the same transaction, and `reply` gets the
// response only after the commit is durable. If it fails, nothing is written and `reply` gets
// the error (which the ApiService then audits on its own).
using WriteWork = std::function<Result<ApiResponse>(store::WriteTxn&)>;
void WriteAndReply(Services& services, std::shared_ptr<const ApiRequest> request, WriteWork work,
                   Reply reply);

// A new record id: `prefix` followed by 24 hex digits, e.g. "trv-0005f1c2a4b3e10a93c7d2e5f1":
// 14 of the time in microseconds (strictly increasing within the process) then 10 random ones.
// Ids made later sort later, so that inserts append to the tables' B-trees instead of landing on
// random pages (docs/decisions/0006-time-ordered-record-ids.md).
Result<std::string> NewRecordId(std::string_view prefix);

// "user:<id>" for events caused by the request's principal, "system" otherwise.
std::string ActorOf(const ApiRequest& request);

}  // namespace limen::server
