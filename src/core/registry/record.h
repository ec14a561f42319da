// The lost, stolen and invalid document registry's record: which document (issuing State and
// number), what kind, why it is listed, when it was reported and by which source (a national
// report or an imported list such as an INTERPOL-SLTD extract).
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace limen::core::registry {

enum class DocumentKind : uint8_t {
  kPassport,
  kIdentityCard,
  kVisa,
  kResidencePermit,
  kTravelDocument,
  kOther,
};

enum class ReportReason : uint8_t { kLost, kStolen, kStolenBlank, kInvalid, kRevoked };

std::string_view DocumentKindName(DocumentKind kind);
std::optional<DocumentKind> ParseDocumentKind(std::string_view name);
std::string_view ReportReasonName(ReportReason reason);
std::optional<ReportReason> ParseReportReason(std::string_view name);

struct Record {
  std::string issuing_state;  // ICAO code, 1-3 letters ("D", "UTO").
  std::string number;         // Normalised: upper-case A-Z and 0-9 only.
  DocumentKind kind = DocumentKind::kPassport;
  ReportReason reason = ReportReason::kLost;
  CivilDate reported_on;
  std::string source;  // e.g. "national", "interpol-sltd".

  friend bool operator==(const Record&, const Record&) = default;
};

}  // namespace limen::core::registry
