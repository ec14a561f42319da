#include "core/inspection/case_workflow.h"

#include <algorithm>

namespace limen::core::inspection {
namespace {

constexpr CaseStatus kAllStatuses[] = {CaseStatus::kOpen, CaseStatus::kInProgress,
                                       CaseStatus::kCleared, CaseStatus::kRefused,
                                       CaseStatus::kHandedOver};

Status CheckText(std::string_view text, const char* code, const char* what) {
  if (!text.empty()) return Status::Ok();
  return InvalidArgument(code, std::string(what));
}

AgencyPart* MutablePart(Case& current, std::string_view agency) {
  for (AgencyPart& part : current.parts) {
    if (part.agency == agency) return &part;
  }
  return nullptr;
}

Status NotInvolved(std::string_view agency) {
  return NotFound("CASE_AGENCY_NOT_INVOLVED",
                  "Agency '" + std::string(agency) +
                      "' has no part in this case; ask the case owner to add it.");
}

Status CheckHandOver(const Case& current, CaseStatus to,
                     const std::optional<std::string>& hand_over_to) {
  if (to != CaseStatus::kHandedOver) return Status::Ok();
  if (!hand_over_to || hand_over_to->empty()) {
    return InvalidArgument("CASE_HANDOVER_TARGET_REQUIRED",
                           "Say which agency takes the case over.");
  }
  if (const AgencyPart* part = current.Part(*hand_over_to); part && !IsFinal(part->status)) {
    return FailedPrecondition("CASE_AGENCY_ALREADY_INVOLVED",
                              "Agency '" + *hand_over_to + "' already works on this case.");
  }
  return Status::Ok();
}

}  // namespace

std::string_view CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kOpen:
      return "open";
    case CaseStatus::kInProgress:
      return "in_progress";
    case CaseStatus::kCleared:
      return "cleared";
    case CaseStatus::kRefused:
      return "refused";
    case CaseStatus::kHandedOver:
      return "handed_over";
  }
  return "unknown";
}

std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  for (CaseStatus status : kAllStatuses) {
    if (CaseStatusName(status) == name) return status;
  }
  return std::nullopt;
}

bool IsFinal(CaseStatus status) {
  return status == CaseStatus::kCleared || status == CaseStatus::kRefused ||
         status == CaseStatus::kHandedOver;
}

bool IsTransitionAllowed(CaseStatus from, CaseStatus to) {
  switch (from) {
    case CaseStatus::kOpen:
      return to == CaseStatus::kInProgress || to == CaseStatus::kHandedOver;
    case CaseStatus::kInProgress:
      return IsFinal(to);
    default:
      return false;
  }
}

CaseStatus Case::status() const {
  if (std::all_of(parts.begin(), parts.end(),
                  [](const AgencyPart& part) { return part.status == CaseStatus::kOpen; })) {
    return CaseStatus::kOpen;
  }
  if (!std::all_of(parts.begin(), parts.end(),
                   [](const AgencyPart& part) { return IsFinal(part.status); })) {
    return CaseStatus::kInProgress;
  }
  if (std::any_of(parts.begin(), parts.end(),
                  [](const AgencyPart& part) { return part.status == CaseStatus::kRefused; })) {
    return CaseStatus::kRefused;
  }
  return parts.back().status;
}

const AgencyPart* Case::Part(std::string_view agency) const {
  for (const AgencyPart& part : parts) {
    if (part.agency == agency) return &part;
  }
  return nullptr;
}

Result<Case> OpenCase(std::string id, std::string inspection_id, std::string referring_officer,
                      std::string agency, std::string reason) {
  LIMEN_RETURN_IF_ERROR(CheckText(id, "CASE_ID_REQUIRED", "A case needs an id."));
  LIMEN_RETURN_IF_ERROR(
      CheckText(referring_officer, "CASE_OFFICER_REQUIRED", "A case needs the referring officer."));
  Case created;
  created.id = std::move(id);
  created.inspection_id = std::move(inspection_id);
  created.referring_officer = std::move(referring_officer);
  return AddAgency(created, std::move(agency), std::move(reason));
}

