#include "core/screening/matcher.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

constexpr size_t kMaxTokens = 12;
constexpr double kMatchFloor = 0.72;       // Token pairs below this do not align.
constexpr double kJoinFloor = 0.85;        // Joined compound pairs must be this close.
constexpr double kQueryShare = 0.6;        // Query coverage share of the name score.
constexpr double kEntryExtraFactor = 0.5;  // Unmatched listed tokens count half.
// Token similarity becomes credit linearly from kCreditZero (nothing) to 1 (full): a 0.8
// Jaro-Winkler pair is a weak agreement, not four fifths of one.
constexpr double kCreditZero = 0.6;

double Credit(double similarity) {
  return std::clamp((similarity - kCreditZero) / (1.0 - kCreditZero), 0.0, 1.0);
}

struct Candidate {
  double score;
  TokenMethod method;
  uint8_t q_begin, q_count, e_begin, e_count;
};

void AddCandidate(std::vector<Candidate>& out, const PreparedToken& a, const PreparedToken& b,
                  uint8_t qb, uint8_t qc, uint8_t eb, uint8_t ec, double floor) {
  TokenSimilarity similarity = CompareTokens(a, b, floor);
  if (similarity.score >= floor)
    out.push_back({similarity.score, similarity.method, qb, qc, eb, ec});
}

// A joined compound (AL + TIKRITI against ALTIKRITI) is only worth comparing when it starts with
// the same letter and has about the same length as the single token.
bool JoinPlausible(const PreparedToken& first, const PreparedToken& second,
                   const PreparedToken& single) {
  size_t joined = first.text.size() + second.text.size();
  size_t gap =
      joined > single.text.size() ? joined - single.text.size() : single.text.size() - joined;
  return first.text[0] == single.text[0] && gap <= 2;
}

void AddJoined(std::vector<Candidate>& out, const PreparedToken& first, const PreparedToken& second,
               const PreparedToken& single, bool query_joined, uint8_t i, uint8_t j) {
  if (!JoinPlausible(first, second, single)) return;
  PreparedToken joined = PrepareToken(first.text + second.text);
  if (query_joined)
    AddCandidate(out, joined, single, i, 2, j, 1, kJoinFloor);
  else
    AddCandidate(out, single, joined, i, 1, j, 2, kJoinFloor);
}

std::vector<Candidate> PairCandidates(std::span<const PreparedToken> q,
                                      std::span<const PreparedToken> e) {
  std::vector<Candidate> out;
  for (size_t i = 0; i < q.size(); ++i) {
    for (size_t j = 0; j < e.size(); ++j) {
      auto qi = static_cast<uint8_t>(i), ej = static_cast<uint8_t>(j);
      AddCandidate(out, q[i], e[j], qi, 1, ej, 1, kMatchFloor);
      if (j + 1 < e.size()) AddJoined(out, e[j], e[j + 1], q[i], false, qi, ej);
      if (i + 1 < q.size()) AddJoined(out, q[i], q[i + 1], e[j], true, qi, ej);
    }
  }
  // Best first; at equal score, the pair that consumes more tokens wins.
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.q_count + a.e_count > b.q_count + b.e_count;
  });
  return out;
}

std::string JoinRange(std::span<const PreparedToken> tokens, size_t begin, size_t count) {
  std::string out = tokens[begin].text;
  for (size_t k = 1; k < count; ++k) out += "+" + tokens[begin + k].text;
  return out;
}

// Patronymics (ALEKSANDROVICH, PAVLOVNA, ALIAKSANDRAUNA) are shared by many people.
bool IsPatronymic(const std::string& token) {
  static constexpr std::string_view kEndings[] = {"OVICH", "EVICH", "AVICH", "OVITJ", "EVITJ",
                                                  "OVIC",  "EVIC",  "OVNA",  "EVNA",  "AUNA",
                                                  "AVNA",  "OVICS", "IEVNA", "IVNA",  "YICH"};
  for (std::string_view ending : kEndings) {
    if (token.size() > ending.size() + 2 &&
        token.compare(token.size() - ending.size(), ending.size(), ending) == 0) {
      return true;
    }
  }
  return false;
}

double WeightOf(const PreparedToken& token, const TokenWeights& weights) {
  if (IsParticle(token.text)) return 0.15;
  double weight = weights.Weight(token.text);
  return IsPatronymic(token.text) ? weight * 0.5 : weight;
}

}  // namespace

