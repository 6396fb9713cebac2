#pragma once
// AWS credentials and the provider interface every source of credentials implements
// (environment, web identity, profile files, container, IMDS, assume-role, the chain, the cache).
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace sagetrain {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;  // secret: never logged
  std::string session_token;      // secret: never logged; empty for long-term keys
  std::optional<WallTime> expiration;  // nullopt: does not expire
  std::string provider;           // which provider produced them, e.g. "environment" (for logs)
};

// A source of credentials. Get() may do I/O (files, HTTP); providers that return temporary
// credentials are wrapped in a cache that refreshes ahead of expiry. Not thread-safe.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Credentials, or kCredentials (nothing configured / unusable), kUnavailable (a transient failure
  // reaching an endpoint: worth retrying), or kAwsError (STS refused).
  virtual StatusOr<Credentials> Get() = 0;
  // The credentials last returned were rejected as expired: the next Get() must fetch anew.
  virtual void Invalidate() {}
  // A short name for messages: "environment", "web identity", "profile default", ...
  virtual std::string Name() const = 0;
};

}  // namespace sagetrain
