#pragma once
// Status and StatusOr<T>: errors as values (no exceptions cross a layer boundary).
//
// A Status is OK or carries a category (StatusCode), a human message and, for errors that came back
// from AWS, the service's error code, HTTP status and request id. Each layer may add context
// (operation, job) with WithContext(). Values are cheap to copy; not synchronised.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sagetrain {

enum class StatusCode {
  kOk,
  kInvalidArgument,   // bad user input; exit code 2
  kAwsError,          // the service answered with an error (see aws_code())
  kUnavailable,       // connection refused/reset/timeout: no answer from the service
  kCredentials,       // no usable credentials could be obtained
  kNotFound,          // a local resource (file, profile) does not exist
  kCancelled,         // stopped by a signal
  kDeadlineExceeded,  // a local time limit ran out
  kInternal,          // a bug or an unexpected answer
};

const char* StatusCodeName(StatusCode code);

// What AWS said about a failed call. Empty fields are unknown.
struct AwsErrorDetails {
  std::string code;        // e.g. "ThrottlingException" (any "prefix#" already stripped)
  int http_status = 0;     // 0 when no HTTP answer was received
  std::string request_id;  // x-amzn-RequestId / RequestId
};

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Status(StatusCode code, std::string message, AwsErrorDetails aws)
      : code_(code), message_(std::move(message)), aws_(std::move(aws)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const AwsErrorDetails& aws() const { return aws_; }
  // Shorthand for aws().code: the AWS error code, or "" when the error did not come from AWS.
  const std::string& aws_code() const { return aws_.code; }

  // Returns a copy whose message is prefixed with "context: ".
  Status WithContext(const std::string& context) const;

  // "ThrottlingException (HTTP 400, request id abc): Rate exceeded" or "Unavailable: ..." — for logs.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  AwsErrorDetails aws_;
};

inline Status OkStatus() { return Status(); }

// Either a value or a non-OK Status.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like absl::StatusOr
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "StatusOr built from an OK Status without a value");
    if (status_.ok()) status_ = Status(StatusCode::kInternal, "StatusOr built from an OK Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace sagetrain
