// Private to core/document: reading YYMMDD dates from the MRZ and resolving their century.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "base/time.h"
#include "core/document/mrz.h"

namespace limen::core::document::internal {

enum class DateKind { kBirth, kExpiry };

// Reads field->raw (YYMMDD) into field->value ("1974-08-12", or "1974-08" / "1974" for partial
// birth dates) and, when the date is not plainly valid, field->verdict, reason and message.
// Returns the date only when it is complete and real.
//
// A birth date is never in the future: the century is the latest that keeps it in the past. An
// expiry date lies within 30 years ahead of today, else it is taken from the previous century.
std::optional<CivilDate> ReadMrzDate(DateKind kind, const CivilDate& today, Field* field);

}  // namespace limen::core::document::internal
