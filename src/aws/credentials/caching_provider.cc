#include "aws/credentials/caching_provider.h"

#include <algorithm>

namespace sagetrain {

WallTime RefreshTime(WallTime now, WallTime expiration, Duration refresh_window) {
  const auto remaining = expiration - now;
  if (remaining >= 2 * refresh_window) return expiration - refresh_window;
  if (remaining <= remaining.zero()) return now;
  return now + remaining / 2;
}

StatusOr<Credentials> CachingCredentialsProvider::Get() {
  std::lock_guard<std::mutex> lock(mu_);
  const WallTime now = clock_.Now();
  if (cached_ && now < refresh_at_) return *cached_;
  auto fresh = inner_->Get();
  if (fresh.ok()) {
    cached_ = *fresh;
    refresh_at_ = fresh->expiration ? RefreshTime(now, *fresh->expiration, options_.refresh_window)
                                    : WallTime::max();
    return fresh;
  }
  if (cached_ && cached_->expiration && now < *cached_->expiration) {
    const auto half_remaining = (*cached_->expiration - now) / 2;
    refresh_at_ = now + std::min<WallTime::duration>(options_.retry_after_failure, half_remaining);
    return *cached_;
  }
  return fresh.status();
}

void CachingCredentialsProvider::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  cached_.reset();
  inner_->Invalidate();
}

std::string CachingCredentialsProvider::Name() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cached_ ? cached_->provider : inner_->Name();
}

}  // namespace sagetrain
