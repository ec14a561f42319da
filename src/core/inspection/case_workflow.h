// Referrals and cases as pure logic. A traveller referred to secondary inspection or to another
// agency (customs, health, police, ...) opens a case; each agency involved has its own part with
// a status, notes, attachment metadata and an outcome. Allowed transitions of a part:
//
//   open -> in_progress | handed_over
//   in_progress -> cleared | refused | handed_over
//   cleared, refused, handed_over: final
//
// Handing over adds an open part for the receiving agency. The case's overall status is derived:
// open while every part is open, in_progress while any part is not final, and once all are final:
// refused if any part refused, else handed_over if the last part handed over, else cleared.
// Every function returns the changed case (or a Status with a stable CASE_* code) and never
// modifies its argument, so the caller can store the change as an event.
//
// Thread-safety: value types and stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace limen::core::inspection {

enum class CaseStatus : uint8_t { kOpen, kInProgress, kCleared, kRefused, kHandedOver };

std::string_view CaseStatusName(CaseStatus status);
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);
bool IsFinal(CaseStatus status);
bool IsTransitionAllowed(CaseStatus from, CaseStatus to);

struct CaseNote {
  std::string author;
  Timestamp written_at = 0;
  std::string text;
};

struct AttachmentMeta {
  std::string name;
  std::string media_type;
  int64_t size_bytes = 0;
  std::string sha256;
  Timestamp added_at = 0;
};

struct AgencyPart {
  std::string agency;
  CaseStatus status = CaseStatus::kOpen;
  std::string reason;   // Why this agency was asked to act.
  std::string outcome;  // Set when the part reaches a final status.
  std::vector<CaseNote> notes;
  std::vector<AttachmentMeta> attachments;
};

struct Case {
  std::string id;
  std::string inspection_id;
  std::string referring_officer;
  std::vector<AgencyPart> parts;

  CaseStatus status() const;
  const AgencyPart* Part(std::string_view agency) const;
};

// What the referring officer sees: statuses and outcomes, never other agencies' notes.
struct CaseOutcome {
  CaseStatus status = CaseStatus::kOpen;
  std::vector<std::pair<std::string, std::string>> outcomes;  // (agency, outcome) of final parts.
};

Result<Case> OpenCase(std::string id, std::string inspection_id, std::string referring_officer,
                      std::string agency, std::string reason);
Result<Case> AddAgency(const Case& current, std::string agency, std::string reason);
// Moves `agency`'s part to `to`. A final status needs an outcome; kHandedOver needs
// `hand_over_to`, the agency that takes over.
Result<Case> ChangeStatus(const Case& current, std::string_view agency, CaseStatus to,
                          std::string outcome, std::optional<std::string> hand_over_to = {});
Result<Case> AddNote(const Case& current, std::string_view agency, CaseNote note);
Result<Case> AddAttachment(const Case& current, std::string_view agency, AttachmentMeta meta);
CaseOutcome Summarise(const Case& current);

// Only the agency that owns a part may change it or write its notes and attachments. Returns
// CASE_AGENCY_NOT_INVOLVED when the case has no part of `part_agency`, CASE_NOT_YOUR_PART when
// `actor_agency` (the caller's agency) is another agency.
Status CheckPartOwner(const Case& current, std::string_view part_agency,
                      std::string_view actor_agency);
// True when `agency` has a part in the case (whatever its status) or `username` referred it:
// those may follow the case and ask another agency to join it.
bool IsInvolved(const Case& current, std::string_view agency, std::string_view username);

}  // namespace limen::core::inspection
