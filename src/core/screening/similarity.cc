#include "core/screening/similarity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

constexpr size_t kMaxTokenLength = 48;
constexpr double kPhoneticScore = 0.86;
constexpr double kAbjadPhoneticScore = 0.95;
constexpr double kInitialScore = 0.8;

// Letters that are read, heard or scanned as one another, and the cost of substituting one for
// another within a group.
struct ConfusionTable {
  std::array<std::array<float, 128>, 128> cost;
  ConfusionTable() {
    for (auto& row : cost) row.fill(1.0f);
    static constexpr std::string_view kGroups[] = {"AEIOU", "IYJ", "CKQ", "SZ", "VWF", "O0",
                                                   "I1L",   "S5",  "B8",  "Z2", "G6",  "DT",
                                                   "MN",    "BP",  "GK",  "XH"};
    for (std::string_view group : kGroups) {
      float group_cost = group == "AEIOU" ? 0.6f : 0.4f;
      for (char a : group) {
        for (char b : group) cost[a][b] = group_cost;
      }
    }
    for (int c = 0; c < 128; ++c) cost[c][c] = 0.0f;
  }
};

float SubstitutionCost(char a, char b) {
  static const ConfusionTable kTable;
  return kTable.cost[static_cast<unsigned char>(a) & 0x7F][static_cast<unsigned char>(b) & 0x7F];
}

}  // namespace

