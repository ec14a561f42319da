// Workflow projections (store/workflow_store.h): travellers, documents, merge/split and their
// undo, inspections and crossings, cases, national registry reports, and Rebuild().
#include "store/workflow_store.h"

#include <gtest/gtest.h>

#include "test_store.h"

namespace limen::store {
namespace {

class WorkflowStoreTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    RegisterWorkflowProjections(*store_);
  }

  Status Write(const WriteFn& work) { return store_->Write(work); }

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

  static TravellerRow Traveller(std::string id, std::string surname) {
    return TravellerRow{std::move(id), std::move(surname), "ANNA", "", "", "1974-08-12", "F",
                        {"UTO"}};
  }

  static DocumentRow Document(std::string id, std::string traveller, std::string number) {
    return DocumentRow{
        std::move(id), std::move(traveller), "UTO", std::move(number), "P", "ERIKSSON",
        "ANNA",        "1974-08-12",         "F"};
  }

  void CreatePeople() {
    LIMEN_ASSERT_OK(Write([](WriteTxn& txn) -> Status {
      LIMEN_RETURN_IF_ERROR(CreateTraveller(txn, "user:1", Traveller("T1", "ERIKSSON")));
      LIMEN_RETURN_IF_ERROR(CreateTraveller(txn, "user:1", Traveller("T2", "ERIKSSON")));
      LIMEN_RETURN_IF_ERROR(LinkDocument(txn, "user:1", Document("D1", "T1", "A1")));
      LIMEN_RETURN_IF_ERROR(LinkDocument(txn, "user:1", Document("D2", "T2", "A2")));
      return LinkDocument(txn, "user:1", Document("D3", "T2", "A3"));
    }));
  }

  std::vector<std::string> DocumentsOf(const std::string& traveller) {
    auto documents = Read<std::vector<DocumentRow>>(
        [&](ReadTxn& txn) { return ListTravellerDocuments(txn, traveller); });
    std::vector<std::string> ids;
    for (const DocumentRow& document : documents) ids.push_back(document.id);
    return ids;
  }
};

TEST_F(WorkflowStoreTest, TravellersAndDocuments) {
  CreatePeople();
  const auto found =
      Read<std::optional<DocumentRow>>([](ReadTxn& txn) { return FindDocument(txn, "UTO", "A2"); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->traveller_id, "T2");
  const auto candidates = Read<std::vector<TravellerRow>>(
      [](ReadTxn& txn) { return FindTravellersByName(txn, "ERIKSSON", "ANNA", "1974-08-12"); });
  EXPECT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0], Traveller("T1", "ERIKSSON"));
  // Re-linking a known document moves it, it does not duplicate it.
  LIMEN_ASSERT_OK(
      Write([](WriteTxn& txn) { return LinkDocument(txn, "user:1", Document("D9", "T1", "A2")); }));
  EXPECT_EQ(DocumentsOf("T1"), (std::vector<std::string>{"D1", "D2"}));
  const Status duplicate =
      Write([](WriteTxn& txn) { return CreateTraveller(txn, "user:1", Traveller("T1", "X")); });
  EXPECT_EQ(duplicate.reason(), "WORKFLOW_EXISTS");
  const Status orphan =
      Write([](WriteTxn& txn) { return LinkDocument(txn, "user:1", Document("D5", "T7", "A5")); });
  EXPECT_EQ(orphan.reason(), "WORKFLOW_NOT_FOUND");
}

