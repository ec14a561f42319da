// The border-crossing workflow (issue 5): POST /api/v1/inspections runs every engine over one
// document (MRZ, lost/stolen registry, watchlists, crossing history, stay rules) and records the
// inspection with its recommendation; POST /api/v1/crossings records the officer's decision;
// GET /api/v1/overstays lists the travellers present beyond the stay granted at entry.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "core/document/mrz.h"
#include "core/identity/linking.h"
#include "core/inspection/decision.h"
#include "core/inspection/recommendation.h"
#include "core/inspection/summaries.h"
#include "core/policy/data_sharing.h"
#include "core/screening/screener.h"
#include "core/stay/entry_evaluation.h"
#include "core/stay/overstays.h"
#include "server/api/case_referral.h"
#include "server/api/inspection_json.h"
#include "server/api/json_fields.h"
#include "server/api/live_registry.h"
#include "server/api/route_support.h"
#include "server/api/routes.h"
#include "server/api/workflow_json.h"
#include "store/authorisation_store.h"
#include "store/identity_store.h"
#include "store/inspection_hits_store.h"
#include "store/watchlist_store.h"
#include "store/workflow_store.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;
namespace scr = core::screening;
using nlohmann::json;

constexpr char kInspectionSchema[] =
    R"({"type":"object","required":["mrz","post","direction"],"properties":{"mrz":{"type":"string"},"post":{"type":"string"},"lane":{"type":"string"},"direction":{"type":"string","enum":["entry","exit"]},"transport_mode":{"type":"string"},"flight_or_vehicle":{"type":"string"},"purpose_of_travel":{"type":"string"}}})";
constexpr char kCrossingSchema[] =
    R"({"type":"object","required":["inspection_id","decision"],"properties":{"inspection_id":{"type":"string"},"decision":{"type":"string","enum":["admitted","refused","referred"]},"granted_stay_days":{"type":"integer"},"no_stay_limit":{"type":"boolean"},"refusal_codes":{"type":"array","items":{"type":"string"}},"note":{"type":"string"},"duration_ms":{"type":"integer"},"crossing_time":{"type":"string","format":"date-time"},"adjudications":{"type":"array","items":{"type":"object","properties":{"hit_id":{"type":"string"},"adjudication":{"type":"string","enum":["confirmed","not_same_person"]},"note":{"type":"string"}}}},"referral":{"type":"object","description":"with decision referred: opens the case","properties":{"agency":{"type":"string"},"reason":{"type":"string"}}}}})";

insp::DocumentSummary SummariseDocument(const core::document::DocumentReport& report) {
  insp::DocumentSummary summary;
  for (const core::document::Field& field : report.fields) {
    if (field.verdict == core::document::Verdict::kInvalid)
      summary.problems.emplace_back(field.reason);
  }
  for (const core::document::DocumentCheck& check : report.checks) {
    if (check.severity != core::document::Severity::kInfo)
      summary.problems.emplace_back(check.code);
  }
  if (!report.mrz_valid) {
    summary.status = insp::DocumentStatus::kFailedChecks;
  } else if (report.FindCheck("DOCUMENT_EXPIRED") != nullptr) {
    summary.status = insp::DocumentStatus::kExpired;
  }
  return summary;
}

insp::HitAction InspectionAction(scr::HitAction action) {
  switch (action) {
    case scr::HitAction::kArrest:
      return insp::HitAction::kArrest;
    case scr::HitAction::kRefuseEntry:
      return insp::HitAction::kRefuseEntry;
    case scr::HitAction::kReferToAgency:
      return insp::HitAction::kSpecificCheck;
    case scr::HitAction::kInformOwningAgency:
      return insp::HitAction::kInform;
    case scr::HitAction::kDiscreetCheck:
      return insp::HitAction::kDiscreetCheck;
  }
  return insp::HitAction::kInform;
}

