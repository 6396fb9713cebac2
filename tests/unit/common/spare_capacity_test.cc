// GiveBackSpareCapacity: a string that shrank stops costing the memory it no longer uses, and keeps
// working as a string.
#include "common/spare_capacity.h"

#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

// Bytes of the process's memory resident in RAM now (/proc/self/statm, second field, in pages).
std::size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t total_pages = 0;
  std::size_t resident_pages = 0;
  statm >> total_pages >> resident_pages;
  return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

TEST(SpareCapacityTest, AShrunkStringGivesItsMemoryBackAndKeepsItsContents) {
  constexpr std::size_t kLarge = 16u << 20;
  std::string text(kLarge, 'x');  // every page touched: resident
  for (std::size_t i = 0; i < 1024; ++i) text[i] = static_cast<char>('a' + i % 26);
  const std::string kept = text.substr(0, 1024);
  text.resize(1024);
  const std::size_t capacity = text.capacity();

  const std::size_t before = ResidentBytes();
  const std::size_t given_back = GiveBackSpareCapacity(text);
  const std::size_t after = ResidentBytes();

  EXPECT_GE(given_back, kLarge - (64u << 10));
  EXPECT_GE(before - after, kLarge / 2) << "resident " << before << " -> " << after;
  EXPECT_EQ(text, kept);
  EXPECT_EQ(text.capacity(), capacity);
  EXPECT_EQ(text.c_str()[text.size()], '\0');
  // It grows into the pages given back as into any spare room.
  text.append(kLarge / 2, 'y');
  EXPECT_EQ(text.size(), 1024 + kLarge / 2);
  EXPECT_EQ(text.substr(0, 1024), kept);
  EXPECT_EQ(text.find_first_not_of('y', 1024), std::string::npos);
}

TEST(SpareCapacityTest, LittleOrNoSpareRoomIsLeftAlone) {
  std::string small(1000, 'x');
  small.resize(10);
  EXPECT_EQ(GiveBackSpareCapacity(small), 0u);
  EXPECT_EQ(small, std::string(10, 'x'));

  std::string full(1u << 20, 'x');
  full.resize(full.capacity());
  EXPECT_EQ(GiveBackSpareCapacity(full), 0u);
  EXPECT_EQ(full, std::string(full.capacity(), 'x'));

  std::string below_minimum(1u << 20, 'x');
  below_minimum.resize((1u << 20) - (32u << 10));
  EXPECT_EQ(GiveBackSpareCapacity(below_minimum, 64u << 10), 0u);
}

}  // namespace
}  // namespace sagetrain
