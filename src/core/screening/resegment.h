// Re-segmentation of a query name: the word boundaries a typing error moved or dropped.
//
// "AlbertAchkinadze", "Abigailr Sisneros" and "NormaM adrigal" are one typing error away from
// the listed "Albert Achkinadze", "Abigail Sisneros" and "Norma Madrigal", but token by token
// they share no word with them, so neither the candidate search nor the alignment can meet
// them. Resegmentations() proposes other segmentations of the query's tokens that the list's
// vocabulary supports:
//
// - a long token that no listed name contains, nor one about one typing error from it, is
//   split where its longest prefix, or its
//   longest suffix, is a listed token (the rest stays as typed, so a stray letter at the
//   boundary is left to the edit distance: ABIGAILR|SISNEROS, ABIGAIL|RSISNEROS);
// - a letter that crossed the space between two tokens is moved back when that turns a token
//   no listed name contains into one a listed name does (NORMAM ADRIGAL -> NORMA MADRIGAL).
//
// Each proposal is screened as another name of the query at kResegmentedFactor of its score:
// one typing error still costs something, and an exact name beats a re-segmented one.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace limen::core::screening {

inline constexpr double kResegmentedFactor = 0.95;
inline constexpr size_t kMinSplitLength = 6;  // Tokens shorter than this are never split.
inline constexpr size_t kMaxResegmentations = 4;

// `listed(token)` says whether some listed name contains `token`, `near(token)` whether one
// contains a token about one typing error from it. Returns at most kMaxResegmentations token
// lists, each different from `tokens` and from one another.
std::vector<std::vector<std::string>> Resegmentations(
    const std::vector<std::string>& tokens, const std::function<bool(std::string_view)>& listed,
    const std::function<bool(std::string_view)>& near);

}  // namespace limen::core::screening
