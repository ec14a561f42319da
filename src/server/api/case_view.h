// The read side of the case routes (case_routes.cc): an agency's queue and one case as its reader
// may see it. What the reader sees is decided by core/policy (DESIGN.md invariant 3):
//   identity          "identity": the traveller's names, date of birth, sex, nationalities
//   document          "document": the document used at the inspection
//   crossing_history  "crossing_history": the traveller's crossings
//   hits              "hits": the inspection's watchlist hits (list, owning agency, action)
//   hit_details       each hit's "score" (withheld only when the hits themselves are shown)
//   case_notes:<a>    the "notes" of agency <a>'s part
// Whatever is removed is listed under "withheld" as {"category", "reason": "POLICY_DENIED"}, the
// same shape as the inspection response. Statuses, reasons, outcomes and attachment metadata of
// every part are shown to every reader of the case: they are what agencies coordinate on.
//
// Thread-safety: stateless functions.
#pragma once

#include <nlohmann/json.hpp>

#include "server/api/router.h"
#include "server/api/services.h"
#include "store/case_store.h"

namespace limen::server {

// GET /api/v1/cases?agency=: the open and in-progress parts of the agency (default: the
// caller's) at posts the caller covers. Another agency's queue only for a reader whom the policy
// lets read that agency's case notes (CASE_QUEUE_DENIED otherwise).
ApiResponse ListQueue(Services& services, const ApiRequest& request);

// GET /api/v1/cases/{id}: for a reader whose agency has a part, who referred the case, or whom
// the policy lets read the notes of one of its parts (CASE_NOT_INVOLVED otherwise).
ApiResponse ShowCase(Services& services, const ApiRequest& request);

nlohmann::json AttachmentToJson(const store::CaseAttachmentRow& attachment);

}  // namespace limen::server