TEST_F(WorkflowStoreTest, MergeAndSplitAreReversibleEvents) {
  CreatePeople();
  LIMEN_ASSERT_OK(Write([](WriteTxn& txn) { return MergeTravellers(txn, "user:2", "T1", "T2"); }));
  EXPECT_EQ(DocumentsOf("T1"), (std::vector<std::string>{"D1", "D2", "D3"}));
  auto t2 =
      Read<std::optional<TravellerRow>>([](ReadTxn& txn) { return FindTraveller(txn, "T2"); });
  EXPECT_EQ(t2->status, "merged");
  EXPECT_EQ(t2->merged_into, "T1");
  EXPECT_EQ(
      Write([](WriteTxn& txn) { return MergeTravellers(txn, "user:2", "T1", "T2"); }).reason(),
      "WORKFLOW_MERGE_INVALID");
  LIMEN_ASSERT_OK(Write([](WriteTxn& txn) { return UndoMerge(txn, "user:2", "T1", "T2"); }));
  EXPECT_EQ(DocumentsOf("T1"), (std::vector<std::string>{"D1"}));
  EXPECT_EQ(DocumentsOf("T2"), (std::vector<std::string>{"D2", "D3"}));
  EXPECT_EQ(Write([](WriteTxn& txn) { return UndoMerge(txn, "user:2", "T1", "T2"); }).reason(),
            "WORKFLOW_NOT_FOUND");

  LIMEN_ASSERT_OK(Write([](WriteTxn& txn) {
    return SplitTraveller(txn, "user:2", "T2", Traveller("T3", "ERIKSON"), {"D3"});
  }));
  EXPECT_EQ(DocumentsOf("T3"), (std::vector<std::string>{"D3"}));
  LIMEN_ASSERT_OK(Write([](WriteTxn& txn) { return UndoSplit(txn, "user:2", "T2", "T3"); }));
  EXPECT_EQ(DocumentsOf("T2"), (std::vector<std::string>{"D2", "D3"}));
  auto t3 =
      Read<std::optional<TravellerRow>>([](ReadTxn& txn) { return FindTraveller(txn, "T3"); });
  EXPECT_FALSE(t3.has_value());
}

TEST_F(WorkflowStoreTest, ACrossingDecidesItsInspectionOnce) {
  const InspectionRow inspection{"I1",
                                 "NBO-JKIA",
                                 "3",
                                 "entry",
                                 "air",
                                 "KQ101",
                                 "tourism",
                                 "UTO",
                                 "A1",
                                 "T1",
                                 "admit",
                                 "user:1",
                                 testing::kTestStart,
                                 false};
  LIMEN_ASSERT_OK(
      Write([&](WriteTxn& txn) { return RecordInspection(txn, "user:1", inspection); }));
  CrossingRow crossing{"C1",
                       "I1",
                       "T1",
                       "NBO-JKIA",
                       "entry",
                       "admitted",
                       testing::kTestStart + 90 * kMicrosPerSecond,
                       "2026-12-31",
                       "",
                       "",
                       90'000'000,
                       "user:1"};
  LIMEN_ASSERT_OK(Write([&](WriteTxn& txn) { return RecordCrossing(txn, "user:1", crossing); }));
  auto stored =
      Read<std::optional<InspectionRow>>([](ReadTxn& txn) { return FindInspection(txn, "I1"); });
  EXPECT_TRUE(stored->decided);
  crossing.id = "C2";
  EXPECT_EQ(Write([&](WriteTxn& txn) { return RecordCrossing(txn, "user:1", crossing); }).reason(),
            "INSPECTION_ALREADY_DECIDED");
  crossing.inspection_id = "I404";
  EXPECT_EQ(Write([&](WriteTxn& txn) { return RecordCrossing(txn, "user:1", crossing); }).reason(),
            "INSPECTION_NOT_FOUND");
  const auto crossings =
      Read<std::vector<CrossingRow>>([](ReadTxn& txn) { return ListCrossings(txn, "T1"); });
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].duration_micros, 90'000'000);
  EXPECT_EQ(crossings[0].granted_until, "2026-12-31");
}

TEST_F(WorkflowStoreTest, PresentEntriesAreTheLastAdmissionsThatAreEntries) {
  int sequence = 0;
  auto cross = [&](const std::string& traveller, const std::string& direction,
                   const std::string& decision, int day) {
    const std::string n = std::to_string(++sequence);
    const Timestamp time = testing::kTestStart + day * kMicrosPerDay;
    const InspectionRow inspection{"I" + n, "P", "1",       direction, "air",    "",   "",
                                   "UTO",   "A", traveller, "admit",   "user:1", time, false};
    const CrossingRow crossing{
        "C" + n,   "I" + n,  traveller, "P",
        direction, decision, time,      direction == "entry" ? "2027-01-01" : "",
        "",        "",       1,         "user:1"};
    LIMEN_ASSERT_OK(Write([&](WriteTxn& txn) -> Status {
      LIMEN_RETURN_IF_ERROR(RecordInspection(txn, "user:1", inspection));
      return RecordCrossing(txn, "user:1", crossing);
    }));
  };
  cross("T1", "entry", "admitted", 0);
  cross("T1", "exit", "admitted", 5);   // Left.
  cross("T2", "entry", "admitted", 1);  // Present.
  cross("T3", "entry", "refused", 2);   // Never admitted.
  cross("T4", "entry", "admitted", 1);
  cross("T4", "exit", "admitted", 3);
  cross("T4", "entry", "admitted", 9);  // Back again: present.
  const auto present =
      Read<std::vector<CrossingRow>>([](ReadTxn& txn) { return ListPresentEntries(txn); });
  ASSERT_EQ(present.size(), 2u);
  EXPECT_EQ(present[0].traveller_id, "T2");
  EXPECT_EQ(present[1].traveller_id, "T4");
  EXPECT_EQ(present[1].id, "C7");
  EXPECT_EQ(present[1].granted_until, "2027-01-01");
}

