#include "curves/metric_series.h"

#include <algorithm>

namespace sagetrain {

MetricSeries::MetricSeries(std::size_t max_buckets) : max_buckets_(std::max<std::size_t>(max_buckets & ~std::size_t{1}, 2)) {}

void MetricSeries::Add(std::int64_t time_ms, double value) {
  const MetricPoint point{time_ms, value, added_++};
  if (buckets_.empty() || buckets_.back().count == bucket_capacity_) {
    if (buckets_.size() == max_buckets_) MergePairs();
  }
  if (buckets_.empty() || buckets_.back().count == bucket_capacity_) {
    buckets_.push_back(Bucket{point, point, point, point, 1});
    return;
  }
  Bucket& bucket = buckets_.back();
  if (value < bucket.low.value) bucket.low = point;
  if (value > bucket.high.value) bucket.high = point;
  bucket.last = point;
  ++bucket.count;
}

// Only ever called with every bucket full and an even count, so the merged buckets are full too.
void MetricSeries::MergePairs() {
  for (std::size_t i = 0; i < buckets_.size() / 2; ++i) {
    const Bucket& a = buckets_[2 * i];
    const Bucket& b = buckets_[2 * i + 1];
    buckets_[i] = Bucket{a.first, b.low.value < a.low.value ? b.low : a.low,
                         b.high.value > a.high.value ? b.high : a.high, b.last, a.count + b.count};
  }
  buckets_.resize(buckets_.size() / 2);
  bucket_capacity_ *= 2;
}

std::size_t MetricSeries::DistinctPoints(const Bucket& bucket, MetricPoint (&out)[4]) {
  std::size_t n = 0;
  for (const MetricPoint* point : {&bucket.first, &bucket.low, &bucket.high, &bucket.last}) {
    const bool seen = std::any_of(out, out + n, [&](const MetricPoint& p) { return p.sequence == point->sequence; });
    if (!seen) out[n++] = *point;
  }
  std::sort(out, out + n, [](const MetricPoint& a, const MetricPoint& b) { return a.sequence < b.sequence; });
  return n;
}

std::vector<MetricPoint> MetricSeries::Points() const {
  std::vector<MetricPoint> points;
  points.reserve(buckets_.size() * 2);
  for (const Bucket& bucket : buckets_) {
    MetricPoint distinct[4];
    const std::size_t n = DistinctPoints(bucket, distinct);
    points.insert(points.end(), distinct, distinct + n);
  }
  return points;
}

std::size_t MetricSeries::stored_points() const {
  std::size_t total = 0;
  for (const Bucket& bucket : buckets_) {
    MetricPoint distinct[4];
    total += DistinctPoints(bucket, distinct);
  }
  return total;
}

MetricPoint MetricSeries::lowest() const {
  MetricPoint best = buckets_.front().low;
  for (const Bucket& bucket : buckets_) {
    if (bucket.low.value < best.value) best = bucket.low;
  }
  return best;
}

MetricPoint MetricSeries::highest() const {
  MetricPoint best = buckets_.front().high;
  for (const Bucket& bucket : buckets_) {
    if (bucket.high.value > best.value) best = bucket.high;
  }
  return best;
}

}  // namespace sagetrain
