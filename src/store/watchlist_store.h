// Watchlist persistence: the entries of every alert list, list versions, and adjudications.
//
// SaveWatchlistImport writes a whole import (full replacement of one list, or a delta of added,
// updated and removed entries) inside the caller's WriteTxn, so it is all or nothing, and
// appends one `watchlist.imported` event with the list id, version, mode, counts and content
// hash (not the rows). LoadWatchlistEntries returns every stored entry, to build the screening
// index at start-up. RecordAdjudication stores an officer's "not the same person" decision for
// a (traveller, entry) pair with a `watchlist.adjudicated` event; LoadSuppressions returns the
// decisions for a traveller whose entry is unchanged since (same fingerprint), so an edited
// entry alerts again.
//
// Thread-safety: functions are stateless; they are as thread-safe as the transaction given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/screening/entry.h"
#include "core/screening/screener.h"
#include "store/store.h"

namespace limen::store {

enum class WatchlistImportMode : uint8_t { kFull, kDelta };

struct WatchlistImport {
  std::string list_id;
  std::string version;
  WatchlistImportMode mode = WatchlistImportMode::kFull;
  std::vector<core::screening::WatchlistEntry> entries;  // Full list, or upserts of a delta.
  std::vector<std::string> removals;                     // Delta only.
};

struct WatchlistImportSummary {
  int64_t added = 0;
  int64_t updated = 0;
  int64_t removed = 0;
  int64_t unchanged = 0;
  int64_t total = 0;  // Entries of the list after the import.
  std::string content_hash;
  int64_t event_sequence = 0;
};

struct WatchlistInfo {
  std::string list_id;
  std::string version;
  std::string content_hash;
  int64_t entry_count = 0;
  Timestamp imported_at = 0;
};

struct Adjudication {
  std::string traveller_id;
  std::string entry_id;
  uint64_t entry_fingerprint = 0;
  std::string reason;
};

// Fails with WATCHLIST_LIST_ID on an empty list id, WATCHLIST_ENTRY_LIST when an entry belongs
// to another list, WATCHLIST_ID_TAKEN when an entry id is stored under another list.
Result<WatchlistImportSummary> SaveWatchlistImport(WriteTxn& txn, std::string_view actor,
                                                   const WatchlistImport& import);
// Every entry of `list_id`, or of every list when empty, ordered by id.
Result<std::vector<core::screening::WatchlistEntry>> LoadWatchlistEntries(
    ReadTxn& txn, std::string_view list_id = {});
Result<std::vector<WatchlistInfo>> ListWatchlists(ReadTxn& txn);

// Fails with WATCHLIST_ENTRY_UNKNOWN when the entry is not stored, WATCHLIST_ENTRY_CHANGED when
// the fingerprint is not the entry's current one (the officer saw an older version).
Status RecordAdjudication(WriteTxn& txn, std::string_view actor, const Adjudication& decision);
Result<std::vector<core::screening::Suppression>> LoadSuppressions(ReadTxn& txn,
                                                                   std::string_view traveller_id);

}  // namespace limen::store
