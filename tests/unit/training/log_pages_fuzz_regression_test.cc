// Inputs found by fuzz/targets/fuzz_json_answers.cc, kept as regression tests.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "training/log_pages.h"

namespace sagetrain {
namespace {

// A GetLogEvents timestamp of 1.7e73 was converted double -> int64 out of range (undefined behaviour,
// reported by UBSan). Such numbers are now clamped; real integer timestamps are kept exactly.
TEST(LogPagesFuzzRegressionTest, HugeOrFractionalTimestampsAreClampedNotUndefined) {
  const auto answer = nlohmann::json::parse(
      R"({"events":[{"timestamp":1.7e73,"message":"a"},{"timestamp":-1e300,"message":"b"},)"
      R"({"timestamp":1700000001000.7,"message":"c"},{"timestamp":1700000001000,"message":"d"}],)"
      R"("nextForwardToken":"f/1"})");
  const auto page = ParseLogEventsPage(answer);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events.size(), 4u);
  EXPECT_GT(page->events[0].timestamp_ms, 0);
  EXPECT_LT(page->events[1].timestamp_ms, 0);
  EXPECT_EQ(page->events[2].timestamp_ms, 1700000001000);
  EXPECT_EQ(page->events[3].timestamp_ms, 1700000001000);
  EXPECT_EQ(page->events[3].message, "d");
}

}  // namespace
}  // namespace sagetrain
