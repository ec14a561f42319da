// QueryScorer: scores one screening query against entries of one WatchlistIndex, fast enough to
// run on every candidate the index returns.
//
// The query's names are normalised and prepared once (QueryName). Listed tokens come from the
// index's vocabulary, already prepared and weighted, and each distinct (query token, listed
// token) comparison is made once per query and kept in a small cache keyed by token id: the
// candidates of one query share most of their words (common surnames and given names, the
// query's own words misspelt), so most comparisons are cache hits. The scoring loop allocates
// nothing; Score() returns the number alone, and Explain() rebuilds the same score with the
// alignment texts and feature details for the few hits that are returned.
//
// Thread-safety: a QueryScorer belongs to one query on one thread; the index may be shared.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/screening/entry.h"
#include "core/screening/index.h"
#include "core/screening/internal/scoring.h"
#include "core/screening/matcher.h"
#include "core/screening/similarity.h"

namespace limen::core::screening {

// One normalised query name, prepared for comparison.
struct QueryName {
  std::vector<PreparedToken> tokens;
  bool single_token = false;  // At most one meaningful word (single_token_query).
  // Name scores through this name are multiplied by it: below 1 for a re-segmentation of the
  // typed name (resegment.h).
  double factor = 1.0;
};

QueryName PrepareQueryName(const std::vector<std::string>& tokens, bool abjad);

class QueryScorer {
 public:
  // `query` and `names` must outlive the scorer.
  QueryScorer(const ScreeningQuery& query, const std::vector<QueryName>& names,
              const WatchlistIndex& index);

  // The score of entry `entry` (ScoreEntry's score; no explanation).
  double Score(uint32_t entry);
  // The full score of entry `entry`, with the alignment and the fired features.
  EntryScore Explain(uint32_t entry);

 private:
  struct Best {
    double score = 0.0;
    size_t query_name = 0;
    size_t name = 0;  // Index into entry.names.
    internal::Alignment alignment;
  };
  void BestName(uint32_t entry, Best& best);
  // Offset into rows_ of the similarities of every query token (all names, in order) against
  // vocabulary token `token`, compared on first use.
  size_t Row(uint32_t token);

  const ScreeningQuery& query_;
  const std::vector<QueryName>& names_;
  const WatchlistIndex& index_;
  std::vector<std::vector<const PreparedToken*>> query_tokens_;  // At most kMaxTokens a name.
  std::vector<std::vector<double>> query_weights_;
  std::vector<size_t> query_offset_;  // First column of each name in a cache row.
  size_t columns_ = 0;
  // Open-addressing cache: slot -> vocabulary id (kEmpty when free) and row index.
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  std::vector<uint32_t> slot_token_;
  std::vector<uint32_t> slot_row_;
  std::vector<TokenSimilarity> rows_;
  std::vector<FiredFeature> features_;
  WatchlistEntry entry_;  // The entry being scored, decoded into reused storage.
};

}  // namespace limen::core::screening
