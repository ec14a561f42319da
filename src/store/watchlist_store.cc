#include "store/watchlist_store.h"

#include <map>
#include <unordered_map>

#include "base/strings.h"
#include "core/screening/import.h"
#include "store/internal/flat_json.h"

namespace limen::store {
namespace {

namespace scr = core::screening;

constexpr char kDocumentSeparator = '\x1f';

std::string Join(const std::vector<std::string>& values, char separator) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(separator);
    out += values[i];
  }
  return out;
}

std::vector<std::string> SplitNonEmpty(std::string_view text, char separator) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (std::string_view part : Split(text, separator)) out.emplace_back(part);
  return out;
}

Status InsertEntry(WriteTxn& txn, const scr::WatchlistEntry& entry) {
  std::vector<std::string> dates;
  for (const scr::PartialDate& date : entry.dates_of_birth)
    dates.push_back(scr::FormatPartialDate(date));
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("INSERT INTO watchlist_entries (entry_id, list_id, fingerprint, action, "
                  "owning_agency, sex, "
                  "dates_of_birth, nationalities, documents, valid_from_days, valid_until_days, "
                  "sharing, "
                  "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {entry.id, entry.list_id, static_cast<int64_t>(scr::EntryFingerprint(entry)),
                   std::string(scr::HitActionName(entry.action)), entry.owning_agency,
                   std::string(scr::SexName(entry.sex)), Join(dates, ';'),
                   Join(entry.nationalities, ';'), Join(entry.document_numbers, kDocumentSeparator),
                   entry.valid_from_days, entry.valid_until_days,
                   static_cast<int64_t>(entry.sharing), txn.Now()})
          .status());
  for (size_t i = 0; i < entry.names.size(); ++i) {
    LIMEN_RETURN_IF_ERROR(
        txn.Execute(
               "INSERT INTO watchlist_names (entry_id, position, type, name) VALUES (?, ?, ?, ?)",
               {entry.id, static_cast<int64_t>(i), static_cast<int64_t>(entry.names[i].type),
                entry.names[i].full})
            .status());
  }
  return Status::Ok();
}

Status DeleteEntry(WriteTxn& txn, const std::string& id) {
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("DELETE FROM watchlist_names WHERE entry_id = ?", {id}).status());
  return txn.Execute("DELETE FROM watchlist_entries WHERE entry_id = ?", {id}).status();
}

// Stored fingerprints of the list, by entry id.
Result<std::unordered_map<std::string, int64_t>> StoredFingerprints(ReadTxn& txn,
                                                                    std::string_view list_id) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         txn.Query("SELECT entry_id, fingerprint FROM watchlist_entries "
                                   "WHERE list_id = ?",
                                   {list_id}));
  std::unordered_map<std::string, int64_t> out;
  for (const Row& row : rows) out[row[0].AsText()] = row[1].AsInt();
  return out;
}

Status CheckImport(ReadTxn& txn, const WatchlistImport& import) {
  if (import.list_id.empty()) {
    return InvalidArgument("WATCHLIST_LIST_ID", "Give the list an id (--list-id).");
  }
  for (const scr::WatchlistEntry& entry : import.entries) {
    if (entry.list_id != import.list_id) {
      return InvalidArgument("WATCHLIST_ENTRY_LIST", "Entry " + entry.id + " belongs to list " +
                                                         entry.list_id + ", not " + import.list_id +
                                                         "; import each list separately.");
    }
    LIMEN_ASSIGN_OR_RETURN(
        std::optional<Row> owner,
        txn.QueryOne("SELECT list_id FROM watchlist_entries WHERE entry_id = ?", {entry.id}));
    if (owner && (*owner)[0].AsText() != import.list_id) {
      return AlreadyExists("WATCHLIST_ID_TAKEN", "Entry id " + entry.id +
                                                     " is already stored in "
                                                     "list " +
                                                     (*owner)[0].AsText() +
                                                     "; entry ids must be unique across lists.");
    }
  }
  return Status::Ok();
}

