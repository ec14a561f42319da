// Validation of an officer's decision on an inspection (POST /api/v1/crossings): admitted (with
// the granted stay), refused (with Annex V codes and free text) or referred (with a reason). The
// route loads the inspection and its hits, calls ValidateDecision with the current time, and
// writes nothing unless it returns OK. Each rule has a stable error code:
//
//   code                              when                                  status
//   INSPECTION_NOT_FOUND              the inspection does not exist         NotFound
//   INSPECTION_ALREADY_DECIDED        a decision was already recorded       FailedPrecondition
//   DECISION_HITS_NOT_ADJUDICATED     admission while a hit is pending      FailedPrecondition
//   DECISION_ADJUDICATION_NOTE        a hit adjudicated without a note      InvalidArgument
//   DECISION_REFUSAL_WITHOUT_REASON   refusal with no Annex V code          InvalidArgument
//   DECISION_REFUSAL_CODE_UNKNOWN     a code outside A..J                   InvalidArgument
//   DECISION_REFERRAL_WITHOUT_REASON  referral with no reason               InvalidArgument
//   DECISION_STAY_MISSING             entry admission without a stay        InvalidArgument
//   DECISION_STAY_BEFORE_CROSSING     stay ends before the crossing day     InvalidArgument
//   CROSSING_IN_FUTURE                after now + clock-skew allowance      InvalidArgument
//   CROSSING_BEFORE_INSPECTION        before the inspection started         InvalidArgument
//
// Thread-safety: stateless; safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/inspection/facts.h"

namespace limen::core::inspection {

enum class DecisionKind : uint8_t { kAdmitted, kRefused, kReferred };
enum class InspectionState : uint8_t { kNotFound, kOpen, kDecided };
enum class StayGrant : uint8_t { kNone, kUntil, kNoLimit };

std::string_view DecisionKindName(DecisionKind kind);

struct HitAdjudication {
  std::string hit_id;
  std::string owning_agency;
  Adjudication adjudication = Adjudication::kPending;
  std::string note;
};

struct DecisionRequest {
  InspectionState inspection = InspectionState::kNotFound;
  Direction direction = Direction::kEntry;
  Timestamp inspection_started_at = 0;
  DecisionKind kind = DecisionKind::kAdmitted;
  std::vector<HitAdjudication> hits;
  std::vector<char> refusal_codes;
  std::string free_text;  // Refusal details or referral reason.
  StayGrant stay_grant = StayGrant::kNone;
  std::optional<CivilDate> granted_until;  // With StayGrant::kUntil.
  Timestamp crossing_time = 0;
};

// Clocks of posts and servers drift; a crossing up to this far ahead of `now` is accepted.
inline constexpr int64_t kClockSkewAllowance = 2 * 60 * kMicrosPerSecond;

Status ValidateDecision(const DecisionRequest& request, Timestamp now);

// Agencies that own a confirmed hit and must be notified, sorted and unique.
std::vector<std::string> AgenciesToNotify(const std::vector<HitAdjudication>& hits);

// Microseconds the inspection took, for waiting-time statistics (never negative).
int64_t InspectionDuration(Timestamp started_at, Timestamp decided_at);

}  // namespace limen::core::inspection
