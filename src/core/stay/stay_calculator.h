// Stay computation: from a traveller's crossings (entries and exits with dates and posts) compute
// the days used in the rolling window, the days remaining, the latest lawful exit date and any
// overstay. Both the entry day and the exit day count as days of presence, as in the Schengen
// 90/180 rule. Missing records are handled explicitly: an entry followed by another entry (no
// exit recorded) and an exit with no entry before it are each assumed to be a one-day presence
// and flagged with a stable code, so the officer knows the count is a lower bound
// (docs/stay-rules.md explains why).
//
// Pure functions on plain values; no clock is read (the caller passes `as_of`).
// Thread-safety: stateless functions; safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/time.h"

namespace limen::core::stay {

enum class Direction : uint8_t { kEntry, kExit };

struct Crossing {
  Direction direction = Direction::kEntry;
  CivilDate date;
  std::string post;
};

// How long a traveller may stay. A limit of kind kRollingWindow with a very long window and
// `count_from` set describes a visa's duration of stay counted within its validity.
enum class LimitKind : uint8_t { kRollingWindow, kPerEntry, kNone };

struct StayLimit {
  LimitKind kind = LimitKind::kNone;
  int32_t max_days = 0;     // kRollingWindow and kPerEntry.
  int32_t window_days = 0;  // kRollingWindow only.
  // Presence before this day is not counted (e.g. a visa counts days within its validity).
  std::optional<CivilDate> count_from;
  // The stay must end on or before this day (end of a visa or permit validity).
  std::optional<CivilDate> not_after;
};

// Stable flag codes.
inline constexpr char kFlagEntryWithoutExit[] = "STAY_ENTRY_WITHOUT_EXIT";
inline constexpr char kFlagExitWithoutEntry[] = "STAY_EXIT_WITHOUT_ENTRY";
inline constexpr char kFlagOverstay[] = "STAY_OVERSTAY";

struct StayFlag {
  std::string code;
  std::string message;
  CivilDate date;  // The crossing the flag is about (or the overstay's first day).
};

struct StayReport {
  // True when the last crossing on or before `as_of` is an entry.
  bool present = false;
  // First day of the current stay (present), or of the stay that ended on `as_of`.
  std::optional<CivilDate> stay_start;
  // Days of presence counted by the limit on `as_of` (the window ending `as_of`, or the current
  // stay for a per-entry limit).
  int32_t days_used = 0;
  // max_days - days_used, never negative; nullopt when there is no limit.
  std::optional<int32_t> days_remaining;
  // Last day the current stay may lawfully last, assuming continuous presence from its start;
  // nullopt when not present (and no stay ended on `as_of`) or when there is no limit. May be
  // the day before `stay_start` when even the first day was over the limit.
  std::optional<CivilDate> latest_lawful_exit;
  // Days of the current (or just ended) stay beyond latest_lawful_exit.
  int32_t overstay_days = 0;
  std::vector<StayFlag> flags;

  bool HasFlag(std::string_view code) const;
};

// Computes the report on `as_of`. Crossings may be in any order (ties on the same day keep their
// given order); crossings after `as_of` are ignored.
StayReport ComputeStay(std::span<const Crossing> crossings, CivilDate as_of,
                       const StayLimit& limit);

// The report for a prospective entry on `date`: as ComputeStay with an entry appended.
StayReport ProjectEntry(std::span<const Crossing> history, CivilDate date, const StayLimit& limit);

// The report for an exit on `date`: as ComputeStay with an exit appended. overstay_days > 0 and a
// STAY_OVERSTAY flag when the traveller leaves after the latest lawful exit date.
StayReport AssessExit(std::span<const Crossing> history, CivilDate date, const StayLimit& limit);

}  // namespace limen::core::stay
