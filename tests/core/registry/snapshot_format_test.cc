// The snapshot's stored form: every record survives Serialise/Deserialise, lookups answer the
// same, and damaged bytes are refused with REGISTRY_SNAPSHOT_CORRUPT instead of crashing.
#include <gtest/gtest.h>

#include <set>

#include "core/registry/snapshot.h"

namespace limen::core::registry {
namespace {

std::shared_ptr<const RegistrySnapshot> Sample() {
  RegistryBuilder builder;
  for (int i = 0; i < 500; ++i) {
    const std::string number = "AB" + std::to_string(1000000 + i * 7919);
    EXPECT_TRUE(builder
                    .Add(Record{i % 2 ? "UTO" : "D", number,
                                i % 3 ? DocumentKind::kPassport : DocumentKind::kIdentityCard,
                                i % 5 ? ReportReason::kStolen : ReportReason::kLost,
                                CivilDate{2020 + i % 5, 1 + i % 12, 1 + i % 28},
                                i % 4 ? "interpol-sltd" : "national"})
                    .ok());
  }
  // Numbers over 12 characters live in the overflow list.
  EXPECT_TRUE(builder
                  .Add(Record{"FRA", "ID1234567890123456", DocumentKind::kIdentityCard,
                              ReportReason::kRevoked, CivilDate{2024, 2, 29}, "national"})
                  .ok());
  auto built = builder.Build();
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  return *built;
}

std::set<std::string> Records(const RegistrySnapshot& snapshot) {
  std::set<std::string> out;
  snapshot.ForEach([&](const Record& r) {
    out.insert(r.issuing_state + "/" + r.number + "/" + r.source + "/" +
               std::string(DocumentKindName(r.kind)) + "/" +
               std::string(ReportReasonName(r.reason)) + "/" + FormatDate(r.reported_on));
  });
  return out;
}

TEST(SnapshotFormatTest, RoundTripsEveryRecordAndLookup) {
  const auto original = Sample();
  const std::string bytes = original->Serialise();
  auto restored = RegistrySnapshot::Deserialise(bytes);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ((*restored)->size(), original->size());
  EXPECT_EQ(Records(**restored), Records(*original));
  EXPECT_EQ((*restored)->sources(), original->sources());
  EXPECT_EQ((*restored)->Lookup("FRA", "ID1234567890123456").size(), 1u);
  EXPECT_TRUE((*restored)->Contains("D", "AB1000000"));
  EXPECT_EQ((*restored)->LookupWithVariants("D", "A81000000").size(), 1u);  // B read as 8.
  EXPECT_EQ((*restored)->Serialise(), bytes);  // Stable: the same snapshot, the same bytes.
}

TEST(SnapshotFormatTest, AnEmptySnapshotRoundTrips) {
  auto restored = RegistrySnapshot::Deserialise(RegistrySnapshot().Serialise());
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ((*restored)->size(), 0u);
  EXPECT_FALSE((*restored)->Contains("UTO", "A1"));
}

TEST(SnapshotFormatTest, RefusesDamagedBytes) {
  const std::string bytes = Sample()->Serialise();
  std::vector<std::string> damaged = {
      "",
      bytes.substr(0, 7),
      bytes.substr(0, bytes.size() - 1),   // A truncated entry.
      bytes.substr(0, bytes.size() - 16),  // One entry fewer than the count says.
      "XIMENREG" + bytes.substr(8),
  };
  std::string swapped = bytes;  // Two entries out of order.
  const size_t last = swapped.size() - 16;
  std::string a = swapped.substr(last - 16, 16), b = swapped.substr(last, 16);
  swapped.replace(last - 16, 16, b);
  swapped.replace(last, 16, a);
  damaged.push_back(swapped);
  std::string bad_source = bytes;  // The last entry names a source that does not exist.
  bad_source[bad_source.size() - 4] = '\xff';
  bad_source[bad_source.size() - 3] = '\x03';
  damaged.push_back(bad_source);
  for (const std::string& input : damaged) {
    auto restored = RegistrySnapshot::Deserialise(input);
    ASSERT_FALSE(restored.ok()) << input.size();
    EXPECT_EQ(restored.status().reason(), "REGISTRY_SNAPSHOT_CORRUPT");
  }
}

}  // namespace
}  // namespace limen::core::registry
