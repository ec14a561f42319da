#include "core/screening/candidates.h"

#include <algorithm>
#include <array>
#include <functional>
#include <span>

#include "core/screening/internal/scoring.h"

namespace limen::core::screening {
namespace {

// Listed tokens compared in full per query token, besides those sharing its folded form,
// skeleton or given-name class: the ones sharing the most trigrams.
constexpr size_t kComparedPerToken = 40;
// Vocabulary postings of a query token's trigrams read at most, rarest trigram first (the
// kMinTrigramsRead rarest are always read).
constexpr size_t kTrigramPostings = 1500;
constexpr size_t kMinTrigramsRead = 3;
// Names estimated from their own tokens, per name returned: the rest are ranked by the
// accumulated credit of the query tokens whose lists were read.
constexpr size_t kEstimatedPerName = 2;
constexpr size_t kMinEstimated = 64;
// Query token columns the search follows (the scorer still aligns every token).
constexpr size_t kMaxColumns = 64;
constexpr float kScoreScale = 8192.0f;  // Fixed point of the accumulated credit.
// Postings an intersection of the two rarest query columns may read at most (Search::Intersect).
constexpr size_t kIntersectPostings = 15000;
constexpr double kInitialCredit = 0.5;  // Credit of an initial against its full word (0.8).
// Name lists are read in id order, but the ids are spread over the whole list: the per-name
// accumulators are fetched this many postings ahead.
constexpr size_t kPrefetchAhead = 16;

struct Column {
  const PreparedToken* token;
  size_t name;                  // Query name.
  double weight;                // In the name score.
  double share;                 // weight / total weight of the query name.
  uint64_t postings = 0;        // Names reachable through this column's matches (ReadLists).
  size_t first = 0, count = 0;  // Into Search::matches, best first.
};

struct Match {
  uint32_t token;  // Vocabulary id.
  float credit;
};

// A column's credit through one vocabulary token, grouped by token for the estimates.
struct TokenCredit {
  uint32_t token;
  uint32_t column;
  float credit;
};

// Accumulated over the lists read: fixed-point credit and the columns already credited.
struct Accumulated {
  uint16_t score = 0;
  uint16_t columns = 0;
};

// The bit of column `c` in Accumulated::columns (columns past 15 share the last bit).
uint16_t ColumnBit(size_t c) { return static_cast<uint16_t>(1u << std::min<size_t>(c, 15)); }

// Credits `name` with a match of the column of `bit`, unless a better match of it came first.
void AddCredit(Accumulated& name, uint32_t credit, uint16_t bit) {
  if ((name.columns & bit) != 0) return;
  name.columns |= bit;
  name.score = static_cast<uint16_t>(std::min<uint32_t>(name.score + credit, 0xFFFF));
}

struct Scratch {
  uint32_t generation = 0;
  std::vector<uint32_t> token_stamp;  // Per vocabulary token: generation of its credits.
  std::vector<uint32_t> token_first;  // Into credits when stamped.
  std::vector<uint32_t> seen;         // Per vocabulary token: compared for this query token.
  uint32_t seen_generation = 0;
  std::vector<uint8_t> grams;  // Shared trigrams per vocabulary token (zero between uses).
  std::vector<uint32_t> gram_tokens;
  std::vector<Accumulated> names;  // Zero between uses.
  std::vector<uint32_t> touched;
  std::vector<uint64_t> keys;  // Ranking keys of the touched names (Search::Run).
};

Scratch& ThreadScratch(const WatchlistIndex& index) {
  thread_local Scratch scratch;
  size_t vocabulary = index.vocabulary_size();
  if (scratch.token_stamp.size() < vocabulary) {
    scratch.token_stamp.resize(vocabulary, 0);
    scratch.token_first.resize(vocabulary, 0);
    scratch.seen.resize(vocabulary, 0);
    scratch.grams.resize(vocabulary, 0);
  }
  if (scratch.names.size() < index.name_count()) scratch.names.resize(index.name_count());
  if (++scratch.generation == 0) {  // Wrapped: forget every stamp.
    std::fill(scratch.token_stamp.begin(), scratch.token_stamp.end(), 0);
    scratch.generation = 1;
  }
  return scratch;
}

class Search {
 public:
  Search(const WatchlistIndex& index, const std::vector<QueryName>& names, Scratch& scratch);
  void Run(const CandidateLimits& limits, std::vector<Candidate>& out);

