#pragma once
// A provider that always returns the same credentials: the source of an AssumeRole call whose
// source credentials were already resolved (a profile's source_profile chain). Thread-safe.
#include "aws/core/credentials.h"

namespace sagetrain {

class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  StatusOr<Credentials> Get() override { return credentials_; }
  std::string Name() const override { return credentials_.provider; }

 private:
  Credentials credentials_;
};

}  // namespace sagetrain
