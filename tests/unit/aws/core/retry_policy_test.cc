#include "aws/core/retry_policy.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

Status AwsError(const std::string& code, int http_status) {
  AwsErrorDetails details;
  details.code = code;
  details.http_status = http_status;
  return Status(StatusCode::kAwsError, "message", details);
}

struct ClassifyCase {
  const char* code;
  int http_status;
  RetryClass expected;
};

TEST(RetryPolicyTest, ClassifiesAwsErrorsLikeStandardMode) {
  const ClassifyCase cases[] = {
      {"ThrottlingException", 400, RetryClass::kThrottling},
      {"Throttling", 400, RetryClass::kThrottling},
      {"TooManyRequestsException", 400, RetryClass::kThrottling},
      {"RequestLimitExceeded", 400, RetryClass::kThrottling},
      {"ProvisionedThroughputExceededException", 400, RetryClass::kThrottling},
      {"LimitExceededException", 400, RetryClass::kThrottling},
      {"SlowDown", 503, RetryClass::kThrottling},
      {"EC2ThrottledException", 400, RetryClass::kThrottling},
      {"", 429, RetryClass::kThrottling},
      {"RequestTimeout", 400, RetryClass::kTransient},
      {"RequestTimeoutException", 408, RetryClass::kTransient},
      {"InternalFailure", 400, RetryClass::kTransient},
      {"IDPCommunicationError", 400, RetryClass::kTransient},
      {"InternalServerError", 500, RetryClass::kTransient},
      {"", 502, RetryClass::kTransient},
      {"ServiceUnavailable", 503, RetryClass::kTransient},
      {"", 504, RetryClass::kTransient},
      {"ExpiredToken", 403, RetryClass::kExpiredCredentials},
      {"ExpiredTokenException", 400, RetryClass::kExpiredCredentials},
      {"RequestExpired", 400, RetryClass::kExpiredCredentials},
      {"ValidationException", 400, RetryClass::kFinal},
      {"AccessDeniedException", 400, RetryClass::kFinal},
      {"ResourceNotFound", 400, RetryClass::kFinal},
      {"ResourceInUse", 400, RetryClass::kFinal},
      {"UnrecognizedClientException", 400, RetryClass::kFinal},
      {"", 501, RetryClass::kFinal},
      {"", 404, RetryClass::kFinal},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifyFailure(AwsError(c.code, c.http_status)), c.expected)
        << c.code << " " << c.http_status;
  }
}

TEST(RetryPolicyTest, NoAnswerIsTransientAndTimeoutsAreTheirOwnClass) {
  EXPECT_EQ(ClassifyFailure(Status(StatusCode::kUnavailable, "connection refused")),
            RetryClass::kTransient);
  EXPECT_EQ(ClassifyFailure(Status(StatusCode::kUnavailable, "request timed out after 300 ms")),
            RetryClass::kTimeout);
}

TEST(RetryPolicyTest, LocalFailuresAreFinal) {
  for (StatusCode code : {StatusCode::kCredentials, StatusCode::kInvalidArgument,
                          StatusCode::kInternal, StatusCode::kNotFound, StatusCode::kCancelled}) {
    EXPECT_EQ(ClassifyFailure(Status(code, "x")), RetryClass::kFinal) << StatusCodeName(code);
  }
}

TEST(RetryPolicyTest, CodeListsAreExact) {
  EXPECT_TRUE(IsThrottlingErrorCode("PriorRequestNotComplete"));
  EXPECT_FALSE(IsThrottlingErrorCode("throttlingexception"));  // codes are case-sensitive
  EXPECT_FALSE(IsThrottlingErrorCode(""));
  EXPECT_TRUE(IsTransientErrorCode("RequestTimeout"));
  EXPECT_FALSE(IsTransientErrorCode("ValidationException"));
  EXPECT_TRUE(IsExpiredCredentialsCode("ExpiredToken"));
  EXPECT_FALSE(IsExpiredCredentialsCode("InvalidClientTokenId"));
}

}  // namespace
}  // namespace sagetrain