 private:
  void MatchColumn(size_t c);
  void Propose(uint64_t key, std::vector<uint32_t>& proposed);
  void Compare(size_t c, uint32_t token);
  void ReadLists(size_t budget, double reach_credit);
  // Credits the names that carry a match of both column `a` and column `b`, and only those.
  void Intersect(size_t a, size_t b, double reach_credit);
  // Calls fn(name, credit, bit) for each posting of column `c`'s matches of at least
  // `reach_credit`, best match first, and stops before `limit` postings would be passed.
  // Returns the postings passed.
  template <typename Fn>
  size_t ForEachPosting(size_t c, double reach_credit, size_t limit, Fn&& fn) const;
  // Upper bound of the name score of name `name` over the query names; `estimate` is set to
  // the same bound, and the bound to above 1 when a joined compound could align.
  float Estimate(uint32_t name, bool& joinable) const;

  const WatchlistIndex& index_;
  const std::vector<QueryName>& names_;
  Scratch& scratch_;
  std::vector<Column> columns_;
  std::vector<size_t> name_columns_;  // First column of each query name, size names + 1.
  std::vector<Match> matches_;
  std::vector<TokenCredit> credits_;  // Sorted by token.
  bool initials_ = false;             // Some query token is a single letter.
};

Search::Search(const WatchlistIndex& index, const std::vector<QueryName>& names, Scratch& scratch)
    : index_(index), names_(names), scratch_(scratch) {
  for (size_t n = 0; n < names.size(); ++n) {
    name_columns_.push_back(columns_.size());
    size_t count = std::min(names[n].tokens.size(), internal::kMaxTokens);
    size_t first = columns_.size();
    double total = 0.0;
    for (size_t i = 0; i < count && columns_.size() < kMaxColumns; ++i) {
      const PreparedToken& token = names[n].tokens[i];
      double weight = internal::TokenWeight(token.text, index.Weight(token.text));
      columns_.push_back({&token, n, weight, 0.0});
      total += weight;
      initials_ |= token.text.size() == 1;
    }
    for (size_t c = first; c < columns_.size(); ++c)
      columns_[c].share = total > 0 ? columns_[c].weight / total : 0.0;
  }
  name_columns_.push_back(columns_.size());
}

void Search::Propose(uint64_t key, std::vector<uint32_t>& proposed) {
  for (uint32_t token : index_.KeyTokens(key)) proposed.push_back(token);
}

void Search::Compare(size_t c, uint32_t token) {
  if (scratch_.seen[token] == scratch_.seen_generation) return;
  scratch_.seen[token] = scratch_.seen_generation;
  TokenSimilarity similarity =
      CompareTokens(*columns_[c].token, index_.token(token), internal::kMatchFloor);
  if (similarity.score < internal::kMatchFloor) return;
  matches_.push_back({token, static_cast<float>(internal::Credit(similarity.score))});
}

// The listed tokens that align with column `c`: those sharing its folded form, skeleton or
// given-name class, listed initials of its first letter, and the kComparedPerToken sharing the
// most trigrams, each compared once.
void Search::MatchColumn(size_t c) {
  Column& column = columns_[c];
  column.first = matches_.size();
  const PreparedToken& token = *column.token;
  // The same token in an earlier column (another query name) has the same matches.
  for (size_t earlier = 0; earlier < c; ++earlier) {
    const PreparedToken& other = *columns_[earlier].token;
    if (other.text == token.text && other.abjad == token.abjad) {
      const std::vector<Match> same(
          matches_.begin() + columns_[earlier].first,
          matches_.begin() + columns_[earlier].first + columns_[earlier].count);
      matches_.insert(matches_.end(), same.begin(), same.end());
      column.count = columns_[earlier].count;
      return;
    }
  }
  if (++scratch_.seen_generation == 0) {
    std::fill(scratch_.seen.begin(), scratch_.seen.end(), 0);
    scratch_.seen_generation = 1;
  }
  std::vector<uint32_t> proposed;
  if (token.text.size() == 1) {
    Propose(VocabularyKey(KeyKind::kExact, token.text), proposed);
  } else {
    Propose(VocabularyKey(KeyKind::kFolded, ConfusionFold(token.text)), proposed);
    if (token.skeleton.size() >= 2)
      Propose(VocabularyKey(KeyKind::kSkeleton, token.skeleton), proposed);
    Propose(VocabularyKey(KeyKind::kClass, token.text), proposed);
    if (!token.canonical.empty()) {
      Propose(VocabularyKey(KeyKind::kClass, token.canonical), proposed);
      Propose(VocabularyKey(KeyKind::kExact, token.canonical), proposed);
    }
    Propose(VocabularyKey(KeyKind::kExact, token.text.substr(0, 1)), proposed);
  }
  // One typing error away: the tokens sharing a deletion key.
  if (token.text.size() > 1) {
    ForEachVocabularyKey(token, [&](uint64_t key, KeyKind kind) {
      if (kind == KeyKind::kDeletion) Propose(key, proposed);
    });
  }
  for (uint32_t listed : proposed) Compare(c, listed);
  // Trigrams: count the query's distinct trigrams each listed token shares, rarest trigram
  // first, leaving out the commonest once enough have been read.
  std::array<std::span<const uint32_t>, kMaxTrigrams> grams;
  size_t gram_count = 0;
  ForEachVocabularyKey(token, [&](uint64_t key, KeyKind kind) {
    if (kind != KeyKind::kTrigram) return;
    std::span<const uint32_t> listed = index_.KeyTokens(key);
    for (size_t g = 0; g < gram_count; ++g) {
      if (grams[g].data() == listed.data()) return;  // The same trigram again.
    }
    if (!listed.empty()) grams[gram_count++] = listed;
  });
  std::sort(
      grams.begin(), grams.begin() + gram_count,
      [](std::span<const uint32_t> a, std::span<const uint32_t> b) { return a.size() < b.size(); });
  std::vector<uint32_t>& touched = scratch_.gram_tokens;
  std::array<size_t, kMaxTrigrams + 1> histogram{};
  size_t read = 0;
  for (size_t g = 0; g < gram_count; ++g) {
    if (g >= kMinTrigramsRead && read + grams[g].size() > kTrigramPostings) break;
    read += grams[g].size();
    for (uint32_t listed : grams[g]) {
      uint8_t& shared = scratch_.grams[listed];
      if (shared == 0) touched.push_back(listed);
      ++shared;
    }
  }
  for (uint32_t listed : touched) ++histogram[scratch_.grams[listed]];
  // The fewest shared trigrams that keeps at most kComparedPerToken tokens (the best-sharing
  // ones are compared even when there are more of them).
  size_t threshold = kMaxTrigrams, kept = histogram[kMaxTrigrams];
  while (threshold > 1 && kept + histogram[threshold - 1] <= kComparedPerToken)
    kept += histogram[--threshold];
  while (threshold > 1 && kept == 0) kept += histogram[--threshold];
  for (uint32_t listed : touched) {
    if (scratch_.grams[listed] >= threshold) Compare(c, listed);
    scratch_.grams[listed] = 0;
  }
  touched.clear();
  column.count = matches_.size() - column.first;
  std::sort(matches_.begin() + column.first, matches_.end(),
            [](const Match& a, const Match& b) { return a.credit > b.credit; });
}

// Reads the name lists of the columns' matches, the column with the fewest postings first, and
// stops before a column that no longer fits in `budget` (the first column is read up to it).
void Search::ReadLists(size_t budget, double reach_credit) {
  std::vector<size_t> order;
  for (size_t c = 0; c < columns_.size(); ++c) {
    Column& column = columns_[c];
    column.postings = 0;
    for (size_t m = column.first; m < column.first + column.count; ++m) {
      if (matches_[m].credit >= reach_credit)
        column.postings += index_.token_names(matches_[m].token).size();
    }
    if (column.postings > 0) order.push_back(c);
  }
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return columns_[a].postings < columns_[b].postings; });
  Accumulated* names = scratch_.names.data();
  std::vector<uint32_t>& touched = scratch_.touched;
  // Every query word is common (a common given name and a common surname): reading the rarest
  // column up to the budget would keep an arbitrary slice of its names. Keep instead the names
  // of the two rarest columns that carry both (each column's best matches first, within
  // kIntersectPostings in all).
  if (order.size() >= 2 && columns_[order[0]].postings > budget) {
    Intersect(order[0], order[1], reach_credit);
    order.erase(order.begin(), order.begin() + 2);
  }
  size_t filter_budget = kIntersectPostings;
  for (size_t c : order) {
    const Column& column = columns_[c];
    if (column.postings > budget && !touched.empty()) {
      // Too common to bring new names: credit the names already reached, within a budget of
      // its own, so that a common word still tells them apart.
      if (column.postings > filter_budget) break;
      filter_budget -= column.postings;
      ForEachPosting(c, reach_credit, column.postings,
                     [names](uint32_t name, uint32_t credit, uint16_t bit) {
                       if (names[name].columns != 0) AddCredit(names[name], credit, bit);
                     });
      continue;
    }
    budget -= ForEachPosting(c, reach_credit, budget,
                             [names, &touched](uint32_t name, uint32_t credit, uint16_t bit) {
                               if (names[name].columns == 0) touched.push_back(name);
                               AddCredit(names[name], credit, bit);
                             });
  }
}

