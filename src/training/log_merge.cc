#include "training/log_merge.h"

#include <cctype>
#include <queue>
#include <tuple>

namespace sagetrain {

std::string InstanceLabelOfStream(const std::string& stream_name) {
  const std::size_t slash = stream_name.find('/');
  std::string tail = slash == std::string::npos ? stream_name : stream_name.substr(slash + 1);
  // The trailing "-<epoch seconds>" distinguishes restarts of one instance; the label omits it.
  const std::size_t dash = tail.rfind('-');
  if (dash == std::string::npos || dash + 1 == tail.size()) return tail;
  for (std::size_t i = dash + 1; i < tail.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(tail[i]))) return tail;
  }
  const std::string head = tail.substr(0, dash);
  return head.starts_with("algo-") ? head : tail;
}

std::vector<InstanceLogEvent> MergeByTimestamp(std::vector<std::vector<InstanceLogEvent>> streams) {
  // A k-way merge over the heads of the streams rather than a sort, so that a stream's own order is
  // kept even when its timestamps go backwards.
  using Head = std::tuple<std::int64_t, std::size_t>;  // (timestamp, stream index)
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
  std::vector<std::size_t> positions(streams.size(), 0);
  std::size_t total = 0;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    total += streams[i].size();
    if (!streams[i].empty()) heads.emplace(streams[i][0].timestamp_ms, i);
  }
  std::vector<InstanceLogEvent> merged;
  merged.reserve(total);
  while (!heads.empty()) {
    const auto [timestamp, index] = heads.top();
    heads.pop();
    merged.push_back(std::move(streams[index][positions[index]]));
    if (++positions[index] < streams[index].size()) {
      heads.emplace(streams[index][positions[index]].timestamp_ms, index);
    }
  }
  return merged;
}

}  // namespace sagetrain
