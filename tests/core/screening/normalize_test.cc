#include "core/screening/normalize.h"

#include <gtest/gtest.h>

#include "core/screening/similarity.h"

namespace limen::core::screening {
namespace {

std::string Joined(std::string_view name) {
  std::string out;
  for (const std::string& token : NormalizeName(name).tokens)
    out += (out.empty() ? "" : " ") + token;
  return out;
}

TEST(NormalizeTest, CyrillicFollowsIcaoTables) {
  EXPECT_EQ(Joined("Владимир Путин"), "VLADIMIR PUTIN");
  EXPECT_EQ(Joined("Щукин Юрий Хабаров"), "SHCHUKIN IURII KHABAROV");
  EXPECT_EQ(Joined("Третьяк"), "TRETIAK");
  EXPECT_TRUE(NormalizeName("Путин").non_latin);
}

TEST(NormalizeTest, ArabicSplitsTheArticleAndFlagsAbjad) {
  NormalizedName name = NormalizeName("محمد الحسن");
  ASSERT_EQ(name.tokens.size(), 3u);
  EXPECT_EQ(name.tokens[0], "MHMD");
  EXPECT_EQ(name.tokens[1], "AL");
  EXPECT_TRUE(name.abjad);
}

TEST(NormalizeTest, LatinFoldsAccentsAndSplitsHyphens) {
  EXPECT_EQ(Joined("José María Álvarez-Pérez"), "JOSE MARIA ALVAREZ PEREZ");
  EXPECT_EQ(Joined("O'Brien"), "OBRIEN");
  EXPECT_EQ(Joined("PUTIN<<VLADIMIR<<<"), "PUTIN VLADIMIR");
  EXPECT_FALSE(NormalizeName("José").non_latin);
}

TEST(NormalizeTest, OtherScriptsGoThroughIcu) {
  EXPECT_FALSE(NormalizeName("Ξενοφών").tokens.empty());
  EXPECT_FALSE(NormalizeName("김정은").tokens.empty());
  EXPECT_FALSE(NormalizeName("习近平").tokens.empty());
}

TEST(NormalizeTest, InvalidUtf8AndEmptyInputGiveNoTokens) {
  EXPECT_TRUE(NormalizeName("").tokens.empty());
  EXPECT_TRUE(NormalizeName("\xff\xfe\x80").tokens.empty());
  EXPECT_TRUE(NormalizeName("-- ,; 。").tokens.empty());
}

TEST(NormalizeTest, SkeletonBridgesVowelsAndDigraphs) {
  EXPECT_EQ(SkeletonKey("MUHAMMAD"), "MHMD");
  EXPECT_EQ(SkeletonKey("MOHAMED"), "MHMD");
  EXPECT_EQ(SkeletonKey("KHALID"), SkeletonKey("CHALID"));
  EXPECT_EQ(SkeletonKey("HUSSEIN"), SkeletonKey("HSIN"));
  EXPECT_NE(SkeletonKey("PUTIN"), SkeletonKey("PETROV"));
}

TEST(NormalizeTest, ParticlesAndGivenNames) {
  EXPECT_TRUE(IsParticle("AL"));
  EXPECT_TRUE(IsParticle("VAN"));
  EXPECT_FALSE(IsParticle("ALI"));
  EXPECT_EQ(GivenNameCanonical("MOHAMMED"), GivenNameCanonical("MUHAMAD"));
  EXPECT_EQ(GivenNameCanonical("ZZZ"), "ZZZ");
}

TEST(SimilarityTest, JaroWinklerAndEditDistance) {
  EXPECT_DOUBLE_EQ(JaroWinkler("MARTHA", "MARTHA"), 1.0);
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.961, 0.001);
  EXPECT_EQ(JaroWinkler("ABC", ""), 0.0);
  EXPECT_DOUBLE_EQ(ConfusionEditDistance("KITTEN", "KITTEN"), 0.0);
  // I/Y is a cheap confusion, X/M is not.
  EXPECT_LT(ConfusionEditDistance("SERGEI", "SERGEY"), ConfusionEditDistance("SERGEI", "SERGEX"));
  EXPECT_DOUBLE_EQ(ConfusionEditDistance("AB", "BA"), 1.0);  // One transposition.
}

TEST(SimilarityTest, CompareTokensNamesTheDecidingMethod) {
  EXPECT_EQ(CompareTokens("PUTIN", "PUTIN").method, TokenMethod::kExact);
  EXPECT_EQ(CompareTokens("J", "JOHN").method, TokenMethod::kInitial);
  EXPECT_EQ(CompareTokens("MOHAMMED", "MUHAMMAD").method, TokenMethod::kEquivalent);
  EXPECT_GE(CompareTokens("LI", "LY").score, 0.85);  // Short names keep an edit allowance.
  EXPECT_LT(CompareTokens("IVANOV", "PETROV").score, 0.72);
  TokenSimilarity abjad = CompareTokens(PrepareToken("HSIN", true), PrepareToken("HUSSEIN"));
  EXPECT_EQ(abjad.method, TokenMethod::kPhonetic);
  EXPECT_GE(abjad.score, 0.9);
}

}  // namespace
}  // namespace limen::core::screening
