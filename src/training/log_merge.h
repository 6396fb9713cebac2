#pragma once
// Pure helpers of log tailing: the instance label of a SageMaker log stream, and the merge that
// interleaves the events of several streams by timestamp. Thread-safe (no state).
#include <cstdint>
#include <string>
#include <vector>

namespace sagetrain {

// An event ready to print: its time, the instance it came from ("algo-2") and its text.
struct InstanceLogEvent {
  std::int64_t timestamp_ms = 0;
  std::string instance;
  std::string message;
};

// "<job>/algo-2-1700000000" -> "algo-2". Streams of another shape keep the part after the first '/'
// (or the whole name), so nothing is ever dropped for an unexpected name.
std::string InstanceLabelOfStream(const std::string& stream_name);

// Interleaves per-stream sequences by timestamp. Each input keeps its own order even if its
// timestamps are not monotonic (CloudWatch order is the truth within a stream); on equal timestamps
// the earlier input goes first. Every event appears exactly once in the result.
std::vector<InstanceLogEvent> MergeByTimestamp(std::vector<std::vector<InstanceLogEvent>> streams);

}  // namespace sagetrain
