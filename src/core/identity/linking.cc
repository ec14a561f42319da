#include "core/identity/linking.h"

#include <algorithm>

namespace limen::core::identity {
namespace {

bool SameDocument(const DocumentRecord& document, const PresentedDocument& presented) {
  return document.issuing_state == presented.issuing_state && document.number == presented.number;
}

bool SharesNationality(const Biographics& a, const Biographics& b) {
  return std::any_of(a.nationalities.begin(), a.nationalities.end(), [&](const std::string& n) {
    return std::find(b.nationalities.begin(), b.nationalities.end(), n) != b.nationalities.end();
  });
}

void Add(TravellerMatch& match, const char* code, std::string message, double weight) {
  match.score += weight;
  match.reasons.push_back({code, std::move(message), weight});
}

void ScoreBiographics(const Biographics& known, const Biographics& presented,
                      const LinkingRules& rules, TravellerMatch& match) {
  const std::string name = FullName(presented);
  if (!name.empty() && FullName(known) == name) {
    Add(match, "LINK_SAME_NAME", "Same name: " + name + ".", rules.name_weight);
  }
  if (known.date_of_birth && presented.date_of_birth) {
    if (*known.date_of_birth == *presented.date_of_birth) {
      Add(match, "LINK_SAME_DATE_OF_BIRTH",
          "Same date of birth: " + FormatDate(*presented.date_of_birth) + ".",
          rules.date_of_birth_weight);
    } else {
      Add(match, "LINK_DATE_OF_BIRTH_DIFFERS",
          "Different date of birth: " + FormatDate(*known.date_of_birth) + " on record.",
          rules.date_of_birth_mismatch_weight);
    }
  }
  if (known.sex == presented.sex && known.sex != Sex::kUnspecified) {
    Add(match, "LINK_SAME_SEX", "Same sex.", rules.sex_weight);
  }
  if (SharesNationality(known, presented)) {
    Add(match, "LINK_SHARED_NATIONALITY", "A nationality in common.", rules.nationality_weight);
  }
}

TravellerMatch Score(const PresentedDocument& presented, const KnownTraveller& known,
                     const LinkingRules& rules) {
  TravellerMatch match;
  match.traveller_id = known.traveller.id;
  const bool same_document = std::any_of(
      known.documents.begin(), known.documents.end(),
      [&](const DocumentRecord& document) { return SameDocument(document, presented); });
  if (same_document) {
    Add(match, "LINK_SAME_DOCUMENT",
        "Document " + presented.issuing_state + " " + presented.number +
            " was used before by this traveller.",
        rules.document_weight);
  }
  ScoreBiographics(known.traveller.biographics, presented.biographics, rules, match);
  // The document key is certain: a reused document always shows its earlier traveller, as a
  // candidate when the biographic data disagrees.
  if (match.score >= rules.link_threshold) {
    match.kind = LinkKind::kLinked;
  } else if (match.score >= rules.candidate_threshold || same_document) {
    match.kind = LinkKind::kCandidate;
  }
  return match;
}

const KnownTraveller* OwnerOf(const PresentedDocument& presented,
                              std::span<const KnownTraveller> known,
                              const DocumentRecord** document) {
  for (const KnownTraveller& traveller : known) {
    for (const DocumentRecord& record : traveller.documents) {
      if (SameDocument(record, presented)) {
        *document = &record;
        return &traveller;
      }
    }
  }
  return nullptr;
}

bool HoldsSeveralIdentities(const KnownTraveller& traveller) {
  for (size_t i = 1; i < traveller.documents.size(); ++i) {
    if (!SameIdentity(traveller.documents[0].holder, traveller.documents[i].holder)) return true;
  }
  return false;
}

}  // namespace

std::string_view LinkKindName(LinkKind kind) {
  switch (kind) {
    case LinkKind::kLinked:
      return "linked";
    case LinkKind::kCandidate:
      return "candidate";
    case LinkKind::kNew:
      return "new";
  }
  return "unknown";
}

Status ValidateLinkingRules(const LinkingRules& rules) {
  const bool weights_ok = rules.document_weight >= 0 && rules.name_weight >= 0 &&
                          rules.date_of_birth_weight >= 0 && rules.sex_weight >= 0 &&
                          rules.nationality_weight >= 0 && rules.date_of_birth_mismatch_weight <= 0;
  if (!weights_ok || rules.candidate_threshold <= 0 ||
      rules.candidate_threshold > rules.link_threshold) {
    return InvalidArgument("IDENTITY_RULES_INVALID",
                           "Linking weights must not be negative (the date-of-birth mismatch "
                           "weight not positive) and 0 < candidate threshold <= link threshold.");
  }
  return Status::Ok();
}

LinkResult LinkTraveller(const PresentedDocument& presented, std::span<const KnownTraveller> known,
                         const LinkingRules& rules) {
  LinkResult result;
  for (const KnownTraveller& traveller : known) {
    if (traveller.traveller.status != TravellerStatus::kActive) continue;
    TravellerMatch match = Score(presented, traveller, rules);
    if (match.kind != LinkKind::kNew) result.matches.push_back(std::move(match));
  }
  std::stable_sort(
      result.matches.begin(), result.matches.end(),
      [](const TravellerMatch& a, const TravellerMatch& b) { return a.score > b.score; });
  if (!result.matches.empty()) result.kind = result.matches.front().kind;
  return result;
}

std::vector<ImpostorIndicator> FindImpostorIndicators(const PresentedDocument& presented,
                                                      std::span<const KnownTraveller> known,
                                                      LostReport lost_report) {
  std::vector<ImpostorIndicator> indicators;
  const DocumentRecord* document = nullptr;
  const KnownTraveller* owner = OwnerOf(presented, known, &document);
  if (owner == nullptr) return indicators;
  const std::string key = presented.issuing_state + " " + presented.number;
  const bool differs = !SameIdentity(document->holder, presented.biographics) ||
                       document->holder.sex != presented.biographics.sex;
  if (differs) {
    indicators.push_back({"IDENTITY_DOCUMENT_REUSED",
                          "Document " + key + " was seen before with different biographic data (" +
                              FullName(document->holder) + "); compare the holder with the photo.",
                          owner->traveller.id, document->id});
  }
  if (differs && lost_report == LostReport::kReportedLost) {
    indicators.push_back({"IDENTITY_LOST_DOCUMENT_OTHER_PERSON",
                          "Document " + key +
                              " was reported lost by its holder and is presented "
                              "by someone with different biographic data; retain it.",
                          owner->traveller.id, document->id});
  }
  if (HoldsSeveralIdentities(*owner)) {
    indicators.push_back({"IDENTITY_MULTIPLE_IDENTITIES",
                          "Traveller " + owner->traveller.id +
                              " has used documents of different "
                              "identities; review the traveller record.",
                          owner->traveller.id, document->id});
  }
  return indicators;
}

}  // namespace limen::core::identity
