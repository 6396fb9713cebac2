#pragma once
// Credentials from the process environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, optional
// AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION (ISO-8601). The first provider of the chain.
//
// Get(): kNotFound when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both unset (not configured);
// kCredentials when only one of them is set or the expiration is unreadable. Variables are read at
// every Get(). Not thread-safe.
#include "aws/core/credentials.h"
#include "common/environment.h"

namespace sagetrain {

class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  // REQUIRES: `env` outlives the provider.
  explicit EnvironmentCredentialsProvider(const Environment& env) : env_(env) {}
  StatusOr<Credentials> Get() override;
  std::string Name() const override { return "environment"; }

 private:
  const Environment& env_;
};

}  // namespace sagetrain
