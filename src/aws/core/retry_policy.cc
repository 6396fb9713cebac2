#include "aws/core/retry_policy.h"

#include <algorithm>
#include <array>

namespace sagetrain {
namespace {

// botocore.retries.standard.ThrottledRetryableChecker._THROTTLED_ERROR_CODES.
constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

// botocore.retries.standard.TransientRetryableChecker._TRANSIENT_ERROR_CODES, then codes that
// services send with a 5xx (retried by status anyway; listed so a proxy that rewrites the status
// does not make them final), then botocore's special case for STS web identity.
constexpr std::array<std::string_view, 7> kTransientCodes = {
    "RequestTimeout",   "RequestTimeoutException", "PriorRequestNotComplete",
    "InternalError",    "InternalFailure",         "ServiceUnavailable",
    "IDPCommunicationError",
};

constexpr std::array<std::string_view, 3> kExpiredCredentialsCodes = {
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
};

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool IsTransientHttpStatus(int status) {
  return status == 500 || status == 502 || status == 503 || status == 504;
}

}  // namespace

bool IsThrottlingErrorCode(std::string_view code) { return Contains(kThrottlingCodes, code); }
bool IsTransientErrorCode(std::string_view code) { return Contains(kTransientCodes, code); }
bool IsExpiredCredentialsCode(std::string_view code) {
  return Contains(kExpiredCredentialsCodes, code);
}

RetryClass ClassifyFailure(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUnavailable:
      return status.message().find(kTimeoutMarker) != std::string::npos ? RetryClass::kTimeout
                                                                          : RetryClass::kTransient;
    case StatusCode::kAwsError:
      break;
    default:
      return RetryClass::kFinal;
  }
  const std::string& code = status.aws_code();
  if (IsExpiredCredentialsCode(code)) return RetryClass::kExpiredCredentials;
  // HTTP 429 is throttling whatever the body says (botocore legacy "too_many_requests").
  if (IsThrottlingErrorCode(code) || status.aws().http_status == 429) return RetryClass::kThrottling;
  if (IsTransientErrorCode(code) || IsTransientHttpStatus(status.aws().http_status)) {
    return RetryClass::kTransient;
  }
  return RetryClass::kFinal;
}

}  // namespace sagetrain
