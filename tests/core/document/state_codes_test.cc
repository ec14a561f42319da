#include "core/document/state_codes.h"

#include <gtest/gtest.h>

#include <string>

namespace limen::core::document {
namespace {

TEST(StateCodes, IsoListComesFromIsoCodes) {
  // iso-codes lists 249 ISO 3166-1 entries; fewer would mean a broken generation step.
  EXPECT_GE(Iso3166CodeCount(), 249);
  for (const char* code : {"SWE", "FRA", "DEU", "NLD", "ZWE", "ABW", "USA"}) {
    const auto info = LookupStateCode(code);
    ASSERT_TRUE(info.has_value()) << code;
    EXPECT_EQ(info->kind, StateCodeKind::kIso3166);
  }
  EXPECT_EQ(LookupStateCode("SWE")->name, "Sweden");
}

TEST(StateCodes, Doc9303Codes) {
  for (const char* code :
       {"D",   "UTO", "XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "XOM", "XPO", "XCC",
        "XBA", "XIM", "XDC", "XES", "XMP", "EUE", "GBD", "GBN", "GBO", "GBP", "GBS", "RKS"}) {
    const auto info = LookupStateCode(code);
    ASSERT_TRUE(info.has_value()) << code;
    EXPECT_EQ(info->kind, StateCodeKind::kIcao) << code;
  }
}

TEST(StateCodes, UnknownCodes) {
  for (const char* code : {"", "XYZ", "DE", "DEUT", "D<<", "utO"}) {
    EXPECT_FALSE(LookupStateCode(code).has_value()) << code;
  }
}

TEST(StateCodes, KnownCodesAgreeWithLookup) {
  int known = 0;
  std::string code;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A' - 1; b <= 'Z'; ++b) {
      for (char c = 'A' - 1; c <= 'Z'; ++c) {
        if (b < 'A' && c >= 'A') continue;  // "A" then "AB": the letters come first.
        code = std::string(1, a) + (b < 'A' ? "" : std::string(1, b)) +
               (c < 'A' ? "" : std::string(1, c));
        ASSERT_EQ(IsKnownStateCode(code), LookupStateCode(code).has_value()) << code;
        known += IsKnownStateCode(code) ? 1 : 0;
      }
    }
  }
  EXPECT_GE(known, Iso3166CodeCount() + 24);
  for (const char* code : {"", "D<<", "utO", "1RA", "SWED"}) {
    EXPECT_FALSE(IsKnownStateCode(code)) << code;
  }
}

}  // namespace
}  // namespace limen::core::document
