#pragma once
// RetryPolicy: which failed attempts of an AWS call are worth another try, as in the SDKs' "standard"
// retry mode (botocore/retries/standard.py): throttling error codes, transient error codes, HTTP
// 500/502/503/504 and failures to get any answer (kUnavailable). Expired credentials are their own
// class: the caller refreshes them and tries once more. Pure; thread-safe.
#include <string_view>

#include "common/status.h"

namespace sagetrain {

enum class RetryClass {
  kFinal,               // retrying cannot help (validation, access denied, not found, ...)
  kThrottling,          // the service asked us to slow down
  kTransient,           // a server-side hiccup (5xx, RequestTimeout, dropped connection)
  kTimeout,             // no answer within the timeout: transient, but costs more retry quota
  kExpiredCredentials,  // ExpiredToken & co.: refresh the credentials, then retry once
};

// The error codes of botocore's standard mode throttling list.
bool IsThrottlingErrorCode(std::string_view code);
// RequestTimeout, RequestTimeoutException, PriorRequestNotComplete, plus the server-fault codes the
// SDKs' legacy mode retries by HTTP status (InternalError, InternalFailure, ServiceUnavailable) and
// STS's IDPCommunicationError.
bool IsTransientErrorCode(std::string_view code);
// ExpiredToken, ExpiredTokenException, RequestExpired.
bool IsExpiredCredentialsCode(std::string_view code);

// The words every HttpTransport puts in the message of a timed-out exchange (kUnavailable), so the
// retry quota can charge timeouts their higher cost.
inline constexpr std::string_view kTimeoutMarker = "timed out";

// Classifies one failed attempt. `status` is what the attempt returned: a kAwsError with the
// service's code and HTTP status, kUnavailable (no answer, or credentials endpoint unreachable), or
// anything else (final).
RetryClass ClassifyFailure(const Status& status);

}  // namespace sagetrain
