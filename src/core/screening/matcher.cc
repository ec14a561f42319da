#include "core/screening/matcher.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/screening/internal/scoring.h"
#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace internal {

TokenSimilarity CompareJoined(const PreparedToken& first, const PreparedToken& second,
                              const PreparedToken& single, bool query_joined) {
  PreparedToken joined = PrepareToken(first.text + second.text);
  return query_joined ? CompareTokens(joined, single, kJoinFloor)
                      : CompareTokens(single, joined, kJoinFloor);
}

namespace {

// Patronymics (ALEKSANDROVICH, PAVLOVNA, ALIAKSANDRAUNA) are shared by many people.
bool IsPatronymic(std::string_view token) {
  static constexpr std::string_view kEndings[] = {"OVICH", "EVICH", "AVICH", "OVITJ", "EVITJ",
                                                  "OVIC",  "EVIC",  "OVNA",  "EVNA",  "AUNA",
                                                  "AVNA",  "OVICS", "IEVNA", "IVNA",  "YICH"};
  for (std::string_view ending : kEndings) {
    if (token.size() > ending.size() + 2 && token.ends_with(ending)) return true;
  }
  return false;
}

}  // namespace

double TokenWeight(std::string_view token, double rarity) {
  if (IsParticle(token)) return 0.15;
  return IsPatronymic(token) ? rarity * 0.5 : rarity;
}

size_t MeaningfulTokens(std::span<const PreparedToken* const> tokens) {
  return static_cast<size_t>(std::count_if(
      tokens.begin(), tokens.end(),
      [](const PreparedToken* t) { return t->text.size() > 1 && !IsParticle(t->text); }));
}

}  // namespace internal

namespace {

std::string JoinRange(std::span<const PreparedToken* const> tokens, size_t begin, size_t count) {
  std::string out = tokens[begin]->text;
  for (size_t k = 1; k < count; ++k) out += "+" + tokens[begin + k]->text;
  return out;
}

std::vector<const PreparedToken*> Pointers(std::span<const PreparedToken> tokens) {
  std::vector<const PreparedToken*> out;
  for (const PreparedToken& token : tokens) out.push_back(&token);
  return out;
}

}  // namespace

NameMatch internal::ToNameMatch(const internal::Alignment& alignment,
                                std::span<const PreparedToken* const> query,
                                std::span<const PreparedToken* const> entry) {
  NameMatch match;
  match.score = alignment.score;
  match.query_coverage = alignment.query_coverage;
  match.entry_coverage = alignment.entry_coverage;
  match.matched_tokens = alignment.count;
  for (size_t p = 0; p < alignment.count; ++p) {
    const internal::AlignedPair& pair = alignment.pairs[p];
    match.alignment.push_back({JoinRange(query, pair.q_begin, pair.q_count),
                               JoinRange(entry, pair.e_begin, pair.e_count), pair.score,
                               pair.method});
  }
  return match;
}

NameMatch MatchNames(std::span<const PreparedToken> query, std::span<const PreparedToken> entry,
                     const TokenWeights& weights) {
  std::vector<const PreparedToken*> q =
      Pointers(query.subspan(0, std::min(query.size(), internal::kMaxTokens)));
  std::vector<const PreparedToken*> e =
      Pointers(entry.subspan(0, std::min(entry.size(), internal::kMaxTokens)));
  std::vector<double> qw, ew;
  for (const PreparedToken* t : q)
    qw.push_back(internal::TokenWeight(t->text, weights.Weight(t->text)));
  for (const PreparedToken* t : e)
    ew.push_back(internal::TokenWeight(t->text, weights.Weight(t->text)));
  internal::Alignment alignment;
  internal::Align(
      q, qw.data(), e, ew.data(),
      [&](size_t i, size_t j) { return CompareTokens(*q[i], *e[j], internal::kMatchFloor); },
      alignment);
  return internal::ToNameMatch(alignment, q, e);
}

std::string FoldDocumentNumber(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) continue;
    switch (c) {
      case 'O':
      case 'Q':
      case 'D':
        c = '0';
        break;
      case 'I':
      case 'L':
        c = '1';
        break;
      case 'S':
        c = '5';
        break;
      case 'B':
        c = '8';
        break;
      case 'Z':
        c = '2';
        break;
      case 'G':
        c = '6';
        break;
      default:
        break;
    }
    out.push_back(c);
  }
  return out;
}