template <typename Fn>
size_t Search::ForEachPosting(size_t c, double reach_credit, size_t limit, Fn&& fn) const {
  const Column& column = columns_[c];
  const uint16_t bit = ColumnBit(c);
  const size_t start = limit;
  for (size_t m = column.first; m < column.first + column.count && limit > 0; ++m) {
    if (matches_[m].credit < reach_credit) break;  // Sorted best first.
    const auto credit = static_cast<uint32_t>(matches_[m].credit * column.share * kScoreScale);
    std::span<const uint32_t> list = index_.token_names(matches_[m].token);
    list = list.first(std::min(list.size(), limit));
    limit -= list.size();
    for (size_t p = 0; p < list.size(); ++p) {
      if (p + kPrefetchAhead < list.size())
        __builtin_prefetch(&scratch_.names[list[p + kPrefetchAhead]], 1);
      fn(list[p], credit, bit);
    }
  }
  return start - limit;
}

// Marks the names of column `b` with its credit, credits and keeps those of column `a` that are
// marked, then clears the marks of the rest. Names are touched only through `a`.
void Search::Intersect(size_t a, size_t b, double reach_credit) {
  Accumulated* names = scratch_.names.data();
  std::vector<uint32_t>& touched = scratch_.touched;
  const uint16_t a_bit = ColumnBit(a), b_bit = ColumnBit(b);
  constexpr size_t kLimit = kIntersectPostings / 3;  // Column b is read twice.
  ForEachPosting(b, reach_credit, kLimit, [names](uint32_t name, uint32_t credit, uint16_t bit) {
    AddCredit(names[name], credit, bit);
  });
  ForEachPosting(a, reach_credit, kLimit, [&](uint32_t name, uint32_t credit, uint16_t bit) {
    Accumulated& n = names[name];
    if ((n.columns & b_bit) == 0 || (n.columns & bit) != 0) return;
    AddCredit(n, credit, bit);
    touched.push_back(name);
  });
  ForEachPosting(b, reach_credit, kLimit, [names, a_bit](uint32_t name, uint32_t, uint16_t) {
    if ((names[name].columns & a_bit) == 0) names[name] = Accumulated{};
  });
}

