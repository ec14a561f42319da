#include "server/api/errors.h"

#include <nlohmann/json.hpp>

namespace limen::server {

int HttpStatusFor(const Status& status) {
  const std::string& reason = status.reason();
  if (reason == "BODY_TOO_LARGE") return 413;
  if (reason == "UNSUPPORTED_MEDIA_TYPE") return 415;
  if (reason == "METHOD_NOT_ALLOWED") return 405;
  switch (status.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kDeadlineExceeded:
      return 504;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kDataLoss:
      return 500;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

std::string ErrorBody(const Status& status, const nlohmann::json& details) {
  nlohmann::json body;
  body["error"]["code"] =
      status.reason().empty() ? std::string(StatusCodeName(status.code())) : status.reason();
  body["error"]["message"] = status.message();
  body["error"]["details"] = details.is_object() ? details : nlohmann::json::object();
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ErrorBody(const Status& status) { return ErrorBody(status, nlohmann::json::object()); }

}  // namespace limen::server
