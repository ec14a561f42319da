// Linking a presented document to known travellers, and impostor indicators. Linking is a short
// list of named features with configurable weights (STYLE.md): the same issuing State and
// document number links outright; the same normalised name, date of birth, sex and nationality
// make a candidate link that the officer confirms. A known document whose biographic data
// disagrees is still shown, as a candidate (with an impostor indicator). Every match lists the
// features that fired, so the officer sees why. The caller loads the known travellers worth
// comparing (by document key and by name and date of birth) from the store.
//
// Thread-safety: stateless functions over values; safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "core/identity/traveller.h"

namespace limen::core::identity {

struct LinkingRules {
  double document_weight = 1.0;                 // LINK_SAME_DOCUMENT.
  double name_weight = 0.4;                     // LINK_SAME_NAME.
  double date_of_birth_weight = 0.3;            // LINK_SAME_DATE_OF_BIRTH.
  double sex_weight = 0.1;                      // LINK_SAME_SEX.
  double nationality_weight = 0.1;              // LINK_SHARED_NATIONALITY.
  double date_of_birth_mismatch_weight = -0.5;  // LINK_DATE_OF_BIRTH_DIFFERS (both known).
  double link_threshold = 1.0;                  // Score at or above: linked automatically.
  double candidate_threshold = 0.7;             // Score at or above: a candidate for the officer.
};

// IDENTITY_RULES_INVALID unless 0 < candidate_threshold <= link_threshold and the positive
// weights are not negative.
Status ValidateLinkingRules(const LinkingRules& rules);

// Reads config/identity-linking.toml text: [weights] same_document, same_name,
// same_date_of_birth, same_sex, shared_nationality, date_of_birth_differs and [thresholds] link,
// candidate; absent keys keep their defaults. Errors: IDENTITY_RULES_SYNTAX (not TOML, with line
// and column), IDENTITY_RULES_INVALID (a non-number, or rules ValidateLinkingRules rejects).
Result<LinkingRules> ParseLinkingRules(std::string_view toml_text);

struct PresentedDocument {
  std::string issuing_state;
  std::string number;  // Normalised.
  std::string document_type;
  Biographics biographics;
};

struct KnownTraveller {
  TravellerRecord traveller;
  std::vector<DocumentRecord> documents;
};

enum class LinkKind : uint8_t { kLinked, kCandidate, kNew };

std::string_view LinkKindName(LinkKind kind);

struct LinkReason {
  std::string code;
  std::string message;
  double weight = 0;
};

struct TravellerMatch {
  std::string traveller_id;
  LinkKind kind = LinkKind::kNew;
  double score = 0;
  std::vector<LinkReason> reasons;
};

struct LinkResult {
  LinkKind kind = LinkKind::kNew;       // Of the best match; kNew when none qualifies.
  std::vector<TravellerMatch> matches;  // Qualifying matches, best first.
};

LinkResult LinkTraveller(const PresentedDocument& presented, std::span<const KnownTraveller> known,
                         const LinkingRules& rules);

struct ImpostorIndicator {
  std::string code;  // IDENTITY_DOCUMENT_REUSED, IDENTITY_MULTIPLE_IDENTITIES,
                     // IDENTITY_LOST_DOCUMENT_OTHER_PERSON.
  std::string message;
  std::string traveller_id;
  std::string document_id;
};

enum class LostReport : uint8_t { kNotReported, kReportedLost };

// Indicators: the document was seen before with different biographic data; the traveller it
// belongs to holds documents of different identities; the document was reported lost by its
// holder and someone else presents it.
std::vector<ImpostorIndicator> FindImpostorIndicators(const PresentedDocument& presented,
                                                      std::span<const KnownTraveller> known,
                                                      LostReport lost_report);

}  // namespace limen::core::identity
