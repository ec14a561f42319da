#include "core/stay/stay_calculator.h"

#include <algorithm>
#include <string>

namespace limen::core::stay {
namespace {

struct Interval {
  int64_t first = 0;
  int64_t last = 0;
};

// Presence intervals (closed, in days since the epoch) reconstructed from the crossings.
struct Timeline {
  std::vector<Interval> intervals;
  bool present = false;
  std::optional<int64_t> current_start;
  std::vector<StayFlag> flags;
};

StayFlag MakeFlag(const char* code, const CivilDate& date) {
  std::string message;
  if (std::string_view(code) == kFlagEntryWithoutExit) {
    message = "The entry on " + FormatDate(date) +
              " has no exit before the next entry; one day of presence is assumed. Check the "
              "exit records of other posts.";
  } else {
    message = "The exit on " + FormatDate(date) +
              " has no entry before it; one day of presence is assumed. Check the entry records "
              "of other posts.";
  }
  return StayFlag{code, std::move(message), date};
}

std::vector<const Crossing*> SortedUpTo(std::span<const Crossing> crossings, int64_t as_of) {
  std::vector<const Crossing*> sorted;
  for (const Crossing& crossing : crossings) {
    if (DaysFromCivil(crossing.date) <= as_of) sorted.push_back(&crossing);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Crossing* a, const Crossing* b) { return a->date < b->date; });
  return sorted;
}

Timeline BuildTimeline(std::span<const Crossing> crossings, int64_t as_of) {
  Timeline timeline;
  bool open = false;
  int64_t open_day = 0;
  for (const Crossing* crossing : SortedUpTo(crossings, as_of)) {
    const int64_t day = DaysFromCivil(crossing->date);
    if (crossing->direction == Direction::kEntry) {
      if (open) {
        timeline.flags.push_back(MakeFlag(kFlagEntryWithoutExit, CivilFromDays(open_day)));
        timeline.intervals.push_back({open_day, open_day});
      }
      open = true;
      open_day = day;
    } else if (open) {
      timeline.intervals.push_back({open_day, day});
      open = false;
    } else {
      timeline.flags.push_back(MakeFlag(kFlagExitWithoutEntry, crossing->date));
      timeline.intervals.push_back({day, day});
    }
  }
  if (open) {
    timeline.intervals.push_back({open_day, as_of});
    timeline.present = true;
    timeline.current_start = open_day;
  } else if (!timeline.intervals.empty() && timeline.intervals.back().last == as_of) {
    timeline.current_start = timeline.intervals.back().first;
  }
  return timeline;
}

// Presence per day over [base, horizon] as prefix sums, with presence assumed to continue after
// `as_of` while a stay is current (used to find the latest lawful exit).
class PresenceCounter {
 public:
  PresenceCounter(const Timeline& timeline, int64_t base, int64_t horizon, int64_t as_of)
      : base_(base), prefix_(static_cast<size_t>(horizon - base + 2), 0) {
    std::vector<uint8_t> present(static_cast<size_t>(horizon - base + 1), 0);
    for (const Interval& interval : timeline.intervals) {
      for (int64_t day = std::max(interval.first, base); day <= std::min(interval.last, horizon);
           ++day) {
        present[static_cast<size_t>(day - base)] = 1;
      }
    }
    if (timeline.current_start) {
      for (int64_t day = std::max(as_of + 1, base); day <= horizon; ++day) {
        present[static_cast<size_t>(day - base)] = 1;
      }
    }
    for (size_t i = 0; i < present.size(); ++i) prefix_[i + 1] = prefix_[i] + present[i];
  }

  // Days of presence in [first, last], clipped to the counter's range.
  int32_t Count(int64_t first, int64_t last) const {
    first = std::max(first, base_);
    last = std::min(last, base_ + static_cast<int64_t>(prefix_.size()) - 2);
    if (last < first) return 0;
    return prefix_[static_cast<size_t>(last - base_ + 1)] -
           prefix_[static_cast<size_t>(first - base_)];
  }

