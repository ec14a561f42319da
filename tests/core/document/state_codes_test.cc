#include "core/document/state_codes.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace limen::core::document
