#include "base/status.h"

namespace limen {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
    case StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case StatusCode::kNotFound:
      return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case StatusCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case StatusCode::kDataLoss:
      return "DATA_LOSS";
    case StatusCode::kInternal:
      return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code_));
  if (!reason_.empty()) out += " " + reason_;
  if (!message_.empty()) out += ": " + message_;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code_, reason_, std::string(context) + ": " + message_);
}

Status InvalidArgument(std::string r, std::string m) {
  return {StatusCode::kInvalidArgument, std::move(r), std::move(m)};
}
Status Unauthenticated(std::string r, std::string m) {
  return {StatusCode::kUnauthenticated, std::move(r), std::move(m)};
}
Status PermissionDenied(std::string r, std::string m) {
  return {StatusCode::kPermissionDenied, std::move(r), std::move(m)};
}
Status NotFound(std::string r, std::string m) {
  return {StatusCode::kNotFound, std::move(r), std::move(m)};
}
Status AlreadyExists(std::string r, std::string m) {
  return {StatusCode::kAlreadyExists, std::move(r), std::move(m)};
}
Status FailedPrecondition(std::string r, std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(r), std::move(m)};
}
Status ResourceExhausted(std::string r, std::string m) {
  return {StatusCode::kResourceExhausted, std::move(r), std::move(m)};
}
Status Unavailable(std::string r, std::string m) {
  return {StatusCode::kUnavailable, std::move(r), std::move(m)};
}
Status DataLoss(std::string r, std::string m) {
  return {StatusCode::kDataLoss, std::move(r), std::move(m)};
}
Status Internal(std::string r, std::string m) {
  return {StatusCode::kInternal, std::move(r), std::move(m)};
}

}  // namespace limen
