// Case records beyond the parts and notes of workflow_store.h (issue 5, items 7 and 8): the case
// header (which inspection, who referred it), a handover that closes one agency's part and opens
// the receiving agency's part in one event, and attachment metadata per part. Every write appends
// one event in the caller's WriteTxn; its projector changes the tables of
// migrations/0300_workflow.sql and 0600_case_attachments.sql, so Store::Rebuild() recreates them.
//
// The rules (which transitions are allowed, who owns a part) live in core/inspection
// case_workflow.h; these functions only refuse writes that would break the tables' invariants:
// WORKFLOW_INVALID (a required field is empty), WORKFLOW_NOT_FOUND (no such case or part) and
// CASE_ATTACHMENT_EXISTS (the part already has this file).
//
// Call RegisterCaseProjections(store) once after RegisterWorkflowProjections, before the first
// write. Thread-safety: stateless functions; as thread-safe as the transaction given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "store/store.h"
#include "store/workflow_store.h"

namespace limen::store {

struct CaseRow {
  std::string id;
  std::string inspection_id;
  std::string referring_officer;  // Username.
  Timestamp opened_at = 0;
  friend bool operator==(const CaseRow&, const CaseRow&) = default;
};

struct CaseAttachmentRow {
  std::string case_id;
  std::string agency;
  std::string name;
  std::string media_type;
  int64_t size_bytes = 0;
  std::string sha256;    // Lower-case hex of the file's SHA-256.
  std::string added_by;  // Username.
  Timestamp added_at = 0;
  friend bool operator==(const CaseAttachmentRow&, const CaseAttachmentRow&) = default;
};

void RegisterCaseProjections(Store& store);

Result<std::optional<CaseRow>> FindCase(ReadTxn& txn, std::string_view case_id);
// The cases opened for an inspection, oldest first.
Result<std::vector<CaseRow>> ListCasesOfInspection(ReadTxn& txn, std::string_view inspection_id);

// Saves `handed` (the part handed over, with its outcome) and opens `received` in one
// case.handed_over event.
Status HandOverCasePart(WriteTxn& txn, std::string_view actor, const CasePartRow& handed,
                        const CasePartRow& received);

Status AddCaseAttachment(WriteTxn& txn, std::string_view actor,
                         const CaseAttachmentRow& attachment);
// The attachments of a case, by agency and then in the order they were added.
Result<std::vector<CaseAttachmentRow>> ListCaseAttachments(ReadTxn& txn, std::string_view case_id);

}  // namespace limen::store
