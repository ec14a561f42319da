#include "store/watchlist_store.h"

#include <gtest/gtest.h>

#include "store/internal/flat_json.h"
#include "test_store.h"

namespace limen::store {
namespace {

namespace scr = core::screening;

scr::WatchlistEntry Entry(std::string id, std::string name, std::string list = "eu") {
  scr::WatchlistEntry entry;
  entry.id = std::move(id);
  entry.list_id = std::move(list);
  entry.names = {{std::move(name), scr::NameType::kPrimary},
                 {"Иван Петров", scr::NameType::kOriginalScript}};
  entry.dates_of_birth = {{1970, 2, 3}, {1971, 0, 0}};
  entry.nationalities = {"RUS", "BLR"};
  entry.sex = scr::Sex::kMale;
  entry.document_numbers = {"P12;34", "X 99"};
  entry.action = scr::HitAction::kDiscreetCheck;
  entry.owning_agency = "police";
  entry.valid_until_days = 21000;
  return entry;
}

class WatchlistStoreTest : public testing::StoreTest {
 protected:
  Result<WatchlistImportSummary> Import(WatchlistImport import) {
    Result<WatchlistImportSummary> summary = Internal("UNSET", "the write did not run");
    Status status = store_->Write([&](WriteTxn& txn) {
      summary = SaveWatchlistImport(txn, "user:1", import);
      return summary.status();
    });
    if (!status.ok()) return status;
    return summary;
  }
  std::vector<scr::WatchlistEntry> Load() {
    std::vector<scr::WatchlistEntry> entries;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTxn& txn) {
                      LIMEN_ASSIGN_OR_RETURN(entries, LoadWatchlistEntries(txn));
                      return Status::Ok();
                    })
                    .ok());
    return entries;
  }
};

TEST_F(WatchlistStoreTest, FullImportRoundTripsEveryFieldAndLogsOneEvent) {
  Result<int64_t> before = store_->EventLogLength();
  ASSERT_TRUE(before.ok());
  Result<WatchlistImportSummary> summary =
      Import({"eu",
              "2025-04-15",
              WatchlistImportMode::kFull,
              {Entry("e1", "Ivan Petrov"), Entry("e2", "Olga Komarova")},
              {}});
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->added, 2);
  EXPECT_EQ(summary->total, 2);
  std::vector<scr::WatchlistEntry> loaded = Load();
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(scr::EntryFingerprint(loaded[0]), scr::EntryFingerprint(Entry("e1", "Ivan Petrov")));
  EXPECT_EQ(*store_->EventLogLength(), *before + 1);
  Result<std::vector<Event>> events = store_->ListEvents("", 1, 100);
  ASSERT_TRUE(events.ok());
  const Event& last = events->back();
  EXPECT_EQ(last.type, "watchlist.imported");
  Result<internal::FlatJsonObject> payload = internal::FlatJsonObject::Parse(last.payload);
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ(*payload->String("content_hash"), summary->content_hash);
  EXPECT_EQ(*payload->Int("added"), 2);
  EXPECT_EQ(last.payload.find("Ivan"), std::string::npos);  // Counts, not rows.
}

TEST_F(WatchlistStoreTest, FullReplacementAndDeltaCountChanges) {
  ASSERT_TRUE(Import({"eu",
                      "v1",
                      WatchlistImportMode::kFull,
                      {Entry("e1", "Ivan Petrov"), Entry("e2", "Olga Komarova")},
                      {}})
                  .ok());
  scr::WatchlistEntry changed = Entry("e2", "Olga Komarova");
  changed.dates_of_birth = {{1980, 0, 0}};
  Result<WatchlistImportSummary> full =
      Import({"eu", "v2", WatchlistImportMode::kFull, {changed, Entry("e3", "Anna Lee")}, {}});
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->added, 1);
  EXPECT_EQ(full->updated, 1);
  EXPECT_EQ(full->removed, 1);
  Result<WatchlistImportSummary> delta =
      Import({"eu", "v3", WatchlistImportMode::kDelta, {Entry("e4", "Bo Diddley")}, {"e3"}});
  ASSERT_TRUE(delta.ok());
  EXPECT_EQ(delta->added, 1);
  EXPECT_EQ(delta->removed, 1);
  EXPECT_EQ(delta->total, 2);
  std::vector<WatchlistInfo> lists;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTxn& txn) {
                    LIMEN_ASSIGN_OR_RETURN(lists, ListWatchlists(txn));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].version, "v3");
  EXPECT_EQ(lists[0].entry_count, 2);
}

TEST_F(WatchlistStoreTest, AFailedImportChangesNothing) {
  ASSERT_TRUE(
      Import({"eu", "v1", WatchlistImportMode::kFull, {Entry("e1", "Ivan Petrov")}, {}}).ok());
  Result<WatchlistImportSummary> clash =
      Import({"un",
              "v1",
              WatchlistImportMode::kFull,
              {Entry("u1", "A B", "un"), Entry("e1", "C D", "un")},
              {}});
  EXPECT_EQ(clash.status().reason(), "WATCHLIST_ID_TAKEN");
  std::vector<scr::WatchlistEntry> loaded = Load();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].list_id, "eu");
  EXPECT_EQ(Import({"", "v", WatchlistImportMode::kFull, {}, {}}).status().reason(),
            "WATCHLIST_LIST_ID");
}

TEST_F(WatchlistStoreTest, AdjudicationSuppressesUntilTheEntryChanges) {
  scr::WatchlistEntry entry = Entry("e1", "Ivan Petrov");
  ASSERT_TRUE(Import({"eu", "v1", WatchlistImportMode::kFull, {entry}, {}}).ok());
  uint64_t fingerprint = scr::EntryFingerprint(entry);
  auto suppressions = [&] {
    std::vector<scr::Suppression> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTxn& txn) {
                      LIMEN_ASSIGN_OR_RETURN(out, LoadSuppressions(txn, "traveller-7"));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  };
  Status stale = store_->Write([&](WriteTxn& txn) {
    return RecordAdjudication(txn, "user:3", {"traveller-7", "e1", fingerprint + 1, "x"});
  });
  EXPECT_EQ(stale.reason(), "WATCHLIST_ENTRY_CHANGED");
  ASSERT_TRUE(store_
                  ->Write([&](WriteTxn& txn) {
                    return RecordAdjudication(txn, "user:3",
                                              {"traveller-7", "e1", fingerprint, "different DOB"});
                  })
                  .ok());
  ASSERT_EQ(suppressions().size(), 1u);
  EXPECT_EQ(suppressions()[0].entry_fingerprint, fingerprint);
  entry.dates_of_birth = {{1999, 0, 0}};
  ASSERT_TRUE(Import({"eu", "v2", WatchlistImportMode::kFull, {entry}, {}}).ok());
  EXPECT_TRUE(suppressions().empty());
}

}  // namespace
}  // namespace limen::store
