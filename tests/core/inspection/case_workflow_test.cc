#include "core/inspection/case_workflow.h"

#include <gtest/gtest.h>

namespace limen::core::inspection {
namespace {

Case Open() {
  auto opened = OpenCase("case-1", "insp-1", "officer.a", "immigration", "check purpose of stay");
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return *opened;
}

TEST(CaseWorkflowTest, TransitionTableIsExactlyTheDocumentedOne) {
  const CaseStatus all[] = {CaseStatus::kOpen, CaseStatus::kInProgress, CaseStatus::kCleared,
                            CaseStatus::kRefused, CaseStatus::kHandedOver};
  std::string allowed;
  for (CaseStatus from : all) {
    for (CaseStatus to : all) {
      if (IsTransitionAllowed(from, to)) {
        allowed += std::string(CaseStatusName(from)) + ">" + std::string(CaseStatusName(to)) + " ";
      }
    }
  }
  EXPECT_EQ(allowed,
            "open>in_progress open>handed_over in_progress>cleared in_progress>refused "
            "in_progress>handed_over ");
  for (CaseStatus status : all) {
    EXPECT_EQ(ParseCaseStatus(CaseStatusName(status)), status);
  }
}

TEST(CaseWorkflowTest, SeveralAgenciesContributeAndTheOfficerSeesOutcomes) {
  Case current = Open();
  EXPECT_EQ(current.status(), CaseStatus::kOpen);
  current = *AddAgency(current, "customs", "undeclared goods suspected");
  current = *ChangeStatus(current, "immigration", CaseStatus::kInProgress, "");
  EXPECT_EQ(current.status(), CaseStatus::kInProgress);
  current = *AddNote(current, "customs", {"officer.c", 10, "bag searched"});
  current = *AddAttachment(current, "customs", {"receipt.pdf", "application/pdf", 1024, "ab", 11});
  current = *ChangeStatus(current, "immigration", CaseStatus::kCleared, "purpose confirmed");
  EXPECT_EQ(current.status(), CaseStatus::kInProgress);  // Customs is still open.
  current = *ChangeStatus(current, "customs", CaseStatus::kInProgress, "");
  current = *ChangeStatus(current, "customs", CaseStatus::kRefused, "goods seized");
  EXPECT_EQ(current.status(), CaseStatus::kRefused);
  const CaseOutcome summary = Summarise(current);
  EXPECT_EQ(summary.status, CaseStatus::kRefused);
  ASSERT_EQ(summary.outcomes.size(), 2u);
  EXPECT_EQ(summary.outcomes[1], (std::pair<std::string, std::string>{"customs", "goods seized"}));
  EXPECT_EQ(current.Part("customs")->notes.size(), 1u);
  EXPECT_EQ(current.Part("customs")->attachments[0].name, "receipt.pdf");
}

TEST(CaseWorkflowTest, HandOverOpensAPartForTheReceivingAgency) {
  const Case current = Open();
  auto handed =
      ChangeStatus(current, "immigration", CaseStatus::kHandedOver, "police matter", "police");
  ASSERT_TRUE(handed.ok()) << handed.status().ToString();
  EXPECT_EQ(handed->Part("police")->status, CaseStatus::kOpen);
  EXPECT_EQ(handed->status(), CaseStatus::kInProgress);
  EXPECT_EQ(current.parts.size(), 1u);  // The argument is never modified.
  auto cleared = ChangeStatus(*handed, "police", CaseStatus::kInProgress, "");
  cleared = ChangeStatus(*cleared, "police", CaseStatus::kCleared, "no warrant");
  EXPECT_EQ(cleared->status(), CaseStatus::kCleared);
}

TEST(CaseWorkflowTest, RejectsBadChangesWithStableCodes) {
  const Case current = Open();
  auto code = [](const Result<Case>& result) {
    return result.ok() ? "OK" : result.status().reason();
  };
  EXPECT_EQ(code(ChangeStatus(current, "immigration", CaseStatus::kCleared, "x")),
            "CASE_TRANSITION_NOT_ALLOWED");
  const Case started = *ChangeStatus(current, "immigration", CaseStatus::kInProgress, "");
  EXPECT_EQ(code(ChangeStatus(started, "immigration", CaseStatus::kCleared, "")),
            "CASE_OUTCOME_REQUIRED");
  EXPECT_EQ(code(ChangeStatus(started, "immigration", CaseStatus::kHandedOver, "x")),
            "CASE_HANDOVER_TARGET_REQUIRED");
  EXPECT_EQ(code(ChangeStatus(started, "customs", CaseStatus::kInProgress, "")),
            "CASE_AGENCY_NOT_INVOLVED");
  EXPECT_EQ(code(AddAgency(started, "immigration", "again")), "CASE_AGENCY_ALREADY_INVOLVED");
  EXPECT_EQ(code(AddAgency(started, "health", "")), "CASE_REASON_REQUIRED");
  EXPECT_EQ(code(AddNote(started, "police", {"p", 1, "x"})), "CASE_AGENCY_NOT_INVOLVED");
  EXPECT_EQ(code(AddNote(started, "immigration", {"p", 1, ""})), "CASE_NOTE_EMPTY");
  EXPECT_EQ(code(AddAttachment(started, "immigration", {"", "", 1, "", 0})),
            "CASE_ATTACHMENT_NAME");
  EXPECT_EQ(code(OpenCase("", "i", "o", "a", "r")), "CASE_ID_REQUIRED");
  const Case cleared = *ChangeStatus(started, "immigration", CaseStatus::kCleared, "ok");
  EXPECT_EQ(code(ChangeStatus(cleared, "immigration", CaseStatus::kInProgress, "")),
            "CASE_TRANSITION_NOT_ALLOWED");
}

TEST(CaseWorkflowTest, OnlyTheOwningAgencyActsOnItsPart) {
  const Case current = *AddAgency(Open(), "customs", "undeclared goods suspected");
  EXPECT_TRUE(CheckPartOwner(current, "customs", "customs").ok());
  EXPECT_EQ(CheckPartOwner(current, "customs", "immigration").reason(), "CASE_NOT_YOUR_PART");
  EXPECT_EQ(CheckPartOwner(current, "police", "police").reason(), "CASE_AGENCY_NOT_INVOLVED");
  EXPECT_TRUE(IsInvolved(current, "customs", "someone.else"));
  EXPECT_TRUE(IsInvolved(current, "police", "officer.a"));  // The referring officer.
  EXPECT_FALSE(IsInvolved(current, "police", "officer.p"));
}

}  // namespace
}  // namespace limen::core::inspection