// Applies the import's rows and counts what changed.
Status ApplyRows(WriteTxn& txn, const WatchlistImport& import, WatchlistImportSummary& summary) {
  LIMEN_ASSIGN_OR_RETURN(auto stored, StoredFingerprints(txn, import.list_id));
  std::unordered_map<std::string, bool> kept;
  for (const scr::WatchlistEntry& entry : import.entries) {
    kept[entry.id] = true;
    auto it = stored.find(entry.id);
    auto fingerprint = static_cast<int64_t>(scr::EntryFingerprint(entry));
    if (it != stored.end() && it->second == fingerprint) {
      ++summary.unchanged;
      continue;
    }
    ++(it == stored.end() ? summary.added : summary.updated);
    if (it != stored.end()) LIMEN_RETURN_IF_ERROR(DeleteEntry(txn, entry.id));
    LIMEN_RETURN_IF_ERROR(InsertEntry(txn, entry));
  }
  std::vector<std::string> removals = import.removals;
  if (import.mode == WatchlistImportMode::kFull) {
    for (const auto& [id, unused] : stored) {
      if (kept.count(id) == 0) removals.push_back(id);
    }
  }
  for (const std::string& id : removals) {
    if (stored.count(id) == 0 || kept.count(id) > 0) continue;
    LIMEN_RETURN_IF_ERROR(DeleteEntry(txn, id));
    ++summary.removed;
  }
  return Status::Ok();
}

}  // namespace

Result<WatchlistImportSummary> SaveWatchlistImport(WriteTxn& txn, std::string_view actor,
                                                   const WatchlistImport& import) {
  LIMEN_RETURN_IF_ERROR(CheckImport(txn, import));
  WatchlistImportSummary summary;
  LIMEN_RETURN_IF_ERROR(ApplyRows(txn, import, summary));
  LIMEN_ASSIGN_OR_RETURN(std::vector<scr::WatchlistEntry> after,
                         LoadWatchlistEntries(txn, import.list_id));
  summary.total = static_cast<int64_t>(after.size());
  summary.content_hash = scr::ListContentHash(after);
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("INSERT INTO watchlist_lists (list_id, version, content_hash, entry_count, "
                  "imported_at) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (list_id) DO UPDATE SET version = "
                  "excluded.version, "
                  "content_hash = excluded.content_hash, entry_count = excluded.entry_count, "
                  "imported_at = excluded.imported_at",
                  {import.list_id, import.version, summary.content_hash, summary.total, txn.Now()})
          .status());
  internal::FlatJsonWriter payload;
  payload.Add("list_id", import.list_id)
      .Add("version", import.version)
      .Add("mode", import.mode == WatchlistImportMode::kFull ? "full" : "delta")
      .Add("added", summary.added)
      .Add("updated", summary.updated)
      .Add("removed", summary.removed)
      .Add("unchanged", summary.unchanged)
      .Add("total", summary.total)
      .Add("content_hash", summary.content_hash);
  LIMEN_ASSIGN_OR_RETURN(
      Event event, txn.AppendEvent({std::string(actor), "watchlist.imported", payload.Finish()}));
  summary.event_sequence = event.sequence;
  return summary;
}

