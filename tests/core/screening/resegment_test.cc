#include "core/screening/resegment.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace limen::core::screening {
namespace {

using Segmented = std::vector<std::string>;

struct SegmentVocabulary {
  std::set<std::string, std::less<>> words;
  std::set<std::string, std::less<>> near_words;  // Answered "near" without being listed.
  std::function<bool(std::string_view)> listed() const {
    return [this](std::string_view t) { return words.find(t) != words.end(); };
  }
  std::function<bool(std::string_view)> near() const {
    return [this](std::string_view t) {
      return words.find(t) != words.end() || near_words.find(t) != near_words.end();
    };
  }
};

bool HasSegmentation(const std::vector<Segmented>& all, const Segmented& tokens) {
  return std::find(all.begin(), all.end(), tokens) != all.end();
}

TEST(ResegmentTest, SplitsAJoinedGivenNameAndSurname) {
  SegmentVocabulary v{{"ALBERT", "ACHKINADZE"}, {}};
  auto out = Resegmentations({"ALBERTACHKINADZE"}, v.listed(), v.near());
  EXPECT_TRUE(HasSegmentation(out, Segmented{"ALBERT", "ACHKINADZE"}));
}

TEST(ResegmentTest, SplitsAroundAStrayLetterAtTheBoundary) {
  SegmentVocabulary v{{"ABIGAIL", "SISNEROS"}, {}};
  auto out = Resegmentations({"ABIGAILRSISNEROS"}, v.listed(), v.near());
  // The longest listed prefix and the longest listed suffix; the stray letter stays for the
  // edit distance.
  EXPECT_TRUE(HasSegmentation(out, Segmented{"ABIGAIL", "RSISNEROS"}));
  EXPECT_TRUE(HasSegmentation(out, Segmented{"ABIGAILR", "SISNEROS"}));
}

TEST(ResegmentTest, MovesALetterBackAcrossTheSpace) {
  SegmentVocabulary v{{"NORMA", "MADRIGAL", "IVAN", "YEVENKO"}, {}};
  EXPECT_TRUE(HasSegmentation(Resegmentations({"NORMAM", "ADRIGAL"}, v.listed(), v.near()),
                              Segmented{"NORMA", "MADRIGAL"}));
  EXPECT_TRUE(HasSegmentation(Resegmentations({"IVA", "NYEVENKO"}, v.listed(), v.near()),
                              Segmented{"IVAN", "YEVENKO"}));
}

TEST(ResegmentTest, LeavesListedAndNearTokensAlone) {
  SegmentVocabulary v{{"ALBU", "ALBUQUERQUE", "ALESSANDRA"}, {"ALBUQUEEQUE"}};
  // Every token listed: nothing to propose.
  EXPECT_TRUE(Resegmentations({"ALESSANDRA", "ALBUQUERQUE"}, v.listed(), v.near()).empty());
  // One typing error from a listed token: the edit distance finds it, no split into ALBU+....
  EXPECT_TRUE(Resegmentations({"ALESSANDRA", "ALBUQUEEQUE"}, v.listed(), v.near()).empty());
  // Short tokens are never split.
  SegmentVocabulary short_words{{"AB", "CDE"}, {}};
  EXPECT_TRUE(Resegmentations({"ABCDE"}, short_words.listed(), short_words.near()).empty());
}

TEST(ResegmentTest, ProposesAtMostTheLimitAndNeverTheInput) {
  SegmentVocabulary v{{"AAAA", "BBBB", "CCCC", "DDDD", "EEEE", "FFFF", "GGGG", "HHHH", "IIII"}, {}};
  // Five joined tokens, each with one listed split: more than the limit.
  Segmented input{"AAAABBBB", "CCCCDDDD", "EEEEFFFF", "GGGGHHHH", "IIIIAAAA"};
  auto out = Resegmentations(input, v.listed(), v.near());
  EXPECT_EQ(out.size(), kMaxResegmentations);
  EXPECT_FALSE(HasSegmentation(out, input));
  EXPECT_TRUE(HasSegmentation(
      out, Segmented{"AAAA", "BBBB", "CCCCDDDD", "EEEEFFFF", "GGGGHHHH", "IIIIAAAA"}));
  std::set<Segmented> distinct(out.begin(), out.end());
  EXPECT_EQ(distinct.size(), out.size());
}

}  // namespace
}  // namespace limen::core::screening
