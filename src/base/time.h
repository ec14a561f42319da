// Time in Limen: UTC everywhere. A Timestamp is microseconds since the Unix epoch (UTC); a
// CivilDate is a proleptic Gregorian calendar date. A Clock is injected wherever time is read so
// that core logic stays pure and tests control time (FakeClock).
//
// Thread-safety: SystemClock is thread-safe. FakeClock is thread-safe (atomic).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace limen {

// Microseconds since 1970-01-01T00:00:00Z.
using Timestamp = int64_t;

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

struct CivilDate {
  int32_t year = 1970;
  int32_t month = 1;  // 1..12
  int32_t day = 1;    // 1..31

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

bool IsLeapYear(int32_t year);
int32_t DaysInMonth(int32_t year, int32_t month);
// True when year/month/day name a real calendar day (years 1..9999).
bool IsValidDate(int32_t year, int32_t month, int32_t day);

// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's algorithms).
int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(int64_t days);

CivilDate DateOf(Timestamp timestamp);
Timestamp StartOfDay(const CivilDate& date);

// "2026-11-26".
std::string FormatDate(const CivilDate& date);
// Parses "YYYY-MM-DD"; nullopt if malformed or not a real date.
std::optional<CivilDate> ParseDate(std::string_view text);

// "2026-11-26T17:20:00.123456Z" (microseconds always present, UTC).
std::string FormatTimestamp(Timestamp timestamp);
// Parses RFC 3339 / ISO 8601 with "Z" or a numeric offset, optional fraction.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
  // A process-wide instance.
  static const SystemClock& Instance();
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start = 0) : now_(start) {}
  Timestamp Now() const override { return now_.load(); }
  void Set(Timestamp now) { now_.store(now); }
  void Advance(int64_t micros) { now_.fetch_add(micros); }

 private:
  std::atomic<Timestamp> now_;
};

}  // namespace limen
