#include "core/screening/screener.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

namespace limen::core::screening {
namespace {

WatchlistEntry Person(std::string id, std::string name, std::string list = "default") {
  WatchlistEntry entry;
  entry.id = std::move(id);
  entry.list_id = std::move(list);
  entry.names.push_back({std::move(name), NameType::kPrimary});
  entry.action = HitAction::kRefuseEntry;
  return entry;
}

ScreeningQuery Query(std::string name) {
  ScreeningQuery query;
  query.names.push_back(std::move(name));
  return query;
}

std::vector<WatchlistEntry> List() {
  return {Person("p1", "Vladimir Vladimirovich Putin"), Person("p2", "Dmitry Medvedev"),
          Person("p3", "Hussein Makhlouf"), Person("p4", "Ivan Petrov", "national")};
}

TEST(ScreenerTest, RanksHitsWithExplanationAndAction) {
  Screener screener;
  screener.Replace(List(), "v1");
  Result<ScreeningResult> result = screener.Screen(Query("Владимир Путин"), ScreeningOptions{});
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->hits.empty());
  const ScreeningHit& top = result->hits[0];
  EXPECT_EQ(top.entry_id, "p1");
  EXPECT_TRUE(top.alert);
  EXPECT_EQ(top.action, HitAction::kRefuseEntry);
  EXPECT_EQ(result->list_version, "v1");
  ASSERT_FALSE(top.features.empty());
  EXPECT_EQ(top.features[0].name, "name_match");
  EXPECT_EQ(top.alignment.size(), 2u);
}

TEST(ScreenerTest, EmptyNameIsAClearError) {
  Screener screener;
  screener.Replace(List(), "v1");
  Result<ScreeningResult> result = screener.Screen(Query(" -- "), ScreeningOptions{});
  EXPECT_EQ(result.status().reason(), "SCREEN_EMPTY_NAME");
}

TEST(ScreenerTest, PerListThresholds) {
  Screener screener;
  screener.Replace(List(), "v1");
  ScreeningOptions options;
  options.list_thresholds["national"] = 0.99;
  Result<ScreeningResult> result = screener.Screen(Query("Ivan Petrof"), options);
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->hits.empty());
  EXPECT_EQ(result->hits[0].entry_id, "p4");
  EXPECT_FALSE(result->hits[0].alert);
  EXPECT_DOUBLE_EQ(result->hits[0].threshold, 0.99);
}

TEST(ScreenerTest, AdjudicationSuppressesUntilTheEntryChanges) {
  Screener screener;
  screener.Replace(List(), "v1");
  ScreeningOptions options;
  Result<ScreeningResult> first = screener.Screen(Query("Dmitry Medvedev"), options);
  ASSERT_TRUE(first.ok() && !first->hits.empty());
  options.suppressions.push_back({"p2", first->hits[0].entry_fingerprint});
  Result<ScreeningResult> again = screener.Screen(Query("Dmitry Medvedev"), options);
  ASSERT_TRUE(again.ok() && !again->hits.empty());
  EXPECT_TRUE(again->hits[0].suppressed);
  EXPECT_FALSE(again->hits[0].alert);
  WatchlistEntry changed = Person("p2", "Dmitry Medvedev");
  changed.dates_of_birth = {{1965, 9, 14}};
  screener.ApplyDelta({{changed}, {}}, "v2");
  Result<ScreeningResult> after = screener.Screen(Query("Dmitry Medvedev"), options);
  ASSERT_TRUE(after.ok() && !after->hits.empty());
  EXPECT_FALSE(after->hits[0].suppressed);
  EXPECT_TRUE(after->hits[0].alert);
}

TEST(ScreenerTest, DeltaAddsUpdatesAndRemoves) {
  Screener screener;
  screener.Replace(List(), "v1");
  screener.ApplyDelta({{Person("p9", "Olga Komarova")}, {"p3"}}, "v2");
  EXPECT_EQ(screener.Stats().entries, 4u);
  EXPECT_EQ(screener.Stats().list_version, "v2");
  Result<ScreeningResult> removed = screener.Screen(Query("Hussein Makhlouf"), ScreeningOptions{});
  ASSERT_TRUE(removed.ok());
  for (const ScreeningHit& hit : removed->hits) EXPECT_NE(hit.entry_id, "p3");
  Result<ScreeningResult> added = screener.Screen(Query("Olga Komarova"), ScreeningOptions{});
  ASSERT_TRUE(added.ok() && !added->hits.empty());
  EXPECT_EQ(added->hits[0].entry_id, "p9");
  std::vector<WatchlistEntry> entries = screener.Entries();
  EXPECT_EQ(entries.size(), 4u);
}

