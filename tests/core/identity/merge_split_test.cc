#include "core/identity/merge_split.h"

#include <gtest/gtest.h>

namespace limen::core::identity {
namespace {

IdentityRecords MakeRecords() {
  IdentityRecords records;
  Biographics anna{"ERIKSSON", "ANNA", "", "", CivilDate{1974, 8, 12}, Sex::kFemale, {"UTO"}};
  Biographics anna_swe = anna;
  anna_swe.nationalities = {"SWE"};
  records.travellers["T1"] = {"T1", anna, {"D1", "D2"}, TravellerStatus::kActive, ""};
  records.travellers["T2"] = {"T2", anna_swe, {"D3"}, TravellerStatus::kActive, ""};
  records.documents["D1"] = {"D1", "UTO", "A1", "P", anna, "T1"};
  records.documents["D2"] = {"D2", "UTO", "A2", "P", anna, "T1"};
  records.documents["D3"] = {"D3", "SWE", "S1", "P", anna_swe, "T2"};
  return records;
}

TEST(MergeSplitTest, MergeMovesDocumentsAndIsReversible) {
  const IdentityRecords records = MakeRecords();
  auto change = PlanMerge(records, "T1", "T2");
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  auto merged = ApplyChange(records, *change);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  const TravellerRecord& kept = merged->travellers.at("T1");
  EXPECT_EQ(kept.document_ids, (std::vector<std::string>{"D1", "D2", "D3"}));
  EXPECT_EQ(kept.biographics.nationalities, (std::vector<std::string>{"UTO", "SWE"}));
  EXPECT_EQ(merged->travellers.at("T2").status, TravellerStatus::kMerged);
  EXPECT_EQ(merged->travellers.at("T2").merged_into, "T1");
  EXPECT_EQ(merged->documents.at("D3").traveller_id, "T1");

  const TravellerChange undo = Invert(*change);
  EXPECT_TRUE(undo.is_undo);
  auto restored = ApplyChange(*merged, undo);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->travellers, records.travellers);
  EXPECT_EQ(restored->documents, records.documents);
  // The same change cannot be applied twice: its "before" no longer holds.
  EXPECT_EQ(ApplyChange(*merged, *change).status().reason(), "IDENTITY_CHANGE_CONFLICT");
}

TEST(MergeSplitTest, SplitCreatesATravellerAndIsReversible) {
  const IdentityRecords records = MakeRecords();
  Biographics other{"ERIKSON", "ANNE", "", "", CivilDate{1980, 1, 1}, Sex::kFemale, {"UTO"}};
  auto change = PlanSplit(records, "T1", {"D2"}, "T9", other);
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  auto split = ApplyChange(records, *change);
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  EXPECT_EQ(split->travellers.at("T1").document_ids, (std::vector<std::string>{"D1"}));
  EXPECT_EQ(split->travellers.at("T9").document_ids, (std::vector<std::string>{"D2"}));
  EXPECT_EQ(split->travellers.at("T9").biographics, other);
  EXPECT_EQ(split->documents.at("D2").traveller_id, "T9");
  auto restored = ApplyChange(*split, Invert(*change));
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->travellers, records.travellers);
  EXPECT_EQ(restored->documents, records.documents);
  EXPECT_EQ(restored->travellers.count("T9"), 0u);
}

TEST(MergeSplitTest, UndoRefusesWhenRecordsChangedSince) {
  const IdentityRecords records = MakeRecords();
  auto change = PlanMerge(records, "T1", "T2");
  IdentityRecords merged = *ApplyChange(records, *change);
  merged.travellers.at("T1").biographics.given_names_latin = "ANNA MARIA";  // Later edit.
  EXPECT_EQ(ApplyChange(merged, Invert(*change)).status().reason(), "IDENTITY_CHANGE_CONFLICT");
}

TEST(MergeSplitTest, RejectsBadRequestsWithStableCodes) {
  const IdentityRecords records = MakeRecords();
  EXPECT_EQ(PlanMerge(records, "T1", "T1").status().reason(), "IDENTITY_MERGE_SELF");
  EXPECT_EQ(PlanMerge(records, "T1", "T7").status().reason(), "IDENTITY_TRAVELLER_NOT_FOUND");
  const IdentityRecords merged = *ApplyChange(records, *PlanMerge(records, "T1", "T2"));
  EXPECT_EQ(PlanMerge(merged, "T1", "T2").status().reason(), "IDENTITY_MERGE_INACTIVE");
  EXPECT_EQ(PlanSplit(records, "T1", {}, "T9", {}).status().reason(), "IDENTITY_SPLIT_EMPTY");
  EXPECT_EQ(PlanSplit(records, "T1", {"D1", "D2"}, "T9", {}).status().reason(),
            "IDENTITY_SPLIT_ALL");
  EXPECT_EQ(PlanSplit(records, "T1", {"D3"}, "T9", {}).status().reason(),
            "IDENTITY_DOCUMENT_NOT_OWNED");
  EXPECT_EQ(PlanSplit(records, "T1", {"D2"}, "T2", {}).status().reason(),
            "IDENTITY_TRAVELLER_EXISTS");
  EXPECT_EQ(PlanSplit(records, "T5", {"D2"}, "T9", {}).status().reason(),
            "IDENTITY_TRAVELLER_NOT_FOUND");
}

}  // namespace
}  // namespace limen::core::identity
