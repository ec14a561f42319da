// Screener: the service-level screening API. It holds the current watchlist snapshot and screens
// traveller queries against it, returning ranked hits with explanations and actions.
//
// A snapshot is a large immutable base index plus a small overlay index of entries added or
// changed by delta imports and a set of removed ids. Replace() and ApplyDelta() build the new
// snapshot off to the side and publish it with one atomic pointer swap: queries in flight keep
// the snapshot they started with and are never blocked. When the overlay grows past an eighth
// of the base, ApplyDelta() rebuilds the base (still off to the side).
//
// Adjudication memory: ScreeningOptions carries the (entry id, entry fingerprint) pairs an
// officer has ruled "not the same person" for this traveller; a hit on such an entry is marked
// suppressed and never alerts, until the entry changes (its fingerprint then differs).
//
// Thread-safety: Screen() and Stats() are thread-safe and lock-free with respect to writers.
// Replace() and ApplyDelta() are thread-safe (serialised by an internal mutex).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "core/screening/entry.h"
#include "core/screening/index.h"
#include "core/screening/matcher.h"

namespace limen::core::screening {

// Entry ids, searchable by std::string_view.
struct IdHash {
  using is_transparent = void;
  size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
};
using HiddenIds = std::unordered_set<std::string, IdHash, std::equal_to<>>;

struct Suppression {
  std::string entry_id;
  uint64_t entry_fingerprint = 0;
};

struct ScreeningOptions {
  size_t top_n = 10;
  double min_score = 0.55;                        // Hits below are not returned.
  double alert_threshold = 0.75;                  // Default alert threshold.
  std::map<std::string, double> list_thresholds;  // Per list id, overrides the default.
  std::vector<Suppression> suppressions;          // For this query's traveller.
  // Names per index whose entries may be scored in full, best estimate first; scoring stops
  // once an estimate can no longer reach min_score or the top_n-th score (candidates.h).
  size_t candidate_names = 48;
  // Token-to-names postings a query reads at most, rarest query token first: caps the
  // candidate search's cost however common the query's words are. Lower budgets are faster but
  // lose listed names on large lists (docs/benchmarks/screening.md).
  size_t posting_budget = 20000;
};

struct ScreeningHit {
  std::string entry_id;
  std::string list_id;
  HitAction action = HitAction::kReferToAgency;
  std::string owning_agency;
  uint64_t entry_fingerprint = 0;
  double score = 0.0;
  double threshold = 0.0;
  bool alert = false;
  bool suppressed = false;  // Ruled "not the same person" before; never alerts.
  // The entry is not valid on the query's screening date (before valid_from or after
  // valid_until); never alerts.
  bool outside_validity = false;
  std::string matched_name;
  NameType matched_name_type = NameType::kPrimary;
  std::vector<TokenAlignment> alignment;
  std::vector<FiredFeature> features;
};

struct ScreeningResult {
  std::vector<ScreeningHit> hits;  // Best first.
  std::string list_version;
  size_t entries_scored = 0;
};

struct WatchlistDelta {
  std::vector<WatchlistEntry> upserts;  // Added or updated entries (matched by id).
  std::vector<std::string> removals;    // Ids of removed entries.
};

struct ScreenerStats {
  std::string list_version;
  size_t entries = 0;
  size_t names = 0;
  size_t index_bytes = 0;
  size_t entry_bytes = 0;
};

class Screener {
 public:
  Screener();

  // Replaces the whole list.
  void Replace(std::vector<WatchlistEntry> entries, std::string list_version);
  // Applies added, updated and removed entries; unknown removal ids are ignored.
  void ApplyDelta(const WatchlistDelta& delta, std::string list_version);

  // Returns InvalidArgument SCREEN_EMPTY_NAME when the query has no usable name.
  Result<ScreeningResult> Screen(const ScreeningQuery& query,
                                 const ScreeningOptions& options) const;

  ScreenerStats Stats() const;
  // A copy of every entry currently listed.
  std::vector<WatchlistEntry> Entries() const;

 private:
  struct Snapshot;
  std::shared_ptr<const Snapshot> Load() const;
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
  std::mutex writer_mutex_;
};

}  // namespace limen::core::screening