TEST(ScreenerTest, QueriesRunWhileDeltasArePublished) {
  Screener screener;
  screener.Replace(List(), "v1");
  std::atomic<bool> stop = false;
  std::atomic<int> failures = 0;
  std::thread reader([&] {
    while (!stop) {
      Result<ScreeningResult> result = screener.Screen(Query("Vladimir Putin"), ScreeningOptions{});
      if (!result.ok() || result->hits.empty() || result->hits[0].entry_id != "p1") ++failures;
    }
  });
  for (int i = 0; i < 50; ++i) {
    screener.ApplyDelta(
        {{Person("n" + std::to_string(i), "Person Number" + std::to_string(i))}, {}},
        "v" + std::to_string(i + 2));
  }
  stop = true;
  reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(screener.Stats().entries, 54u);
}

TEST(ScreenerTest, MemoryPerIndexedNameIsSmall) {
  std::vector<WatchlistEntry> entries;
  for (int i = 0; i < 2000; ++i) {
    entries.push_back(Person("e" + std::to_string(i),
                             "Name" + std::to_string(i % 97) + " Surname" + std::to_string(i)));
  }
  Screener screener;
  screener.Replace(entries, "v1");
  ScreenerStats stats = screener.Stats();
  EXPECT_EQ(stats.names, 2000u);
  EXPECT_LE(stats.index_bytes / stats.names, 300u);
}

const ScreeningHit* HitOn(const ScreeningResult& result, std::string_view id) {
  for (const ScreeningHit& hit : result.hits) {
    if (hit.entry_id == id) return &hit;
  }
  return nullptr;
}

TEST(ScreenerTest, EntriesOutsideTheirValidityPeriodNeverAlert) {
  WatchlistEntry entry = Person("p1", "Vladimir Vladimirovich Putin");
  entry.valid_from_days = 100;
  entry.valid_until_days = 200;
  Screener screener;
  screener.Replace({entry}, "v1");
  ScreeningQuery query = Query("Vladimir Putin");
  struct Case {
    std::optional<int64_t> day;
    bool outside;
  };
  for (const Case& c : {Case{99, true}, Case{100, false}, Case{150, false}, Case{200, false},
                        Case{201, true}, Case{std::nullopt, false}}) {
    query.screening_day = c.day;
    Result<ScreeningResult> result = screener.Screen(query, ScreeningOptions{});
    ASSERT_TRUE(result.ok());
    const ScreeningHit* hit = HitOn(*result, "p1");
    ASSERT_NE(hit, nullptr) << "day " << c.day.value_or(-1);
    EXPECT_EQ(hit->outside_validity, c.outside) << "day " << c.day.value_or(-1);
    EXPECT_EQ(hit->alert, !c.outside) << "day " << c.day.value_or(-1);
    EXPECT_GE(hit->score, hit->threshold);  // Only the validity period stops the alert.
  }
  // An open-ended period: valid from day 100 onwards.
  entry.valid_until_days.reset();
  screener.Replace({entry}, "v2");
  query.screening_day = 100000;
  Result<ScreeningResult> result = screener.Screen(query, ScreeningOptions{});
  ASSERT_TRUE(result.ok());
  ASSERT_NE(HitOn(*result, "p1"), nullptr);
  EXPECT_TRUE(HitOn(*result, "p1")->alert);
}

TEST(ScreenerTest, EntriesAreReturnedOnlyToCallersTheirSharingScopeReaches) {
  std::vector<WatchlistEntry> entries;
  for (auto [id, scope] : {std::pair{"national", SharingScope::kNational},
                           std::pair{"bilateral", SharingScope::kBilateral},
                           std::pair{"multilateral", SharingScope::kMultilateral}}) {
    WatchlistEntry entry = Person(id, "Dmitry Anatolyevich Medvedev");
    entry.owning_agency = "police";
    entry.sharing = scope;
    entries.push_back(entry);
  }
  Screener screener;
  screener.Replace(entries, "v1");
  auto returned = [&](std::string agency, SharingScope caller_scope) {
    ScreeningQuery query = Query("Dmitry Medvedev");
    query.caller_agency = std::move(agency);
    query.caller_scope = caller_scope;
    Result<ScreeningResult> result = screener.Screen(query, ScreeningOptions{});
    std::vector<std::string> ids;
    if (!result.ok()) return ids;
    for (const ScreeningHit& hit : result->hits) ids.push_back(hit.entry_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  using Ids = std::vector<std::string>;
  const Ids all = {"bilateral", "multilateral", "national"};
  EXPECT_EQ(returned("", SharingScope::kMultilateral), all);  // Unfiltered batch use.
  EXPECT_EQ(returned("customs", SharingScope::kNational), all);
  EXPECT_EQ(returned("partner-police", SharingScope::kBilateral),
            (Ids{"bilateral", "multilateral"}));
  EXPECT_EQ(returned("partner-customs", SharingScope::kMultilateral), (Ids{"multilateral"}));
  // The owning agency always sees its own entries.
  EXPECT_EQ(returned("police", SharingScope::kMultilateral), all);
}

}  // namespace
}  // namespace limen::core::screening
