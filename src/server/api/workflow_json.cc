#include "server/api/workflow_json.h"

#include "base/strings.h"
#include "base/time.h"
#include "server/api/case_referral.h"
#include "server/api/json_fields.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;
using nlohmann::json;

Status FieldInvalid(std::string_view field, std::string_view expected) {
  return InvalidArgument("FIELD_INVALID", "The field '" + std::string(field) + "' must be " +
                                              std::string(expected) + ".");
}

// Reads an optional string into `target` (left unchanged when absent).
Status ReadOptional(const json& body, std::string_view field, std::string& target) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(body, field));
  if (value) target = std::move(*value);
  return Status::Ok();
}

Result<std::vector<insp::HitAdjudication>> AdjudicationsFromJson(const json& body) {
  std::vector<insp::HitAdjudication> out;
  auto found = body.find("adjudications");
  if (found == body.end() || found->is_null()) return out;
  if (!found->is_array()) {
    return InvalidArgument("FIELD_TYPE", "The field 'adjudications' must be an array.");
  }
  for (const json& item : *found) {
    if (!item.is_object()) {
      return InvalidArgument("FIELD_TYPE", "Each adjudication must be an object.");
    }
    insp::HitAdjudication adjudication;
    LIMEN_ASSIGN_OR_RETURN(adjudication.hit_id, RequiredString(item, "hit_id"));
    LIMEN_ASSIGN_OR_RETURN(std::string verdict, RequiredString(item, "adjudication"));
    if (verdict == "confirmed") {
      adjudication.adjudication = insp::Adjudication::kConfirmed;
    } else if (verdict == "not_same_person") {
      adjudication.adjudication = insp::Adjudication::kNotSamePerson;
    } else {
      return FieldInvalid("adjudication", "\"confirmed\" or \"not_same_person\"");
    }
    LIMEN_RETURN_IF_ERROR(ReadOptional(item, "note", adjudication.note));
    out.push_back(std::move(adjudication));
  }
  return out;
}

}  // namespace

std::string_view DirectionName(insp::Direction direction) {
  return direction == insp::Direction::kEntry ? "entry" : "exit";
}

Result<InspectionRequest> InspectionRequestFromJson(std::string_view text) {
  LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
  InspectionRequest request;
  LIMEN_ASSIGN_OR_RETURN(request.mrz, RequiredString(body, "mrz"));
  LIMEN_ASSIGN_OR_RETURN(request.post, RequiredString(body, "post"));
  LIMEN_ASSIGN_OR_RETURN(std::string direction, RequiredString(body, "direction"));
  if (direction == "entry") {
    request.direction = insp::Direction::kEntry;
  } else if (direction == "exit") {
    request.direction = insp::Direction::kExit;
  } else {
    return FieldInvalid("direction", "\"entry\" or \"exit\"");
  }
  LIMEN_RETURN_IF_ERROR(ReadOptional(body, "lane", request.lane));
  LIMEN_RETURN_IF_ERROR(ReadOptional(body, "transport_mode", request.transport_mode));
  LIMEN_RETURN_IF_ERROR(ReadOptional(body, "flight_or_vehicle", request.flight_or_vehicle));
  LIMEN_RETURN_IF_ERROR(ReadOptional(body, "purpose_of_travel", request.purpose_of_travel));
  return request;
}