TEST_F(WorkflowStoreTest, CasesQueuesAndNotes) {
  LIMEN_ASSERT_OK(Write([](WriteTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(
        OpenCase(txn, "user:1", "K1", "I1", "user:1", {"", "customs", "open", "goods", ""}));
    LIMEN_RETURN_IF_ERROR(SaveCasePart(txn, "user:1", {"K1", "police", "open", "alert", ""}));
    LIMEN_RETURN_IF_ERROR(
        SaveCasePart(txn, "user:5", {"K1", "customs", "cleared", "goods", "nothing found"}));
    return AddCaseNote(txn, "user:6", {"K1", "police", "user:6", 0, "called the desk"});
  }));
  const auto queue =
      Read<std::vector<CasePartRow>>([](ReadTxn& txn) { return ListAgencyQueue(txn, "police"); });
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].case_id, "K1");
  EXPECT_TRUE(Read<std::vector<CasePartRow>>([](ReadTxn& txn) {
                return ListAgencyQueue(txn, "customs");
              }).empty());
  const auto notes = Read<std::vector<CaseNoteRow>>(
      [](ReadTxn& txn) { return ListCaseNotes(txn, "K1", "police"); });
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].written_at, testing::kTestStart);
  EXPECT_EQ(Write([](WriteTxn& txn) {
              return AddCaseNote(txn, "user:6", {"K1", "health", "user:6", 0, "x"});
            }).reason(),
            "WORKFLOW_NOT_FOUND");
}

TEST_F(WorkflowStoreTest, RebuildRecreatesTheProjections) {
  CreatePeople();
  LIMEN_ASSERT_OK(Write([](WriteTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(MergeTravellers(txn, "user:2", "T1", "T2"));
    LIMEN_RETURN_IF_ERROR(
        ReportDocument(txn, "user:1", {"UTO", "A7", "national", "passport", "lost", "2026-11-01"}));
    LIMEN_RETURN_IF_ERROR(ReportDocument(
        txn, "user:1", {"UTO", "A8", "national", "passport", "stolen", "2026-11-02"}));
    LIMEN_RETURN_IF_ERROR(WithdrawReport(txn, "user:1", "UTO", "A8", "national"));
    return OpenCase(txn, "user:1", "K1", "I1", "user:1", {"", "health", "open", "fever", ""});
  }));
  auto snapshot = [&] {
    std::string text;
    for (const std::string& id : DocumentsOf("T1")) text += id + ",";
    for (const auto& report : Read<std::vector<RegistryReportRow>>(
             [](ReadTxn& txn) { return ListRegistryReports(txn); })) {
      text += report.number + report.reason + ",";
    }
    for (const auto& part :
         Read<std::vector<CasePartRow>>([](ReadTxn& txn) { return ListCaseParts(txn, "K1"); })) {
      text += part.agency + part.status + ",";
    }
    return text;
  };
  const std::string before = snapshot();
  EXPECT_EQ(before, "D1,D2,D3,A7lost,healthopen,");
  clock_.Advance(kMicrosPerDay);
  LIMEN_ASSERT_OK(store_->Rebuild());
  EXPECT_EQ(snapshot(), before);
  LIMEN_ASSERT_OK(Write([](WriteTxn& txn) { return UndoMerge(txn, "user:2", "T1", "T2"); }));
  EXPECT_EQ(DocumentsOf("T2"), (std::vector<std::string>{"D2", "D3"}));
}

}  // namespace
}  // namespace limen::store