namespace internal {
namespace {

const Feature& FeatureNamed(std::string_view name) {
  for (const Feature& feature : kFeatures) {
    if (feature.name == name) return feature;
  }
  return kFeatures[0];
}

// Collects fired features; detail texts are built only when explaining.
struct Firing {
  std::vector<FiredFeature>& features;
  bool explain;
  template <typename Detail>
  void Fire(std::string_view name, double value, Detail&& detail) {
    const Feature& feature = FeatureNamed(name);
    features.push_back({feature.name, feature.weight, value, explain ? detail() : std::string()});
  }
};

void ScoreDates(const ScreeningQuery& query, const WatchlistEntry& entry, Firing& firing) {
  if (!query.date_of_birth || entry.dates_of_birth.empty()) return;
  const PartialDate& q = *query.date_of_birth;
  int best_gap = 1000;
  bool exact = false, partial = false;
  for (const PartialDate& d : entry.dates_of_birth) {
    best_gap = std::min(best_gap, std::abs(d.year - q.year));
    if (d.year != q.year) continue;
    bool month_known = d.month != 0 && q.month != 0;
    bool day_known = d.day != 0 && q.day != 0;
    if (month_known && d.month != q.month) continue;
    if (day_known && d.day != q.day) continue;
    if (day_known)
      exact = true;
    else
      partial = true;
  }
  auto query_date = [&] { return FormatPartialDate(q); };
  auto listed = [&] { return "listed " + FormatPartialDate(entry.dates_of_birth.front()); };
  if (exact) return firing.Fire("dob_exact", 1.0, query_date);
  if (partial) return firing.Fire("dob_partial", 1.0, query_date);
  if (best_gap <= 1) return firing.Fire("dob_near", 1.0, listed);
  firing.Fire("dob_mismatch", 1.0, listed);
}

void ScoreAttributes(const ScreeningQuery& query, const WatchlistEntry& entry, Firing& firing) {
  if (!query.nationality.empty() && !entry.nationalities.empty()) {
    bool found = std::find(entry.nationalities.begin(), entry.nationalities.end(),
                           query.nationality) != entry.nationalities.end();
    firing.Fire(found ? "nationality_match" : "nationality_mismatch", 1.0,
                [&] { return query.nationality; });
  }
  if (query.sex != Sex::kUnknown && entry.sex != Sex::kUnknown && query.sex != entry.sex) {
    firing.Fire("sex_mismatch", 1.0, [&] { return std::string(SexName(entry.sex)); });
  }
  if (query.document_number.empty() || entry.document_numbers.empty()) return;
  std::string folded = FoldDocumentNumber(query.document_number);
  for (const std::string& number : entry.document_numbers) {
    if (number == query.document_number)
      return firing.Fire("document_exact", 1.0, [&] { return number; });
    if (!folded.empty() && FoldDocumentNumber(number) == folded) {
      return firing.Fire("document_misread", 1.0, [&] { return number; });
    }
  }
}

}  // namespace

double ScoreFeatures(const ScreeningQuery& query, const WatchlistEntry& entry, size_t best_name,
                     double name_score, bool single_token_query, bool explain,
                     std::vector<FiredFeature>& features) {
  features.clear();
  Firing firing{features, explain};
  firing.Fire("name_match", name_score, [&] { return entry.names[best_name].full; });
  if (entry.names[best_name].type == NameType::kWeakAlias)
    firing.Fire("weak_alias", 1.0, [] { return std::string(); });
  if (single_token_query) firing.Fire("single_token_query", 1.0, [] { return std::string(); });
  ScoreDates(query, entry, firing);
  ScoreAttributes(query, entry, firing);
  double total = 0.0;
  bool document = false;
  for (const FiredFeature& feature : features) {
    total += feature.weight * feature.value;
    document |= feature.name == "document_exact" || feature.name == "document_misread";
  }
  // Without any name agreement only a document number makes a hit.
  return name_score > 0.0 || document ? std::clamp(total, 0.0, 1.0) : 0.0;
}

}  // namespace internal

EntryScore ScoreEntry(const ScreeningQuery& query,
                      const std::vector<std::vector<PreparedToken>>& query_tokens,
                      const WatchlistEntry& entry,
                      const std::vector<std::vector<PreparedToken>>& entry_tokens,
                      const TokenWeights& weights) {
  EntryScore best;
  size_t best_query = 0;
  for (size_t qi = 0; qi < query_tokens.size(); ++qi) {
    for (size_t n = 0; n < entry_tokens.size(); ++n) {
      NameMatch match = MatchNames(query_tokens[qi], entry_tokens[n], weights);
      if (match.score > best.name_match.score) {
        best.name_match = std::move(match);
        best.best_name = n;
        best_query = qi;
      }
    }
  }
  bool single_token = internal::MeaningfulTokens(Pointers(query_tokens[best_query])) <= 1;
  best.score = internal::ScoreFeatures(query, entry, best.best_name, best.name_match.score,
                                       single_token, true, best.features);
  return best;
}

}  // namespace limen::core::screening