// The alerting hits of a screening of the document holder, and the version of each hit's entry.
// Entries an officer ruled "not the same person" for this traveller are suppressed (until they
// change) and do not alert.
struct HolderHits {
  std::vector<insp::HitSummary> hits;
  std::map<std::string, uint64_t> fingerprints;  // By hit (entry) id.
};

Result<HolderHits> ScreenHolder(Services& services, const core::document::DocumentReport& report,
                                const std::string& traveller_id,
                                std::vector<scr::Suppression> suppressions,
                                const ApiRequest& request) {
  HolderHits out;
  std::vector<insp::HitSummary>& hits = out.hits;
  std::string name = report.names.secondary.empty()
                         ? report.names.primary
                         : report.names.secondary + " " + report.names.primary;
  if (services.screener == nullptr || name.empty()) return out;
  scr::ScreeningQuery query;
  query.traveller_id = traveller_id;
  query.names.push_back(name);
  if (report.birth_date)
    query.date_of_birth = scr::ParsePartialDate(FormatDate(*report.birth_date));
  query.nationality = report.nationality;
  query.sex = scr::ParseSex(report.sex).value_or(scr::Sex::kUnknown);
  query.document_number = report.document_number;
  query.screening_day = DaysFromCivil(DateOf(services.clock->Now()));
  if (request.principal) query.caller_agency = request.principal->agency;
  scr::ScreeningOptions options;
  options.suppressions = std::move(suppressions);
  LIMEN_ASSIGN_OR_RETURN(scr::ScreeningResult result, services.screener->Screen(query, options));
  for (const scr::ScreeningHit& hit : result.hits) {
    if (!hit.alert || hit.suppressed) continue;
    out.fingerprints[hit.entry_id] = hit.entry_fingerprint;
    hits.push_back(insp::HitSummary{.hit_id = hit.entry_id,
                                    .list = hit.list_id,
                                    .owning_agency = hit.owning_agency,
                                    .score = hit.score,
                                    .action = InspectionAction(hit.action),
                                    .explanation = hit.matched_name});
  }
  return out;
}

std::optional<int32_t> AgeOn(const std::optional<CivilDate>& birth, const CivilDate& today) {
  if (!birth) return std::nullopt;
  int32_t age = today.year - birth->year;
  if (today.month < birth->month || (today.month == birth->month && today.day < birth->day)) {
    --age;
  }
  return age;
}

// How many travellers with the holder's name and date of birth are compared for linking.
constexpr size_t kMaxNameCandidates = 20;

// What the store knows about the document's holder.
struct KnownHolder {
  bool post_exists = false;
  std::string traveller_id;  // Empty when the document was never seen.
  std::vector<store::CrossingRow> crossings;
  // The document's traveller and the travellers with the same name and date of birth, with
  // their documents: what identity linking compares the presented document with.
  std::vector<core::identity::KnownTraveller> candidates;
  // The visas and permits recorded for the presented document.
  std::vector<store::AuthorisationRow> authorisations;
  // The watchlist entries ruled "not the same person" for the document's traveller.
  std::vector<scr::Suppression> suppressions;
};

core::identity::Biographics HolderOf(const core::document::DocumentReport& report) {
  return core::identity::Biographics{.surname_latin = report.names.primary,
                                     .given_names_latin = report.names.secondary,
                                     .date_of_birth = report.birth_date,
                                     .sex = IdentitySex(report.sex),
                                     .nationalities = {report.nationality}};
}

// Loads `traveller_id` and its documents into `known` as a linking candidate.
Status AddCandidate(store::ReadTxn& txn, const store::TravellerRow& traveller, KnownHolder& known) {
  for (const core::identity::KnownTraveller& seen : known.candidates) {
    if (seen.traveller.id == traveller.id) return Status::Ok();
  }
  LIMEN_ASSIGN_OR_RETURN(std::vector<store::DocumentRow> documents,
                         store::ListTravellerDocuments(txn, traveller.id));
  known.candidates.push_back(ToKnownTraveller(traveller, documents));
  return Status::Ok();
}