Result<CrossingRequest> CrossingRequestFromJson(std::string_view text) {
  LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
  CrossingRequest request;
  LIMEN_ASSIGN_OR_RETURN(request.inspection_id, RequiredString(body, "inspection_id"));
  LIMEN_ASSIGN_OR_RETURN(std::string decision, RequiredString(body, "decision"));
  if (decision == "admitted") {
    request.kind = insp::DecisionKind::kAdmitted;
  } else if (decision == "refused") {
    request.kind = insp::DecisionKind::kRefused;
  } else if (decision == "referred") {
    request.kind = insp::DecisionKind::kReferred;
  } else {
    return FieldInvalid("decision", "\"admitted\", \"refused\" or \"referred\"");
  }
  LIMEN_ASSIGN_OR_RETURN(request.granted_stay_days, OptionalInt(body, "granted_stay_days"));
  if (request.granted_stay_days && *request.granted_stay_days < 1) {
    return FieldInvalid("granted_stay_days", "at least 1");
  }
  LIMEN_ASSIGN_OR_RETURN(std::optional<bool> no_limit, OptionalBool(body, "no_stay_limit"));
  request.no_stay_limit = no_limit.value_or(false);
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> codes, StringArray(body, "refusal_codes"));
  for (const std::string& code : codes) {
    if (code.size() != 1) return FieldInvalid("refusal_codes", "single letters A to J");
    request.refusal_codes.push_back(code[0]);
  }
  LIMEN_RETURN_IF_ERROR(ReadOptional(body, "note", request.note));
  LIMEN_ASSIGN_OR_RETURN(request.duration_ms, OptionalInt(body, "duration_ms"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> time, OptionalString(body, "crossing_time"));
  if (time) {
    request.crossing_time = ParseTimestamp(*time);
    if (!request.crossing_time) return FieldInvalid("crossing_time", "an RFC 3339 UTC time");
  }
  if (request.duration_ms && *request.duration_ms < 0) {
    return FieldInvalid("duration_ms", "zero or more");
  }
  LIMEN_ASSIGN_OR_RETURN(request.adjudications, AdjudicationsFromJson(body));
  if (auto referral = body.find("referral"); referral != body.end() && !referral->is_null()) {
    if (request.kind != insp::DecisionKind::kReferred) {
      return FieldInvalid("referral", "given with the decision \"referred\" only");
    }
    LIMEN_ASSIGN_OR_RETURN(request.referral, ReferralFromJson(*referral));
    request.referral->inspection_id = request.inspection_id;
  }
  return request;
}

json RegistryToJson(const insp::RegistrySummary& registry) {
  std::string_view match = "none";
  if (registry.match == insp::RegistryMatch::kExact) match = "exact";
  if (registry.match == insp::RegistryMatch::kMisreadVariant) match = "misread_variant";
  json out = {{"listed", registry.match != insp::RegistryMatch::kNone}, {"match", match}};
  if (registry.match != insp::RegistryMatch::kNone) {
    out["reason"] = registry.reason;
    out["source"] = registry.source;
  }
  return out;
}

json HitToJson(const insp::HitSummary& hit) {
  return {{"hit_id", hit.hit_id},
          {"list", hit.list},
          {"owning_agency", hit.owning_agency},
          {"score", hit.score},
          {"action", insp::HitActionName(hit.action)},
          {"adjudication", insp::AdjudicationName(hit.adjudication)}};
}

json StayToJson(const core::stay::StayEvaluation& evaluation) {
  json reasons = json::array();
  for (const core::stay::StayReason& reason : evaluation.reasons) {
    reasons.push_back({{"code", reason.code}, {"message", reason.message}});
  }
  json out = {{"verdict", core::stay::StayVerdictName(evaluation.verdict)},
              {"rules_version", evaluation.rules_version},
              {"regime", evaluation.regime},
              {"authorisation_required", evaluation.authorisation_required},
              {"reasons", std::move(reasons)}};
  out["granted_until"] =
      evaluation.granted_until ? json(FormatDate(*evaluation.granted_until)) : json(nullptr);
  out["granted_days"] = evaluation.granted_days ? json(*evaluation.granted_days) : json(nullptr);
  if (!evaluation.exemption.empty()) out["exemption"] = evaluation.exemption;
  // The traveller's allowance in the window or stay that the limit counts.
  const core::stay::StayReport& report = evaluation.stay;
  out["days_used"] = report.days_used;
  out["days_remaining"] = report.days_remaining ? json(*report.days_remaining) : json(nullptr);
  out["latest_lawful_exit"] =
      report.latest_lawful_exit ? json(FormatDate(*report.latest_lawful_exit)) : json(nullptr);
  out["overstay_days"] = report.overstay_days;
  json flags = json::array();
  for (const core::stay::StayFlag& flag : report.flags) {
    flags.push_back(
        {{"code", flag.code}, {"message", flag.message}, {"date", FormatDate(flag.date)}});
  }
  out["flags"] = std::move(flags);
  if (evaluation.authorisation) {
    const core::stay::Authorisation& a = *evaluation.authorisation;
    out["authorisation"] = {{"kind", core::stay::AuthorisationKindName(a.kind)},
                            {"number", a.number},
                            {"category", a.category},
                            {"valid_until", FormatDate(a.valid_until)},
                            {"entries_allowed", a.entries_allowed},
                            {"entries_used", a.entries_used}};
  }
  return out;
}

