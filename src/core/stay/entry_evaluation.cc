#include "core/stay/entry_evaluation.h"

#include "core/stay/overstays.h"

#include <algorithm>

namespace limen::core::stay {
namespace {

enum class Moment : uint8_t { kEntry, kExit };

bool IsPermit(const Authorisation& authorisation) {
  return authorisation.kind != AuthorisationKind::kVisa;
}

// At exit the entry already used up one of the visa's entries, so only validity counts.
std::optional<std::string_view> Problem(const Authorisation& authorisation, const CivilDate& date,
                                        Moment moment) {
  Authorisation copy = authorisation;
  if (moment == Moment::kExit) copy.entries_allowed = 0;
  return AuthorisationProblem(copy, date);
}

const Authorisation* FindValid(const EntryRequest& request, const CivilDate& date, Moment moment,
                               bool (*wanted)(const Authorisation&)) {
  for (const Authorisation& authorisation : request.authorisations) {
    if (wanted(authorisation) && !Problem(authorisation, date, moment)) return &authorisation;
  }
  return nullptr;
}

StayLimit LimitForRegime(const Regime& regime) {
  StayLimit limit;
  if (regime.kind == RegimeKind::kRollingWindow) {
    limit = {LimitKind::kRollingWindow, regime.max_days, regime.window_days, {}, {}};
  } else if (regime.kind == RegimeKind::kPerEntry) {
    limit = {LimitKind::kPerEntry, regime.max_days, 0, {}, {}};
  }
  return limit;
}

StayLimit LimitForVisa(const Authorisation& visa) {
  const int64_t validity = DaysFromCivil(visa.valid_until) - DaysFromCivil(visa.valid_from) + 1;
  if (visa.duration_of_stay_days <= 0) {
    return {LimitKind::kNone, 0, 0, visa.valid_from, visa.valid_until};
  }
  return {LimitKind::kRollingWindow,
          std::min<int32_t>(visa.duration_of_stay_days, static_cast<int32_t>(validity)),
          static_cast<int32_t>(validity), visa.valid_from, visa.valid_until};
}

void AddVisaProblems(const EntryRequest& request, const CivilDate& date, Moment moment,
                     StayEvaluation& evaluation) {
  bool any_visa = false;
  for (const Authorisation& authorisation : request.authorisations) {
    any_visa = true;
    if (const auto problem = Problem(authorisation, date, moment)) {
      evaluation.reasons.push_back(
          {std::string(*problem), std::string(AuthorisationKindName(authorisation.kind)) + " " +
                                      authorisation.number +
                                      " does not allow entry on this date; ask for a valid visa."});
    }
  }
  if (!any_visa) {
    evaluation.reasons.push_back(
        {"STAY_VISA_REQUIRED", "Nationals of " + request.nationality +
                                   " need a visa or a permit; ask the traveller for one."});
  }
}

// Chooses the basis of the stay (regime, exemption, visa or permit) and its limit. Returns false
// when a required authorisation is missing.
bool ResolveBasis(const StayRules& rules, const EntryRequest& request, const CivilDate& date,
                  Moment moment, StayEvaluation& evaluation) {
  evaluation.rules_version = rules.version;
  const Regime* regime = rules.RegimeForNationality(request.nationality);
  if (const Exemption* exemption =
          rules.FindExemption(request.document_type, request.nationality, request.purpose)) {
    evaluation.exemption = exemption->code;
    regime = rules.FindRegime(exemption->regime);
    evaluation.reasons.push_back({exemption->code, exemption->description});
  }
  evaluation.regime = regime->id;
  evaluation.authorisation_required = regime->kind == RegimeKind::kVisaRequired;
  if (regime->kind == RegimeKind::kNoLimit) return true;
  if (const Authorisation* permit = FindValid(request, date, moment, IsPermit)) {
    evaluation.authorisation = *permit;
    evaluation.limit = {LimitKind::kNone, 0, 0, {}, permit->valid_until};
    return true;
  }
  if (regime->kind != RegimeKind::kVisaRequired) {
    evaluation.limit = LimitForRegime(*regime);
    return true;
  }
  const Authorisation* visa = FindValid(request, date, moment, [](const Authorisation& a) {
    return a.kind == AuthorisationKind::kVisa;
  });
  if (visa == nullptr) {
    AddVisaProblems(request, date, moment, evaluation);
    return false;
  }
  evaluation.authorisation = *visa;
  evaluation.limit = LimitForVisa(*visa);
  return true;
}

std::optional<CivilDate> CurrentEntryDate(const EntryRequest& request) {
  const StayReport report = ComputeStay(request.history, request.date, StayLimit{});
  return report.present ? report.stay_start : std::nullopt;
}

void Grant(const CivilDate& date, StayEvaluation& evaluation) {
  evaluation.granted_until = evaluation.stay.latest_lawful_exit;
  if (!evaluation.granted_until) {
    evaluation.verdict = StayVerdict::kAuthorised;
    evaluation.reasons.push_back({"STAY_NO_LIMIT", "No limit applies to the length of stay."});
    return;
  }
  const int64_t days = DaysFromCivil(*evaluation.granted_until) - DaysFromCivil(date) + 1;
  if (days <= 0) {
    evaluation.granted_until.reset();
    evaluation.reasons.push_back({"STAY_NO_DAYS_LEFT", "The traveller has no day of stay left on " +
                                                           FormatDate(date) + " under regime " +
                                                           evaluation.regime + "; refuse entry."});
    return;
  }
  evaluation.verdict = StayVerdict::kAuthorised;
  evaluation.granted_days = static_cast<int32_t>(days);
  evaluation.reasons.push_back({"STAY_GRANTED", "A stay of " + std::to_string(days) +
                                                    " day(s) can be granted, until " +
                                                    FormatDate(*evaluation.granted_until) + "."});
}

}  // namespace

std::string_view StayVerdictName(StayVerdict verdict) {
  return verdict == StayVerdict::kAuthorised ? "authorised" : "not_authorised";
}

bool StayEvaluation::HasReason(std::string_view code) const {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const StayReason& reason) { return reason.code == code; });
}

StayEvaluation EvaluateEntry(const StayRules& rules, const EntryRequest& request) {
  StayEvaluation evaluation;
  if (!ResolveBasis(rules, request, request.date, Moment::kEntry, evaluation)) return evaluation;
  evaluation.stay = ProjectEntry(request.history, request.date, evaluation.limit);
  Grant(request.date, evaluation);
  return evaluation;
}

StayEvaluation EvaluateExit(const StayRules& rules, const EntryRequest& request) {
  StayEvaluation evaluation;
  const CivilDate basis_date = CurrentEntryDate(request).value_or(request.date);
  if (!ResolveBasis(rules, request, basis_date, Moment::kExit, evaluation)) return evaluation;
  evaluation.stay = AssessExit(request.history, request.date, evaluation.limit);
  if (request.granted_until) {
    StayReport granted =
        AssessExit(request.history, request.date, GrantedStayLimit(*request.granted_until));
    const bool stricter = granted.latest_lawful_exit &&
                          (!evaluation.stay.latest_lawful_exit ||
                           *granted.latest_lawful_exit < *evaluation.stay.latest_lawful_exit);
    if (stricter) evaluation.stay = std::move(granted);
  }
  evaluation.granted_until = evaluation.stay.latest_lawful_exit;
  if (evaluation.stay.overstay_days > 0) {
    evaluation.reasons.push_back({kFlagOverstay, evaluation.stay.flags.back().message});
    return evaluation;
  }
  evaluation.verdict = StayVerdict::kAuthorised;
  return evaluation;
}

}  // namespace limen::core::stay
