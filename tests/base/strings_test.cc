#include "base/strings.h"

#include <gtest/gtest.h>

namespace limen {
namespace {

TEST(StringsTest, TrimAndSplit) {
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  EXPECT_EQ(Trim("   "), "");
  auto parts = Split("a;;b", ';');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
}

TEST(StringsTest, CaseAndHex) {
  EXPECT_EQ(ToUpperAscii("abZ9é"), "ABZ9é");
  EXPECT_EQ(ToLowerAscii("ABz"), "abz");
  EXPECT_EQ(HexEncode(std::string("\x00\xff\x10", 3)), "00ff10");
  EXPECT_TRUE(StartsWith("/api/v1/x", "/api/v1"));
}

}  // namespace
}  // namespace limen

namespace limen {
namespace {

TEST(StringsTest, JsonEscaping) {
  std::string out;
  AppendJsonEscaped(out, "a\"b\\c\nd\x01\x1f\b\fé");
  EXPECT_EQ(out, "a\\\"b\\\\c\\nd\\u0001\\u001f\\b\\fé");
}

}  // namespace
}  // namespace limen