 private:
  int64_t base_;
  std::vector<int32_t> prefix_;
};

int64_t WindowStart(const StayLimit& limit, int64_t day) {
  int64_t start = day - limit.window_days + 1;
  if (limit.count_from) start = std::max(start, DaysFromCivil(*limit.count_from));
  return start;
}

std::optional<int64_t> NotAfter(const StayLimit& limit) {
  if (!limit.not_after) return std::nullopt;
  return DaysFromCivil(*limit.not_after);
}

void ApplyRollingWindow(const Timeline& timeline, int64_t as_of, const StayLimit& limit,
                        StayReport& report) {
  const int64_t start = timeline.current_start.value_or(as_of);
  // With continuous presence from max(start, count_from) the limit is exceeded within max_days + 1
  // days, so the search below always ends by the horizon.
  int64_t counted_from = start;
  if (limit.count_from) counted_from = std::max(start, DaysFromCivil(*limit.count_from));
  const int64_t horizon = std::max(as_of, counted_from + limit.max_days);
  const PresenceCounter counter(timeline, start - limit.window_days, horizon, as_of);
  report.days_used = counter.Count(WindowStart(limit, as_of), as_of);
  report.days_remaining = std::max(0, limit.max_days - report.days_used);
  if (!timeline.current_start) return;
  const std::optional<int64_t> not_after = NotAfter(limit);
  int64_t day = start;
  while (day <= horizon) {
    if (counter.Count(WindowStart(limit, day), day) > limit.max_days) break;
    if (not_after && day > *not_after) break;
    ++day;
  }
  report.latest_lawful_exit = CivilFromDays(day - 1);
}

void ApplyPerEntry(const Timeline& timeline, int64_t as_of, const StayLimit& limit,
                   StayReport& report) {
  if (timeline.current_start) {
    report.days_used = static_cast<int32_t>(as_of - *timeline.current_start + 1);
    int64_t last = *timeline.current_start + limit.max_days - 1;
    if (const auto not_after = NotAfter(limit)) last = std::min(last, *not_after);
    report.latest_lawful_exit = CivilFromDays(last);
  }
  report.days_remaining = std::max(0, limit.max_days - report.days_used);
}

void ApplyNoLimit(const Timeline& timeline, int64_t as_of, const StayLimit& limit,
                  StayReport& report) {
  if (!timeline.current_start) return;
  report.days_used = static_cast<int32_t>(as_of - *timeline.current_start + 1);
  if (const auto not_after = NotAfter(limit)) {
    report.latest_lawful_exit = CivilFromDays(std::max(*not_after, *timeline.current_start - 1));
  }
}

void ApplyOverstay(const Timeline& timeline, int64_t as_of, StayReport& report) {
  if (!timeline.current_start || !report.latest_lawful_exit) return;
  const int64_t latest = DaysFromCivil(*report.latest_lawful_exit);
  if (as_of <= latest) return;
  report.overstay_days = static_cast<int32_t>(as_of - latest);
  const CivilDate first_day = CivilFromDays(latest + 1);
  report.flags.push_back(StayFlag{kFlagOverstay,
                                  "The traveller stayed " + std::to_string(report.overstay_days) +
                                      " day(s) beyond the latest lawful exit date " +
                                      FormatDate(*report.latest_lawful_exit) +
                                      ". Refer the case for follow-up.",
                                  first_day});
}

}  // namespace

bool StayReport::HasFlag(std::string_view code) const {
  return std::any_of(flags.begin(), flags.end(),
                     [&](const StayFlag& flag) { return flag.code == code; });
}

StayReport ComputeStay(std::span<const Crossing> crossings, CivilDate as_of,
                       const StayLimit& limit) {
  const int64_t today = DaysFromCivil(as_of);
  Timeline timeline = BuildTimeline(crossings, today);
  StayReport report;
  report.present = timeline.present;
  if (timeline.current_start) report.stay_start = CivilFromDays(*timeline.current_start);
  switch (limit.kind) {
    case LimitKind::kRollingWindow:
      ApplyRollingWindow(timeline, today, limit, report);
      break;
    case LimitKind::kPerEntry:
      ApplyPerEntry(timeline, today, limit, report);
      break;
    case LimitKind::kNone:
      ApplyNoLimit(timeline, today, limit, report);
      break;
  }
  report.flags = std::move(timeline.flags);
  ApplyOverstay(timeline, today, report);
  return report;
}

StayReport ProjectEntry(std::span<const Crossing> history, CivilDate date, const StayLimit& limit) {
  std::vector<Crossing> crossings(history.begin(), history.end());
  crossings.push_back(Crossing{Direction::kEntry, date, {}});
  StayReport report = ComputeStay(crossings, date, limit);
  // A prospective entry cannot be an overstay: a latest lawful exit before `date` means that no
  // day is left, which the caller reports as such.
  report.overstay_days = 0;
  std::erase_if(report.flags, [](const StayFlag& flag) { return flag.code == kFlagOverstay; });
  return report;
}

StayReport AssessExit(std::span<const Crossing> history, CivilDate date, const StayLimit& limit) {
  std::vector<Crossing> crossings(history.begin(), history.end());
  crossings.push_back(Crossing{Direction::kExit, date, {}});
  return ComputeStay(crossings, date, limit);
}

}  // namespace limen::core::stay
