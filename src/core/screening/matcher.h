// Name alignment and the scoring model.
//
// MatchNames aligns query tokens with a listed name's tokens, order-independently: each pair is
// compared with CompareTokens, adjacent tokens may be joined on either side (split or joined
// compound surnames), and pairs are taken greedily, best first. Missing or extra tokens lower
// the score by their weight (rare tokens weigh more, particles little; extra tokens on the
// listed side, such as patronymics or middle names, count half).
//
// ScoreEntry then applies the named features of kFeatures (docs/screening.md lists them): the
// name score is the base, and qualifiers for date of birth, nationality, sex, document number,
// weak aliases and one-word queries add or subtract their weights. The list of fired features is
// the explanation a user sees.
//
// Thread-safety: pure functions over const inputs; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/screening/entry.h"
#include "core/screening/similarity.h"

namespace limen::core::screening {

// Rarity weights for tokens, supplied by the index.
class TokenWeights {
 public:
  virtual ~TokenWeights() = default;
  // In (0, 1]: 1 for a token seen once, less for common ones.
  virtual double Weight(std::string_view token) const = 0;
};

struct TokenAlignment {
  std::string query_tokens;  // One token, or two joined with '+'.
  std::string entry_tokens;
  double similarity = 0.0;
  TokenMethod method = TokenMethod::kNone;
};

struct NameMatch {
  double score = 0.0;
  double query_coverage = 0.0;
  double entry_coverage = 0.0;
  size_t matched_tokens = 0;
  std::vector<TokenAlignment> alignment;
};

NameMatch MatchNames(std::span<const PreparedToken> query, std::span<const PreparedToken> entry,
                     const TokenWeights& weights);

struct Feature {
  std::string_view name;
  double weight;
  std::string_view description;
};

// The scoring model. Order is the order features are listed in explanations.
inline constexpr Feature kFeatures[] = {
    {"name_match", 1.0, "best alignment score of the query names against any listed name"},
    {"weak_alias", -0.05, "the best-matching listed name is a weak alias"},
    {"single_token_query", -0.15, "the query name has one meaningful word only"},
    {"dob_exact", 0.08, "a listed full date of birth equals the query's"},
    {"dob_partial", 0.04, "a listed date of birth agrees with the query to the known precision"},
    {"dob_near", -0.08, "the closest listed date of birth is in the same or next year only"},
    {"dob_mismatch", -0.22, "every listed date of birth is more than a year away"},
    {"nationality_match", 0.03, "the query nationality is among the listed ones"},
    {"nationality_mismatch", -0.05, "the listed nationalities do not include the query's"},
    {"sex_mismatch", -0.10, "the listed sex differs from the query's"},
    {"document_exact", 0.40, "a listed document number equals the query's"},
    {"document_misread", 0.30, "a listed document number equals the query's up to misreads"},
};

struct FiredFeature {
  std::string_view name;
  double weight = 0.0;
  double value = 0.0;  // In [0, 1]; contribution = weight * value.
  std::string detail;
};

struct EntryScore {
  double score = 0.0;    // Clamped to [0, 1].
  size_t best_name = 0;  // Index into entry.names.
  NameMatch name_match;
  std::vector<FiredFeature> features;
};

// REQUIRES: entry_tokens.size() == entry.names.size() (normalised tokens of each name).
EntryScore ScoreEntry(const ScreeningQuery& query,
                      const std::vector<std::vector<PreparedToken>>& query_tokens,
                      const WatchlistEntry& entry,
                      const std::vector<std::vector<PreparedToken>>& entry_tokens,
                      const TokenWeights& weights);

// Document numbers compared after removing separators and folding O/0, I/1, S/5, B/8, Z/2, G/6.
std::string FoldDocumentNumber(std::string_view number);

}  // namespace limen::core::screening