json RecommendationToJson(const insp::RecommendationResult& result) {
  json reasons = json::array();
  for (const insp::FiredRule& rule : result.fired) {
    json reason = {{"code", rule.code},
                   {"message", rule.message},
                   {"weight", rule.weight},
                   {"outcome", insp::RecommendationName(rule.outcome)}};
    if (rule.refusal_code) reason["refusal_code"] = std::string(1, *rule.refusal_code);
    reasons.push_back(std::move(reason));
  }
  json codes = json::array();
  for (char code : result.suggested_refusal_codes) codes.push_back(std::string(1, code));
  return {{"decision", insp::RecommendationName(result.recommendation)},
          {"score", result.score},
          {"reasons", std::move(reasons)},
          {"suggested_refusal_codes", std::move(codes)}};
}

json CrossingToJson(const store::CrossingRow& crossing) {
  json out = {{"crossing_id", crossing.id},
              {"inspection_id", crossing.inspection_id},
              {"traveller_id", crossing.traveller_id},
              {"post", crossing.post},
              {"direction", crossing.direction},
              {"decision", crossing.decision},
              {"time", FormatTimestamp(crossing.time)}};
  out["granted_until"] =
      crossing.granted_until.empty() ? json(nullptr) : json(crossing.granted_until);
  json codes = json::array();
  for (char code : crossing.refusal_codes) codes.push_back(std::string(1, code));
  out["refusal_codes"] = std::move(codes);
  return out;
}

namespace {

// Appends `text` as a JSON string literal, escaped as nlohmann::json::dump escapes it.
void AppendString(std::string& out, std::string_view text) {
  out += '"';
  AppendJsonEscaped(out, text);
  out += '"';
}

// Appends `,"key":` (no comma before the first key of an object); `key` needs no escaping.
void AppendKey(std::string& out, std::string_view key, bool first = false) {
  if (!first) out += ',';
  out += '"';
  out.append(key);
  out.append("\":");
}

// "key":"value" (a comma first unless `first`).
void AppendField(std::string& out, std::string_view key, std::string_view value,
                 bool first = false) {
  AppendKey(out, key, first);
  AppendString(out, value);
}

}  // namespace

std::string CrossingResponseText(const store::CrossingRow& crossing,
                                 const store::InspectionRow& inspection,
                                 const std::vector<std::string>& agencies_to_notify,
                                 const ReferralOutcome* referral) {
  std::string out;
  out.reserve(512);
  out += '{';
  // The keys in sorted order, as in the std::map of a nlohmann::json object.
  AppendKey(out, "agencies_to_notify", true);
  out += '[';
  for (size_t i = 0; i < agencies_to_notify.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, agencies_to_notify[i]);
  }
  out += ']';
  AppendField(out, "authorisation_id", inspection.authorisation_id);
  if (referral != nullptr) {
    AppendKey(out, "case");
    out += '{';
    AppendField(out, "agency", referral->agency, true);
    AppendField(out, "case_id", referral->case_id);
    AppendField(out, "case_status", insp::CaseStatusName(referral->case_status));
    AppendKey(out, "opened_case");
    out.append(referral->opened_case ? "true" : "false");
    out += '}';
  }
  AppendField(out, "crossing_id", crossing.id);
  AppendField(out, "decision", crossing.decision);
  AppendField(out, "direction", crossing.direction);
  AppendKey(out, "document");
  out += '{';
  AppendField(out, "issuing_state", inspection.document_state, true);
  AppendField(out, "number", inspection.document_number);
  out += '}';
  AppendKey(out, "granted_until");
  if (crossing.granted_until.empty()) {
    out.append("null");
  } else {
    AppendString(out, crossing.granted_until);
  }
  AppendField(out, "inspection_id", crossing.inspection_id);
  AppendField(out, "post", crossing.post);
  AppendKey(out, "refusal_codes");
  out += '[';
  for (size_t i = 0; i < crossing.refusal_codes.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, std::string_view(&crossing.refusal_codes[i], 1));
  }
  out += ']';
  AppendField(out, "stay_rules_version", inspection.stay_rules_version);
  AppendField(out, "time", FormatTimestamp(crossing.time));
  AppendField(out, "traveller_id", crossing.traveller_id);
  out += '}';
  return out;
}

