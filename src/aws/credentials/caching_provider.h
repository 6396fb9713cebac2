#pragma once
// A provider wrapper that caches credentials and refreshes them ahead of their expiration (the
// aws-c-auth "cached" provider). Credentials without an expiration are kept until Invalidate().
//
// When to refresh: at `refresh_window` (default 15 minutes, the SDKs' advisory refresh) before the
// expiration. Credentials that live shorter than twice the window when fetched (the emulator's
// 60-second credentials, a short role session) are refreshed at half their remaining lifetime
// instead, so they never expire in use and are not fetched at every call either.
//
// When a refresh fails but the cached credentials have not expired yet, they keep being returned
// (an STS or metadata hiccup must not end a job that has valid credentials); the refresh is retried
// after min(`retry_after_failure`, half the remaining lifetime). After Invalidate() (the service said
// the credentials expired) the cached ones are never returned again; the next Get() must refresh.
//
// Thread-safe: calls are serialised by a mutex, so the inner provider needs no locking of its own as
// long as nothing else calls it.
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aws/core/credentials.h"
#include "common/clock.h"

namespace sagetrain {

struct CachingOptions {
  Duration refresh_window = std::chrono::minutes(15);    // default: 15 minutes
  Duration retry_after_failure = std::chrono::seconds(30);  // default: 30 seconds
};

// When credentials fetched at `now` that expire at `expiration` should be refreshed. Pure.
WallTime RefreshTime(WallTime now, WallTime expiration, Duration refresh_window);

class CachingCredentialsProvider final : public CredentialsProvider {
 public:
  // REQUIRES: `clock` outlives the provider; `inner` is not null.
  CachingCredentialsProvider(std::shared_ptr<CredentialsProvider> inner, Clock& clock,
                             CachingOptions options = {})
      : inner_(std::move(inner)), clock_(clock), options_(options) {}
  StatusOr<Credentials> Get() override;
  void Invalidate() override;
  std::string Name() const override;

 private:
  std::shared_ptr<CredentialsProvider> inner_;
  Clock& clock_;
  CachingOptions options_;
  mutable std::mutex mu_;
  std::optional<Credentials> cached_;  // guarded by mu_
  WallTime refresh_at_{};              // guarded by mu_
};

}  // namespace sagetrain
