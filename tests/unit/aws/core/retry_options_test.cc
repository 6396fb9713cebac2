#include "aws/core/retry_options.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(RetryOptionsTest, DefaultsAreAdaptiveModeBoundedByTime) {
  FakeEnvironment env;
  auto options = RetryOptionsFromEnvironment(env);
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  EXPECT_EQ(options->max_attempts, 0);  // no cap: throttling is retried until the time bound
  EXPECT_EQ(options->unanswered_max_attempts, 3);
  EXPECT_EQ(options->max_retry_time, Duration(15 * 60'000));
  EXPECT_EQ(options->mode, "adaptive");
  EXPECT_EQ(options->max_backoff, Duration(20'000));
  EXPECT_EQ(options->retry_quota, 500);
  EXPECT_EQ(options->retry_cost, 5);
  EXPECT_EQ(options->timeout_retry_cost, 10);
}

struct EnvCase {
  const char* mode;      // nullptr: unset
  const char* attempts;  // nullptr: unset
  int expected_attempts;
  const char* expected_mode;
};

TEST(RetryOptionsTest, ModeAndMaxAttempts) {
  const EnvCase cases[] = {
      {"legacy", nullptr, 5, "legacy"},
      {"standard", nullptr, 0, "standard"},
      {"adaptive", nullptr, 0, "adaptive"},
      {"legacy", "2", 2, "legacy"},  // AWS_MAX_ATTEMPTS wins over the mode's default
      {nullptr, "1", 1, "adaptive"},
      {nullptr, "10", 10, "adaptive"},
      {"", "", 0, "adaptive"},  // empty means unset
  };
  for (const auto& c : cases) {
    FakeEnvironment env;
    if (c.mode) env.variables["AWS_RETRY_MODE"] = c.mode;
    if (c.attempts) env.variables["AWS_MAX_ATTEMPTS"] = c.attempts;
    auto options = RetryOptionsFromEnvironment(env);
    ASSERT_TRUE(options.ok()) << options.status().ToString();
    EXPECT_EQ(options->max_attempts, c.expected_attempts) << (c.mode ? c.mode : "-");
    EXPECT_EQ(options->mode, c.expected_mode);
  }
}

TEST(RetryOptionsTest, InvalidValuesNameTheVariable) {
  const std::pair<const char*, const char*> cases[] = {
      {"AWS_MAX_ATTEMPTS", "0"},        {"AWS_MAX_ATTEMPTS", "-3"},
      {"AWS_MAX_ATTEMPTS", "three"},    {"AWS_MAX_ATTEMPTS", "3x"},
      {"AWS_MAX_ATTEMPTS", "99999999999"}, {"AWS_RETRY_MODE", "aggressive"},
      {"AWS_RETRY_MODE", "Standard"},
  };
  for (const auto& [name, value] : cases) {
    FakeEnvironment env;
    env.variables[name] = value;
    auto options = RetryOptionsFromEnvironment(env);
    ASSERT_FALSE(options.ok()) << name << "=" << value;
    EXPECT_EQ(options.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(options.status().message().find(name), std::string::npos);
    EXPECT_NE(options.status().message().find(value), std::string::npos);
  }
}

}  // namespace
}  // namespace sagetrain
