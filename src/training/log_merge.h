#pragma once
// Pure helpers of log tailing: the instance label of a SageMaker log stream, and the merge that
// interleaves the events of several streams by timestamp. InstanceLabelOfStream is thread-safe; a
// TimestampMerge is a value used by one thread.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

#include "training/log_pages.h"

namespace sagetrain {

// "<job>/algo-2-1700000000" -> "algo-2". Streams of another shape keep the part after the first '/'
// (or the whole name), so nothing is ever dropped for an unexpected name.
std::string InstanceLabelOfStream(const std::string& stream_name);

// The events of one page per stream, interleaved by timestamp: each page keeps its own order even
// if its timestamps are not monotonic (CloudWatch order is the truth within a stream); on equal
// timestamps the earlier page goes first. Every event comes exactly once. Nothing is copied: the
// pages are read where they lie, and must outlive the merge.
class TimestampMerge {
 public:
  explicit TimestampMerge(const std::vector<LogEventsPage>& pages);

  // The next event and the index of its page; false once every event has come.
  bool Next(std::size_t& page, const LogEventsPage::Event*& event);

 private:
  // A k-way merge over the heads of the pages rather than a sort, so that a stream's own order is
  // kept even when its timestamps go backwards.
  using Head = std::tuple<std::int64_t, std::size_t>;  // (timestamp, page index)
  const std::vector<LogEventsPage>& pages_;
  std::vector<std::size_t> positions_;
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heads_;
};

}  // namespace sagetrain
