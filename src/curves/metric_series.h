#pragma once
// MetricSeries: the points of one metric on one instance, in bounded memory however long the job runs.
//
// Points are kept in buckets of consecutive points, each remembering its first, lowest, highest and last
// point (bucketed min/max decimation). While fewer than `max_buckets` buckets exist every point is its
// own bucket; when they are all full, neighbouring buckets merge pairwise and each new bucket takes
// twice as many points. So at most 4 x max_buckets points are stored, and whatever was added, the
// series' first and last points and its lowest and highest values are among those kept: a curve drawn
// from them has the true envelope, start and end.
//
// A value; not synchronised.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sagetrain {

struct MetricPoint {
  std::int64_t time_ms = 0;  // the log event's timestamp, epoch milliseconds
  double value = 0;
  std::uint64_t sequence = 0;  // its rank in the series (0 for the first point added)
};

class MetricSeries {
 public:
  static constexpr std::size_t kDefaultMaxBuckets = 256;

  // REQUIRES: max_buckets is even and >= 2.
  explicit MetricSeries(std::size_t max_buckets = kDefaultMaxBuckets);

  void Add(std::int64_t time_ms, double value);

  // The kept points in the order they were added; each point once.
  std::vector<MetricPoint> Points() const;

  std::size_t stored_points() const;  // as many as Points() gives, without building it
  std::uint64_t added_points() const { return added_; }
  bool empty() const { return added_ == 0; }

  // REQUIRES: !empty(). Of all points ever added (ties: the earliest).
  const MetricPoint& first() const { return buckets_.front().first; }
  const MetricPoint& last() const { return buckets_.back().last; }
  MetricPoint lowest() const;
  MetricPoint highest() const;

 private:
  struct Bucket {
    MetricPoint first, low, high, last;
    std::uint64_t count = 0;
  };
  void MergePairs();
  static std::size_t DistinctPoints(const Bucket& bucket, MetricPoint (&out)[4]);

  std::size_t max_buckets_;
  std::uint64_t bucket_capacity_ = 1;  // points per full bucket
  std::uint64_t added_ = 0;
  std::vector<Bucket> buckets_;
};

}  // namespace sagetrain
