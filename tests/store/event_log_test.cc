#include "store/chain.h"

#include <gtest/gtest.h>

#include "test_store.h"

namespace limen::store {
namespace {

using testing::StoreTest;

Status AppendN(Store& store, int count) {
  return store.Write([count](WriteTxn& txn) -> Status {
    for (int i = 0; i < count; ++i) {
      LIMEN_RETURN_IF_ERROR(
          txn.AppendEvent({"user:1", "test.happened", "{\"n\":" + std::to_string(i) + "}"})
              .status());
    }
    return Status::Ok();
  });
}

TEST(ChainEncodingTest, IsFixedWidthBigEndianAndLengthPrefixed) {
  Event event;
  event.origin_node = "n";
  event.sequence = 258;
  event.time = 1;
  event.actor = "a";
  event.type = "t";
  event.payload = "{}";
  std::string bytes = EncodeEventForHash(event);
  std::string expected;
  expected += std::string("\0\0\0\x0e", 4) + "LIMEN-EVENT-V1";
  expected += std::string("\0\0\0\1", 4) + "n";
  expected += std::string("\0\0\0\0\0\0\1\2", 8);
  expected += std::string("\0\0\0\0\0\0\0\1", 8);
  expected += std::string("\0\0\0\1", 4) + "a";
  expected += std::string("\0\0\0\1", 4) + "t";
  expected += std::string("\0\0\0\2", 4) + "{}";
  expected += std::string(32, '\0');
  EXPECT_EQ(bytes, expected);
  EXPECT_EQ(ComputeEventHash(event), crypto::Sha256(expected));
}

TEST_F(StoreTest, AppendedEventsFormAChain) {
  clock_.Advance(5);
  Event first;
  Event second;
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(first, txn.AppendEvent({"user:1", "a.b", "{\"x\":1}"}));
    LIMEN_ASSIGN_OR_RETURN(second, txn.AppendEvent({"user:2", "a.c", "{\"x\":2}"}));
    return Status::Ok();
  }));
  EXPECT_EQ(first.origin_node, "bcp-1");
  EXPECT_EQ(first.sequence, 1);
  EXPECT_EQ(first.time, testing::kTestStart + 5);
  EXPECT_EQ(first.prev_hash, crypto::Sha256Digest{});
  EXPECT_EQ(first.hash, ComputeEventHash(first));
  EXPECT_EQ(second.sequence, 2);
  EXPECT_EQ(second.prev_hash, first.hash);
  std::vector<Event> listed = store_->ListEvents("", 1, 100).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].payload, "{\"x\":2}");
  EXPECT_EQ(listed[1].hash, second.hash);
  EXPECT_EQ(store_->ListEvents("", 2, 100).value().size(), 1u);
}

TEST_F(StoreTest, ChainContinuesAcrossReopen) {
  LIMEN_ASSERT_OK(AppendN(*store_, 3));
  Open();
  LIMEN_ASSERT_OK(AppendN(*store_, 2));
  Result<ChainReport> report = store_->VerifyEventLog();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->checked_count, 5);
}

TEST_F(StoreTest, EmptyEventTypeIsRefused) {
  Status status = store_->Write([](WriteTxn& txn) {
    return txn.AppendEvent({"a", "", "{}"}).status();
  });
  EXPECT_EQ(status.reason(), "EVENT_TYPE_INVALID");
}

struct TamperCase {
  const char* name;
  const char* sql;
  int64_t expected_bad;
  int64_t expected_checked;
};

class TamperTest : public StoreTest, public ::testing::WithParamInterface<TamperCase> {};

