#pragma once
// ClientRateLimiter: the AWS SDKs' "adaptive" retry mode (botocore/retries/adaptive.py, bucket.py,
// throttling.py), a client-side limit on how fast one client sends, so that many processes sharing
// one account's API limits converge on it instead of spending their calls on throttled requests.
//
// - SendTokenBucket: one token per request, filled at the current send rate (never below 0.5/s),
//   holding at most max(1, rate) tokens.
// - CubicRate: the rate to send at, as TCP CUBIC moves a congestion window: a throttling answer
//   multiplies the measured rate by beta (0.7) and remembers it as w_max; then, t seconds after that
//   throttling, rate = 0.4 (t - K)^3 + w_max with K = cbrt(w_max (1 - beta) / 0.4): a quick climb
//   back towards w_max, a plateau near it, then a probe beyond.
// - MeasuredSendRate: the answers received per second, in half-second buckets, smoothed (0.8).
//
// The limiter does nothing until the first throttling answer (the SDKs' behaviour: a client never
// throttled is never slowed down); from then on every request waits for a token, and the bucket's
// rate is min(CubicRate, 2 x measured rate) after every answer.
//
// Time is passed in as seconds (any fixed origin), so tests drive it with a fake clock. Not
// thread-safe: one per AwsClient, used by its calling thread.
#include "common/clock.h"

namespace sagetrain {

class SendTokenBucket {
 public:
  // REQUIRES: rate > 0. The bucket starts empty.
  SendTokenBucket(double rate, double now);

  // Sets the fill rate (at least kMinRate) and capacity (max(1, rate)); tokens above it are dropped.
  void SetRate(double rate, double now);
  double rate() const { return fill_rate_; }

  // Takes one token and returns how long to wait before sending (zero when one was there): the
  // token is reserved now and becomes available after the returned delay.
  Duration Take(double now);

  static constexpr double kMinRate = 0.5;  // requests a second

 private:
  void Refill(double now);

  double fill_rate_ = kMinRate;
  double capacity_ = 1;
  double tokens_ = 0;
  double last_ = 0;
};

class CubicRate {
 public:
  CubicRate(double starting_max_rate, double now);
  // The rate to send at `now`, after a run of successes since the last throttling.
  double OnSuccess(double now) const;
  // A throttling answer while sending at `rate`: the new, lower rate.
  double OnThrottled(double rate, double now);

  static constexpr double kScale = 0.4;
  static constexpr double kBeta = 0.7;

 private:
  double w_max_;
  double k_;
  double last_throttled_;
};

class MeasuredSendRate {
 public:
  explicit MeasuredSendRate(double now);
  // Counts one answer at `now`; returns the smoothed rate in answers a second.
  double Record(double now);

 private:
  double rate_ = 0;
  double last_bucket_;
  int count_ = 0;
};

class ClientRateLimiter {
 public:
  explicit ClientRateLimiter(double now);

  // Before sending a request: how long to wait first (zero until the first throttling).
  Duration BeforeSend(double now);
  // After each answer (any attempt's): `throttled` when the service asked to slow down.
  void OnAnswer(bool throttled, double now);

  bool enabled() const { return enabled_; }
  double send_rate() const { return bucket_.rate(); }

  static constexpr double kMaxRateOverMeasured = 2.0;

 private:
  SendTokenBucket bucket_;
  CubicRate cubic_;
  MeasuredSendRate measured_;
  bool enabled_ = false;
};

// `time` as seconds since the epoch, the limiter's unit.
double LimiterSeconds(WallTime time);

}  // namespace sagetrain