// The alignment score of name `name` from the token pairs the search found: the scorer's greedy
// alignment (best pair first, each token used once) over those pairs alone.
float Search::Estimate(uint32_t name, bool& joinable) const {
  std::span<const uint32_t> ids = index_.name_tokens(name);
  const size_t count = std::min(ids.size(), internal::kMaxTokens);
  std::array<const PreparedToken*, internal::kMaxTokens> listed{};
  std::array<double, internal::kMaxTokens> weights{};
  double entry_weight = 0.0;
  for (size_t j = 0; j < count; ++j) {
    listed[j] = &index_.token(ids[j]);
    weights[j] = index_.token_weight(ids[j]);
    entry_weight += weights[j];
  }
  struct Pair {
    float credit;
    uint8_t column, listed;
  };
  std::array<Pair, internal::kMaxTokens * internal::kMaxTokens> pairs;
  double best = 0.0;
  joinable = false;
  for (size_t n = 0; n + 1 < name_columns_.size(); ++n) {
    const size_t first = name_columns_[n], end = name_columns_[n + 1];
    if (first == end) continue;
    size_t found = 0;
    for (size_t j = 0; j < count; ++j) {
      const uint32_t token = ids[j];
      if (scratch_.token_stamp[token] == scratch_.generation) {
        for (size_t k = scratch_.token_first[token];
             k < credits_.size() && credits_[k].token == token; ++k) {
          const TokenCredit& tc = credits_[k];
          if (tc.column >= first && tc.column < end)
            pairs[found++] = {tc.credit, static_cast<uint8_t>(tc.column - first),
                              static_cast<uint8_t>(j)};
        }
      }
      if (initials_ && listed[j]->text.size() > 1) {
        for (size_t c = first; c < end; ++c) {
          const std::string& q = columns_[c].token->text;
          if (q.size() == 1 && q[0] == listed[j]->text[0])
            pairs[found++] = {static_cast<float>(kInitialCredit), static_cast<uint8_t>(c - first),
                              static_cast<uint8_t>(j)};
        }
      }
    }
    std::sort(pairs.begin(), pairs.begin() + found,
              [](const Pair& a, const Pair& b) { return a.credit > b.credit; });
    uint32_t query_used = 0, listed_used = 0;
    double query_credit = 0.0, entry_credit = 0.0, entry_matched = 0.0;
    for (size_t p = 0; p < found; ++p) {
      const Pair& pair = pairs[p];
      if ((query_used >> pair.column & 1u) != 0 || (listed_used >> pair.listed & 1u) != 0) continue;
      query_used |= 1u << pair.column;
      listed_used |= 1u << pair.listed;
      query_credit += columns_[first + pair.column].share * pair.credit;
      entry_credit += weights[pair.listed] * pair.credit;
      entry_matched += weights[pair.listed];
    }
    const double entry_total = 0.5 * entry_weight + 0.5 * entry_matched;
    const double entry_coverage = entry_total > 0 ? entry_credit / entry_total : 0.0;
    best = std::max(best, names_[n].factor * (internal::kQueryShare * query_credit +
                                              (1 - internal::kQueryShare) * entry_coverage));
    // A joined pair on either side may align where no single pair does: no bound then.
    for (size_t c = first; c < end && !joinable; ++c) {
      const PreparedToken& q = *columns_[c].token;
      for (size_t j = 0; j < count && !joinable; ++j) {
        joinable = (j + 1 < count && internal::JoinPlausible(*listed[j], *listed[j + 1], q)) ||
                   (c + 1 < end && internal::JoinPlausible(q, *columns_[c + 1].token, *listed[j]));
      }
    }
  }
  return static_cast<float>(best);
}

