// Inputs found by fuzz/targets/fuzz_json_answers.cc, kept as regression tests.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "training/job_description.h"
#include "training/log_pages.h"
#include "training/utc_time.h"

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
  EXPECT_EQ(page->Message(page->events[3]), "d");
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

// A DescribeTrainingJob transition ending in year 2508 (EndTime 17000000005 s) overflowed the
// conversion to nanoseconds (UBSan). Times beyond WallTime's range are now clamped to its ends; the
// other times and the numbers of the answer are kept.
// A body nested 120 levels deep was refused by ParseJsonAnswer but read as a page: the page parser
// now holds every body to the same nesting bound, so the two agree.
TEST(LogPagesFuzzRegressionTest, APageNestedTooDeepIsRefusedAsAnyAnswerIs) {
  const std::string deep = R"({"events":[)" + std::string(120, '[') + std::string(120, ']') + "]}";
  EXPECT_FALSE(ParseLogEventsPageText(deep).ok());
  const std::string shallow = R"({"events":[{"timestamp":1,"message":"a"}],"nextForwardToken":"f/1"})";
  ASSERT_TRUE(ParseLogEventsPageText(shallow).ok());
}

TEST(JobDescriptionFuzzRegressionTest, TimesAndNumbersOutOfRangeAreClampedNotUndefined) {
  const auto answer = nlohmann::json::parse(R"({
      "TrainingJobName": "j", "TrainingJobStatus": "InProgress", "CreationTime": 1700000000.5,
      "ResourceConfig": {"InstanceCount": 1e300, "VolumeSizeInGB": 50},
      "SecondaryStatusTransitions": [
        {"Status": "Starting", "StartTime": 1700000000.2, "EndTime": 17000000005},
        {"Status": "Training", "StartTime": -1e300, "EndTime": 1e300}]})");
  const auto description = ParseTrainingJobDescription(answer);
  ASSERT_TRUE(description.ok()) << description.status().ToString();
  EXPECT_EQ(EpochMillis(*description->creation_time), 1'700'000'000'500);
  ASSERT_EQ(description->transitions.size(), 2u);
  EXPECT_EQ(EpochMillis(description->transitions[0].start_time), 1'700'000'000'200);
  const WallTime latest = WallTimeFromEpochMillis(std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(description->transitions[0].end_time, latest);
  EXPECT_EQ(description->transitions[1].start_time, WallTimeFromEpochMillis(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(description->transitions[1].end_time, latest);
  EXPECT_EQ(description->instance_count, std::numeric_limits<int>::max());
}

TEST(JobDescriptionFuzzRegressionTest, EpochMillisBeyondTheRangeAreClamped) {
  EXPECT_EQ(EpochMillis(WallTimeFromEpochMillis(1'700'000'000'123)), 1'700'000'000'123);
  EXPECT_GT(WallTimeFromEpochMillis(std::numeric_limits<std::int64_t>::max()), WallTimeFromEpochMillis(9'000'000'000'000));
  EXPECT_LT(WallTimeFromEpochMillis(std::numeric_limits<std::int64_t>::min()), WallTimeFromEpochMillis(-9'000'000'000'000));
  EXPECT_EQ(WallTimeFromEpochSeconds(std::nan("")), WallTime{});
}

// Bodies cut inside a multi-byte character, and zeros with huge exponents (found by
// fuzz_json_answers), are read without touching memory outside them.
TEST(LogPagesFuzzRegressionTest, BodiesCutInsideACharacterOrWithZeroExponentsStayInBounds) {
  for (const char* text : {"{\"evTrainingJmbNamL\xEC", "{\"events\":[{\"message\":\"\xF0\x9F", "\xF0"}) {
    std::string body(text);
    body.shrink_to_fit();  // nothing after the body for a read to land in
    EXPECT_FALSE(ParseLogEventsPageText(body).ok()) << text;
  }
  const auto page = ParseLogEventsPageText(R"({"events":[{"timestamp":0e80,"message":"m"}]})");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->events.at(0).timestamp_ms, 0);
}

}  // namespace
}  // namespace sagetrain
