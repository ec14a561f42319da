// Case records of store/case_store.h: the case header, a handover as one event, attachment
// metadata, and Rebuild().
#include "store/case_store.h"

#include <gtest/gtest.h>

#include "test_store.h"

namespace limen::store {
namespace {

class CaseStoreTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
      return OpenCase(txn, "user:1", "K1", "I1", "officer", {"", "customs", "open", "goods", ""});
    }));
  }

  template <typename T>
  T Read(const std::function<Result<T>(ReadTxn&)>& read) {
    std::optional<T> out;
    const Status status = store_->Read([&](ReadTxn& txn) -> Status {
      LIMEN_ASSIGN_OR_RETURN(T value, read(txn));
      out = std::move(value);
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out.value_or(T{});
  }

  std::string Parts() {
    std::string text;
    for (const CasePartRow& part :
         Read<std::vector<CasePartRow>>([](ReadTxn& txn) { return ListCaseParts(txn, "K1"); })) {
      text += part.agency + ":" + part.status + ":" + part.outcome + ",";
    }
    return text;
  }

  int64_t Events() { return *store_->EventLogLength(); }

  static CaseAttachmentRow Receipt() {
    return CaseAttachmentRow{"K1", "customs",  "receipt.pdf", "application/pdf",
                             2048, "ab12cd34", "customs1",    0};
  }
};

TEST_F(CaseStoreTest, FindsTheCaseByIdAndByInspection) {
  const auto found = Read<std::optional<CaseRow>>([](ReadTxn& txn) { return FindCase(txn, "K1"); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, (CaseRow{"K1", "I1", "officer", testing::kTestStart}));
  EXPECT_FALSE(
      Read<std::optional<CaseRow>>([](ReadTxn& txn) { return FindCase(txn, "K9"); }).has_value());
  const auto of_inspection =
      Read<std::vector<CaseRow>>([](ReadTxn& txn) { return ListCasesOfInspection(txn, "I1"); });
  ASSERT_EQ(of_inspection.size(), 1u);
  EXPECT_EQ(of_inspection[0].id, "K1");
}

TEST_F(CaseStoreTest, AHandOverIsOneEventChangingTwoParts) {
  const int64_t before = Events();
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return HandOverCasePart(txn, "user:7", {"K1", "customs", "handed_over", "goods", "weapons"},
                            {"K1", "police", "open", "Handed over by customs", ""});
  }));
  EXPECT_EQ(Events(), before + 1);
  EXPECT_EQ(Parts(), "customs:handed_over:weapons,police:open:,");
  LIMEN_ASSERT_OK(store_->Rebuild());
  EXPECT_EQ(Parts(), "customs:handed_over:weapons,police:open:,");
  EXPECT_EQ(store_
                ->Write([](WriteTxn& txn) {
                  return HandOverCasePart(txn, "user:7", {"K1", "health", "handed_over", "", "x"},
                                          {"K1", "police", "open", "", ""});
                })
                .reason(),
            "WORKFLOW_NOT_FOUND");
}

TEST_F(CaseStoreTest, AttachmentsAreAddedOnceAndSurviveARebuild) {
  LIMEN_ASSERT_OK(
      store_->Write([](WriteTxn& txn) { return AddCaseAttachment(txn, "user:7", Receipt()); }));
  EXPECT_EQ(store_->Write([](WriteTxn& txn) { return AddCaseAttachment(txn, "user:7", Receipt()); })
                .reason(),
            "CASE_ATTACHMENT_EXISTS");
  EXPECT_EQ(store_
                ->Write([](WriteTxn& txn) {
                  CaseAttachmentRow other = Receipt();
                  other.agency = "police";
                  return AddCaseAttachment(txn, "user:7", other);
                })
                .reason(),
            "WORKFLOW_NOT_FOUND");
  auto list = [&] {
    return Read<std::vector<CaseAttachmentRow>>(
        [](ReadTxn& txn) { return ListCaseAttachments(txn, "K1"); });
  };
  CaseAttachmentRow expected = Receipt();
  expected.added_at = testing::kTestStart;
  ASSERT_EQ(list().size(), 1u);
  EXPECT_EQ(list()[0], expected);
  clock_.Advance(kMicrosPerDay);
  LIMEN_ASSERT_OK(store_->Rebuild());
  ASSERT_EQ(list().size(), 1u);
  EXPECT_EQ(list()[0], expected);
}

}  // namespace
}  // namespace limen::store
