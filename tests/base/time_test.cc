#include "base/time.h"

#include <gtest/gtest.h>

namespace limen {
namespace {

TEST(TimeTest, CivilRoundTrip) {
  for (int64_t days = -800000; days < 800000; days += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(days)), days);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
}

TEST(TimeTest, ValidDates) {
  EXPECT_TRUE(IsValidDate(2024, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 2, 29));
  EXPECT_FALSE(IsValidDate(1900, 2, 29));
  EXPECT_TRUE(IsValidDate(2000, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 13, 1));
  EXPECT_FALSE(IsValidDate(2023, 4, 31));
}

TEST(TimeTest, ParseAndFormatDate) {
  auto date = ParseDate("2026-11-26");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(FormatDate(*date), "2026-11-26");
  EXPECT_FALSE(ParseDate("2026-02-30").has_value());
  EXPECT_FALSE(ParseDate("2026-1-01").has_value());
  EXPECT_FALSE(ParseDate("abcd-ef-gh").has_value());
}

TEST(TimeTest, ParseAndFormatTimestamp) {
  auto ts = ParseTimestamp("2026-11-26T17:20:00.5Z");
  ASSERT_TRUE(ts.has_value());
  EXPECT_EQ(FormatTimestamp(*ts), "2026-11-26T17:20:00.500000Z");
  auto offset = ParseTimestamp("2026-11-26T19:20:00+02:00");
  ASSERT_TRUE(offset.has_value());
  EXPECT_EQ(*offset, *ts - 500000);
  EXPECT_FALSE(ParseTimestamp("2026-11-26T17:20:00").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-11-26T25:20:00Z").has_value());
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999999Z");
}

TEST(TimeTest, FakeClockAdvances) {
  FakeClock clock(100);
  clock.Advance(50);
  EXPECT_EQ(clock.Now(), 150);
}

}  // namespace
}  // namespace limen
