#include "core/screening/entry_store.h"

#include <gtest/gtest.h>

namespace limen::core::screening {
namespace {

WatchlistEntry Full() {
  WatchlistEntry entry;
  entry.id = "eu-135909-with-a-long-identifier";
  entry.list_id = "eu-fsf";
  entry.names = {{"Vladimir Vladimirovich Putin", NameType::kPrimary},
                 {"Владимир Путин", NameType::kOriginalScript},
                 {"Vova", NameType::kWeakAlias}};
  entry.dates_of_birth = {{1952, 10, 7}, {1953, 0, 0}};
  entry.nationalities = {"RUS", "SUN"};
  entry.sex = Sex::kMale;
  entry.document_numbers = {"P1234567", ""};
  entry.action = HitAction::kArrest;
  entry.owning_agency = "police";
  entry.valid_from_days = -3;  // Before the epoch.
  entry.valid_until_days = 20500;
  entry.sharing = SharingScope::kBilateral;
  return entry;
}

TEST(EntryStoreTest, RoundTripsEveryField) {
  WatchlistEntry minimal;
  minimal.id = "m";
  minimal.names = {{"A", NameType::kAlsoKnownAs}};
  EntryStore store;
  store.Add(Full());
  store.Add(minimal);
  store.Add(Full());
  store.Seal();
  ASSERT_EQ(store.size(), 3u);
  EXPECT_EQ(store.Get(0), Full());
  EXPECT_EQ(store.Get(1), minimal);
  EXPECT_EQ(store.Get(2), Full());
  EXPECT_EQ(store.id(0), "eu-135909-with-a-long-identifier");
  EXPECT_EQ(store.id(1), "m");
  EXPECT_EQ(store.owning_agency(0), "police");
  EXPECT_EQ(store.owning_agency(1), "");
  EXPECT_EQ(store.sharing(0), SharingScope::kBilateral);
  EXPECT_EQ(store.sharing(1), SharingScope::kNational);
}

TEST(EntryStoreTest, DecodingReusesTheTargetWithoutLeftovers) {
  WatchlistEntry small;
  small.id = "s";
  small.names = {{"Ivan Petrov", NameType::kPrimary}};
  EntryStore store;
  store.Add(Full());
  store.Add(small);
  WatchlistEntry scratch;
  store.Decode(0, scratch);
  EXPECT_EQ(scratch, Full());
  store.Decode(1, scratch);  // Fewer names, no dates, no validity: nothing of entry 0 remains.
  EXPECT_EQ(scratch, small);
}

TEST(EntryStoreTest, IsSmallerThanTheRecords) {
  EntryStore store;
  size_t records = 0;
  for (int i = 0; i < 1000; ++i) {
    WatchlistEntry entry = Full();
    entry.id = "e" + std::to_string(i);
    store.Add(entry);
    records += sizeof(WatchlistEntry) + entry.names.size() * sizeof(EntryName);
  }
  store.Seal();
  EXPECT_LT(store.Bytes(), records / 2);
}

}  // namespace
}  // namespace limen::core::screening
