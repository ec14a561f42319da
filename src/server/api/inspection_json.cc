#include "server/api/inspection_json.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/time.h"
#include "server/api/document_json.h"

namespace limen::server {
namespace {

namespace insp = core::inspection;

// Appends JSON pieces to a string. Strings are escaped as nlohmann::json::dump escapes them
// (quote, backslash and control characters; UTF-8 is copied as it is), and numbers that are
// doubles are printed by nlohmann's own formatter, so that the text is the one dump() printed.
class InspectionJsonWriter {
 public:
  explicit InspectionJsonWriter(std::string& out) : out_(out) {}

  void Raw(std::string_view text) { out_.append(text); }
  void Key(std::string_view key) {  // `key` needs no escaping: it is one of ours.
    out_ += '"';
    out_.append(key);
    out_.append("\":");
  }
  void String(std::string_view text) {
    out_ += '"';
    AppendJsonEscaped(out_, text);
    out_ += '"';
  }
  void Bool(bool value) { out_.append(value ? "true" : "false"); }
  void Integer(int64_t value) { out_.append(std::to_string(value)); }
  void Double(double value) { out_.append(nlohmann::json(value).dump()); }
  void Date(const std::optional<CivilDate>& date) {
    if (date) {
      String(FormatDate(*date));
    } else {
      out_.append("null");
    }
  }
  template <typename Items, typename WriteItem>
  void Array(const Items& items, WriteItem write_item) {
    out_ += '[';
    bool first = true;
    for (const auto& item : items) {
      if (!first) out_ += ',';
      first = false;
      write_item(item);
    }
    out_ += ']';
  }

