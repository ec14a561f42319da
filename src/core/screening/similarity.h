// Token-level similarity for name screening: Jaro-Winkler, an edit distance whose substitution
// costs know reading and phonetic confusions (I/Y/J, C/K/Q, S/Z, V/W/F, O/0, I/1, ...), the
// consonant-skeleton phonetic key, initials and given-name equivalents. TokenSimilarity takes
// the best of these and says which one decided, for the hit explanation.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace limen::core::screening {

enum class TokenMethod : uint8_t {
  kNone,
  kExact,
  kEquivalent,  // Given-name equivalents (MOHAMMED ~ MUHAMMAD).
  kJaroWinkler,
  kEditDistance,
  kPhonetic,  // Same consonant skeleton.
  kInitial,   // "J" against "JOHN".
};
std::string_view TokenMethodName(TokenMethod method);

struct TokenSimilarity {
  double score = 0.0;  // In [0, 1].
  TokenMethod method = TokenMethod::kNone;
};

double JaroWinkler(std::string_view a, std::string_view b);

// Damerau-Levenshtein distance with confusion-aware substitution costs (0.4 to 1.0). Stops early
// once the distance must exceed `limit`, returning some value above `limit`.
double ConfusionEditDistance(std::string_view a, std::string_view b,
                             double limit = std::numeric_limits<double>::infinity());

// A token with its derived keys computed once, so that pairwise comparison stays cheap.
struct PreparedToken {
  std::string text;
  std::string skeleton;
  std::string_view canonical;         // Given-name equivalence class (static storage) or empty.
  std::array<uint8_t, 36> letters{};  // Count of each A-Z, 0-9.
  bool counted = false;  // Every character is in `letters` (A-Z, 0-9; at most 255 of them).
  bool abjad = false;    // Transliterated from a script that does not write short vowels.
};
PreparedToken PrepareToken(std::string_view token, bool abjad = false);

// Compares two upper-case ASCII tokens. Returns a zero score early when the letters the two
// share cannot reach `floor` by any method.
TokenSimilarity CompareTokens(const PreparedToken& a, const PreparedToken& b, double floor = 0.0);
TokenSimilarity CompareTokens(std::string_view a, std::string_view b);

}  // namespace limen::core::screening