Result<KnownHolder> ReadKnownHolder(Services& services, const std::string& post,
                                    const core::document::DocumentReport& report) {
  KnownHolder known;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(std::optional<store::PostRecord> found, store::FindPost(txn, post));
    known.post_exists = found.has_value();
    LIMEN_ASSIGN_OR_RETURN(std::optional<store::DocumentRow> document,
                           store::FindDocument(txn, report.issuing_state, report.document_number));
    LIMEN_ASSIGN_OR_RETURN(
        known.authorisations,
        store::ListDocumentAuthorisations(txn, report.issuing_state, report.document_number));
    if (document) {
      known.traveller_id = document->traveller_id;
      LIMEN_ASSIGN_OR_RETURN(known.crossings, store::ListCrossings(txn, known.traveller_id));
      LIMEN_ASSIGN_OR_RETURN(known.suppressions, store::LoadSuppressions(txn, known.traveller_id));
      LIMEN_ASSIGN_OR_RETURN(std::optional<store::TravellerRow> owner,
                             store::FindTraveller(txn, known.traveller_id));
      if (owner) LIMEN_RETURN_IF_ERROR(AddCandidate(txn, *owner, known));
    }
    if (report.names.primary.empty() || !report.birth_date) return Status::Ok();
    LIMEN_ASSIGN_OR_RETURN(
        std::vector<store::TravellerRow> namesakes,
        store::FindTravellersByName(txn, report.names.primary, report.names.secondary,
                                    FormatDate(*report.birth_date)));
    for (size_t i = 0; i < namesakes.size() && i < kMaxNameCandidates; ++i) {
      LIMEN_RETURN_IF_ERROR(AddCandidate(txn, namesakes[i], known));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return known;
}

// The last day of the stay granted at the traveller's latest admitted entry, if one was set.
std::optional<CivilDate> GrantedAtLastEntry(const std::vector<store::CrossingRow>& rows) {
  for (auto row = rows.rbegin(); row != rows.rend(); ++row) {
    if (row->decision == "admitted" && row->direction == "entry")
      return ParseDate(row->granted_until);
  }
  return std::nullopt;
}

std::vector<core::stay::Crossing> StayHistory(const std::vector<store::CrossingRow>& rows) {
  std::vector<core::stay::Crossing> history;
  for (const store::CrossingRow& row : rows) {
    if (row.decision != "admitted") continue;
    history.push_back(core::stay::Crossing{
        row.direction == "exit" ? core::stay::Direction::kExit : core::stay::Direction::kEntry,
        DateOf(row.time), row.post});
  }
  return history;
}

// Everything POST /api/v1/inspections computes before writing.
struct InspectionOutcome {
  InspectionRequest request;
  core::document::DocumentReport report;
  KnownHolder known;
  core::identity::LinkResult link;
  std::vector<core::identity::ImpostorIndicator> impostor_indicators;
  std::vector<insp::HitSummary> hits;
  std::map<std::string, uint64_t> hit_fingerprints;
  insp::RecommendationResult recommendation;
  std::string stay_rules_version;
  std::string authorisation_id;  // The stored visa or permit the stay verdict relied on.
  insp::RegistrySummary registry;
  std::optional<core::stay::StayEvaluation> stay;  // None when the node has no stay rules,
  std::string stay_problem;                        // which says why.
  InspectionResponseText response;                 // All but the identity section.
  // Ids for the traveller and document of a holder not seen before, made before the write so
  // that the writer thread need not (empty when the holder was known at the read).
  std::string new_traveller_id;
  std::string new_document_id;
};

Result<InspectionOutcome> Inspect(Services& services, const ApiRequest& api_request) {
  InspectionOutcome out;
  LIMEN_ASSIGN_OR_RETURN(out.request, InspectionRequestFromJson(api_request.http.body));
  const InspectionRequest& request = out.request;
  core::document::CheckOptions options = DocumentCheckOptions(services);
  LIMEN_ASSIGN_OR_RETURN(out.report, core::document::ParseMrz(request.mrz, options));
  const core::document::DocumentReport& report = out.report;
  LIMEN_ASSIGN_OR_RETURN(out.known, ReadKnownHolder(services, request.post, report));
  if (!out.known.post_exists) {
    return InvalidArgument("POST_UNKNOWN",
                           "There is no post " + request.post + "; choose one from /api/v1/posts.");
  }
  if (!api_request.principal || !api_request.principal->CoversPost(request.post)) {
    return PermissionDenied("POST_SCOPE", "Your account does not cover post " + request.post +
                                              "; inspect at one of your own posts.");
  }

  insp::InspectionFacts facts;
  facts.direction = request.direction;
  facts.document = SummariseDocument(report);
  facts.registry = insp::SummariseRegistry(
      services.registry->LookupWithVariants(report.issuing_state, report.document_number));
  const core::identity::PresentedDocument presented{.issuing_state = report.issuing_state,
                                                    .number = report.document_number,
                                                    .document_type = report.document_code,
                                                    .biographics = HolderOf(report)};
  out.link =
      core::identity::LinkTraveller(presented, out.known.candidates, *services.linking_rules);
  const bool reported_lost =
      facts.registry.match != insp::RegistryMatch::kNone && facts.registry.reason == "lost";
  out.impostor_indicators = core::identity::FindImpostorIndicators(
      presented, out.known.candidates,
      reported_lost ? core::identity::LostReport::kReportedLost
                    : core::identity::LostReport::kNotReported);
  facts.identity = insp::SummariseIdentity(out.impostor_indicators);
  LIMEN_ASSIGN_OR_RETURN(HolderHits screened, ScreenHolder(services, report, out.known.traveller_id,
                                                           out.known.suppressions, api_request));
  out.hits = std::move(screened.hits);
  out.hit_fingerprints = std::move(screened.fingerprints);
  facts.hits = out.hits;
  facts.traveller.age_years = AgeOn(report.birth_date, options.today);

  if (services.stay_rules) {
    core::stay::EntryRequest entry{.nationality = report.nationality,
                                   .document_type = report.document_code,
                                   .purpose = request.purpose_of_travel,
                                   .date = options.today,
                                   .history = StayHistory(out.known.crossings),
                                   .authorisations = {}};
    for (const store::AuthorisationRow& row : out.known.authorisations) {
      entry.authorisations.push_back(ToStayAuthorisation(row));
    }
    if (request.direction == insp::Direction::kExit) {
      entry.granted_until = GrantedAtLastEntry(out.known.crossings);
    }
    out.stay = request.direction == insp::Direction::kEntry
                   ? core::stay::EvaluateEntry(*services.stay_rules, entry)
                   : core::stay::EvaluateExit(*services.stay_rules, entry);
    const core::stay::StayEvaluation& evaluation = *out.stay;
    facts.stay = insp::SummariseStay(evaluation, request.direction);
    out.stay_rules_version = evaluation.rules_version;
    for (const store::AuthorisationRow& row : out.known.authorisations) {
      if (evaluation.authorisation && evaluation.authorisation->number == row.number &&
          core::stay::AuthorisationKindName(evaluation.authorisation->kind) == row.kind) {
        out.authorisation_id = row.id;
      }
    }
  } else {
    out.stay_problem = services.stay_rules_problem;
  }
  out.recommendation = insp::Recommend(facts);
  if (!services.stay_rules) {
    // Without the rules nobody can say the stay is lawful: a referral at least.
    out.recommendation.fired.push_back(insp::FiredRule{
        .code = "STAY_RULES_ABSENT",
        .message = "The stay rules are not loaded on this node; check the stay by hand.",
        .weight = 0,
        .outcome = insp::Recommendation::kRefer});
    if (out.recommendation.recommendation == insp::Recommendation::kAdmit) {
      out.recommendation.recommendation = insp::Recommendation::kRefer;
    }
  }

  out.registry = std::move(facts.registry);
  return out;
}

// Records the inspection (creating the traveller and document on first sight) and its hits.
Result<ApiResponse> RecordInspectionWork(store::WriteTxn& txn, const ApiRequest& request,
                                         InspectionOutcome& out, const std::string& inspection_id,
                                         Timestamp now) {
  const std::string actor = ActorOf(request);
  const core::document::DocumentReport& report = out.report;
  LIMEN_ASSIGN_OR_RETURN(std::optional<store::DocumentRow> document,
                         store::FindDocument(txn, report.issuing_state, report.document_number));
  std::string traveller_id = document ? document->traveller_id : "";
  bool first_seen = !document;
  if (first_seen) {
    if (out.new_traveller_id.empty() || out.new_document_id.empty()) {
      // The read found the document but the writer does not (documents are never deleted
      // today, so this does not happen): make the ids here.
      LIMEN_ASSIGN_OR_RETURN(out.new_traveller_id, NewRecordId("trv-"));
      LIMEN_ASSIGN_OR_RETURN(out.new_document_id, NewRecordId("doc-"));
    }
    traveller_id = out.new_traveller_id;
    std::string birth = report.birth_date ? FormatDate(*report.birth_date) : "";
    store::TravellerRow traveller{.id = traveller_id,
                                  .surname = report.names.primary,
                                  .given_names = report.names.secondary,
                                  .date_of_birth = birth,
                                  .sex = report.sex == "<" ? "X" : report.sex,
                                  .nationalities = {report.nationality}};
    LIMEN_RETURN_IF_ERROR(store::CreateTraveller(txn, actor, traveller));
    LIMEN_RETURN_IF_ERROR(
        store::LinkDocument(txn, actor,
                            store::DocumentRow{.id = out.new_document_id,
                                               .traveller_id = traveller_id,
                                               .issuing_state = report.issuing_state,
                                               .number = report.document_number,
                                               .document_type = report.document_code,
                                               .surname = report.names.primary,
                                               .given_names = report.names.secondary,
                                               .date_of_birth = birth,
                                               .sex = traveller.sex}));
  }
  const InspectionRequest& body = out.request;
  LIMEN_RETURN_IF_ERROR(store::RecordInspection(
      txn, actor,
      store::InspectionRow{.id = inspection_id,
                           .post = body.post,
                           .lane = body.lane,
                           .direction = std::string(DirectionName(body.direction)),
                           .mode_of_transport = body.transport_mode,
                           .flight_or_vehicle = body.flight_or_vehicle,
                           .purpose = body.purpose_of_travel,
                           .document_state = report.issuing_state,
                           .document_number = report.document_number,
                           .traveller_id = traveller_id,
                           .recommendation = std::string(
                               insp::RecommendationName(out.recommendation.recommendation)),
                           .officer = request.principal ? request.principal->username : "",
                           .started_at = now,
                           .stay_rules_version = out.stay_rules_version,
                           .authorisation_id = out.authorisation_id}));
  for (const insp::HitSummary& hit : out.hits) {
    LIMEN_RETURN_IF_ERROR(store::RecordInspectionHit(
        txn, actor,
        store::InspectionHitRow{.inspection_id = inspection_id,
                                .hit_id = hit.hit_id,
                                .list_id = hit.list,
                                .owning_agency = hit.owning_agency,
                                .action = std::string(insp::HitActionName(hit.action)),
                                .score_millis = static_cast<int64_t>(hit.score * 1000),
                                .entry_fingerprint = out.hit_fingerprints[hit.hit_id]}));
  }
  const InspectionView identity{.traveller_id = traveller_id,
                                .first_seen = first_seen,
                                .link = &out.link,
                                .impostor_indicators = out.impostor_indicators};
  ApiResponse response = ApiResponse::Json(201, FinishInspectionResponse(out.response, identity));
  response.record_id = inspection_id;
  return response;
}

void HandleInspection(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<InspectionOutcome> outcome = Inspect(services, *request);
  if (!outcome.ok()) return reply(ApiResponse::Error(outcome.status()));
  Result<std::string> inspection_id = NewRecordId("insp-");
  if (!inspection_id.ok()) return reply(ApiResponse::Error(inspection_id.status()));
  if (outcome->known.traveller_id.empty()) {
    // The holder is probably new: the record ids are made here rather than on the writer.
    Result<std::string> traveller_id = NewRecordId("trv-");
    if (!traveller_id.ok()) return reply(ApiResponse::Error(traveller_id.status()));
    Result<std::string> document_id = NewRecordId("doc-");
    if (!document_id.ok()) return reply(ApiResponse::Error(document_id.status()));
    outcome->new_traveller_id = std::move(*traveller_id);
    outcome->new_document_id = std::move(*document_id);
  }
  auto shared = std::make_shared<InspectionOutcome>(std::move(*outcome));
  // Everything of the response but the identity section is written here, not on the writer.
  InspectionOutcome& out = *shared;
  const InspectionView view{.inspection_id = *inspection_id,
                            .report = &out.report,
                            .registry = &out.registry,
                            .hits = out.hits,
                            .stay = out.stay ? &*out.stay : nullptr,
                            .stay_problem = out.stay_problem,
                            .crossings = out.known.crossings,
                            .recommendation = &out.recommendation};
  out.response = PrepareInspectionResponse(
      view, InspectionAccessFor(services.policy.get(), request->principal));
  Timestamp now = services.clock->Now();
  WriteAndReply(
      services, request,
      [request, shared, id = *inspection_id, now](store::WriteTxn& txn) {
        return RecordInspectionWork(txn, *request, *shared, id, now);
      },
      std::move(reply));
}

// Every hit the officer ruled "not the same person" is remembered for the traveller
// (watchlist.adjudicated), so that later screenings of the traveller do not alert on that
// version of the entry. An entry no longer stored or changed since the inspection is not
// remembered: the next screening shows it again for a fresh decision.
// `hits` are the inspection's recorded hits.
Status RememberDismissedHits(store::WriteTxn& txn, const ApiRequest& request,
                             const CrossingRequest& body, const store::InspectionRow& inspection,
                             const std::vector<store::InspectionHitRow>& hits) {
  if (inspection.traveller_id.empty()) return Status::Ok();
  for (const insp::HitAdjudication& given : body.adjudications) {
    if (given.adjudication != insp::Adjudication::kNotSamePerson) continue;
    for (const store::InspectionHitRow& hit : hits) {
      if (hit.hit_id != given.hit_id) continue;
      Status remembered =
          store::RecordAdjudication(txn, ActorOf(request),
                                    store::Adjudication{.traveller_id = inspection.traveller_id,
                                                        .entry_id = hit.hit_id,
                                                        .entry_fingerprint = hit.entry_fingerprint,
                                                        .reason = given.note});
      if (!remembered.ok() && remembered.reason() != "WATCHLIST_ENTRY_UNKNOWN" &&
          remembered.reason() != "WATCHLIST_ENTRY_CHANGED") {
        return remembered;
      }
    }
  }
  return Status::Ok();
}

// Validates the decision against the recorded inspection and its hits, then records it.
Result<ApiResponse> RecordCrossingWork(store::WriteTxn& txn, const ApiRequest& request,
                                       const CrossingRequest& body, const std::string& crossing_id,
                                       Timestamp now) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<store::InspectionRow> inspection,
                         store::FindInspection(txn, body.inspection_id));
  insp::DecisionRequest decision;
  std::vector<store::InspectionHitRow> hits;  // The crossing changes none of them.
  decision.inspection = !inspection           ? insp::InspectionState::kNotFound
                        : inspection->decided ? insp::InspectionState::kDecided
                                              : insp::InspectionState::kOpen;
  if (inspection) {
    decision.direction =
        inspection->direction == "exit" ? insp::Direction::kExit : insp::Direction::kEntry;
    decision.inspection_started_at = inspection->started_at;
    LIMEN_ASSIGN_OR_RETURN(hits, store::ListInspectionHits(txn, body.inspection_id));
    for (const store::InspectionHitRow& hit : hits) {
      insp::HitAdjudication adjudication{.hit_id = hit.hit_id, .owning_agency = hit.owning_agency};
      for (const insp::HitAdjudication& given : body.adjudications) {
        if (given.hit_id != hit.hit_id) continue;
        adjudication.adjudication = given.adjudication;
        adjudication.note = given.note;
      }
      decision.hits.push_back(std::move(adjudication));
    }
  }
  decision.kind = body.kind;
  decision.refusal_codes = body.refusal_codes;
  decision.free_text = body.note;
  const Timestamp time = body.crossing_time.value_or(now);
  decision.crossing_time = time;
  if (body.no_stay_limit) {
    decision.stay_grant = insp::StayGrant::kNoLimit;
  } else if (body.granted_stay_days) {
    decision.stay_grant = insp::StayGrant::kUntil;
    decision.granted_until =
        CivilFromDays(DaysFromCivil(DateOf(time)) + *body.granted_stay_days - 1);
  }
  LIMEN_RETURN_IF_ERROR(insp::ValidateDecision(decision, now));

  std::string codes(body.refusal_codes.begin(), body.refusal_codes.end());
  std::sort(codes.begin(), codes.end());
  store::CrossingRow crossing{
      .id = crossing_id,
      .inspection_id = body.inspection_id,
      .traveller_id = inspection->traveller_id,
      .post = inspection->post,
      .direction = inspection->direction,
      .decision = std::string(insp::DecisionKindName(body.kind)),
      .time = time,
      .granted_until =
          decision.stay_grant == insp::StayGrant::kUntil ? FormatDate(*decision.granted_until) : "",
      .refusal_codes = codes,
      .free_text = body.note,
      .duration_micros = body.duration_ms ? *body.duration_ms * 1000
                                          : insp::InspectionDuration(inspection->started_at, time),
      .officer = request.principal ? request.principal->username : ""};
  LIMEN_RETURN_IF_ERROR(store::RecordCrossing(txn, ActorOf(request), crossing));
  LIMEN_RETURN_IF_ERROR(RememberDismissedHits(txn, request, body, *inspection, hits));
  std::optional<ReferralOutcome> referred;
  if (body.referral) {
    LIMEN_ASSIGN_OR_RETURN(referred, Refer(txn, request, *body.referral));
  }
  // What the decision relied on (the stay rules version and the visa or permit, if any) is
  // part of the response, written as text rather than built as a JSON value first.
  ApiResponse response = ApiResponse::Json(
      201, CrossingResponseText(crossing, *inspection, insp::AgenciesToNotify(decision.hits),
                                referred ? &*referred : nullptr));
  response.record_id = crossing_id;
  return response;
}

