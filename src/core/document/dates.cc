// MRZ dates (YYMMDD) read straight into the report's field, without intermediate strings.
#include <cstdio>
#include <string>

#include "core/document/internal/dates.h"
#include "core/document/internal/text.h"

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

void Problem(Field* field, Verdict verdict, std::string_view reason, std::string message) {
  field->verdict = verdict;
  field->reason = reason;
  field->message = std::move(message);
}

std::string_view Name(DateKind kind) {
  return kind == DateKind::kBirth ? "birth date" : "expiry date";
}

// Doc 9303 allows a birth date whose day, or month and day, are unknown ("74<<<<", "7408<<").
void ReadPartialBirth(const CivilDate& today, Field* field) {
  const std::string_view raw = field->raw;
  const bool year_only = raw.substr(2) == "<<<<";
  const int month = year_only ? 1 : TwoDigits(raw.substr(2, 2));
  if (month < 1 || month > 12) {
    Problem(
        field, Verdict::kInvalid, "DATE_INVALID",
        Concat({"The birth date has month ", raw.substr(2, 2), "; compare it with the document."}));
    return;
  }
  const int year = ResolveYear(TwoDigits(raw), month, 1, DateKind::kBirth, today);
  char text[16];
  if (year_only) {
    std::snprintf(text, sizeof(text), "%04d", year);
  } else {
    std::snprintf(text, sizeof(text), "%04d-%02d", year, month);
  }
  field->value = text;
  Problem(field, Verdict::kWarning, "DATE_PARTIAL",
          "Only part of the birth date is known; take it from the visual zone or the holder's "
          "records.");
}

// "YYYY-MM-DD" for a valid date (year 1 to 9999), as FormatDate writes it: the year's last two
// digits, the month and the day are the MRZ's own digits, so only the century is computed.
void WriteDate(int year, std::string_view raw, FieldText* out) {
  const int century = year / 100;
  const char text[10] = {static_cast<char>('0' + century / 10),
                         static_cast<char>('0' + century % 10),
                         raw[0],
                         raw[1],
                         '-',
                         raw[2],
                         raw[3],
                         '-',
                         raw[4],
                         raw[5]};
  out->assign(std::string_view(text, sizeof(text)));
}

// IsValidDate (base/time.h), inline: it runs for every date of every MRZ.
bool IsRealDate(int year, int month, int day) {
  static constexpr int8_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  if (day <= kDays[month - 1]) return true;
  // Only 29 February needs the leap year rule.
  return month == 2 && day == 29 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// The date is not six digits: unknown, partial (birth dates only) or misread. Kept out of line
// (like the other problem reports) so that the common path stays small.
[[gnu::noinline]] void ReadIncompleteDate(DateKind kind, const CivilDate& today, Field* field) {
  const std::string_view raw = field->raw;
  if (raw == "<<<<<<") {
    if (kind == DateKind::kExpiry) {
      Problem(field, Verdict::kWarning, "EXPIRY_ABSENT",
              "The document gives no expiry date; check its validity from the visual zone.");
    } else {
      Problem(field, Verdict::kWarning, "DATE_UNKNOWN",
              "The birth date is not known; take it from the visual zone.");
    }
    return;
  }
  if (kind == DateKind::kBirth && IsDigits(raw.substr(0, 2)) &&
      (raw.substr(2) == "<<<<" || (IsDigits(raw.substr(2, 2)) && raw.substr(4) == "<<"))) {
    ReadPartialBirth(today, field);
    return;
  }
  Problem(field, Verdict::kInvalid, "DATE_FORMAT",
          Concat({"The ", Name(kind), " '", raw,
                  "' contains characters other than digits; compare it with the document."}));
}

[[gnu::noinline]] void ReportImpossibleDate(DateKind kind, Field* field) {
  Problem(field, Verdict::kInvalid, "DATE_INVALID",
          Concat({"The ", Name(kind), " '", field->raw,
                  "' is not a calendar date; compare it with the document."}));
}

}  // namespace

std::optional<CivilDate> ReadMrzDate(DateKind kind, const CivilDate& today, Field* field) {
  const std::string_view raw = field->raw;
  // Six digits, the common case, read without a branch per character.
  unsigned digits[6] = {};
  bool six_digits = raw.size() == 6;
  if (six_digits) {
    for (size_t index = 0; index < 6; ++index) {
      digits[index] = static_cast<unsigned char>(raw[index]) - unsigned{'0'};
      six_digits &= digits[index] < 10;
    }
  }
  if (!six_digits) {
    ReadIncompleteDate(kind, today, field);
    return std::nullopt;
  }
  const int month = static_cast<int>(digits[2] * 10 + digits[3]);
  const int day = static_cast<int>(digits[4] * 10 + digits[5]);
  const int year =
      ResolveYear(static_cast<int>(digits[0] * 10 + digits[1]), month, day, kind, today);
  if (!IsRealDate(year, month, day)) {
    ReportImpossibleDate(kind, field);
    return std::nullopt;
  }
  WriteDate(year, raw, &field->value);
  return CivilDate{year, month, day};
}

}  // namespace limen::core::document::internal
