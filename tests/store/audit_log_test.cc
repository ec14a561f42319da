#include <gtest/gtest.h>

#include "store/chain.h"
#include "test_store.h"

namespace limen::store {
namespace {

using testing::StoreTest;

AuditDraft Draft(int64_t user, std::string username, std::string route, std::string record_id,
                 std::string purpose = "") {
  AuditDraft draft;
  draft.actor_user_id = user;
  draft.actor_username = std::move(username);
  draft.client_address = "10.0.0.7";
  draft.method = "GET";
  draft.route = std::move(route);
  draft.record_type = "traveller";
  draft.record_id = std::move(record_id);
  draft.purpose = std::move(purpose);
  draft.outcome = 200;
  return draft;
}

class AuditTest : public StoreTest {
 protected:
  void AppendSample() {
    const AuditDraft drafts[] = {
        Draft(1, "alice", "/api/v1/travellers/{id}", "T1", "border check"),
        Draft(2, "bob", "/api/v1/travellers/{id}", "T2", "investigation"),
        Draft(1, "alice", "/api/v1/travellers/{id}", "T2", "border check"),
        Draft(3, "carol", "/api/v1/users", ""),
    };
    for (const AuditDraft& draft : drafts) {
      clock_.Advance(kMicrosPerSecond);
      LIMEN_ASSERT_OK(
          store_->Write([&](WriteTxn& txn) { return txn.AppendAudit(draft).status(); }));
    }
  }
};

TEST_F(AuditTest, RecordsFormTheirOwnChain) {
  AppendSample();
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.AppendEvent({"a", "b.c", "{}"}).status();
  }));
  ChainReport report = store_->VerifyAuditLog().value();
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.checked_count, 4);
  EXPECT_EQ(store_->VerifyEventLog()->checked_count, 1);
  std::vector<AuditRecord> all = store_->QueryAudit({}).value();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].sequence, 4);  // Newest first.
  EXPECT_EQ(all[3].prev_hash, crypto::Sha256Digest{});
  EXPECT_EQ(all[2].prev_hash, all[3].hash);
  EXPECT_EQ(all[0].hash, ComputeAuditHash(all[0]));
  EXPECT_EQ(all[3].time, testing::kTestStart + kMicrosPerSecond);
  EXPECT_EQ(all[3].draft.client_address, "10.0.0.7");
  EXPECT_EQ(all[3].draft.outcome, 200);
}

TEST_F(AuditTest, QueryFilters) {
  AppendSample();
  auto sequences = [&](const AuditFilter& filter) {
    std::vector<int64_t> out;
    std::vector<AuditRecord> records = store_->QueryAudit(filter).value();
    for (const AuditRecord& r : records) out.push_back(r.sequence);
    return out;
  };
  AuditFilter by_actor;
  by_actor.actor_user_id = 1;
  EXPECT_EQ(sequences(by_actor), (std::vector<int64_t>{3, 1}));
  AuditFilter by_record;
  by_record.record_type = "traveller";
  by_record.record_id = "T2";
  EXPECT_EQ(sequences(by_record), (std::vector<int64_t>{3, 2}));
  AuditFilter by_purpose;
  by_purpose.purpose = "investigation";
  EXPECT_EQ(sequences(by_purpose), (std::vector<int64_t>{2}));
  AuditFilter by_time;
  by_time.from = testing::kTestStart + 2 * kMicrosPerSecond;
  by_time.to = testing::kTestStart + 4 * kMicrosPerSecond;
  EXPECT_EQ(sequences(by_time), (std::vector<int64_t>{3, 2}));
  AuditFilter by_route;
  by_route.route = "/api/v1/users";
  by_route.actor_username = "carol";
  EXPECT_EQ(sequences(by_route), (std::vector<int64_t>{4}));
  AuditFilter paged;
  paged.limit = 2;
  paged.offset = 1;
  EXPECT_EQ(sequences(paged), (std::vector<int64_t>{3, 2}));
}

TEST_F(AuditTest, TamperingIsDetectedAtTheChangedRecord) {
  AppendSample();
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.Execute("UPDATE audit_log SET purpose = 'nothing to see' WHERE sequence = 2")
        .status();
  }));
  ChainReport report = store_->VerifyAuditLog().value();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_sequence, 2);
  EXPECT_EQ(report.checked_count, 1);
}

TEST_F(AuditTest, DeletedRecordIsDetectedAsAGap) {
  AppendSample();
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.Execute("DELETE FROM audit_log WHERE sequence = 1").status();
  }));
  ChainReport report = store_->VerifyAuditLog().value();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_sequence, 2);
}

}  // namespace
}  // namespace limen::store
