#include "core/screening/entry.h"

#include <charconv>
#include <cstdio>

namespace limen::core::screening {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

void Mix(uint64_t& hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= kFnvPrime;
  }
  hash ^= 0xff;  // Field separator so ("ab","c") and ("a","bc") differ.
  hash *= kFnvPrime;
}

void MixNumber(uint64_t& hash, int64_t value) { Mix(hash, std::to_string(value)); }

bool ParseDigits(std::string_view text, int32_t& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

int DaysInMonth(int32_t year, int32_t month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::string_view NameTypeName(NameType type) {
  switch (type) {
    case NameType::kPrimary:
      return "primary";
    case NameType::kAlsoKnownAs:
      return "aka";
    case NameType::kWeakAlias:
      return "weak";
    case NameType::kOriginalScript:
      return "original_script";
  }
  return "primary";
}

std::string_view HitActionName(HitAction action) {
  switch (action) {
    case HitAction::kArrest:
      return "arrest";
    case HitAction::kRefuseEntry:
      return "refuse_entry";
    case HitAction::kReferToAgency:
      return "refer_to_agency";
    case HitAction::kInformOwningAgency:
      return "inform_owning_agency";
    case HitAction::kDiscreetCheck:
      return "discreet_check";
  }
  return "refer_to_agency";
}

std::optional<HitAction> ParseHitAction(std::string_view text) {
  for (HitAction action : {HitAction::kArrest, HitAction::kRefuseEntry, HitAction::kReferToAgency,
                           HitAction::kInformOwningAgency, HitAction::kDiscreetCheck}) {
    if (HitActionName(action) == text) return action;
  }
  return std::nullopt;
}

bool WatchlistEntry::operator==(const WatchlistEntry& other) const {
  return EntryFingerprint(*this) == EntryFingerprint(other) && id == other.id;
}

uint64_t EntryFingerprint(const WatchlistEntry& entry) {
  uint64_t hash = kFnvOffset;
  Mix(hash, entry.id);
  Mix(hash, entry.list_id);
  for (const EntryName& name : entry.names) {
    Mix(hash, name.full);
    MixNumber(hash, static_cast<int>(name.type));
  }
  for (const PartialDate& date : entry.dates_of_birth) Mix(hash, FormatPartialDate(date));
  for (const std::string& code : entry.nationalities) Mix(hash, code);
  MixNumber(hash, static_cast<int>(entry.sex));
  for (const std::string& number : entry.document_numbers) Mix(hash, number);
  MixNumber(hash, static_cast<int>(entry.action));
  Mix(hash, entry.owning_agency);
  MixNumber(hash, entry.valid_from_days.value_or(-1));
  MixNumber(hash, entry.valid_until_days.value_or(-1));
  MixNumber(hash, static_cast<int>(entry.sharing));
  return hash;
}

std::optional<PartialDate> ParsePartialDate(std::string_view text) {
  PartialDate date;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  if (!ParseDigits(text.substr(0, 4), date.year)) return std::nullopt;
  if (date.year < 1850 || date.year > 2100) return std::nullopt;
  if (text.size() >= 7) {
    if (text[4] != '-' || !ParseDigits(text.substr(5, 2), date.month)) return std::nullopt;
    if (date.month < 1 || date.month > 12) return std::nullopt;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !ParseDigits(text.substr(8, 2), date.day)) return std::nullopt;
    if (date.day < 1 || date.day > DaysInMonth(date.year, date.month)) return std::nullopt;
  }
  return date;
}

std::string FormatPartialDate(const PartialDate& date) {
  char buffer[16];
  if (date.month == 0) {
    std::snprintf(buffer, sizeof(buffer), "%04d", date.year);
  } else if (date.day == 0) {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d", date.year, date.month);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", date.year, date.month, date.day);
  }
  return buffer;
}

std::optional<Sex> ParseSex(std::string_view text) {
  if (text.empty()) return Sex::kUnknown;
  if (text == "M" || text == "m" || text == "male") return Sex::kMale;
  if (text == "F" || text == "f" || text == "female") return Sex::kFemale;
  if (text == "X" || text == "U" || text == "<") return Sex::kUnknown;
  return std::nullopt;
}

std::string_view SexName(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return "M";
    case Sex::kFemale:
      return "F";
    case Sex::kUnknown:
      return "";
  }
  return "";
}

bool SharedWithCaller(std::string_view owning_agency, SharingScope sharing,
                      const ScreeningQuery& query) {
  if (query.caller_agency.empty() || query.caller_agency == owning_agency) return true;
  return static_cast<uint8_t>(sharing) >= static_cast<uint8_t>(query.caller_scope);
}

bool ValidOn(const WatchlistEntry& entry, int64_t day) {
  return (!entry.valid_from_days || day >= *entry.valid_from_days) &&
         (!entry.valid_until_days || day <= *entry.valid_until_days);
}

}  // namespace limen::core::screening
