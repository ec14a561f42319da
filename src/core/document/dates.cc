#include <cstdio>

#include "core/document/internal/dates.h"

namespace limen::core::document::internal {
namespace {

constexpr int kExpiryYearsAhead = 30;

bool IsDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

int TwoDigits(std::string_view text) { return (text[0] - '0') * 10 + (text[1] - '0'); }

int ResolveYear(int two_digit_year, int month, int day, DateKind kind, const CivilDate& today) {
  const int century = today.year / 100 * 100;
  int year = century + two_digit_year;
  if (kind == DateKind::kBirth) {
    // Compare as if valid; an impossible day is reported separately.
    if (CivilDate{year, month, day} > today) year -= 100;
  } else if (year > today.year + kExpiryYearsAhead) {
    year -= 100;
  } else if (year < today.year + kExpiryYearsAhead - 100) {
    year += 100;
  }
  return year;
}

MrzDate Problem(Verdict verdict, std::string reason, std::string message) {
  MrzDate date;
  date.verdict = verdict;
  date.reason = std::move(reason);
  date.message = std::move(message);
  return date;
}

std::string Name(DateKind kind) { return kind == DateKind::kBirth ? "birth date" : "expiry date"; }

// Doc 9303 allows a birth date whose day, or month and day, are unknown ("74<<<<", "7408<<").
MrzDate ReadPartialBirth(std::string_view raw, const CivilDate& today) {
  const bool year_only = raw.substr(2) == "<<<<";
  const int month = year_only ? 1 : TwoDigits(raw.substr(2, 2));
  if (month < 1 || month > 12) {
    return Problem(Verdict::kInvalid, "DATE_INVALID",
                   "The birth date has month " + std::string(raw.substr(2, 2)) +
                       "; compare it with the document.");
  }
  const int year = ResolveYear(TwoDigits(raw), month, 1, DateKind::kBirth, today);
  MrzDate date = Problem(Verdict::kWarning, "DATE_PARTIAL",
                         "Only part of the birth date is known; take it from the visual zone or "
                         "the holder's records.");
  char text[16];
  if (year_only) {
    std::snprintf(text, sizeof(text), "%04d", year);
  } else {
    std::snprintf(text, sizeof(text), "%04d-%02d", year, month);
  }
  date.value = text;
  return date;
}

}  // namespace

MrzDate ReadMrzDate(std::string_view raw, DateKind kind, const CivilDate& today) {
  if (raw == "<<<<<<") {
    if (kind == DateKind::kExpiry) {
      return Problem(Verdict::kWarning, "EXPIRY_ABSENT",
                     "The document gives no expiry date; check its validity from the visual "
                     "zone.");
    }
    return Problem(Verdict::kWarning, "DATE_UNKNOWN",
                   "The birth date is not known; take it from the visual zone.");
  }
  if (kind == DateKind::kBirth && IsDigits(raw.substr(0, 2)) &&
      (raw.substr(2) == "<<<<" || (IsDigits(raw.substr(2, 2)) && raw.substr(4) == "<<"))) {
    return ReadPartialBirth(raw, today);
  }
  if (!IsDigits(raw)) {
    return Problem(Verdict::kInvalid, "DATE_FORMAT",
                   "The " + Name(kind) + " '" + std::string(raw) +
                       "' contains characters other than digits; compare it with the document.");
  }
  const int month = TwoDigits(raw.substr(2, 2));
  const int day = TwoDigits(raw.substr(4, 2));
  const int year = ResolveYear(TwoDigits(raw), month, day, kind, today);
  if (!IsValidDate(year, month, day)) {
    return Problem(Verdict::kInvalid, "DATE_INVALID",
                   "The " + Name(kind) + " '" + std::string(raw) +
                       "' is not a calendar date; compare it with the document.");
  }
  MrzDate date;
  date.date = CivilDate{year, month, day};
  date.value = FormatDate(*date.date);
  return date;
}

}  // namespace limen::core::document::internal
