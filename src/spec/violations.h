#pragma once
// The list of everything wrong with the input, collected while the whole input is checked so that
// the user sees every problem at once (exit code 2). A plain value; not synchronised.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sagetrain {

struct Violation {
  std::string argument;  // without "--"
  std::string message;   // says what is accepted and quotes what was given

  // "--instance_count: must be an integer >= 1, got \"0\"".
  std::string ToString() const { return "--" + argument + ": " + message; }
};

class Violations {
 public:
  void Add(std::string_view argument, std::string message) {
    list_.push_back({std::string(argument), std::move(message)});
  }
  // Adds one violation per message, prefixing each with "<prefix>" (e.g. a JSON path).
  void AddAll(std::string_view argument, const std::vector<std::string>& messages, const std::string& prefix = "") {
    for (const auto& message : messages) Add(argument, prefix + message);
  }
  bool empty() const { return list_.empty(); }
  bool Has(std::string_view argument) const {
    for (const auto& v : list_) {
      if (v.argument == argument) return true;
    }
    return false;
  }
  const std::vector<Violation>& list() const { return list_; }

 private:
  std::vector<Violation> list_;
};

// The violations listed as the user reads them, one per line: the first `max_listed`, then
// "... and N more" (a 40,000-element list of wrong channels must not print megabytes).
inline constexpr std::size_t kMaxViolationsListed = 50;
inline std::vector<std::string> ListedViolations(const Violations& violations,
                                                 std::size_t max_listed = kMaxViolationsListed) {
  std::vector<std::string> lines;
  const std::vector<Violation>& all = violations.list();
  for (std::size_t i = 0; i < all.size() && i < max_listed; ++i) lines.push_back(all[i].ToString());
  if (all.size() > max_listed) lines.push_back("... and " + std::to_string(all.size() - max_listed) + " more");
  return lines;
}

}  // namespace sagetrain
