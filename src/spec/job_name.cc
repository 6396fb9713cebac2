#include "spec/job_name.h"

#include <chrono>
#include <cstdio>
#include <string_view>

namespace sagetrain {
namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr int kRandomLength = 4;
}  // namespace

std::string DefaultTrainingJobName(WallTime now, RandomSource& random) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{seconds - day};
  char stamp[32];
  std::snprintf(stamp, sizeof(stamp), "%04d%02u%02u%02ld%02ld%02ld", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()));
  std::string name = "TrainingJob-" + std::string(stamp) + "-";
  for (int i = 0; i < kRandomLength; ++i) name += kAlphabet[random.Uniform(kAlphabet.size())];
  return name;
}

}  // namespace sagetrain