void HandleCrossing(Services& services, std::shared_ptr<const ApiRequest> request, Reply reply) {
  Result<CrossingRequest> body = CrossingRequestFromJson(request->http.body);
  if (!body.ok()) return reply(ApiResponse::Error(body.status()));
  Result<std::string> crossing_id = NewRecordId("crs-");
  if (!crossing_id.ok()) return reply(ApiResponse::Error(crossing_id.status()));
  Timestamp now = services.clock->Now();
  WriteAndReply(
      services, request,
      [request, body = std::move(*body), id = *crossing_id, now](store::WriteTxn& txn) {
        return RecordCrossingWork(txn, *request, body, id, now);
      },
      std::move(reply));
}

// The travellers present beyond the stay granted at their last admitted entry, as of today. The
// list is crossing history: readers without that category (analysts) get the count only.
ApiResponse ListOverstayers(Services& services, const ApiRequest& request) {
  const CivilDate today = DateOf(services.clock->Now());
  std::vector<core::stay::PresentTraveller> present;
  Status status = services.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(std::vector<store::CrossingRow> entries, store::ListPresentEntries(txn));
    for (const store::CrossingRow& entry : entries) {
      std::optional<CivilDate> until = ParseDate(entry.granted_until);
      if (!until) continue;  // Admitted with no limit.
      LIMEN_ASSIGN_OR_RETURN(std::vector<store::CrossingRow> crossings,
                             store::ListCrossings(txn, entry.traveller_id));
      present.push_back(
          core::stay::PresentTraveller{.traveller_id = entry.traveller_id,
                                       .crossings = StayHistory(crossings),
                                       .limit = core::stay::GrantedStayLimit(*until)});
    }
    return Status::Ok();
  });
  if (!status.ok()) return ApiResponse::Error(status);
  json overstayers = json::array();
  for (const core::stay::Overstayer& o : core::stay::ListOverstays(present, today)) {
    json flags = json::array();
    for (const core::stay::StayFlag& flag : o.flags) {
      flags.push_back(
          {{"code", flag.code}, {"message", flag.message}, {"date", FormatDate(flag.date)}});
    }
    overstayers.push_back({{"traveller_id", o.traveller_id},
                           {"entered_on", FormatDate(o.entered_on)},
                           {"latest_lawful_exit", FormatDate(o.latest_lawful_exit)},
                           {"overstay_days", o.overstay_days},
                           {"flags", std::move(flags)}});
  }
  json body = {{"as_of", FormatDate(today)}, {"count", overstayers.size()}};
  const bool allowed =
      services.policy != nullptr && request.principal &&
      services.policy
          ->Decide(*request.principal,
                   core::DataCategory{.kind = core::CategoryKind::kCrossingHistory})
          .allowed;
  if (allowed) {
    body["overstayers"] = std::move(overstayers);
    body["withheld"] = json::array();
  } else {
    body["withheld"] =
        json::array({{{"category", core::CategoryKindName(core::CategoryKind::kCrossingHistory)},
                      {"reason", "POLICY_DENIED"}}});
  }
  return ApiResponse::Json(200, body.dump());
}

}  // namespace

