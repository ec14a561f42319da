// Private to core/document: reading YYMMDD dates from the MRZ and resolving their century.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "core/document/mrz.h"

namespace limen::core::document::internal {

enum class DateKind { kBirth, kExpiry };

struct MrzDate {
  Verdict verdict = Verdict::kValid;
  std::string reason;
  std::string message;
  std::string value;              // "1974-08-12", "1974-08" or "1974" for partial birth dates.
  std::optional<CivilDate> date;  // Only for complete, real dates.
};

// A birth date is never in the future: the century is the latest that keeps it in the past. An
// expiry date lies within 30 years ahead of today, else it is taken from the previous century.
MrzDate ReadMrzDate(std::string_view raw, DateKind kind, const CivilDate& today);

}  // namespace limen::core::document::internal
