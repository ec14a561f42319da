// The candidate search: which entries of one WatchlistIndex a query's names may be, each with an
// upper bound of its name score, so that the screener scores in full only the entries that can
// still become hits.
//
// It works on the token vocabulary, not on names. Each query token is matched once against the
// distinct listed tokens: vocabulary keys (folded token, skeleton, given-name class, trigrams)
// propose listed tokens, the best-placed ones are compared with CompareTokens, and those that
// align (similarity >= 0.72, the scorer's floor) are kept with their similarity. Names are then
// reached through the token-to-names lists, rarest query token first, until a posting budget is
// spent; a query's common words therefore cost their list length once, not one key posting per
// name per trigram. The best-placed names are then estimated from their own tokens: each query
// token's best credit and each listed token's best credit give an upper bound of the alignment
// score (the greedy alignment can only do worse, except through joined compounds, whose names
// are left unbounded).
//
// Thread-safety: FindCandidates may run on many threads at once over one index (each thread
// keeps its own scratch space).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/screening/index.h"
#include "core/screening/scorer.h"

namespace limen::core::screening {

struct Candidate {
  uint32_t entry = 0;
  // At least the entry's name score (the name_match value) by any of its names; above 1 for
  // entries that match by document number and so must be scored whatever their names.
  float bound = 0.0f;
  float estimate = 0.0f;  // The bound of its best name, used for ranking.
};

struct CandidateLimits {
  size_t names = 48;              // Names whose entries are returned.
  size_t posting_budget = 20000;  // Token-to-names postings read at most.
  // Names are reached only through token pairs of at least this credit. A name whose every
  // pair is below it scores below it too (query and entry coverage are each at most the best
  // credit), so the screener passes min_score less the most the other features can add.
  double reach_credit = 0.0;
};

// Appends to `out` the entries of `index` that `names` may match, by decreasing estimate,
// each once, at most limits.names names' worth; entries whose document number matches
// `document` come first. A query sharing no aligning token and no document yields nothing.
void FindCandidates(const WatchlistIndex& index, const std::vector<QueryName>& names,
                    std::string_view document, const CandidateLimits& limits,
                    std::vector<Candidate>& out);

}  // namespace limen::core::screening
