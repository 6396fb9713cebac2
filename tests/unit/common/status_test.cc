#include "common/status.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(StatusTest, AwsErrorRendersCodeStatusAndRequestId) {
  Status status(StatusCode::kAwsError, "Rate exceeded", {"ThrottlingException", 400, "req-1"});
  EXPECT_EQ(status.ToString(), "ThrottlingException (HTTP 400, request id req-1): Rate exceeded");
  EXPECT_EQ(status.WithContext("DescribeTrainingJob").message(), "DescribeTrainingJob: Rate exceeded");
  EXPECT_EQ(status.WithContext("x").aws_code(), "ThrottlingException");
}

TEST(StatusTest, StatusOrHoldsValueOrError) {
  StatusOr<int> value = 7;
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 7);
  StatusOr<int> error = Status(StatusCode::kUnavailable, "connection refused");
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().ToString(), "Unavailable: connection refused");
}

}  // namespace
}  // namespace sagetrain