NameMatch MatchNames(std::span<const PreparedToken> query, std::span<const PreparedToken> entry,
                     const TokenWeights& weights) {
  NameMatch match;
  query = query.subspan(0, std::min(query.size(), kMaxTokens));
  entry = entry.subspan(0, std::min(entry.size(), kMaxTokens));
  if (query.empty() || entry.empty()) return match;
  std::vector<double> q_sim(query.size(), 0.0), e_sim(entry.size(), 0.0);
  std::vector<bool> q_used(query.size(), false), e_used(entry.size(), false);
  for (const Candidate& c : PairCandidates(query, entry)) {
    bool free = true;
    for (int k = 0; k < c.q_count; ++k) free = free && !q_used[c.q_begin + k];
    for (int k = 0; k < c.e_count; ++k) free = free && !e_used[c.e_begin + k];
    if (!free) continue;
    for (int k = 0; k < c.q_count; ++k)
      q_used[c.q_begin + k] = true, q_sim[c.q_begin + k] = Credit(c.score);
    for (int k = 0; k < c.e_count; ++k)
      e_used[c.e_begin + k] = true, e_sim[c.e_begin + k] = Credit(c.score);
    match.alignment.push_back({JoinRange(query, c.q_begin, c.q_count),
                               JoinRange(entry, c.e_begin, c.e_count), c.score, c.method});
    ++match.matched_tokens;
  }
  double q_hit = 0, q_total = 0, e_hit = 0, e_total = 0;
  for (size_t i = 0; i < query.size(); ++i) {
    double w = WeightOf(query[i], weights);
    q_hit += w * q_sim[i];
    q_total += w;
  }
  for (size_t j = 0; j < entry.size(); ++j) {
    double w = WeightOf(entry[j], weights);
    e_hit += w * e_sim[j];
    e_total += e_used[j] ? w : w * kEntryExtraFactor;
  }
  match.query_coverage = q_total > 0 ? q_hit / q_total : 0.0;
  match.entry_coverage = e_total > 0 ? e_hit / e_total : 0.0;
  match.score = kQueryShare * match.query_coverage + (1 - kQueryShare) * match.entry_coverage;
  return match;
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

namespace {

const Feature& FeatureNamed(std::string_view name) {
  for (const Feature& feature : kFeatures) {
    if (feature.name == name) return feature;
  }
  return kFeatures[0];
}

void Fire(EntryScore& score, std::string_view name, double value, std::string detail) {
  const Feature& feature = FeatureNamed(name);
  score.features.push_back({feature.name, feature.weight, value, std::move(detail)});
}

void ScoreDates(const ScreeningQuery& query, const WatchlistEntry& entry, EntryScore& score) {
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
  std::string listed = FormatPartialDate(entry.dates_of_birth.front());
  if (exact) return Fire(score, "dob_exact", 1.0, FormatPartialDate(q));
  if (partial) return Fire(score, "dob_partial", 1.0, FormatPartialDate(q));
  if (best_gap <= 1) return Fire(score, "dob_near", 1.0, "listed " + listed);
  Fire(score, "dob_mismatch", 1.0, "listed " + listed);
}

void ScoreAttributes(const ScreeningQuery& query, const WatchlistEntry& entry, EntryScore& score) {
  if (!query.nationality.empty() && !entry.nationalities.empty()) {
    bool found = std::find(entry.nationalities.begin(), entry.nationalities.end(),
                           query.nationality) != entry.nationalities.end();
    Fire(score, found ? "nationality_match" : "nationality_mismatch", 1.0, query.nationality);
  }
  if (query.sex != Sex::kUnknown && entry.sex != Sex::kUnknown && query.sex != entry.sex) {
    Fire(score, "sex_mismatch", 1.0, std::string(SexName(entry.sex)));
  }
  if (query.document_number.empty()) return;
  std::string folded = FoldDocumentNumber(query.document_number);
  for (const std::string& number : entry.document_numbers) {
    if (number == query.document_number) return Fire(score, "document_exact", 1.0, number);
    if (!folded.empty() && FoldDocumentNumber(number) == folded) {
      return Fire(score, "document_misread", 1.0, number);
    }
  }
}

size_t MeaningfulTokens(const std::vector<PreparedToken>& tokens) {
  return static_cast<size_t>(std::count_if(
      tokens.begin(), tokens.end(),
      [](const PreparedToken& t) { return t.text.size() > 1 && !IsParticle(t.text); }));
}

}  // namespace

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
  Fire(best, "name_match", best.name_match.score, entry.names[best.best_name].full);
  if (entry.names[best.best_name].type == NameType::kWeakAlias) Fire(best, "weak_alias", 1.0, "");
  if (MeaningfulTokens(query_tokens[best_query]) <= 1) Fire(best, "single_token_query", 1.0, "");
  ScoreDates(query, entry, best);
  ScoreAttributes(query, entry, best);
  double total = 0.0;
  bool document = false;
  for (const FiredFeature& feature : best.features) {
    total += feature.weight * feature.value;
    document |= feature.name == "document_exact" || feature.name == "document_misread";
  }
  // Without any name agreement only a document number makes a hit.
  best.score = best.name_match.score > 0.0 || document ? std::clamp(total, 0.0, 1.0) : 0.0;
  return best;
}

}  // namespace limen::core::screening
