#include "store/internal/flat_json.h"

#include <gtest/gtest.h>

#include "store/identity_store.h"

namespace limen::store::internal {
namespace {

TEST(FlatJsonTest, WriterOutputParsesBackToTheSameValues) {
  std::string tricky = "quote \" backslash \\ newline \n tab \t bell \x07 é 中";
  std::string text = FlatJsonWriter()
                         .Add("s", tricky)
                         .Add("n", int64_t{-9007199254740993})
                         .Add("yes", true)
                         .Add("no", false)
                         .Add("list", std::vector<std::string>{"a", "", "\"b\""})
                         .Add("empty", std::vector<std::string>{})
                         .Finish();
  EXPECT_NE(text.find("\\u0007"), std::string::npos) << text;
  Result<FlatJsonObject> parsed = FlatJsonObject::Parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->String("s").value(), tricky);
  EXPECT_EQ(parsed->Int("n").value(), -9007199254740993);
  EXPECT_TRUE(parsed->Bool("yes").value());
  EXPECT_FALSE(parsed->Bool("no").value());
  EXPECT_EQ(parsed->Strings("list").value(), (std::vector<std::string>{"a", "", "\"b\""}));
  EXPECT_TRUE(parsed->Strings("empty")->empty());
}

TEST(FlatJsonTest, ReadsEscapesAndWhitespaceFromOtherWriters) {
  Result<FlatJsonObject> parsed =
      FlatJsonObject::Parse(" {\n \"a\" : \"\\u00e9\\ud83d\\ude00\\/\" , \"b\":null } ");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->String("a").value(), "é😀/");
}

TEST(FlatJsonTest, RejectsMalformedTextAndWrongTypes) {
  for (const char* bad : {"", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":\"x\"} x",
                          "{\"a\":\"\\ud800\"}", "{\"a\":[1]}", "{\"a\":\"\x01\"}", "{a:1}"}) {
    Result<FlatJsonObject> parsed = FlatJsonObject::Parse(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) EXPECT_EQ(parsed.status().reason(), "EVENT_PAYLOAD_INVALID");
  }
  FlatJsonObject object = FlatJsonObject::Parse("{\"a\":\"x\",\"b\":2}").value();
  EXPECT_EQ(object.Int("a").status().reason(), "EVENT_PAYLOAD_INVALID");
  EXPECT_EQ(object.String("b").status().reason(), "EVENT_PAYLOAD_INVALID");
  EXPECT_NE(object.String("missing").status().message().find("missing"), std::string::npos);
}

TEST(FlatJsonTest, ARepeatedKeyKeepsItsLastValueAndOrderDoesNotMatter) {
  FlatJsonObject object =
      FlatJsonObject::Parse("{\"b\":\"first\",\"a\":1,\"b\":[\"x\"],\"c\":true,\"b\":\"last\"}")
          .value();
  EXPECT_EQ(object.String("b").value(), "last");
  EXPECT_EQ(object.Int("a").value(), 1);
  EXPECT_TRUE(object.Bool("c").value());
  // Long values and escapes in the middle of plain runs are copied whole.
  std::string long_text(5000, 'x');
  long_text[2500] = '"';
  std::string text = FlatJsonWriter().Add("long", long_text).Add("short", "y").Finish();
  FlatJsonObject parsed = FlatJsonObject::Parse(text).value();
  EXPECT_EQ(parsed.String("long").value(), long_text);
  EXPECT_EQ(parsed.String("short").value(), "y");
}

TEST(PostKindTest, NamesRoundTrip) {
  for (PostKind kind :
       {PostKind::kAirBcp, PostKind::kLandBcp, PostKind::kSeaBcp, PostKind::kRailBcp,
        PostKind::kInlandStation, PostKind::kRegionalCentre, PostKind::kHeadquarters}) {
    EXPECT_EQ(ParsePostKind(PostKindName(kind)), kind);
  }
  EXPECT_EQ(PostKindName(PostKind::kHeadquarters), "hq");
  EXPECT_FALSE(ParsePostKind("castle").has_value());
}

}  // namespace
}  // namespace limen::store::internal
