#include "spec/job_name.h"

#include <deque>
#include <regex>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

class ScriptedRandom final : public RandomSource {
 public:
  explicit ScriptedRandom(std::deque<std::uint64_t> values) : values_(std::move(values)) {}
  std::uint64_t Uniform(std::uint64_t bound) override {
    bounds.push_back(bound);
    const auto value = values_.front();
    values_.pop_front();
    return value;
  }
  std::vector<std::uint64_t> bounds;

 private:
  std::deque<std::uint64_t> values_;
};

WallTime At(int year, unsigned month, unsigned day, int h, int m, int s) {
  const auto date = std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return WallTime(date) + std::chrono::hours(h) + std::chrono::minutes(m) + std::chrono::seconds(s) +
         std::chrono::milliseconds(999);
}

TEST(JobNameTest, UtcTimestampAndFourRandomCharacters) {
  ScriptedRandom random({0, 25, 26, 35});
  EXPECT_EQ(DefaultTrainingJobName(At(2024, 3, 7, 9, 5, 59), random), "TrainingJob-20240307090559-AZ09");
  EXPECT_EQ(random.bounds, (std::vector<std::uint64_t>{36, 36, 36, 36}));
}

TEST(JobNameTest, MatchesTheServicePattern) {
  ScriptedRandom random({1, 2, 3, 4});
  const std::string name = DefaultTrainingJobName(At(1999, 12, 31, 23, 59, 59), random);
  EXPECT_EQ(name, "TrainingJob-19991231235959-BCDE");
  EXPECT_TRUE(std::regex_match(name, std::regex("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")));
  EXPECT_LE(name.size(), 63u);
}

}  // namespace
}  // namespace sagetrain