namespace {

Result<std::string> RequiredDateText(const json& body, std::string_view field) {
  LIMEN_ASSIGN_OR_RETURN(std::string text, RequiredString(body, field));
  if (!ParseDate(text)) {
    return InvalidArgument("FIELD_INVALID", std::string(field) + " must be a date as YYYY-MM-DD.");
  }
  return text;
}

}  // namespace

Result<store::AuthorisationRow> AuthorisationRequestFromJson(std::string_view text) {
  LIMEN_ASSIGN_OR_RETURN(json body, ParseJsonObject(text));
  store::AuthorisationRow row;
  LIMEN_ASSIGN_OR_RETURN(row.kind, RequiredString(body, "kind"));
  if (!core::stay::ParseAuthorisationKind(row.kind)) {
    return InvalidArgument("FIELD_INVALID", "kind must be visa, residence_permit or work_permit.");
  }
  LIMEN_ASSIGN_OR_RETURN(row.number, RequiredString(body, "number"));
  LIMEN_ASSIGN_OR_RETURN(row.document_state, RequiredString(body, "issuing_state"));
  LIMEN_ASSIGN_OR_RETURN(row.document_number, RequiredString(body, "document_number"));
  LIMEN_ASSIGN_OR_RETURN(row.valid_from, RequiredDateText(body, "valid_from"));
  LIMEN_ASSIGN_OR_RETURN(row.valid_until, RequiredDateText(body, "valid_until"));
  if (*ParseDate(row.valid_until) < *ParseDate(row.valid_from)) {
    return InvalidArgument("FIELD_INVALID", "valid_until is before valid_from.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> category, OptionalString(body, "category"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> nationality,
                         OptionalString(body, "nationality"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<int64_t> entries, OptionalInt(body, "entries_allowed"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<int64_t> days, OptionalInt(body, "duration_of_stay_days"));
  row.category = category.value_or("");
  row.nationality = nationality.value_or("");
  row.entries_allowed = entries.value_or(0);
  row.duration_of_stay_days = days.value_or(0);
  if (row.entries_allowed < 0 || row.entries_allowed > 1000 || row.duration_of_stay_days < 0 ||
      row.duration_of_stay_days > 36600) {
    return InvalidArgument("FIELD_INVALID",
                           "entries_allowed and duration_of_stay_days must be small positive "
                           "numbers (0 = multiple entries, or no stay limit of its own).");
  }
  if (row.number.empty() || row.document_state.empty() || row.document_number.empty()) {
    return InvalidArgument("FIELD_INVALID",
                           "number, issuing_state and document_number must not be empty.");
  }
  return row;
}

Result<store::TravellerRow> TravellerFromJson(const json& body) {
  store::TravellerRow created;
  LIMEN_ASSIGN_OR_RETURN(created.surname, RequiredString(body, "surname"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> given, OptionalString(body, "given_names"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> birth, OptionalString(body, "date_of_birth"));
  LIMEN_ASSIGN_OR_RETURN(std::optional<std::string> sex, OptionalString(body, "sex"));
  LIMEN_ASSIGN_OR_RETURN(created.nationalities, StringArray(body, "nationalities"));
  created.given_names = given.value_or("");
  created.date_of_birth = birth.value_or("");
  created.sex = sex.value_or("X");
  if (!created.date_of_birth.empty() && !ParseDate(created.date_of_birth)) {
    return InvalidArgument("FIELD_INVALID", "date_of_birth must be a date as YYYY-MM-DD.");
  }
  if (created.sex != "F" && created.sex != "M" && created.sex != "X") {
    return InvalidArgument("FIELD_INVALID", "sex must be F, M or X.");
  }
  return created;
}

json AuthorisationToJson(const store::AuthorisationRow& row) {
  return {{"id", row.id},
          {"kind", row.kind},
          {"number", row.number},
          {"category", row.category},
          {"issuing_state", row.document_state},
          {"document_number", row.document_number},
          {"nationality", row.nationality},
          {"valid_from", row.valid_from},
          {"valid_until", row.valid_until},
          {"entries_allowed", row.entries_allowed},
          {"entries_used", row.entries_used},
          {"duration_of_stay_days", row.duration_of_stay_days},
          {"revoked", row.revoked}};
}

core::stay::Authorisation ToStayAuthorisation(const store::AuthorisationRow& row) {
  return core::stay::Authorisation{
      .kind = core::stay::ParseAuthorisationKind(row.kind).value_or(
          core::stay::AuthorisationKind::kVisa),
      .number = row.number,
      .category = row.category,
      .nationality = row.nationality,
      .valid_from = ParseDate(row.valid_from).value_or(CivilDate{}),
      .valid_until = ParseDate(row.valid_until).value_or(CivilDate{}),
      .entries_allowed = static_cast<int32_t>(row.entries_allowed),
      .entries_used = static_cast<int32_t>(row.entries_used),
      .duration_of_stay_days = static_cast<int32_t>(row.duration_of_stay_days),
      .revoked = row.revoked};
}

core::identity::Sex IdentitySex(std::string_view sex) {
  if (sex == "F") return core::identity::Sex::kFemale;
  if (sex == "M") return core::identity::Sex::kMale;
  return core::identity::Sex::kUnspecified;
}

namespace {

core::identity::Biographics BiographicsOf(const std::string& surname,
                                          const std::string& given_names,
                                          const std::string& date_of_birth, const std::string& sex,
                                          std::vector<std::string> nationalities) {
  return core::identity::Biographics{.surname_latin = surname,
                                     .given_names_latin = given_names,
                                     .date_of_birth = ParseDate(date_of_birth),
                                     .sex = IdentitySex(sex),
                                     .nationalities = std::move(nationalities)};
}

}  // namespace

core::identity::KnownTraveller ToKnownTraveller(const store::TravellerRow& traveller,
                                                const std::vector<store::DocumentRow>& documents) {
  core::identity::KnownTraveller known;
  known.traveller.id = traveller.id;
  known.traveller.biographics =
      BiographicsOf(traveller.surname, traveller.given_names, traveller.date_of_birth,
                    traveller.sex, traveller.nationalities);
  known.traveller.biographics.surname_original = traveller.surname_original;
  known.traveller.biographics.given_names_original = traveller.given_names_original;
  known.traveller.status = traveller.status == "merged" ? core::identity::TravellerStatus::kMerged
                                                        : core::identity::TravellerStatus::kActive;
  known.traveller.merged_into = traveller.merged_into;
  for (const store::DocumentRow& d : documents) {
    known.traveller.document_ids.push_back(d.id);
    known.documents.push_back(core::identity::DocumentRecord{
        .id = d.id,
        .issuing_state = d.issuing_state,
        .number = d.number,
        .document_type = d.document_type,
        .holder = BiographicsOf(d.surname, d.given_names, d.date_of_birth, d.sex, {}),
        .traveller_id = d.traveller_id});
  }
  return known;
}

nlohmann::json IdentityToJson(const std::string& traveller_id, bool first_seen,
                              const core::identity::LinkResult& link,
                              const std::vector<core::identity::ImpostorIndicator>& indicators) {
  using nlohmann::json;
  json matches = json::array();
  for (const core::identity::TravellerMatch& match : link.matches) {
    json reasons = json::array();
    for (const core::identity::LinkReason& reason : match.reasons) {
      reasons.push_back(
          {{"code", reason.code}, {"message", reason.message}, {"weight", reason.weight}});
    }
    matches.push_back({{"traveller_id", match.traveller_id},
                       {"kind", core::identity::LinkKindName(match.kind)},
                       {"score", match.score},
                       {"reasons", std::move(reasons)}});
  }
  json flags = json::array();
  for (const core::identity::ImpostorIndicator& indicator : indicators) {
    flags.push_back({{"code", indicator.code},
                     {"message", indicator.message},
                     {"traveller_id", indicator.traveller_id},
                     {"document_id", indicator.document_id}});
  }
  return {{"traveller_id", traveller_id},
          {"first_seen", first_seen},
          {"link", core::identity::LinkKindName(link.kind)},
          {"matches", std::move(matches)},
          {"impostor_indicators", std::move(flags)}};
}

}  // namespace limen::server
