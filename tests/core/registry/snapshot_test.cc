#include "core/registry/snapshot.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

#include "core/registry/number.h"
#include "core/registry/registry.h"

namespace limen::core::registry {
namespace {

Record MakeRecord(std::string state, std::string number, std::string source = "national") {
  return Record{std::move(state),      std::move(number),     DocumentKind::kPassport,
                ReportReason::kStolen, CivilDate{2024, 1, 2}, std::move(source)};
}

TEST(PackingTest, NumbersAndStatesRoundTrip) {
  for (const char* number :
       {"0", "A", "00", "0A", "A0", "ZZZZZZZZZZZZ", "000000000000", "L898902C3", "123456789"}) {
    const auto packed = internal::PackNumber(number);
    ASSERT_TRUE(packed.has_value()) << number;
    EXPECT_EQ(internal::UnpackNumber(*packed), number);
  }
  EXPECT_NE(internal::PackNumber("0A"), internal::PackNumber("A"));
  EXPECT_FALSE(internal::PackNumber("ABCDEFGHIJKLM").has_value());
  EXPECT_FALSE(internal::PackNumber("").has_value());
  for (const char* state : {"D", "UTO", "ZZZ", "AA"}) {
    EXPECT_EQ(internal::UnpackState(*internal::PackState(state)), state);
  }
  EXPECT_FALSE(internal::PackState("ABCD").has_value());
}

TEST(NumberTest, NormalisesAndListsMisreads) {
  EXPECT_EQ(NormaliseDocumentNumber(" ab-01<<23 "), "AB0123");
  EXPECT_EQ(NormaliseIssuingState("d<<"), "D");
  EXPECT_TRUE(MisreadVariants("XYZ9").size() == 1u);  // Only Z/2.
  EXPECT_EQ(MisreadVariants("XYZ9")[0], "XY29");
  EXPECT_TRUE(MisreadVariants("XY9").empty());
  const auto variants = MisreadVariants("I0");  // I/1/L x O/0: 3 * 2 - 1.
  EXPECT_EQ(variants.size(), 5u);
  for (const char* expected : {"10", "L0", "IO", "1O", "LO"}) {
    EXPECT_NE(std::find(variants.begin(), variants.end(), expected), variants.end()) << expected;
  }
  EXPECT_EQ(MisreadVariants("0000000000", 50).size(), 50u);  // Capped.
}

TEST(SnapshotTest, LooksUpExactlyAndThroughMisreads) {
  RegistryBuilder builder;
  ASSERT_TRUE(builder.Add(MakeRecord("UTO", "AB0123")).ok());
  ASSERT_TRUE(builder.Add(MakeRecord("UTO", "AB0123", "interpol-sltd")).ok());
  ASSERT_TRUE(builder.Add(MakeRecord("D", "C01X00T47")).ok());
  ASSERT_TRUE(builder.Add(MakeRecord("UTO", "ID12345678901234")).ok());
  auto snapshot = builder.Build();
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  const RegistrySnapshot& registry = **snapshot;
  EXPECT_EQ(registry.size(), 4u);
  EXPECT_EQ(registry.Lookup("uto", "ab 0123").size(), 2u);
  EXPECT_TRUE(registry.Lookup("UTA", "AB0123").empty());
  EXPECT_TRUE(registry.Lookup("UTO", "ABO123").empty());
  EXPECT_EQ(registry.Lookup("UTO", "ID12345678901234").size(), 1u);
  EXPECT_TRUE(registry.Contains("uto", "ab 0123"));
  EXPECT_TRUE(registry.Contains("UTO", "ID12345678901234"));
  EXPECT_FALSE(registry.Contains("UTO", "ID12345678901235"));
  EXPECT_FALSE(registry.Contains("UTO", "ABO123"));
  EXPECT_FALSE(registry.Contains("UTO", ""));
  const auto misread = registry.LookupWithVariants("UTO", "A8O123");
  ASSERT_EQ(misread.size(), 2u);
  EXPECT_FALSE(misread[0].exact);
  EXPECT_EQ(misread[0].record.number, "AB0123");
  EXPECT_EQ(misread[0].presented_number, "A8O123");
  const auto exact = registry.LookupWithVariants("D", "C01X00T47");
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_TRUE(exact[0].exact);
  const auto record = registry.Lookup("D", "C01X00T47")[0];
  EXPECT_EQ(record, MakeRecord("D", "C01X00T47"));
}

TEST(SnapshotTest, MatchesAReferenceMapOnRandomData) {
  std::mt19937_64 random(42);
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::map<std::pair<std::string, std::string>, int> reference;
  RegistryBuilder builder;
  auto random_number = [&](size_t length) {
    std::string number;
    for (size_t i = 0; i < length; ++i) number.push_back(alphabet[random() % alphabet.size()]);
    return number;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string state = i % 3 == 0 ? "UTO" : (i % 3 == 1 ? "D" : "FRA");
    const std::string number = random_number(1 + random() % 14);
    const std::string source = random() % 4 == 0 ? "sltd" : "national";
    if (builder.Contains(state, number, source)) continue;
    if (reference.count({state + "#" + source, number}) != 0) continue;
    reference[{state + "#" + source, number}] = 1;
    ASSERT_TRUE(builder.Add(MakeRecord(state, number, source)).ok());
  }
  auto snapshot = builder.Build();
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  EXPECT_EQ((*snapshot)->size(), reference.size());
  for (const auto& [key, unused] : reference) {
    const std::string state = key.first.substr(0, key.first.find('#'));
    const std::string source = key.first.substr(key.first.find('#') + 1);
    const auto records = (*snapshot)->Lookup(state, key.second);
    ASSERT_FALSE(records.empty()) << state << " " << key.second;
    EXPECT_TRUE(std::any_of(records.begin(), records.end(),
                            [&](const Record& r) { return r.source == source; }));
  }
  size_t visited = 0;
  (*snapshot)->ForEach([&](const Record&) { ++visited; });
  EXPECT_EQ(visited, reference.size());
  int false_hits = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string number = random_number(13);  // Random and 13 long: almost never listed.
    if (!(*snapshot)->Lookup("UTO", number).empty()) ++false_hits;
  }
  EXPECT_LE(false_hits, 1);
}

TEST(RegistryTest, ReplacesSnapshotsWhileReadersLookUp) {
  Registry registry;
  EXPECT_EQ(registry.snapshot()->size(), 0u);
  std::atomic<bool> stop = false;
  std::atomic<int64_t> lookups = 0;
  std::thread reader([&] {
    while (!stop) {
      const auto snapshot = registry.snapshot();
      const size_t found = snapshot->Lookup("UTO", "A1").size();
      EXPECT_LE(found, 1u);
      ++lookups;
    }
  });
  for (int i = 0; i < 50 || lookups.load() < 100; ++i) {
    RegistryBuilder builder;
    if (i % 2 == 0) {
      ASSERT_TRUE(builder.Add(MakeRecord("UTO", "A1")).ok());
    }
    registry.Replace(std::move(*builder.Build()));
  }
  registry.Replace(std::move(*RegistryBuilder().Build()));
  stop = true;
  reader.join();
  EXPECT_GT(lookups.load(), 0);
  EXPECT_EQ(registry.snapshot()->size(), 0u);
}

}  // namespace
}  // namespace limen::core::registry
