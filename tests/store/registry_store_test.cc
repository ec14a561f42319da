// The imported lost/stolen registry in the store: an import is stored as one version with one
// registry.imported event, a delta builds on it, a conflicting or interrupted import leaves the
// previous version untouched, damaged bytes are detected, and a restart (or a rebuild) loads the
// same registry.
#include "store/registry_store.h"

#include <gtest/gtest.h>

#include <set>

#include "core/registry/csv_import.h"
#include "crypto/hash.h"
#include "store/internal/flat_json.h"
#include "test_store.h"

namespace limen::store {
namespace {

namespace reg = core::registry;

constexpr char kFull[] =
    "issuing_state,number,type,reason,reported_on,source\n"
    "UTO,AB0123,passport,lost,2024-01-01,national\n"
    "UTO,AB0123,passport,stolen,2024-01-02,interpol-sltd\n"
    "D,C01X00T47,identity_card,stolen,2023-05-06,interpol-sltd\n"
    "FRA,ID1234567890123456,identity_card,revoked,2022-02-28,national\n";
constexpr char kDelta[] =
    "issuing_state,number,type,reason,reported_on,source,op\n"
    "D,C01X00T47,,,,interpol-sltd,remove\n"
    "ITA,YA8000000,passport,stolen_blank,2020-02-29,interpol-sltd,add\n";

std::set<std::string> Records(const reg::RegistrySnapshot& snapshot) {
  std::set<std::string> out;
  snapshot.ForEach([&](const reg::Record& r) {
    out.insert(r.issuing_state + "/" + r.number + "/" + r.source + "/" +
               std::string(reg::ReportReasonName(r.reason)) + "/" + FormatDate(r.reported_on));
  });
  return out;
}

class RegistryStoreTest : public testing::StoreTest {
 protected:
  // Parses `csv` on top of what is stored and stores it, as `limen registry import` does.
  Result<RegistryVersion> Import(std::string_view csv, int64_t base_version = -1) {
    Result<StoredRegistry> base = LoadStoredRegistry(*store_);
    if (!base.ok()) return base.status();
    reg::ImportOutcome outcome = reg::ImportRegistryCsv(csv, base->snapshot.get());
    if (!outcome.ok()) return outcome.status();
    const int64_t stored_version = base->version ? base->version->version : 0;
    return SaveRegistryImport(
        *store_, "user:1",
        RegistryImport{
            .snapshot = outcome.snapshot,
            .base_version = base_version >= 0 ? base_version : stored_version,
            .mode = outcome.delta ? RegistryImportMode::kDelta : RegistryImportMode::kFull,
            .file_sha256 = crypto::Sha256Hex(csv),
            .rows = outcome.counts.rows,
            .added = outcome.counts.added,
            .updated = outcome.counts.updated,
            .removed = outcome.counts.removed});
  }
  StoredRegistry Load() {
    Result<StoredRegistry> stored = LoadStoredRegistry(*store_);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? std::move(*stored) : StoredRegistry{};
  }
  int64_t Events() {
    Result<int64_t> length = store_->EventLogLength();
    return length.ok() ? *length : -1;
  }
  int64_t Chunks() {
    int64_t count = -1;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTxn& txn) -> Status {
                      LIMEN_ASSIGN_OR_RETURN(count,
                                             txn.QueryInt("SELECT count(*) FROM registry_chunks"));
                      return Status::Ok();
                    })
                    .ok());
    return count;
  }
};

TEST_F(RegistryStoreTest, NothingImportedLoadsAnEmptyRegistry) {
  StoredRegistry stored = Load();
  EXPECT_FALSE(stored.version.has_value());
  ASSERT_NE(stored.snapshot, nullptr);
  EXPECT_EQ(stored.snapshot->size(), 0u);
}

TEST_F(RegistryStoreTest, AnImportIsOneVersionWithOneEvent) {
  const int64_t events = Events();
  Result<RegistryVersion> saved = Import(kFull);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(saved->entries, 4);
  EXPECT_EQ(Events(), events + 1);
  Result<std::vector<Event>> logged = store_->ListEvents("", saved->event_sequence, 1);
  ASSERT_TRUE(logged.ok());
  ASSERT_EQ(logged->size(), 1u);
  EXPECT_EQ((*logged)[0].type, "registry.imported");
  auto payload = internal::FlatJsonObject::Parse((*logged)[0].payload);
  ASSERT_TRUE(payload.ok());
  auto text = [&](std::string_view key) {
    Result<std::string> value = payload->String(key);
    return value.ok() ? *value : "<missing>";
  };
  auto number = [&](std::string_view key) {
    Result<int64_t> value = payload->Int(key);
    return value.ok() ? *value : -1;
  };
  EXPECT_EQ(text("file_sha256"), crypto::Sha256Hex(kFull));
  EXPECT_EQ(text("snapshot_sha256"), saved->snapshot_sha256);
  EXPECT_EQ(text("mode"), "full");
  EXPECT_EQ(number("added"), 4);
  EXPECT_EQ(number("version"), 1);

  StoredRegistry stored = Load();
  ASSERT_TRUE(stored.version.has_value());
  EXPECT_EQ(stored.version->snapshot_sha256, saved->snapshot_sha256);
  EXPECT_EQ(stored.version->actor, "user:1");
  EXPECT_EQ(stored.snapshot->Lookup("UTO", "AB0123").size(), 2u);
  EXPECT_EQ(stored.snapshot->Lookup("FRA", "ID1234567890123456").size(), 1u);
}

