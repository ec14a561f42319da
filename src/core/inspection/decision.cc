#include "core/inspection/decision.h"

#include <algorithm>

#include "core/inspection/refusal_codes.h"

namespace limen::core::inspection {
namespace {

Status CheckInspection(const DecisionRequest& request) {
  if (request.inspection == InspectionState::kNotFound) {
    return NotFound("INSPECTION_NOT_FOUND",
                    "There is no inspection with this id; run the inspection first.");
  }
  if (request.inspection == InspectionState::kDecided) {
    return FailedPrecondition("INSPECTION_ALREADY_DECIDED",
                              "A decision was already recorded for this inspection; start a new "
                              "inspection to record another crossing.");
  }
  return Status::Ok();
}

Status CheckTime(const DecisionRequest& request, Timestamp now) {
  if (request.crossing_time > now + kClockSkewAllowance) {
    return InvalidArgument("CROSSING_IN_FUTURE",
                           "The crossing time " + FormatTimestamp(request.crossing_time) +
                               " is in the future; check the clock of the workstation.");
  }
  if (request.crossing_time < request.inspection_started_at) {
    return InvalidArgument("CROSSING_BEFORE_INSPECTION",
                           "The crossing time is before the inspection started; send the time "
                           "the decision was taken.");
  }
  return Status::Ok();
}

Status CheckHits(const DecisionRequest& request) {
  for (const HitAdjudication& hit : request.hits) {
    if (hit.adjudication == Adjudication::kPending) {
      if (request.kind != DecisionKind::kAdmitted) continue;
      return FailedPrecondition("DECISION_HITS_NOT_ADJUDICATED",
                                "Hit " + hit.hit_id +
                                    " is not adjudicated; mark it confirmed or "
                                    "not the same person, with a note, before admitting.");
    }
    if (hit.note.empty()) {
      return InvalidArgument("DECISION_ADJUDICATION_NOTE",
                             "Hit " + hit.hit_id +
                                 " was adjudicated without a note; add a note "
                                 "saying why.");
    }
  }
  return Status::Ok();
}

Status CheckRefusal(const DecisionRequest& request) {
  if (request.refusal_codes.empty()) {
    return InvalidArgument("DECISION_REFUSAL_WITHOUT_REASON",
                           "A refusal needs at least one reason code (A to J); choose the codes "
                           "that apply.");
  }
  for (char code : request.refusal_codes) {
    if (!FindRefusalCode(code)) {
      return InvalidArgument("DECISION_REFUSAL_CODE_UNKNOWN",
                             std::string("Refusal code '") + code +
                                 "' is not one of A to J; choose from the standard list.");
    }
  }
  return Status::Ok();
}

Status CheckAdmission(const DecisionRequest& request) {
  if (request.direction != Direction::kEntry) return Status::Ok();
  if (request.stay_grant == StayGrant::kNoLimit) return Status::Ok();
  if (request.stay_grant != StayGrant::kUntil || !request.granted_until) {
    return InvalidArgument("DECISION_STAY_MISSING",
                           "An admission at entry needs the granted stay (a last day, or no "
                           "limit); fill it in.");
  }
  if (*request.granted_until < DateOf(request.crossing_time)) {
    return InvalidArgument("DECISION_STAY_BEFORE_CROSSING",
                           "The granted stay ends before the day of the crossing; correct the "
                           "last day of stay.");
  }
  return Status::Ok();
}

}  // namespace

std::string_view DecisionKindName(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kAdmitted:
      return "admitted";
    case DecisionKind::kRefused:
      return "refused";
    case DecisionKind::kReferred:
      return "referred";
  }
  return "unknown";
}

Status ValidateDecision(const DecisionRequest& request, Timestamp now) {
  LIMEN_RETURN_IF_ERROR(CheckInspection(request));
  LIMEN_RETURN_IF_ERROR(CheckTime(request, now));
  LIMEN_RETURN_IF_ERROR(CheckHits(request));
  switch (request.kind) {
    case DecisionKind::kAdmitted:
      return CheckAdmission(request);
    case DecisionKind::kRefused:
      return CheckRefusal(request);
    case DecisionKind::kReferred:
      if (request.free_text.empty()) {
        return InvalidArgument("DECISION_REFERRAL_WITHOUT_REASON",
                               "A referral needs a reason; say what secondary inspection should "
                               "check.");
      }
      return Status::Ok();
  }
  return Status::Ok();
}

std::vector<std::string> AgenciesToNotify(const std::vector<HitAdjudication>& hits) {
  std::vector<std::string> agencies;
  for (const HitAdjudication& hit : hits) {
    if (hit.adjudication == Adjudication::kConfirmed) agencies.push_back(hit.owning_agency);
  }
  std::sort(agencies.begin(), agencies.end());
  agencies.erase(std::unique(agencies.begin(), agencies.end()), agencies.end());
  return agencies;
}

int64_t InspectionDuration(Timestamp started_at, Timestamp decided_at) {
  return std::max<int64_t>(0, decided_at - started_at);
}

}  // namespace limen::core::inspection
