#include "core/screening/screener.h"

#include <algorithm>
#include <unordered_map>

#include "core/screening/normalize.h"

namespace limen::core::screening {

struct Screener::Snapshot {
  std::shared_ptr<const WatchlistIndex> base;
  std::shared_ptr<const WatchlistIndex> overlay;
  // Ids in the base that the overlay replaces or that were removed.
  std::unordered_set<std::string> hidden;
  std::string version;
};

namespace {

std::vector<std::vector<PreparedToken>> Prepare(const std::vector<std::vector<std::string>>& names,
                                                const std::vector<bool>* abjad = nullptr) {
  std::vector<std::vector<PreparedToken>> out(names.size());
  for (size_t n = 0; n < names.size(); ++n) {
    bool from_abjad = abjad != nullptr && (*abjad)[n];
    for (const std::string& token : names[n]) out[n].push_back(PrepareToken(token, from_abjad));
  }
  return out;
}

void ScoreIndex(const WatchlistIndex& index, const std::unordered_set<std::string>* hidden,
                const ScreeningQuery& query, const std::vector<std::vector<std::string>>& tokens,
                const std::vector<bool>& abjad, const ScreeningOptions& options,
                ScreeningResult& result) {
  std::vector<uint32_t> candidates;
  index.Candidates(tokens, query.document_number, options.candidate_names, candidates);
  std::vector<std::vector<PreparedToken>> prepared = Prepare(tokens, &abjad);
  for (uint32_t e : candidates) {
    const WatchlistEntry& entry = index.entry(e);
    if (hidden != nullptr && hidden->count(entry.id) > 0) continue;
    ++result.entries_scored;
    EntryScore score = ScoreEntry(query, prepared, entry, Prepare(index.EntryTokens(e)), index);
    if (score.score < options.min_score) continue;
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
    hit.alert = !hit.suppressed && hit.score >= hit.threshold;
    result.hits.push_back(std::move(hit));
  }
}

std::vector<WatchlistEntry> MergedEntries(const WatchlistIndex& base,
                                          const std::unordered_set<std::string>& hidden,
                                          const WatchlistIndex* overlay) {
  std::vector<WatchlistEntry> merged;
  merged.reserve(base.entry_count() + (overlay ? overlay->entry_count() : 0));
  for (const WatchlistEntry& entry : base.entries()) {
    if (hidden.count(entry.id) == 0) merged.push_back(entry);
  }
  if (overlay != nullptr) {
    for (const WatchlistEntry& entry : overlay->entries()) merged.push_back(entry);
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
    for (const WatchlistEntry& entry : current->overlay->entries()) overlay[entry.id] = entry;
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
  std::vector<std::vector<std::string>> tokens;
  std::vector<bool> abjad;
  for (const std::string& name : query.names) {
    NormalizedName normalized = NormalizeName(name);
    if (normalized.tokens.empty()) continue;
    tokens.push_back(std::move(normalized.tokens));
    abjad.push_back(normalized.abjad);
  }
  if (tokens.empty()) {
    return InvalidArgument("SCREEN_EMPTY_NAME",
                           "The query has no name with letters in it; enter the traveller's name "
                           "as written in the travel document.");
  }
  std::shared_ptr<const Snapshot> snapshot = Load();
  ScreeningResult result;
  result.list_version = snapshot->version;
  ScoreIndex(*snapshot->base, &snapshot->hidden, query, tokens, abjad, options, result);
  if (snapshot->overlay)
    ScoreIndex(*snapshot->overlay, nullptr, query, tokens, abjad, options, result);
  std::sort(result.hits.begin(), result.hits.end(),
            [](const ScreeningHit& a, const ScreeningHit& b) {
              if (a.score != b.score) return a.score > b.score;
              return a.entry_id < b.entry_id;
            });
  if (result.hits.size() > options.top_n) result.hits.resize(options.top_n);
  return result;
}

ScreenerStats Screener::Stats() const {
  std::shared_ptr<const Snapshot> snapshot = Load();
  ScreenerStats stats;
  stats.list_version = snapshot->version;
  for (const WatchlistEntry& entry : snapshot->base->entries()) {
    stats.entries += snapshot->hidden.count(entry.id) == 0 ? 1 : 0;
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