 private:
  std::string& out_;
};

void WriteRegistry(InspectionJsonWriter& w, const insp::RegistrySummary& registry) {
  std::string_view match = "none";
  if (registry.match == insp::RegistryMatch::kExact) match = "exact";
  if (registry.match == insp::RegistryMatch::kMisreadVariant) match = "misread_variant";
  w.Raw("{\"listed\":");
  w.Bool(registry.match != insp::RegistryMatch::kNone);
  w.Raw(",\"match\":");
  w.String(match);
  if (registry.match != insp::RegistryMatch::kNone) {
    w.Raw(",\"reason\":");
    w.String(registry.reason);
    w.Raw(",\"source\":");
    w.String(registry.source);
  }
  w.Raw("}");
}

void WriteHit(InspectionJsonWriter& w, const insp::HitSummary& hit, bool with_score) {
  w.Raw("{\"action\":");
  w.String(insp::HitActionName(hit.action));
  w.Raw(",\"adjudication\":");
  w.String(insp::AdjudicationName(hit.adjudication));
  w.Raw(",\"hit_id\":");
  w.String(hit.hit_id);
  w.Raw(",\"list\":");
  w.String(hit.list);
  w.Raw(",\"owning_agency\":");
  w.String(hit.owning_agency);
  if (with_score) {
    w.Raw(",\"score\":");
    w.Double(hit.score);
  }
  w.Raw("}");
}

void WriteIdentity(InspectionJsonWriter& w, const InspectionView& view) {
  w.Raw("{\"first_seen\":");
  w.Bool(view.first_seen);
  w.Raw(",\"impostor_indicators\":");
  w.Array(view.impostor_indicators, [&w](const core::identity::ImpostorIndicator& indicator) {
    w.Raw("{\"code\":");
    w.String(indicator.code);
    w.Raw(",\"document_id\":");
    w.String(indicator.document_id);
    w.Raw(",\"message\":");
    w.String(indicator.message);
    w.Raw(",\"traveller_id\":");
    w.String(indicator.traveller_id);
    w.Raw("}");
  });
  w.Raw(",\"link\":");
  w.String(core::identity::LinkKindName(view.link->kind));
  w.Raw(",\"matches\":");
  w.Array(view.link->matches, [&w](const core::identity::TravellerMatch& match) {
    w.Raw("{\"kind\":");
    w.String(core::identity::LinkKindName(match.kind));
    w.Raw(",\"reasons\":");
    w.Array(match.reasons, [&w](const core::identity::LinkReason& reason) {
      w.Raw("{\"code\":");
      w.String(reason.code);
      w.Raw(",\"message\":");
      w.String(reason.message);
      w.Raw(",\"weight\":");
      w.Double(reason.weight);
      w.Raw("}");
    });
    w.Raw(",\"score\":");
    w.Double(match.score);
    w.Raw(",\"traveller_id\":");
    w.String(match.traveller_id);
    w.Raw("}");
  });
  w.Raw(",\"traveller_id\":");
  w.String(view.traveller_id);
  w.Raw("}");
}

void WriteCrossing(InspectionJsonWriter& w, const store::CrossingRow& crossing) {
  w.Raw("{\"crossing_id\":");
  w.String(crossing.id);
  w.Raw(",\"decision\":");
  w.String(crossing.decision);
  w.Raw(",\"direction\":");
  w.String(crossing.direction);
  w.Raw(",\"granted_until\":");
  if (crossing.granted_until.empty()) {
    w.Raw("null");
  } else {
    w.String(crossing.granted_until);
  }
  w.Raw(",\"inspection_id\":");
  w.String(crossing.inspection_id);
  w.Raw(",\"post\":");
  w.String(crossing.post);
  w.Raw(",\"refusal_codes\":");
  w.Array(crossing.refusal_codes, [&w](char code) { w.String(std::string_view(&code, 1)); });
  w.Raw(",\"time\":");
  w.String(FormatTimestamp(crossing.time));
  w.Raw(",\"traveller_id\":");
  w.String(crossing.traveller_id);
  w.Raw("}");
}

void WriteRecommendation(InspectionJsonWriter& w, const insp::RecommendationResult& result) {
  w.Raw("{\"decision\":");
  w.String(insp::RecommendationName(result.recommendation));
  w.Raw(",\"reasons\":");
  w.Array(result.fired, [&w](const insp::FiredRule& rule) {
    w.Raw("{\"code\":");
    w.String(rule.code);
    w.Raw(",\"message\":");
    w.String(rule.message);
    w.Raw(",\"outcome\":");
    w.String(insp::RecommendationName(rule.outcome));
    if (rule.refusal_code) {
      w.Raw(",\"refusal_code\":");
      w.String(std::string_view(&*rule.refusal_code, 1));
    }
    w.Raw(",\"weight\":");
    w.Double(rule.weight);
    w.Raw("}");
  });
  w.Raw(",\"score\":");
  w.Double(result.score);
  w.Raw(",\"suggested_refusal_codes\":");
  w.Array(result.suggested_refusal_codes,
          [&w](char code) { w.String(std::string_view(&code, 1)); });
  w.Raw("}");
}

void WriteStayAuthorisation(InspectionJsonWriter& w, const core::stay::Authorisation& a) {
  w.Raw("{\"category\":");
  w.String(a.category);
  w.Raw(",\"entries_allowed\":");
  w.Integer(a.entries_allowed);
  w.Raw(",\"entries_used\":");
  w.Integer(a.entries_used);
  w.Raw(",\"kind\":");
  w.String(core::stay::AuthorisationKindName(a.kind));
  w.Raw(",\"number\":");
  w.String(a.number);
  w.Raw(",\"valid_until\":");
  w.String(FormatDate(a.valid_until));
  w.Raw("}");
}

void WriteStay(InspectionJsonWriter& w, const core::stay::StayEvaluation& evaluation) {
  const core::stay::StayReport& report = evaluation.stay;
  w.Raw("{");
  if (evaluation.authorisation) {
    w.Raw("\"authorisation\":");
    WriteStayAuthorisation(w, *evaluation.authorisation);
    w.Raw(",");
  }
  w.Raw("\"authorisation_required\":");
  w.Bool(evaluation.authorisation_required);
  w.Raw(",\"days_remaining\":");
  if (report.days_remaining) {
    w.Integer(*report.days_remaining);
  } else {
    w.Raw("null");
  }
  w.Raw(",\"days_used\":");
  w.Integer(report.days_used);
  if (!evaluation.exemption.empty()) {
    w.Raw(",\"exemption\":");
    w.String(evaluation.exemption);
  }
  w.Raw(",\"flags\":");
  w.Array(report.flags, [&w](const core::stay::StayFlag& flag) {
    w.Raw("{\"code\":");
    w.String(flag.code);
    w.Raw(",\"date\":");
    w.String(FormatDate(flag.date));
    w.Raw(",\"message\":");
    w.String(flag.message);
    w.Raw("}");
  });
  w.Raw(",\"granted_days\":");
  if (evaluation.granted_days) {
    w.Integer(*evaluation.granted_days);
  } else {
    w.Raw("null");
  }
  w.Raw(",\"granted_until\":");
  w.Date(evaluation.granted_until);
  w.Raw(",\"latest_lawful_exit\":");
  w.Date(report.latest_lawful_exit);
  w.Raw(",\"overstay_days\":");
  w.Integer(report.overstay_days);
  w.Raw(",\"reasons\":");
  w.Array(evaluation.reasons, [&w](const core::stay::StayReason& reason) {
    w.Raw("{\"code\":");
    w.String(reason.code);
    w.Raw(",\"message\":");
    w.String(reason.message);
    w.Raw("}");
  });
  w.Raw(",\"regime\":");
  w.String(evaluation.regime);
  w.Raw(",\"rules_version\":");
  w.String(evaluation.rules_version);
  w.Raw(",\"verdict\":");
  w.String(core::stay::StayVerdictName(evaluation.verdict));
  w.Raw("}");
}

void WriteLastCrossings(InspectionJsonWriter& w, std::span<const store::CrossingRow> crossings) {
  w.Raw("[");
  for (size_t i = 0; i < crossings.size() && i < kLastCrossingsShown; ++i) {
    if (i > 0) w.Raw(",");
    WriteCrossing(w, crossings[crossings.size() - 1 - i]);
  }
  w.Raw("]");
}

// The "withheld" list: the categories left out, in the order the policy sections are listed.
void WriteWithheld(InspectionJsonWriter& w, const InspectionAccess& access) {
  const std::pair<bool, core::CategoryKind> kSections[] = {
      {access.identity, core::CategoryKind::kIdentity},
      {access.document, core::CategoryKind::kDocument},
      {access.crossing_history, core::CategoryKind::kCrossingHistory},
      {access.hits, core::CategoryKind::kHits},
      // The scores are withheld from hits that are shown.
      {!access.hits || access.hit_details, core::CategoryKind::kHitDetails}};
  w.Raw("[");
  bool first = true;
  for (const auto& [allowed, kind] : kSections) {
    if (allowed) continue;
    if (!first) w.Raw(",");
    first = false;
    w.Raw("{\"category\":");
    w.String(core::CategoryKindName(kind));
    w.Raw(",\"reason\":\"POLICY_DENIED\"}");
  }
  w.Raw("]");
}

}  // namespace

InspectionAccess InspectionAccessFor(const core::DataSharingPolicy* policy,
                                     const std::optional<core::Principal>& principal) {
  auto allowed = [&](core::CategoryKind kind) {
    return policy != nullptr && principal &&
           policy->Decide(*principal, core::DataCategory{.kind = kind}).allowed;
  };
  return InspectionAccess{.identity = allowed(core::CategoryKind::kIdentity),
                          .document = allowed(core::CategoryKind::kDocument),
                          .crossing_history = allowed(core::CategoryKind::kCrossingHistory),
                          .hits = allowed(core::CategoryKind::kHits),
                          .hit_details = allowed(core::CategoryKind::kHitDetails)};
}

InspectionResponseText PrepareInspectionResponse(const InspectionView& view,
                                                 const InspectionAccess& access) {
  InspectionResponseText text;
  text.identity = access.identity;
  // Keys in sorted order: document, hits, (identity,) inspection_id, last_crossings,
  // lost_stolen, recommendation, stay, withheld.
  {
    std::string& out = text.before_identity;
    out.reserve(6144);
    InspectionJsonWriter w(out);
    w.Raw("{");
    if (access.document) {
      w.Key("document");
      AppendDocumentReportJson(*view.report, &out);
      w.Raw(",");
    }
    if (access.hits) {
      w.Key("hits");
      w.Array(view.hits,
              [&](const insp::HitSummary& hit) { WriteHit(w, hit, access.hit_details); });
      w.Raw(",");
    }
  }
  std::string& out = text.after_identity;
  out.reserve(2048);
  InspectionJsonWriter w(out);
  w.Key("inspection_id");
  w.String(view.inspection_id);
  if (access.crossing_history) {
    w.Raw(",");
    w.Key("last_crossings");
    WriteLastCrossings(w, view.crossings);
  }
  if (access.document) {
    w.Raw(",");
    w.Key("lost_stolen");
    WriteRegistry(w, *view.registry);
  }
  w.Raw(",");
  w.Key("recommendation");
  WriteRecommendation(w, *view.recommendation);
  if (access.crossing_history) {
    w.Raw(",");
    w.Key("stay");
    if (view.stay != nullptr) {
      WriteStay(w, *view.stay);
    } else {
      w.Raw("{\"problem\":");
      w.String(view.stay_problem);
      w.Raw(",\"verdict\":\"unknown\"}");
    }
  }
  w.Raw(",");
  w.Key("withheld");
  WriteWithheld(w, access);
  w.Raw("}");
  return text;
}

std::string FinishInspectionResponse(const InspectionResponseText& text,
                                     const InspectionView& view) {
  std::string out;
  out.reserve(text.before_identity.size() + text.after_identity.size() + 1024);
  out.append(text.before_identity);
  if (text.identity) {
    InspectionJsonWriter w(out);
    w.Key("identity");
    WriteIdentity(w, view);
    w.Raw(",");
  }
  out.append(text.after_identity);
  return out;
}

std::string InspectionResponseJson(const InspectionView& view, const InspectionAccess& access) {
  return FinishInspectionResponse(PrepareInspectionResponse(view, access), view);
}

}  // namespace limen::server
