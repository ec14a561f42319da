// The plain summaries an inspection's recommendation is computed from: what the document engine,
// the lost/stolen registry, the screening engine, identity linking and the stay evaluation found.
// The route fills them from each engine's result, so core/inspection depends on no other engine.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace limen::core::inspection {

enum class Direction : uint8_t { kEntry, kExit };

enum class DocumentStatus : uint8_t {
  kValid,
  kExpired,
  kFailedChecks,  // Check digits, format or security checks failed: possibly forged.
  kUnreadable,    // The MRZ could not be read; data was typed by hand.
};

struct DocumentSummary {
  DocumentStatus status = DocumentStatus::kValid;
  std::vector<std::string> problems;  // Codes from the document engine, shown to the officer.
};

enum class RegistryMatch : uint8_t { kNone, kExact, kMisreadVariant };

struct RegistrySummary {
  RegistryMatch match = RegistryMatch::kNone;
  std::string reason;  // "lost", "stolen", ...
  std::string source;
};

// What the owner of a watchlist entry asks the officer to do.
enum class HitAction : uint8_t { kRefuseEntry, kArrest, kSpecificCheck, kDiscreetCheck, kInform };
enum class Adjudication : uint8_t { kPending, kConfirmed, kNotSamePerson };

std::string_view HitActionName(HitAction action);
std::string_view AdjudicationName(Adjudication adjudication);

struct HitSummary {
  std::string hit_id;
  std::string list;
  std::string owning_agency;
  double score = 0;
  HitAction action = HitAction::kInform;
  Adjudication adjudication = Adjudication::kPending;
  std::string explanation;
};

struct IdentitySummary {
  std::vector<std::string> impostor_indicators;  // Codes, e.g. "IDENTITY_DOCUMENT_REUSED".
};

enum class StayOutcome : uint8_t {
  kAuthorised,
  kNoAuthorisation,  // A visa or permit is required and none valid was presented.
  kNoDaysLeft,       // The rolling window is used up.
  kOverstayed,       // At exit: left after the latest lawful exit date.
};

struct StaySummary {
  StayOutcome outcome = StayOutcome::kAuthorised;
  int32_t overstay_days = 0;
  std::vector<std::string> record_flags;  // e.g. STAY_ENTRY_WITHOUT_EXIT.
  std::string rules_version;
};

enum class Accompaniment : uint8_t { kUnknown, kAccompanied, kUnaccompanied };

struct TravellerSummary {
  std::optional<int32_t> age_years;
  Accompaniment accompaniment = Accompaniment::kUnknown;
};

struct InspectionFacts {
  Direction direction = Direction::kEntry;
  DocumentSummary document;
  RegistrySummary registry;
  std::vector<HitSummary> hits;
  IdentitySummary identity;
  StaySummary stay;
  TravellerSummary traveller;
};

}  // namespace limen::core::inspection
