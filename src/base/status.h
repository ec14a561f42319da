// Status and Result<T>: the one vocabulary for recoverable errors in Limen.
//
// A Status is a canonical code (which maps to an HTTP status in exactly one place, the API layer),
// a stable machine-readable reason such as "MRZ_CHECK_DIGIT" and an English message that tells
// the user what to do. Functions that can fail return Status or Result<T>; exceptions never
// cross a module boundary.
//
// Thread-safety: value types; distinct objects may be used from different threads freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace limen {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,     // The caller sent something malformed or out of range (HTTP 400).
  kUnauthenticated,     // No valid credentials (401).
  kPermissionDenied,    // Authenticated but not allowed (403).
  kNotFound,            // The named thing does not exist (404).
  kAlreadyExists,       // Creating something that exists (409).
  kFailedPrecondition,  // The system is not in a state that allows the operation (409).
  kResourceExhausted,   // Too many requests or too large (429/413).
  kDeadlineExceeded,    // Timed out (504).
  kUnavailable,         // Try again later (503).
  kDataLoss,            // Stored data is corrupt (500).
  kInternal,            // A bug or an unexpected environment failure (500).
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string reason, std::string message)
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Stable upper-case code, e.g. "AUTH_EXPIRED". Empty for OK.
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }

  // "INVALID_ARGUMENT MRZ_SHAPE: expected ..." for logs and CLI output.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context + ": "`.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string reason_;
  std::string message_;
};

// Convenience constructors.
Status InvalidArgument(std::string reason, std::string message);
Status Unauthenticated(std::string reason, std::string message);
Status PermissionDenied(std::string reason, std::string message);
Status NotFound(std::string reason, std::string message);
Status AlreadyExists(std::string reason, std::string message);
Status FailedPrecondition(std::string reason, std::string message);
Status ResourceExhausted(std::string reason, std::string message);
Status Unavailable(std::string reason, std::string message);
Status DataLoss(std::string reason, std::string message);
Status Internal(std::string reason, std::string message);

// Result<T> holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(data_).ok()) {
      data_ = Internal("RESULT_OK_STATUS", "Result constructed from an OK status without a value");
    }
  }
  // Constructs the value in place from `args`, for values too large to be worth moving.
  template <typename... Args>
  explicit Result(std::in_place_t, Args&&... args)
      : data_(std::in_place_type<T>, std::forward<Args>(args)...) {}

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  // REQUIRES: ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace limen

#define LIMEN_STATUS_CONCAT_INNER(a, b) a##b
#define LIMEN_STATUS_CONCAT(a, b) LIMEN_STATUS_CONCAT_INNER(a, b)

#define LIMEN_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::limen::Status limen_status_ = (expr);        \
    if (!limen_status_.ok()) return limen_status_; \
  } while (0)

#define LIMEN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#define LIMEN_ASSIGN_OR_RETURN(lhs, expr) \
  LIMEN_ASSIGN_OR_RETURN_IMPL(LIMEN_STATUS_CONCAT(limen_result_, __LINE__), lhs, expr)
