#include "aws/credentials/environment_provider.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(EnvironmentProviderTest, ReadsKeysTokenAndExpiration) {
  FakeEnvironment env;
  env.variables = {{"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
                   {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                   {"AWS_SESSION_TOKEN", "envtoken"},
                   {"AWS_CREDENTIAL_EXPIRATION", "2023-11-14T22:13:20Z"}};
  EnvironmentCredentialsProvider provider(env);
  auto creds = provider.Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(creds->secret_access_key, "envsecret");
  EXPECT_EQ(creds->session_token, "envtoken");
  EXPECT_EQ(creds->expiration, WallTime(std::chrono::seconds(1'700'000'000)));
  EXPECT_EQ(creds->provider, "environment");
}

TEST(EnvironmentProviderTest, LongTermKeysHaveNoTokenAndNoExpiration) {
  FakeEnvironment env;
  env.variables = {{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_SESSION_TOKEN", ""}};
  auto creds = EnvironmentCredentialsProvider(env).Get();
  ASSERT_TRUE(creds.ok());
  EXPECT_EQ(creds->session_token, "");
  EXPECT_FALSE(creds->expiration.has_value());
}

TEST(EnvironmentProviderTest, UnsetOrEmptyIsNotConfigured) {
  FakeEnvironment env;
  EXPECT_EQ(EnvironmentCredentialsProvider(env).Get().status().code(), StatusCode::kNotFound);
  env.variables = {{"AWS_ACCESS_KEY_ID", ""}, {"AWS_SECRET_ACCESS_KEY", ""}};
  EXPECT_EQ(EnvironmentCredentialsProvider(env).Get().status().code(), StatusCode::kNotFound);
}

TEST(EnvironmentProviderTest, HalfSetKeysAreAClearErrorWithoutTheSecret) {
  FakeEnvironment env;
  env.variables = {{"AWS_ACCESS_KEY_ID", "AKID"}};
  auto status = EnvironmentCredentialsProvider(env).Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_NE(status.message().find("AWS_SECRET_ACCESS_KEY is not"), std::string::npos) << status.message();

  env.variables = {{"AWS_SECRET_ACCESS_KEY", "VERYSECRET"}};
  status = EnvironmentCredentialsProvider(env).Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_NE(status.message().find("AWS_ACCESS_KEY_ID is not"), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("VERYSECRET"), std::string::npos);
}

TEST(EnvironmentProviderTest, UnreadableExpirationIsAnError) {
  FakeEnvironment env;
  env.variables = {{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"},
                   {"AWS_CREDENTIAL_EXPIRATION", "in an hour"}};
  EXPECT_EQ(EnvironmentCredentialsProvider(env).Get().status().code(), StatusCode::kCredentials);
}

}  // namespace
}  // namespace sagetrain
