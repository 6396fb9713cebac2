#pragma once
// How providers in the chain say "I am not configured here" as opposed to "I am configured and
// failed": the former is kNotFound and lets the chain try the next provider; any other error stops
// the chain (as in the AWS SDKs). Messages say what was looked for, never a secret.
#include <string>

#include "common/status.h"

namespace sagetrain {

inline Status NotConfigured(const std::string& why) { return Status(StatusCode::kNotFound, why); }

inline bool IsNotConfigured(const Status& status) { return status.code() == StatusCode::kNotFound; }

}  // namespace sagetrain