Result<Case> AddAgency(const Case& current, std::string agency, std::string reason) {
  LIMEN_RETURN_IF_ERROR(CheckText(agency, "CASE_AGENCY_REQUIRED", "Name the agency to refer to."));
  LIMEN_RETURN_IF_ERROR(CheckText(reason, "CASE_REASON_REQUIRED",
                                  "A referral needs a reason; say what the agency should check."));
  if (const AgencyPart* part = current.Part(agency); part && !IsFinal(part->status)) {
    return FailedPrecondition("CASE_AGENCY_ALREADY_INVOLVED",
                              "Agency '" + agency + "' already works on this case.");
  }
  Case changed = current;
  std::erase_if(changed.parts, [&](const AgencyPart& part) { return part.agency == agency; });
  changed.parts.push_back(AgencyPart{std::move(agency), CaseStatus::kOpen, std::move(reason)});
  return changed;
}

Result<Case> ChangeStatus(const Case& current, std::string_view agency, CaseStatus to,
                          std::string outcome, std::optional<std::string> hand_over_to) {
  const AgencyPart* part = current.Part(agency);
  if (part == nullptr) return NotInvolved(agency);
  if (!IsTransitionAllowed(part->status, to)) {
    return FailedPrecondition("CASE_TRANSITION_NOT_ALLOWED",
                              "A case part cannot go from " +
                                  std::string(CaseStatusName(part->status)) + " to " +
                                  std::string(CaseStatusName(to)) + ".");
  }
  if (IsFinal(to)) {
    LIMEN_RETURN_IF_ERROR(CheckText(outcome, "CASE_OUTCOME_REQUIRED",
                                    "Closing a case part needs an outcome the referring officer "
                                    "can read."));
  }
  LIMEN_RETURN_IF_ERROR(CheckHandOver(current, to, hand_over_to));
  Case changed = current;
  AgencyPart* target = MutablePart(changed, agency);
  target->status = to;
  target->outcome = std::move(outcome);
  if (to != CaseStatus::kHandedOver) return changed;
  return AddAgency(changed, *hand_over_to, "Handed over by " + std::string(agency));
}

Result<Case> AddNote(const Case& current, std::string_view agency, CaseNote note) {
  if (current.Part(agency) == nullptr) return NotInvolved(agency);
  LIMEN_RETURN_IF_ERROR(CheckText(note.text, "CASE_NOTE_EMPTY", "A note needs text."));
  Case changed = current;
  MutablePart(changed, agency)->notes.push_back(std::move(note));
  return changed;
}

Result<Case> AddAttachment(const Case& current, std::string_view agency, AttachmentMeta meta) {
  if (current.Part(agency) == nullptr) return NotInvolved(agency);
  LIMEN_RETURN_IF_ERROR(
      CheckText(meta.name, "CASE_ATTACHMENT_NAME", "An attachment needs a name."));
  if (meta.size_bytes < 0) {
    return InvalidArgument("CASE_ATTACHMENT_SIZE", "An attachment size cannot be negative.");
  }
  Case changed = current;
  MutablePart(changed, agency)->attachments.push_back(std::move(meta));
  return changed;
}

CaseOutcome Summarise(const Case& current) {
  CaseOutcome summary;
  summary.status = current.status();
  for (const AgencyPart& part : current.parts) {
    if (IsFinal(part.status)) summary.outcomes.emplace_back(part.agency, part.outcome);
  }
  return summary;
}

Status CheckPartOwner(const Case& current, std::string_view part_agency,
                      std::string_view actor_agency) {
  if (current.Part(part_agency) == nullptr) return NotInvolved(part_agency);
  if (part_agency == actor_agency) return Status::Ok();
  return PermissionDenied("CASE_NOT_YOUR_PART",
                          "Only " + std::string(part_agency) +
                              " may change its part of this case; act on your own agency's part.");
}

bool IsInvolved(const Case& current, std::string_view agency, std::string_view username) {
  return current.Part(agency) != nullptr || current.referring_officer == username;
}

}  // namespace limen::core::inspection
