#include "base/time.h"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

namespace limen {

bool IsLeapYear(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
  static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(int32_t year, int32_t month, int32_t day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

int64_t DaysFromCivil(const CivilDate& date) {
  int64_t y = date.year;
  const int64_t m = date.month;
  const int64_t d = date.day;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int32_t>(y + (m <= 2)), static_cast<int32_t>(m),
                   static_cast<int32_t>(d)};
}

CivilDate DateOf(Timestamp timestamp) {
  int64_t days = timestamp / kMicrosPerDay;
  if (timestamp % kMicrosPerDay < 0) --days;
  return CivilFromDays(days);
}

Timestamp StartOfDay(const CivilDate& date) { return DaysFromCivil(date) * kMicrosPerDay; }

std::string FormatDate(const CivilDate& date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
}

namespace {

bool ParseDigits(std::string_view text, size_t position, size_t count, int32_t& out) {
  if (position + count > text.size()) return false;
  int32_t value = 0;
  for (size_t i = position; i < position + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::optional<CivilDate> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  CivilDate date;
  if (!ParseDigits(text, 0, 4, date.year) || !ParseDigits(text, 5, 2, date.month) ||
      !ParseDigits(text, 8, 2, date.day)) {
    return std::nullopt;
  }
  if (!IsValidDate(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::string FormatTimestamp(Timestamp timestamp) {
  const CivilDate date = DateOf(timestamp);
  int64_t micros_of_day = timestamp - StartOfDay(date);
  const int64_t seconds = micros_of_day / kMicrosPerSecond;
  const int64_t micros = micros_of_day % kMicrosPerSecond;
  return fmt::format("{}T{:02d}:{:02d}:{:02d}.{:06d}Z", FormatDate(date), seconds / 3600,
                     (seconds / 60) % 60, seconds % 60, micros);
}

std::optional<Timestamp> ParseTimestamp(std::string_view text) {
  if (text.size() < 20) return std::nullopt;
  auto date = ParseDate(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return std::nullopt;
  int32_t hour = 0, minute = 0, second = 0;
  if (!ParseDigits(text, 11, 2, hour) || text[13] != ':' || !ParseDigits(text, 14, 2, minute) ||
      text[16] != ':' || !ParseDigits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  size_t position = 19;
  int64_t micros = 0;
  if (position < text.size() && text[position] == '.') {
    ++position;
    int64_t scale = 100000;
    size_t digits = 0;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      if (scale > 0) micros += (text[position] - '0') * scale;
      scale /= 10;
      ++position;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
  }
  int64_t offset_seconds = 0;
  if (position >= text.size()) return std::nullopt;
  if (text[position] == 'Z' || text[position] == 'z') {
    ++position;
  } else if (text[position] == '+' || text[position] == '-') {
    const int sign = text[position] == '-' ? -1 : 1;
    int32_t offset_hour = 0, offset_minute = 0;
    if (!ParseDigits(text, position + 1, 2, offset_hour) || position + 3 >= text.size() ||
        text[position + 3] != ':' || !ParseDigits(text, position + 4, 2, offset_minute)) {
      return std::nullopt;
    }
    if (offset_hour > 23 || offset_minute > 59) return std::nullopt;
    offset_seconds = sign * (offset_hour * 3600 + offset_minute * 60);
    position += 6;
  } else {
    return std::nullopt;
  }
  if (position != text.size()) return std::nullopt;
  return StartOfDay(*date) +
         (hour * 3600 + minute * 60 + second - offset_seconds) * kMicrosPerSecond + micros;
}

Timestamp SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace limen
