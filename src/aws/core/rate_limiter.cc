#include "aws/core/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace sagetrain {

SendTokenBucket::SendTokenBucket(double rate, double now) : last_(now) { SetRate(rate, now); }

void SendTokenBucket::Refill(double now) {
  if (now > last_) tokens_ = std::min(capacity_, tokens_ + (now - last_) * fill_rate_);
  last_ = std::max(last_, now);
}

void SendTokenBucket::SetRate(double rate, double now) {
  Refill(now);
  fill_rate_ = std::max(rate, kMinRate);
  capacity_ = std::max(rate, 1.0);
  tokens_ = std::min(tokens_, capacity_);
}

Duration SendTokenBucket::Take(double now) {
  Refill(now);
  tokens_ -= 1;
  if (tokens_ >= 0) return Duration::zero();
  // A reserved token: the debt is paid by the fill before the request goes out.
  return Duration(static_cast<Duration::rep>(std::ceil(-tokens_ / fill_rate_ * 1000.0)));
}

CubicRate::CubicRate(double starting_max_rate, double now)
    : w_max_(starting_max_rate),
      k_(std::cbrt(w_max_ * (1 - kBeta) / kScale)),
      last_throttled_(now) {}

double CubicRate::OnSuccess(double now) const {
  const double t = now - last_throttled_ - k_;
  return kScale * t * t * t + w_max_;
}

double CubicRate::OnThrottled(double rate, double now) {
  w_max_ = rate;
  k_ = std::cbrt(w_max_ * (1 - kBeta) / kScale);
  last_throttled_ = now;
  return rate * kBeta;
}

MeasuredSendRate::MeasuredSendRate(double now) : last_bucket_(std::floor(now)) {}

double MeasuredSendRate::Record(double now) {
  constexpr double kBucketsPerSecond = 2;  // half-second buckets
  constexpr double kSmoothing = 0.8;
  const double bucket = std::floor(now * kBucketsPerSecond) / kBucketsPerSecond;
  ++count_;
  if (bucket > last_bucket_) {
    const double current = count_ / (bucket - last_bucket_);
    rate_ = current * kSmoothing + rate_ * (1 - kSmoothing);
    count_ = 0;
    last_bucket_ = bucket;
  }
  return rate_;
}

ClientRateLimiter::ClientRateLimiter(double now) : bucket_(1, now), cubic_(0, now), measured_(now) {}

Duration ClientRateLimiter::BeforeSend(double now) {
  return enabled_ ? bucket_.Take(now) : Duration::zero();
}

void ClientRateLimiter::OnAnswer(bool throttled, double now) {
  const double measured = measured_.Record(now);
  double rate = 0;
  if (throttled) {
    rate = cubic_.OnThrottled(enabled_ ? std::min(measured, bucket_.rate()) : measured, now);
    enabled_ = true;
  } else {
    rate = cubic_.OnSuccess(now);
  }
  bucket_.SetRate(std::min(rate, kMaxRateOverMeasured * measured), now);
}

double LimiterSeconds(WallTime time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

}  // namespace sagetrain
