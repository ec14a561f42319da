// JSON codec of the screening engine (core/screening): the body of POST /api/v1/screen and the
// ranked hits with their explanations that the route and `limen screen --explain` return
// (schema in docs/screening.md).
//
// Request: {"names": ["..."] or "name": "...", "date_of_birth": "YYYY[-MM[-DD]]",
//           "nationality": "RUS", "sex": "M"|"F", "document_number": "...",
//           "traveller_id": "...", "top": 10}
// Response: {"list_version": "...", "hits": [{"id", "list", "score", "threshold", "alert",
//           "suppressed", "outside_validity", "action", "owning_agency", "entry_fingerprint",
//           "matched_name", "matched_name_type",
//           "alignment": [{"query", "entry", "similarity", "method"}],
//           "features": [{"name", "weight", "value", "contribution", "detail"}]}]}
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "base/status.h"
#include "core/screening/screener.h"

namespace limen::server {

struct ScreeningRequest {
  core::screening::ScreeningQuery query;
  size_t top_n = 10;
};

// Returns InvalidArgument SCREEN_JSON for malformed JSON, wrong types or unknown keys,
// SCREEN_EMPTY_NAME without a name, SCREEN_DOB for an unreadable date, SCREEN_SEX and
// SCREEN_TOP for out-of-range values.
Result<ScreeningRequest> ScreeningRequestFromJson(std::string_view body);
Result<ScreeningRequest> ScreeningRequestFromJson(const nlohmann::json& json);

nlohmann::json ScreeningHitToJson(const core::screening::ScreeningHit& hit);
nlohmann::json ScreeningResultToJson(const core::screening::ScreeningResult& result);

}  // namespace limen::server
