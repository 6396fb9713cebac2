#pragma once
// The retry settings of the standard AWS environment variables, as the SDKs read them:
//   AWS_MAX_ATTEMPTS  total attempts, first included (an integer >= 1), of every call; unset, a call
//                     retries throttling and server errors until RetryOptions::max_retry_time
//   AWS_RETRY_MODE    adaptive (the default: client-side rate limiter) | standard (no limiter) |
//                     legacy (standard with 5 attempts, botocore's legacy default)
// Unset or empty variables keep the defaults. Pure apart from reading `env`; thread-safe.
#include "aws/core/aws_client.h"
#include "common/environment.h"
#include "common/status.h"

namespace sagetrain {

// kInvalidArgument naming the variable and its value when either variable is not valid.
StatusOr<RetryOptions> RetryOptionsFromEnvironment(const Environment& env);

}  // namespace sagetrain
