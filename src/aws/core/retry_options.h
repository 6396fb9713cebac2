#pragma once
// The retry settings of the standard AWS environment variables, as the SDKs read them:
//   AWS_MAX_ATTEMPTS  total attempts, first included (an integer >= 1); wins over the mode's default
//   AWS_RETRY_MODE    standard (3 attempts) | legacy (5 attempts, botocore's legacy default) |
//                     adaptive (treated as standard; RetryOptions::mode tells the caller)
// Unset or empty variables keep the defaults. Pure apart from reading `env`; thread-safe.
#include "aws/core/aws_client.h"
#include "common/environment.h"
#include "common/status.h"

namespace sagetrain {

// kInvalidArgument naming the variable and its value when either variable is not valid.
StatusOr<RetryOptions> RetryOptionsFromEnvironment(const Environment& env);

}  // namespace sagetrain
