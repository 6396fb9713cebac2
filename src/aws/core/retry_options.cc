#include "aws/core/retry_options.h"

#include <charconv>
#include <optional>
#include <string>

namespace sagetrain {
namespace {

constexpr int kLegacyMaxAttempts = 5;  // botocore/data/_retry.json "__default__".max_attempts

// The whole of `text` as a decimal integer, or nullopt.
std::optional<int> ParseInt(const std::string& text) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

StatusOr<RetryOptions> RetryOptionsFromEnvironment(const Environment& env) {
  RetryOptions options;
  if (auto mode = env.GetNonEmpty("AWS_RETRY_MODE")) {
    if (*mode == "legacy") {
      options.max_attempts = kLegacyMaxAttempts;
    } else if (*mode != "standard" && *mode != "adaptive") {
      return Status(StatusCode::kInvalidArgument,
                    "AWS_RETRY_MODE must be standard, legacy or adaptive, not \"" + *mode + "\"");
    }
    options.mode = *mode;
  }
  if (auto attempts = env.GetNonEmpty("AWS_MAX_ATTEMPTS")) {
    std::optional<int> value = ParseInt(*attempts);
    if (!value || *value < 1) {
      return Status(StatusCode::kInvalidArgument,
                    "AWS_MAX_ATTEMPTS must be an integer >= 1, not \"" + *attempts + "\"");
    }
    options.max_attempts = *value;
  }
  return options;
}

}  // namespace sagetrain