void Search::Run(const CandidateLimits& limits, std::vector<Candidate>& out) {
  for (size_t c = 0; c < columns_.size(); ++c) MatchColumn(c);
  for (size_t c = 0; c < columns_.size(); ++c) {
    for (size_t m = columns_[c].first; m < columns_[c].first + columns_[c].count; ++m)
      credits_.push_back({matches_[m].token, static_cast<uint32_t>(c), matches_[m].credit});
  }
  std::sort(credits_.begin(), credits_.end(),
            [](const TokenCredit& a, const TokenCredit& b) { return a.token < b.token; });
  for (size_t k = credits_.size(); k-- > 0;) {
    scratch_.token_stamp[credits_[k].token] = scratch_.generation;
    scratch_.token_first[credits_[k].token] = static_cast<uint32_t>(k);
  }
  ReadLists(limits.posting_budget, limits.reach_credit);
  std::vector<uint32_t>& touched = scratch_.touched;
  Accumulated* names = scratch_.names.data();
  // Ranked by accumulated credit, then by name id: one key per name, so that the selection
  // below reads a compact array instead of the per-name accumulators spread over the list.
  // The accumulators are cleared on the way (the estimates do not read them).
  std::vector<uint64_t>& keys = scratch_.keys;
  keys.resize(touched.size());
  for (size_t i = 0; i < touched.size(); ++i) {
    if (i + kPrefetchAhead < touched.size())
      __builtin_prefetch(&names[touched[i + kPrefetchAhead]], 1);
    const uint32_t name = touched[i];
    keys[i] = uint64_t{names[name].score} << 32 | (0xFFFFFFFFu - name);
    names[name] = Accumulated{};
  }
  touched.clear();
  const size_t estimated =
      std::min(keys.size(), std::max(kMinEstimated, kEstimatedPerName * limits.names));
  if (estimated < keys.size())
    std::nth_element(keys.begin(), keys.begin() + estimated, keys.end(), std::greater<>());
  auto key_name = [](uint64_t key) { return 0xFFFFFFFFu - static_cast<uint32_t>(key); };
  struct Estimated {
    uint32_t name;
    float estimate;
    bool joinable;
  };
  std::vector<Estimated> ranked;
  ranked.reserve(estimated);
  for (size_t i = 0; i < estimated; ++i) {
    bool joinable = false;
    const uint32_t name = key_name(keys[i]);
    float estimate = Estimate(name, joinable);
    if (estimate > 0.0f || joinable) ranked.push_back({name, estimate, joinable});
  }
  const size_t kept = std::min(ranked.size(), limits.names);
  std::partial_sort(ranked.begin(), ranked.begin() + kept, ranked.end(),
                    [](const Estimated& a, const Estimated& b) {
                      return a.estimate != b.estimate ? a.estimate > b.estimate : a.name < b.name;
                    });
  const size_t first_out = out.size();
  for (size_t i = 0; i < kept; ++i) {
    const uint32_t entry = index_.name_entry(ranked[i].name);
    const float bound = ranked[i].joinable ? 1.0f : ranked[i].estimate;
    auto it = std::find_if(out.begin() + first_out, out.end(),
                           [entry](const Candidate& c) { return c.entry == entry; });
    if (it == out.end()) {
      out.push_back({entry, bound, ranked[i].estimate});
    } else {
      it->bound = std::max(it->bound, bound);
    }
  }
}

}  // namespace

void FindCandidates(const WatchlistIndex& index, const std::vector<QueryName>& names,
                    std::string_view document, const CandidateLimits& limits,
                    std::vector<Candidate>& out) {
  if (index.name_count() == 0) return;
  // A document number match is scored whatever the names say.
  for (uint32_t entry : index.DocumentEntries(document)) out.push_back({entry, 2.0f, 2.0f});
  const size_t documents = out.size();
  Scratch& scratch = ThreadScratch(index);
  Search search(index, names, scratch);
  std::vector<Candidate> found;
  search.Run(limits, found);
  for (const Candidate& candidate : found) {
    auto end = out.begin() + static_cast<std::ptrdiff_t>(documents);
    if (std::find_if(out.begin(), end,
                     [&](const Candidate& c) { return c.entry == candidate.entry; }) == end)
      out.push_back(candidate);
  }
}

}  // namespace limen::core::screening
