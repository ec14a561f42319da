// The scoring steps shared by ScoreEntry (matcher.cc) and the per-query scorer (scorer.cc), so
// that both score an entry identically: the token alignment, token weights and the feature
// model (ScoreFeatures).
//
// Align() takes the tokens of each side, their weights and a function giving the similarity of
// each single (query token, listed token) pair: MatchNames compares the pair directly, the
// scorer reads it from its per-query cache. Joined compound pairs are compared here. Nothing is
// allocated on the heap: a name keeps at most kMaxTokens tokens.
// Nobody outside core/screening includes this.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include <string_view>
#include <vector>

#include "core/screening/entry.h"
#include "core/screening/matcher.h"
#include "core/screening/similarity.h"

namespace limen::core::screening::internal {

inline constexpr size_t kMaxTokens = 12;
inline constexpr double kMatchFloor = 0.72;       // Token pairs below this do not align.
inline constexpr double kJoinFloor = 0.85;        // Joined compound pairs must be this close.
inline constexpr double kQueryShare = 0.6;        // Query coverage share of the name score.
inline constexpr double kEntryExtraFactor = 0.5;  // Unmatched listed tokens count half.
// Token similarity becomes credit linearly from kCreditZero (nothing) to 1 (full): a 0.8
// Jaro-Winkler pair is a weak agreement, not four fifths of one.
inline constexpr double kCreditZero = 0.6;

inline double Credit(double similarity) {
  return std::clamp((similarity - kCreditZero) / (1.0 - kCreditZero), 0.0, 1.0);
}

// One aligned pair: one query token or two joined, against one listed token or two joined.
struct AlignedPair {
  double score;
  TokenMethod method;
  uint8_t q_begin, q_count, e_begin, e_count;
};

struct Alignment {
  double score = 0.0;
  double query_coverage = 0.0;
  double entry_coverage = 0.0;
  size_t count = 0;  // Pairs taken, best first.
  std::array<AlignedPair, kMaxTokens> pairs;
};

// A joined compound (AL + TIKRITI against ALTIKRITI) is only worth comparing when it starts with
// the same letter and has about the same length as the single token.
inline bool JoinPlausible(const PreparedToken& first, const PreparedToken& second,
                          const PreparedToken& single) {
  size_t joined = first.text.size() + second.text.size();
  size_t gap =
      joined > single.text.size() ? joined - single.text.size() : single.text.size() - joined;
  return first.text[0] == single.text[0] && gap <= 2;
}

// Compares `first` and `second` joined into one token with `single`; the joined token is the
// first argument of CompareTokens when it is on the query side.
TokenSimilarity CompareJoined(const PreparedToken& first, const PreparedToken& second,
                              const PreparedToken& single, bool query_joined);

// Aligns query tokens `q` (weights `qw`) with listed tokens `e` (weights `ew`), both at most
// kMaxTokens long. `single(i, j)` returns the similarity of q[i] and e[j], or a score below
// kMatchFloor when they do not align. Pairs are taken greedily, best first; at equal score, the
// pair that consumes more tokens wins.
template <typename SingleSimilarity>
void Align(std::span<const PreparedToken* const> q, const double* qw,
           std::span<const PreparedToken* const> e, const double* ew, SingleSimilarity&& single,
           Alignment& out) {
  out = Alignment{};
  if (q.empty() || e.empty()) return;
  std::array<AlignedPair, kMaxTokens * kMaxTokens * 3> candidates;
  size_t n = 0;
  for (size_t i = 0; i < q.size(); ++i) {
    for (size_t j = 0; j < e.size(); ++j) {
      auto qi = static_cast<uint8_t>(i), ej = static_cast<uint8_t>(j);
      TokenSimilarity s = single(i, j);
      if (s.score >= kMatchFloor) candidates[n++] = {s.score, s.method, qi, 1, ej, 1};
      if (j + 1 < e.size() && JoinPlausible(*e[j], *e[j + 1], *q[i])) {
        s = CompareJoined(*e[j], *e[j + 1], *q[i], false);
        if (s.score >= kJoinFloor) candidates[n++] = {s.score, s.method, qi, 1, ej, 2};
      }
      if (i + 1 < q.size() && JoinPlausible(*q[i], *q[i + 1], *e[j])) {
        s = CompareJoined(*q[i], *q[i + 1], *e[j], true);
        if (s.score >= kJoinFloor) candidates[n++] = {s.score, s.method, qi, 2, ej, 1};
      }
    }
  }
  std::sort(candidates.begin(), candidates.begin() + n,
            [](const AlignedPair& a, const AlignedPair& b) {
              if (a.score != b.score) return a.score > b.score;
              return a.q_count + a.e_count > b.q_count + b.e_count;
            });
  std::array<double, kMaxTokens> q_sim{}, e_sim{};
  std::array<bool, kMaxTokens> q_used{}, e_used{};
  for (size_t c = 0; c < n && out.count < kMaxTokens; ++c) {
    const AlignedPair& p = candidates[c];
    bool free = true;
    for (int k = 0; k < p.q_count; ++k) free = free && !q_used[p.q_begin + k];
    for (int k = 0; k < p.e_count; ++k) free = free && !e_used[p.e_begin + k];
    if (!free) continue;
    for (int k = 0; k < p.q_count; ++k)
      q_used[p.q_begin + k] = true, q_sim[p.q_begin + k] = Credit(p.score);
    for (int k = 0; k < p.e_count; ++k)
      e_used[p.e_begin + k] = true, e_sim[p.e_begin + k] = Credit(p.score);
    out.pairs[out.count++] = p;
  }
  double q_hit = 0, q_total = 0, e_hit = 0, e_total = 0;
  for (size_t i = 0; i < q.size(); ++i) {
    q_hit += qw[i] * q_sim[i];
    q_total += qw[i];
  }
  for (size_t j = 0; j < e.size(); ++j) {
    e_hit += ew[j] * e_sim[j];
    e_total += e_used[j] ? ew[j] : ew[j] * kEntryExtraFactor;
  }
  out.query_coverage = q_total > 0 ? q_hit / q_total : 0.0;
  out.entry_coverage = e_total > 0 ? e_hit / e_total : 0.0;
  out.score = kQueryShare * out.query_coverage + (1 - kQueryShare) * out.entry_coverage;
}

// The alignment as the user sees it: aligned token texts (joined ones with '+') and scores.
NameMatch ToNameMatch(const Alignment& alignment, std::span<const PreparedToken* const> query,
                      std::span<const PreparedToken* const> entry);

// The weight of a token in the name score: particles weigh little, patronymics half their rarity.
double TokenWeight(std::string_view token, double rarity);

// A query name whose only meaningful word is `count` <= 1 gets the single_token_query feature.
size_t MeaningfulTokens(std::span<const PreparedToken* const> tokens);

// Fires name_match (score `name_score` on entry.names[best_name]) and every qualifier feature
// into `features` (cleared first) and returns the entry score clamped to [0, 1]; without any
// name agreement only a document number makes a hit. With `explain` false the features' detail
// texts are left empty; the score is the same.
double ScoreFeatures(const ScreeningQuery& query, const WatchlistEntry& entry, size_t best_name,
                     double name_score, bool single_token_query, bool explain,
                     std::vector<FiredFeature>& features);

}  // namespace limen::core::screening::internal
