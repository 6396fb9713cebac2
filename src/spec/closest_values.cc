#include "spec/closest_values.h"

#include <algorithm>
#include <numeric>

namespace sagetrain {
namespace {

constexpr std::size_t kMaxListed = 12;
constexpr std::size_t kClosestShown = 5;

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
  return out;
}

}  // namespace

std::string AcceptedValuesText(std::string_view given, const std::vector<std::string>& accepted) {
  if (accepted.size() <= kMaxListed) return "one of " + Joined(accepted);
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& value : accepted) ranked.emplace_back(EditDistance(given, value), value);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> closest;
  for (std::size_t i = 0; i < kClosestShown; ++i) closest.push_back(ranked[i].second);
  return "one of " + std::to_string(accepted.size()) + " accepted values (the closest: " + Joined(closest) + ")";
}

}  // namespace sagetrain