void RegisterWorkflowRoutes(Router& router, Services& services) {
  RouteSpec inspect{.method = "POST",
                    .pattern = "/api/v1/inspections",
                    .summary =
                        "Inspect a traveller's document: MRZ checks, lost/stolen registry, "
                        "watchlists, stay and history; records the inspection with a "
                        "recommendation and its reasons"};
  inspect.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  inspect.audit = AuditKind::kWrite;
  inspect.record_type = "inspection";
  inspect.tag = "workflow";
  inspect.request_schema = kInspectionSchema;
  inspect.success_status = 201;
  router.Add(inspect, [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
    HandleInspection(services, std::move(request), std::move(reply));
  });

  RouteSpec decide{.method = "POST",
                   .pattern = "/api/v1/crossings",
                   .summary =
                       "Record the officer's decision on an inspection (admitted, refused "
                       "with Annex V codes, or referred) as a crossing"};
  decide.roles = {core::Role::kOfficer, core::Role::kSupervisor};
  decide.audit = AuditKind::kWrite;
  decide.record_type = "crossing";
  decide.tag = "workflow";
  decide.request_schema = kCrossingSchema;
  decide.success_status = 201;
  router.Add(decide, [&services](std::shared_ptr<const ApiRequest> request, Reply reply) {
    HandleCrossing(services, std::move(request), std::move(reply));
  });

  RouteSpec overstays{.method = "GET",
                      .pattern = "/api/v1/overstays",
                      .summary =
                          "Travellers still present after the last day of the stay "
                          "granted at their entry, longest overstay first"};
  overstays.roles = {core::Role::kOfficer, core::Role::kSupervisor, core::Role::kAnalyst};
  overstays.audit = AuditKind::kRead;
  overstays.purpose_required = true;
  overstays.record_type = "overstay";
  overstays.tag = "workflow";
  router.AddSync(overstays, [&services](const ApiRequest& request) {
    return ListOverstayers(services, request);
  });
}

}  // namespace limen::server
