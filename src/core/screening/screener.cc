#include "core/screening/screener.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_map>

#include "core/screening/candidates.h"
#include "core/screening/normalize.h"
#include "core/screening/resegment.h"
#include "core/screening/scorer.h"

namespace limen::core::screening {

struct Screener::Snapshot {
  std::shared_ptr<const WatchlistIndex> base;
  std::shared_ptr<const WatchlistIndex> overlay;
  // Ids in the base that the overlay replaces or that were removed.
  HiddenIds hidden;
  std::string version;
};

namespace {

// An entry that scored at least min_score, before it is explained.
struct Scored {
  QueryScorer* scorer;
  const WatchlistIndex* index;
  uint32_t entry;
  std::string_view id;
  double score;
};

// The most the qualifier features can add to the name score of an entry that does not match by
// document number: a date of birth (dob_exact) and a nationality (nationality_match).
double MaxBonus(const ScreeningQuery& query) {
  return (query.date_of_birth ? 0.08 : 0.0) + (query.nationality.empty() ? 0.0 : 0.03) +
         0.01;  // Covers float rounding and near-ties of the greedy alignment.
}

void ScoreIndex(const WatchlistIndex& index, const HiddenIds* hidden, const ScreeningQuery& query,
                const std::vector<QueryName>& names, const ScreeningOptions& options,
                QueryScorer& scorer, ScreeningResult& result, std::vector<Scored>& scored) {
  const double bonus = MaxBonus(query);
  std::vector<Candidate> candidates;
  FindCandidates(index, names, query.document_number,
                 {options.candidate_names, options.posting_budget, options.min_score - bonus},
                 candidates);
  // Best bound first: once a bound cannot reach min_score, or the top_n-th score found so far,
  // no later candidate can either.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.bound > b.bound; });
  std::vector<double> best;  // Min-heap of the top_n scores of this index.
  // Entries are spread over the whole arena: each is fetched two candidates ahead.
  constexpr size_t kPrefetchAhead = 2;
  for (size_t k = 0; k < std::min(kPrefetchAhead, candidates.size()); ++k)
    index.PrefetchEntry(candidates[k].entry);
  for (size_t k = 0; k < candidates.size(); ++k) {
    const Candidate& candidate = candidates[k];
    if (k + kPrefetchAhead < candidates.size())
      index.PrefetchEntry(candidates[k + kPrefetchAhead].entry);
    const double reach = candidate.bound + bonus;
    if (reach < options.min_score) break;
    if (options.top_n > 0 && best.size() >= options.top_n && reach < best.front()) break;
    const uint32_t e = candidate.entry;
    std::string_view id = index.entry_id(e);
    if (hidden != nullptr && !hidden->empty() && hidden->find(id) != hidden->end()) continue;
    if (!SharedWithCaller(index.entry_owning_agency(e), index.entry_sharing(e), query)) continue;
    ++result.entries_scored;
    double score = scorer.Score(e);
    if (score < options.min_score) continue;
    scored.push_back({&scorer, &index, e, id, score});
    best.push_back(score);
    std::push_heap(best.begin(), best.end(), std::greater<>());
    if (best.size() > options.top_n) {
      std::pop_heap(best.begin(), best.end(), std::greater<>());
      best.pop_back();
    }
  }
}

ScreeningHit Hit(const Scored& scored, const ScreeningQuery& query,
                 const ScreeningOptions& options) {
  const WatchlistEntry entry = scored.index->entry(scored.entry);
  EntryScore score = scored.scorer->Explain(scored.entry);
  ScreeningHit hit;
  hit.entry_id = entry.id;
  hit.list_id = entry.list_id;
  hit.action = entry.action;
  hit.owning_agency = entry.owning_agency;
  hit.entry_fingerprint = EntryFingerprint(entry);
  hit.score = score.score;
  auto threshold = options.list_thresholds.find(entry.list_id);
  hit.threshold =
      threshold == options.list_thresholds.end() ? options.alert_threshold : threshold->second;
  hit.matched_name = entry.names[score.best_name].full;
  hit.matched_name_type = entry.names[score.best_name].type;
  hit.alignment = std::move(score.name_match.alignment);
  hit.features = std::move(score.features);
  for (const Suppression& s : options.suppressions) {
    if (s.entry_id == entry.id && s.entry_fingerprint == hit.entry_fingerprint) {
      hit.suppressed = true;
    }
  }
  hit.outside_validity = query.screening_day && !ValidOn(entry, *query.screening_day);
  hit.alert = !hit.suppressed && !hit.outside_validity && hit.score >= hit.threshold;
  return hit;
}

std::vector<WatchlistEntry> MergedEntries(const WatchlistIndex& base, const HiddenIds& hidden,
                                          const WatchlistIndex* overlay) {
  std::vector<WatchlistEntry> merged;
  merged.reserve(base.entry_count() + (overlay ? overlay->entry_count() : 0));
  for (uint32_t e = 0; e < base.entry_count(); ++e) {
    if (hidden.find(base.entry_id(e)) == hidden.end()) merged.push_back(base.entry(e));
  }
  if (overlay != nullptr) {
    for (uint32_t e = 0; e < overlay->entry_count(); ++e) merged.push_back(overlay->entry(e));
  }
  return merged;
}

}  // namespace

Screener::Screener() {
  auto empty = std::make_shared<Snapshot>();
  empty->base = WatchlistIndex::Build({});
  snapshot_.store(std::move(empty));
}

std::shared_ptr<const Screener::Snapshot> Screener::Load() const { return snapshot_.load(); }

void Screener::Replace(std::vector<WatchlistEntry> entries, std::string list_version) {
  std::lock_guard<std::mutex> lock(writer_mutex_);
  auto next = std::make_shared<Snapshot>();
  next->base = WatchlistIndex::Build(std::move(entries));
  next->version = std::move(list_version);
  snapshot_.store(std::move(next));
}

void Screener::ApplyDelta(const WatchlistDelta& delta, std::string list_version) {
  std::lock_guard<std::mutex> lock(writer_mutex_);
  std::shared_ptr<const Snapshot> current = snapshot_.load();
  auto next = std::make_shared<Snapshot>();
  next->base = current->base;
  next->hidden = current->hidden;
  next->version = std::move(list_version);
  // The overlay keeps every change since the base was built, last write wins.
  std::unordered_map<std::string, WatchlistEntry> overlay;
  if (current->overlay) {
    for (WatchlistEntry& entry : current->overlay->Entries()) {
      std::string id = entry.id;
      overlay[id] = std::move(entry);
    }
  }
  for (const std::string& id : delta.removals) {
    overlay.erase(id);
    next->hidden.insert(id);
  }
  for (const WatchlistEntry& entry : delta.upserts) {
    overlay[entry.id] = entry;
    next->hidden.insert(entry.id);
  }
  std::vector<WatchlistEntry> overlay_entries;
  for (auto& [id, entry] : overlay) overlay_entries.push_back(std::move(entry));
  std::sort(overlay_entries.begin(), overlay_entries.end(),
            [](const WatchlistEntry& a, const WatchlistEntry& b) { return a.id < b.id; });
  next->overlay = WatchlistIndex::Build(std::move(overlay_entries));
  if (next->overlay->entry_count() > next->base->entry_count() / 8 + 64) {
    next->base =
        WatchlistIndex::Build(MergedEntries(*next->base, next->hidden, next->overlay.get()));
    next->overlay.reset();
    next->hidden.clear();
  }
  snapshot_.store(std::move(next));
}

Result<ScreeningResult> Screener::Screen(const ScreeningQuery& query,
                                         const ScreeningOptions& options) const {
  std::shared_ptr<const Snapshot> snapshot = Load();
  auto listed = [&snapshot](std::string_view token) {
    return snapshot->base->FindToken(token) >= 0 ||
           (snapshot->overlay && snapshot->overlay->FindToken(token) >= 0);
  };
  auto near = [&snapshot](std::string_view token) {
    return snapshot->base->HasNeighbour(token) ||
           (snapshot->overlay && snapshot->overlay->HasNeighbour(token));
  };
  std::vector<QueryName> names;
  std::vector<NormalizedName> normalized_names;
  for (const std::string& name : query.names) {
    NormalizedName normalized = NormalizeName(name);
    if (normalized.tokens.empty()) continue;
    names.push_back(PrepareQueryName(normalized.tokens, normalized.abjad));
    normalized_names.push_back(std::move(normalized));
  }
  if (names.empty()) {
    return InvalidArgument("SCREEN_EMPTY_NAME",
                           "The query has no name with letters in it; enter the traveller's name "
                           "as written in the travel document.");
  }
  // Word boundaries a typing error moved or dropped, screened as further names of the query.
  for (const NormalizedName& normalized : normalized_names) {
    for (const std::vector<std::string>& tokens :
         Resegmentations(normalized.tokens, listed, near)) {
      names.push_back(PrepareQueryName(tokens, normalized.abjad));
      names.back().factor = kResegmentedFactor;
    }
  }
  ScreeningResult result;
  result.list_version = snapshot->version;
  std::vector<Scored> scored;
  QueryScorer base(query, names, *snapshot->base);
  ScoreIndex(*snapshot->base, &snapshot->hidden, query, names, options, base, result, scored);
  std::optional<QueryScorer> overlay;
  if (snapshot->overlay) {
    overlay.emplace(query, names, *snapshot->overlay);
    ScoreIndex(*snapshot->overlay, nullptr, query, names, options, *overlay, result, scored);
  }
  // Only the hits that are returned are explained.
  auto better = [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  };
  size_t keep = std::min(options.top_n, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(), better);
  for (size_t i = 0; i < keep; ++i) result.hits.push_back(Hit(scored[i], query, options));
  return result;
}

ScreenerStats Screener::Stats() const {
  std::shared_ptr<const Snapshot> snapshot = Load();
  ScreenerStats stats;
  stats.list_version = snapshot->version;
  for (uint32_t e = 0; e < snapshot->base->entry_count(); ++e) {
    stats.entries += snapshot->hidden.find(snapshot->base->entry_id(e)) == snapshot->hidden.end();
  }
  if (snapshot->overlay) stats.entries += snapshot->overlay->entry_count();
  for (const WatchlistIndex* index : {snapshot->base.get(), snapshot->overlay.get()}) {
    if (index == nullptr) continue;
    stats.names += index->name_count();
    stats.index_bytes += index->IndexBytes();
    stats.entry_bytes += index->EntryBytes();
  }
  return stats;
}

std::vector<WatchlistEntry> Screener::Entries() const {
  std::shared_ptr<const Snapshot> snapshot = Load();
  return MergedEntries(*snapshot->base, snapshot->hidden, snapshot->overlay.get());
}

}  // namespace limen::core::screening
