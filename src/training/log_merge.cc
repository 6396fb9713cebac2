#include "training/log_merge.h"

#include <cctype>

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

TimestampMerge::TimestampMerge(const std::vector<LogEventsPage>& pages)
    : pages_(pages), positions_(pages.size(), 0) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (!pages[i].events.empty()) heads_.emplace(pages[i].events[0].timestamp_ms, i);
  }
}

bool TimestampMerge::Next(std::size_t& page, const LogEventsPage::Event*& event) {
  if (heads_.empty()) return false;
  page = std::get<1>(heads_.top());
  heads_.pop();
  const auto& events = pages_[page].events;
  event = &events[positions_[page]];
  if (++positions_[page] < events.size()) heads_.emplace(events[positions_[page]].timestamp_ms, page);
  return true;
}

}  // namespace sagetrain
