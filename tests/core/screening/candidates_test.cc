#include "core/screening/candidates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

WatchlistEntry ListedPerson(std::string id, std::string name) {
  WatchlistEntry entry;
  entry.id = std::move(id);
  entry.list_id = "default";
  entry.names.push_back({std::move(name), NameType::kPrimary});
  return entry;
}

std::vector<QueryName> QueryNames(std::string_view name) {
  NormalizedName normalized = NormalizeName(name);
  return {PrepareQueryName(normalized.tokens, normalized.abjad)};
}

std::vector<Candidate> FindFor(const WatchlistIndex& index, std::string_view name,
                               CandidateLimits limits = {}, std::string_view document = {}) {
  std::vector<Candidate> out;
  std::vector<QueryName> names = QueryNames(name);
  FindCandidates(index, names, document, limits, out);
  return out;
}

bool HasEntry(const WatchlistIndex& index, const std::vector<Candidate>& candidates,
              std::string_view id) {
  return std::any_of(candidates.begin(), candidates.end(),
                     [&](const Candidate& c) { return index.entry_id(c.entry) == id; });
}

// Unique invented surnames, so that the filler never resembles the names tested.
std::string FillerSurname(size_t i) {
  static constexpr std::string_view kSyllables[] = {"BRO", "TEL", "QUA", "MIR", "ZON",
                                                    "PLE", "DUR", "VAX", "NOK", "SIF"};
  std::string out;
  for (size_t k = 0; k < 4; ++k, i /= 10) out += kSyllables[i % 10];
  return out;
}

std::vector<WatchlistEntry> CandidateList() {
  return {ListedPerson("p1", "Aleksandr Sergeevich Kuznetsov"),
          ListedPerson("p2", "Hussein Makhlouf"), ListedPerson("p3", "Maria Garcia Lopez"),
          ListedPerson("p4", "Ivan Petrov"), ListedPerson("p5", "Abdulrahman Al Tikriti")};
}

TEST(CandidatesTest, FindsANameWhoseTokensAreAllMisspelt) {
  auto index = WatchlistIndex::Build(CandidateList());
  EXPECT_TRUE(HasEntry(*index, FindFor(*index, "Alexandr Kusnetsof"), "p1"));
  EXPECT_TRUE(HasEntry(*index, FindFor(*index, "Husein Machluf"), "p2"));
  EXPECT_TRUE(HasEntry(*index, FindFor(*index, "Iwan Petroff"), "p4"));
}

TEST(CandidatesTest, AQuerySharingNothingGetsNoCandidates) {
  auto index = WatchlistIndex::Build(CandidateList());
  EXPECT_TRUE(FindFor(*index, "Xu Qing").empty());
  EXPECT_TRUE(FindFor(*index, "Olufemi Adebayo").empty());
}

TEST(CandidatesTest, ADocumentNumberMatchIsACandidateWhateverTheName) {
  std::vector<WatchlistEntry> list = CandidateList();
  list[3].document_numbers = {"AB1234567"};
  auto index = WatchlistIndex::Build(std::move(list));
  std::vector<Candidate> found = FindFor(*index, "Xu Qing", {}, "AB 123456 7");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(index->entry_id(found[0].entry), "p4");
  EXPECT_GT(found[0].bound, 1.0f);
}

// Five thousand people share the query's given names: their lists are long, the misspelt rare
// surname is read first, and the result stays within the name limit.
TEST(CandidatesTest, CommonTokensDoNotExplode) {
  std::vector<WatchlistEntry> list;
  for (size_t i = 0; i < 5000; ++i)
    list.push_back(ListedPerson("f" + std::to_string(i), "Mohammed Ali " + FillerSurname(i)));
  list.push_back(ListedPerson("target", "Mohammed Ali Haddad"));
  auto index = WatchlistIndex::Build(std::move(list));
  CandidateLimits limits;
  limits.names = 48;
  limits.posting_budget = 2000;  // Less than either given name's list.
  std::vector<Candidate> found = FindFor(*index, "Mohamed Ali Hadad", limits);
  EXPECT_LE(found.size(), 48u);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(index->entry_id(found[0].entry), "target");
  // Only the given names in common: no candidate is estimated as a close match.
  found = FindFor(*index, "Mohammed Ali Nakamura", limits);
  EXPECT_LE(found.size(), 48u);
  for (const Candidate& c : found) EXPECT_LT(c.estimate, 0.8f);
}

// Two typing errors' worth of trigrams lost: ARBAMOVA shares only common trigrams (AMO, MOV,
// OVA) with ABRAMOVA, which hundreds of listed -OVA surnames also carry, but the two are one
// swap apart and so share a deletion key.
TEST(CandidatesTest, FindsASwappedLetterAmongManyCommonTrigrams) {
  std::vector<WatchlistEntry> list;
  for (size_t i = 0; i < 3000; ++i)
    list.push_back(ListedPerson("f" + std::to_string(i), "Agata " + FillerSurname(i) + "OVA"));
  list.push_back(ListedPerson("target", "Agata Abramova"));
  auto index = WatchlistIndex::Build(std::move(list));
  EXPECT_TRUE(HasEntry(*index, FindFor(*index, "Agata Arbamova"), "target"));
}

// Both query words are common: the names carrying both must be reached, not an arbitrary slice
// of the names carrying the rarer one, however the posting budget is set.
TEST(CandidatesTest, CommonGivenNameAndCommonSurnameMeetWithinTheBudget) {
  std::vector<WatchlistEntry> list;
  for (size_t i = 0; i < 4000; ++i) {
    list.push_back(ListedPerson("a" + std::to_string(i), "Alessandra " + FillerSurname(i)));
    list.push_back(
        ListedPerson("b" + std::to_string(i), "Jurema " + FillerSurname(i) + " Albuquerque"));
  }
  list.push_back(ListedPerson("target", "Alessandra Albuquerque"));
  auto index = WatchlistIndex::Build(std::move(list));
  CandidateLimits limits;
  limits.posting_budget = 1000;  // Far below either word's 4,000 names.
  std::vector<Candidate> found = FindFor(*index, "Alessandra Albuqueeque", limits);
  EXPECT_TRUE(HasEntry(*index, found, "target"));
  EXPECT_EQ(index->entry_id(found.front().entry), "target");
}

// The bound must never be below the score the scorer gives (else a hit could be skipped).
TEST(CandidatesTest, BoundIsAtLeastTheNameScore) {
  std::vector<WatchlistEntry> list = CandidateList();
  list.push_back(ListedPerson("p6", "Abdul Rahman Haddad"));
  list.push_back(ListedPerson("p7", "John Smith"));
  list.push_back(ListedPerson("p8", "Maria Lopez Garcia"));
  auto index = WatchlistIndex::Build(std::move(list));
  for (std::string_view query :
       {"Aleksandr Kuznetsov", "Alexander Kusnetsov", "Abdulrahman Hadad", "Abdul Rahman Tikriti",
        "J Smith", "Jon Smyth", "Maria Garsia", "Lopez Maria", "Ivan Ivanovich Petrov"}) {
    std::vector<QueryName> names = QueryNames(query);
    std::vector<Candidate> found;
    FindCandidates(*index, names, {}, {}, found);
    ScreeningQuery screening;
    QueryScorer scorer(screening, names, *index);
    for (const Candidate& c : found) {
      EXPECT_GE(c.bound + 1e-4, scorer.Score(c.entry))
          << query << " / " << index->entry_id(c.entry);
    }
    EXPECT_FALSE(found.empty()) << query;
  }
}

}  // namespace
}  // namespace limen::core::screening