std::string_view TokenMethodName(TokenMethod method) {
  switch (method) {
    case TokenMethod::kNone:
      return "none";
    case TokenMethod::kExact:
      return "exact";
    case TokenMethod::kEquivalent:
      return "equivalent";
    case TokenMethod::kJaroWinkler:
      return "jaro_winkler";
    case TokenMethod::kEditDistance:
      return "edit_distance";
    case TokenMethod::kPhonetic:
      return "phonetic";
    case TokenMethod::kInitial:
      return "initial";
  }
  return "none";
}

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  a = a.substr(0, kMaxTokenLength);
  b = b.substr(0, kMaxTokenLength);
  size_t window = std::max(a.size(), b.size()) / 2;
  window = window > 0 ? window - 1 : 0;
  std::array<bool, kMaxTokenLength> a_used{};
  std::array<bool, kMaxTokenLength> b_used{};
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    size_t lo = i > window ? i - window : 0;
    size_t hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!b_used[j] && a[i] == b[j]) {
        a_used[i] = b_used[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_used[i]) continue;
    while (!b_used[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  double m = static_cast<double>(matches);
  double jaro = (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

double ConfusionEditDistance(std::string_view a, std::string_view b, double limit) {
  a = a.substr(0, kMaxTokenLength);
  b = b.substr(0, kMaxTokenLength);
  // Three rolling rows (two back for transpositions).
  std::array<float, kMaxTokenLength + 1> before{}, previous{}, current{};
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = static_cast<float>(j);
  float previous_min = 0.0f;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<float>(i);
    float current_min = current[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      float best = std::min(previous[j] + 1.0f, current[j - 1] + 1.0f);
      best = std::min(best, previous[j - 1] + SubstitutionCost(a[i - 1], b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1.0f);
      }
      current[j] = best;
      current_min = std::min(current_min, best);
    }
    // Every later cell comes from this row or, by a transposition, the one before it plus 1.
    if (current_min > limit && previous_min + 1.0f > limit) return current_min;
    previous_min = current_min;
    before = previous;
    previous = current;
  }
  return previous[b.size()];
}

PreparedToken PrepareToken(std::string_view token, bool abjad) {
  PreparedToken prepared;
  prepared.abjad = abjad;
  prepared.text = std::string(token);
  prepared.skeleton = SkeletonKey(token);
  std::string_view canonical = GivenNameCanonical(token);
  if (canonical.data() != token.data()) prepared.canonical = canonical;
  prepared.counted = token.size() <= 255;
  for (char c : token) {
    int slot = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '0' && c <= '9' ? 26 + c - '0' : -1;
    if (slot >= 0)
      ++prepared.letters[slot];
    else
      prepared.counted = false;
  }
  return prepared;
}

namespace {

// Upper bounds of Jaro-Winkler and of the edit similarity from the letters the two tokens share
// exactly (the multiset intersection of their letter counts), so that most pairs of unrelated
// words are rejected without running either algorithm. Both bounds are exact consequences of
// the definitions, so pruning with them never changes a score that reaches the floor:
// - Jaro-Winkler matches only equal letters, so its match count m <= shared; Jaro grows with m
//   and the Winkler bonus uses the (exact) common prefix.
// - In any edit script each unshared letter is deleted, inserted or substituted (cost >= 0.4),
//   and the length difference needs that many insertions or deletions (cost 1 each).
struct Bounds {
  double jaro_winkler;
  double edit;
};

Bounds SimilarityBounds(const PreparedToken& a, const PreparedToken& b) {
  size_t la = a.text.size(), lb = b.text.size();
  if (!a.counted || !b.counted || la > kMaxTokenLength || lb > kMaxTokenLength) return {1.0, 1.0};
  int shared = 0;
  for (size_t i = 0; i < a.letters.size(); ++i) shared += std::min(a.letters[i], b.letters[i]);
  double m =
      std::min({static_cast<double>(shared), static_cast<double>(la), static_cast<double>(lb)});
  Bounds bounds{0.0, 0.0};
  if (m > 0) {
    double jaro = (m / la + m / lb + 1.0) / 3.0;
    size_t prefix = 0;
    while (prefix < 4 && prefix < la && prefix < lb && a.text[prefix] == b.text[prefix]) ++prefix;
    bounds.jaro_winkler = jaro + prefix * 0.1 * (1.0 - jaro);
  }
  double unshared_a = static_cast<double>(la) - m, unshared_b = static_cast<double>(lb) - m;
  // Less a margin for the float rounding of the distance table.
  double distance =
      std::abs(unshared_a - unshared_b) + 0.4 * std::min(unshared_a, unshared_b) - 1e-4;
  double longest = static_cast<double>(std::max(la, lb));
  bounds.edit = std::max(0.0, 1.0 - distance / longest);
  if (distance <= 0.6) bounds.edit = std::max(bounds.edit, 0.85);
  return bounds;
}

}  // namespace

TokenSimilarity CompareTokens(const PreparedToken& a, const PreparedToken& b, double floor) {
  if (a.text.empty() || b.text.empty()) return {};
  if (a.text == b.text) return {1.0, TokenMethod::kExact};
  if (a.text.size() == 1 || b.text.size() == 1) {
    bool initial = a.text[0] == b.text[0];
    return initial ? TokenSimilarity{kInitialScore, TokenMethod::kInitial} : TokenSimilarity{};
  }
  if ((!a.canonical.empty() && (a.canonical == b.canonical || a.canonical == b.text)) ||
      (!b.canonical.empty() && b.canonical == a.text)) {
    return {0.95, TokenMethod::kEquivalent};
  }
  // A two-consonant skeleton says little unless the words also start alike (JOHN ~ HANI: HN).
  bool phonetic = a.skeleton == b.skeleton &&
                  (a.skeleton.size() >= 3 || (a.skeleton.size() == 2 && a.text[0] == b.text[0]));
  Bounds bounds = SimilarityBounds(a, b);
  if (!phonetic && std::max(bounds.jaro_winkler, bounds.edit) < floor) return {};
  TokenSimilarity best{JaroWinkler(a.text, b.text), TokenMethod::kJaroWinkler};
  double longest = static_cast<double>(std::max(a.text.size(), b.text.size()));
  double length_gap =
      std::abs(static_cast<double>(a.text.size()) - static_cast<double>(b.text.size()));
  // Short names keep a small edit allowance: one cheap edit is never worth less than 0.85.
  if (bounds.edit > best.score && 1.0 - length_gap / longest > std::min(best.score, 0.85)) {
    // Distances above `limit` can neither beat best.score nor reach the floor.
    double needed = std::max(best.score, floor);
    double limit = std::max(longest * (1.0 - needed), best.score < 0.85 ? 0.6 : 0.0) + 1e-4;
    double distance = ConfusionEditDistance(a.text, b.text, limit);
    double edit = std::max(0.0, 1.0 - distance / longest);
    if (distance <= 0.6) edit = std::max(edit, 0.85);
    if (edit > best.score) best = {edit, TokenMethod::kEditDistance};
  }
  // Without written vowels the skeleton is all an Arabic or Hebrew spelling can agree on.
  double phonetic_score = a.abjad || b.abjad ? kAbjadPhoneticScore : kPhoneticScore;
  if (phonetic && best.score < phonetic_score) best = {phonetic_score, TokenMethod::kPhonetic};
  return best;
}

TokenSimilarity CompareTokens(std::string_view a, std::string_view b) {
  return CompareTokens(PrepareToken(a), PrepareToken(b));
}

}  // namespace limen::core::screening