TEST_F(RegistryStoreTest, ADeltaBuildsOnTheStoredVersion) {
  ASSERT_TRUE(Import(kFull).ok());
  Result<RegistryVersion> delta = Import(kDelta);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->version, 2);
  EXPECT_EQ(delta->base_version, 1);
  EXPECT_EQ(delta->mode, "delta");
  EXPECT_EQ(delta->removed, 1);
  StoredRegistry stored = Load();
  EXPECT_EQ(stored.version->version, 2);
  EXPECT_TRUE(stored.snapshot->Lookup("D", "C01X00T47").empty());
  EXPECT_EQ(stored.snapshot->Lookup("ITA", "YA8000000").size(), 1u);
  EXPECT_EQ(stored.snapshot->size(), 4u);
  EXPECT_EQ(Chunks(), 1);  // The first version's chunks are gone.
}

TEST_F(RegistryStoreTest, AConflictingImportLeavesThePreviousVersion) {
  ASSERT_TRUE(Import(kFull).ok());
  const std::set<std::string> before = Records(*Load().snapshot);
  const int64_t events = Events();
  Result<RegistryVersion> stale = Import(kDelta, /*base_version=*/0);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().reason(), "REGISTRY_CONFLICT");
  EXPECT_EQ(Events(), events);
  StoredRegistry stored = Load();
  EXPECT_EQ(stored.version->version, 1);
  EXPECT_EQ(Records(*stored.snapshot), before);
}

TEST_F(RegistryStoreTest, AnInterruptedImportIsInvisibleAndCleanedUp) {
  ASSERT_TRUE(Import(kFull).ok());
  const std::set<std::string> before = Records(*Load().snapshot);
  // Chunks staged by an import that never committed (the process died before the commit).
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn
        .Execute("INSERT INTO registry_chunks (snapshot_sha256, position, bytes) VALUES (?, ?, ?)",
                 {"f00d", 0, Blob{"half a snapshot"}})
        .status();
  }));
  EXPECT_EQ(Records(*Load().snapshot), before);
  EXPECT_EQ(Load().version->version, 1);
  ASSERT_TRUE(Import(kDelta).ok());
  EXPECT_EQ(Chunks(), 1);  // The next import dropped them.
}

TEST_F(RegistryStoreTest, DamagedChunksAreDetected) {
  ASSERT_TRUE(Import(kFull).ok());
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.Execute("UPDATE registry_chunks SET bytes = substr(bytes, 1, length(bytes) - 1)")
        .status();
  }));
  Result<StoredRegistry> stored = LoadStoredRegistry(*store_);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.status().reason(), "REGISTRY_SNAPSHOT_CORRUPT");
}

TEST_F(RegistryStoreTest, ARestartAndARebuildLoadTheSameRegistry) {
  ASSERT_TRUE(Import(kFull).ok());
  ASSERT_TRUE(Import(kDelta).ok());
  const std::set<std::string> before = Records(*Load().snapshot);
  Open();  // A restart: a new store on the same file.
  StoredRegistry reopened = Load();
  EXPECT_EQ(reopened.version->version, 2);
  EXPECT_EQ(Records(*reopened.snapshot), before);
  LIMEN_ASSERT_OK(store_->Rebuild());  // Reference data: the rebuild leaves it alone.
  EXPECT_EQ(Records(*Load().snapshot), before);
}

TEST_F(RegistryStoreTest, ALargeSnapshotSpansSeveralChunks) {
  reg::RegistryBuilder builder;
  const int count = static_cast<int>(kRegistryChunkBytes / 16) * 2 + 1000;  // Over two chunks.
  for (int i = 0; i < count; ++i) {
    ASSERT_TRUE(builder
                    .Add({"UTO", "N" + std::to_string(i), reg::DocumentKind::kPassport,
                          reg::ReportReason::kLost, CivilDate{2024, 1, 1}, "bulk"})
                    .ok());
  }
  auto snapshot = builder.Build();
  ASSERT_TRUE(snapshot.ok());
  Result<RegistryVersion> saved =
      SaveRegistryImport(*store_, "system", RegistryImport{.snapshot = *snapshot});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(Chunks(), 3);
  StoredRegistry stored = Load();
  EXPECT_EQ(stored.snapshot->size(), static_cast<size_t>(count));
  EXPECT_TRUE(stored.snapshot->Contains("UTO", "N" + std::to_string(count - 1)));
  EXPECT_TRUE(stored.snapshot->Contains("UTO", "N0"));
}

}  // namespace
}  // namespace limen::store