Result<std::vector<scr::WatchlistEntry>> LoadWatchlistEntries(ReadTxn& txn,
                                                              std::string_view list_id) {
  std::string filter = list_id.empty() ? "" : " WHERE list_id = ?";
  Params params;
  if (!list_id.empty()) params.push_back(list_id);
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query("SELECT entry_id, list_id, action, owning_agency, sex, dates_of_birth, "
                "nationalities, documents, valid_from_days, valid_until_days, sharing "
                "FROM watchlist_entries" +
                    filter + " ORDER BY entry_id",
                params));
  std::vector<scr::WatchlistEntry> entries;
  std::unordered_map<std::string, size_t> position;
  for (const Row& row : rows) {
    scr::WatchlistEntry entry;
    entry.id = row[0].AsText();
    entry.list_id = row[1].AsText();
    entry.action = scr::ParseHitAction(row[2].AsText()).value_or(scr::HitAction::kReferToAgency);
    entry.owning_agency = row[3].AsText();
    entry.sex = scr::ParseSex(row[4].AsText()).value_or(scr::Sex::kUnknown);
    for (const std::string& date : SplitNonEmpty(row[5].AsText(), ';')) {
      if (auto parsed = scr::ParsePartialDate(date)) entry.dates_of_birth.push_back(*parsed);
    }
    entry.nationalities = SplitNonEmpty(row[6].AsText(), ';');
    entry.document_numbers = SplitNonEmpty(row[7].AsText(), kDocumentSeparator);
    if (!row[8].is_null()) entry.valid_from_days = row[8].AsInt();
    if (!row[9].is_null()) entry.valid_until_days = row[9].AsInt();
    entry.sharing = static_cast<scr::SharingScope>(row[10].AsInt());
    position[entry.id] = entries.size();
    entries.push_back(std::move(entry));
  }
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> names,
                         txn.Query("SELECT entry_id, type, name FROM watchlist_names "
                                   "ORDER BY entry_id, position"));
  for (const Row& row : names) {
    auto it = position.find(row[0].AsText());
    if (it == position.end()) continue;
    entries[it->second].names.push_back(
        {row[2].AsText(), static_cast<scr::NameType>(row[1].AsInt())});
  }
  return entries;
}

Result<std::vector<WatchlistInfo>> ListWatchlists(ReadTxn& txn) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         txn.Query("SELECT list_id, version, content_hash, entry_count, "
                                   "imported_at FROM watchlist_lists ORDER BY list_id"));
  std::vector<WatchlistInfo> out;
  for (const Row& row : rows) {
    out.push_back(
        {row[0].AsText(), row[1].AsText(), row[2].AsText(), row[3].AsInt(), row[4].AsInt()});
  }
  return out;
}

Status RecordAdjudication(WriteTxn& txn, std::string_view actor, const Adjudication& decision) {
  LIMEN_ASSIGN_OR_RETURN(
      std::optional<Row> entry,
      txn.QueryOne("SELECT fingerprint FROM watchlist_entries WHERE entry_id = ?",
                   {decision.entry_id}));
  if (!entry) {
    return NotFound("WATCHLIST_ENTRY_UNKNOWN", "Entry " + decision.entry_id +
                                                   " is not on any "
                                                   "stored list; screen the traveller again.");
  }
  auto fingerprint = static_cast<int64_t>(decision.entry_fingerprint);
  if ((*entry)[0].AsInt() != fingerprint) {
    return FailedPrecondition("WATCHLIST_ENTRY_CHANGED", "Entry " + decision.entry_id +
                                                             " has changed since the screening; "
                                                             "screen the traveller again.");
  }
  LIMEN_RETURN_IF_ERROR(txn.Execute("INSERT OR REPLACE INTO watchlist_adjudications (traveller_id, "
                                    "entry_id, entry_fingerprint, "
                                    "decided_by, decided_at, reason) VALUES (?, ?, ?, ?, ?, ?)",
                                    {decision.traveller_id, decision.entry_id, fingerprint, actor,
                                     txn.Now(), decision.reason})
                            .status());
  internal::FlatJsonWriter payload;
  payload.Add("traveller_id", decision.traveller_id)
      .Add("entry_id", decision.entry_id)
      .Add("entry_fingerprint", fingerprint)
      .Add("decision", "not_same_person")
      .Add("reason", decision.reason);
  return txn.AppendEvent({std::string(actor), "watchlist.adjudicated", payload.Finish()}).status();
}

Result<std::vector<scr::Suppression>> LoadSuppressions(ReadTxn& txn,
                                                       std::string_view traveller_id) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query("SELECT a.entry_id, a.entry_fingerprint FROM watchlist_adjudications a "
                "JOIN watchlist_entries e ON e.entry_id = a.entry_id AND "
                "e.fingerprint = a.entry_fingerprint WHERE a.traveller_id = ?",
                {traveller_id}));
  std::vector<scr::Suppression> out;
  for (const Row& row : rows) {
    out.push_back({row[0].AsText(), static_cast<uint64_t>(row[1].AsInt())});
  }
  return out;
}

}  // namespace limen::store
