// The one place where a Status becomes an HTTP status code and the JSON error shape
// {"error":{"code":"...","message":"...","details":{}}}.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"

namespace limen::server {

// HTTP status for a canonical code, e.g. kNotFound -> 404. Reasons that need a more precise
// status (BODY_TOO_LARGE -> 413, AUTH_THROTTLED -> 429) are mapped here too.
int HttpStatusFor(const Status& status);

// The error body for a non-OK status. `details` must be an object (or null for {}).
std::string ErrorBody(const Status& status);
std::string ErrorBody(const Status& status, const nlohmann::json& details);

}  // namespace limen::server
