#include "core/screening/matcher.h"

#include <gtest/gtest.h>

#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

class UniformWeights : public TokenWeights {
 public:
  double Weight(std::string_view) const override { return 1.0; }
};

std::vector<PreparedToken> Tokens(std::string_view name) {
  std::vector<PreparedToken> out;
  for (const std::string& token : NormalizeName(name).tokens) out.push_back(PrepareToken(token));
  return out;
}

double NameScore(std::string_view a, std::string_view b) {
  return MatchNames(Tokens(a), Tokens(b), UniformWeights()).score;
}

TEST(MatcherTest, OrderDoesNotMatter) {
  EXPECT_DOUBLE_EQ(NameScore("Vladimir Putin", "Putin Vladimir"), 1.0);
}

TEST(MatcherTest, ExtraListedTokensCostLessThanMissingQueryTokens) {
  double extra_listed = NameScore("Vladimir Putin", "Vladimir Vladimirovich Putin");
  double extra_query = NameScore("Vladimir Vladimirovich Putin", "Vladimir Putin");
  EXPECT_LT(extra_listed, 1.0);
  EXPECT_GT(extra_listed, extra_query);
}

TEST(MatcherTest, JoinsCompoundTokensAndExplainsTheAlignment) {
  NameMatch match =
      MatchNames(Tokens("Abdulrahman Yasin"), Tokens("Abdul Rahman Yasin"), UniformWeights());
  EXPECT_GT(match.score, 0.95);
  bool joined = false;
  for (const TokenAlignment& a : match.alignment) joined |= a.entry_tokens == "ABDUL+RAHMAN";
  EXPECT_TRUE(joined);
}

TEST(MatcherTest, DifferentPeopleScoreLow) {
  EXPECT_LT(NameScore("Ivan Ivanov", "Petr Sidorov"), 0.3);
  EXPECT_LT(NameScore("Ivan Ivanov", "Ivan Petrov"), 0.7);
}

TEST(MatcherTest, DocumentNumbersFoldMisreads) {
  EXPECT_EQ(FoldDocumentNumber("AB-1O2 345"), FoldDocumentNumber("A8 102 345"));
  EXPECT_EQ(FoldDocumentNumber("0IS"), FoldDocumentNumber("O15"));
  EXPECT_NE(FoldDocumentNumber("X123"), FoldDocumentNumber("Y123"));
}

WatchlistEntry Entry() {
  WatchlistEntry entry;
  entry.id = "e1";
  entry.names = {{"Vladimir Putin", NameType::kPrimary}, {"Vova", NameType::kWeakAlias}};
  entry.dates_of_birth = {{1952, 10, 7}};
  entry.nationalities = {"RUS"};
  entry.sex = Sex::kMale;
  entry.document_numbers = {"P1234567"};
  return entry;
}

EntryScore Score(const ScreeningQuery& query) {
  std::vector<std::vector<PreparedToken>> query_tokens;
  for (const std::string& name : query.names) query_tokens.push_back(Tokens(name));
  WatchlistEntry entry = Entry();
  std::vector<std::vector<PreparedToken>> entry_tokens;
  for (const EntryName& name : entry.names) entry_tokens.push_back(Tokens(name.full));
  return ScoreEntry(query, query_tokens, entry, entry_tokens, UniformWeights());
}

bool Fired(const EntryScore& score, std::string_view name) {
  for (const FiredFeature& f : score.features) {
    if (f.name == name) return true;
  }
  return false;
}

TEST(MatcherTest, QualifiersAdjustTheScoreAndAreListed) {
  ScreeningQuery query;
  query.names = {"Vladimir Putin"};
  double plain = Score(query).score;
  query.date_of_birth = PartialDate{1952, 10, 7};
  EntryScore with_dob = Score(query);
  EXPECT_TRUE(Fired(with_dob, "dob_exact"));
  query.date_of_birth = PartialDate{1980, 0, 0};
  query.sex = Sex::kFemale;
  query.nationality = "FRA";
  EntryScore mismatch = Score(query);
  EXPECT_TRUE(Fired(mismatch, "dob_mismatch"));
  EXPECT_TRUE(Fired(mismatch, "sex_mismatch"));
  EXPECT_TRUE(Fired(mismatch, "nationality_mismatch"));
  EXPECT_LT(mismatch.score, plain - 0.3);
  EXPECT_GE(with_dob.score, plain);
}

TEST(MatcherTest, DocumentNumberMatchesExactlyAndWithMisreads) {
  ScreeningQuery query;
  query.names = {"Ivan Sidorov"};
  query.document_number = "P1234567";
  EXPECT_TRUE(Fired(Score(query), "document_exact"));
  query.document_number = "P12345G7";
  EXPECT_TRUE(Fired(Score(query), "document_misread"));
}

TEST(MatcherTest, WeakAliasAndSingleWordArePenalised) {
  ScreeningQuery query;
  query.names = {"Vova"};
  EntryScore score = Score(query);
  EXPECT_TRUE(Fired(score, "weak_alias"));
  EXPECT_TRUE(Fired(score, "single_token_query"));
  EXPECT_LT(score.score, 0.9);
}

}  // namespace
}  // namespace limen::core::screening
