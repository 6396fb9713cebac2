#pragma once
// A chain of providers tried in order; the first that is configured wins (aws-c-auth's chain, the
// SDKs' default chain). A provider answering kNotFound is "not configured here" and the next is
// tried; any other error stops the chain with that error, since a configured source that fails
// (an unreadable token file, STS refusing) should be fixed, not silently replaced by another identity.
//
// Once a provider has given credentials, later Get() calls go to it directly (its configuration
// does not change while the program runs); should it answer kNotFound, the chain searches again.
// When no provider is configured, Get() is kCredentials with one message naming every provider tried
// and why it did not apply. Not thread-safe: wrap in CachingCredentialsProvider.
#include <memory>
#include <string>
#include <vector>

#include "aws/core/credentials.h"

namespace sagetrain {

class ChainCredentialsProvider final : public CredentialsProvider {
 public:
  explicit ChainCredentialsProvider(std::vector<std::shared_ptr<CredentialsProvider>> providers)
      : providers_(std::move(providers)) {}
  StatusOr<Credentials> Get() override;
  void Invalidate() override { if (winner_) winner_->Invalidate(); }
  // The winning provider's name once known, else "default credentials chain".
  std::string Name() const override;

 private:
  std::vector<std::shared_ptr<CredentialsProvider>> providers_;
  std::shared_ptr<CredentialsProvider> winner_;
};

}  // namespace sagetrain