TEST_P(TamperTest, VerifyNamesTheFirstBadEvent) {
  LIMEN_ASSERT_OK(AppendN(*store_, 10));
  LIMEN_ASSERT_OK(
      store_->Write([](WriteTxn& txn) { return txn.Execute(GetParam().sql).status(); }));
  Result<ChainReport> report = store_->VerifyEventLog();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  ASSERT_TRUE(report->first_bad_sequence.has_value());
  EXPECT_EQ(*report->first_bad_sequence, GetParam().expected_bad) << report->reason;
  EXPECT_EQ(report->first_bad_origin, "bcp-1");
  EXPECT_EQ(report->checked_count, GetParam().expected_checked);
  EXPECT_FALSE(report->reason.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Tampering, TamperTest,
    ::testing::Values(
        TamperCase{"payload", "UPDATE events SET payload = '{\"n\":99}' WHERE sequence = 4", 4, 3},
        TamperCase{"actor", "UPDATE events SET actor = 'mallory' WHERE sequence = 7", 7, 6},
        TamperCase{"time", "UPDATE events SET time = time + 1 WHERE sequence = 1", 1, 0},
        TamperCase{"deleted", "DELETE FROM events WHERE sequence = 6", 7, 5},
        TamperCase{"rehashed", "UPDATE events SET hash = zeroblob(32) WHERE sequence = 3", 3, 2},
        TamperCase{"relinked", "UPDATE events SET prev_hash = zeroblob(32) WHERE sequence = 9", 9,
                   8}),
    [](const ::testing::TestParamInfo<TamperCase>& info) { return info.param.name; });

TEST_F(StoreTest, ResealedEventIsCaughtAtTheNextLink) {
  LIMEN_ASSERT_OK(AppendN(*store_, 5));
  // Change event 3 and recompute its own hash, as a careful forger would.
  std::vector<Event> events = store_->ListEvents("", 3, 1).value();
  Event forged = events[0];
  forged.payload = "{\"n\":1000}";
  forged.hash = ComputeEventHash(forged);
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn& txn) {
    return txn
        .Execute("UPDATE events SET payload = ?, hash = ? WHERE sequence = 3",
                 {forged.payload, Blob{crypto::DigestBytes(forged.hash)}})
        .status();
  }));
  ChainReport report = store_->VerifyEventLog().value();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_sequence, 4);
}

Event ForeignEvent(int64_t sequence, const crypto::Sha256Digest& prev) {
  Event event;
  event.origin_node = "bcp-2";
  event.sequence = sequence;
  event.time = testing::kTestStart + sequence;
  event.actor = "user:9";
  event.type = "remote.thing";
  event.payload = "{}";
  event.prev_hash = prev;
  event.hash = ComputeEventHash(event);
  return event;
}

TEST_F(StoreTest, IngestIsIdempotentAndChecksTheChain) {
  Event one = ForeignEvent(1, {});
  Event two = ForeignEvent(2, one.hash);
  Event three = ForeignEvent(3, two.hash);
  auto ingest = [&](const Event& event) {
    Result<bool> result = false;
    Status status = store_->Write([&](WriteTxn& txn) -> Status {
      result = txn.IngestEvent(event);
      return result.status();
    });
    return result;
  };
  EXPECT_TRUE(ingest(one).value());
  EXPECT_FALSE(ingest(one).value());                                 // Again: no change.
  EXPECT_EQ(ingest(three).status().reason(), "EVENT_CHAIN_BROKEN");  // Gap.
  Event bad = two;
  bad.payload = "{\"x\":1}";
  EXPECT_EQ(ingest(bad).status().reason(), "EVENT_CHAIN_BROKEN");  // Wrong hash.
  EXPECT_TRUE(ingest(two).value());
  EXPECT_TRUE(ingest(three).value());
  EXPECT_EQ(store_->ListEvents("bcp-2", 1, 10).value().size(), 3u);
  Event local = ForeignEvent(1, {});
  local.origin_node = "bcp-1";
  EXPECT_EQ(ingest(local).status().reason(), "EVENT_ORIGIN_LOCAL");
  LIMEN_ASSERT_OK(AppendN(*store_, 2));
  ChainReport report = store_->VerifyEventLog().value();
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.checked_count, 5);
  EXPECT_EQ(store_->EventLogLength().value(), 5);
}

}  // namespace
}  // namespace limen::store
