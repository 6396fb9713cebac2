#include "common/status.h"

namespace sagetrain {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kAwsError: return "AwsError";
    case StatusCode::kUnavailable: return "Unavailable";
    case StatusCode::kCredentials: return "Credentials";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kCancelled: return "Cancelled";
    case StatusCode::kDeadlineExceeded: return "DeadlineExceeded";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_, aws_);
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string head = aws_.code.empty() ? StatusCodeName(code_) : aws_.code;
  std::string detail;
  if (aws_.http_status != 0) detail += "HTTP " + std::to_string(aws_.http_status);
  if (!aws_.request_id.empty()) detail += (detail.empty() ? "" : ", ") + std::string("request id ") + aws_.request_id;
  if (!detail.empty()) head += " (" + detail + ")";
  return head + ": " + message_;
}

}  // namespace sagetrain
