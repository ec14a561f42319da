// Watchlist data model: a listed person (an entry) with typed names, partial dates of birth,
// nationalities, sex, document numbers, the action on a hit, the owning agency, a validity period
// and a sharing scope; and the screening query a traveller record produces.
//
// Thread-safety: plain value types; distinct objects may be used from different threads freely,
// and const objects may be shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace limen::core::screening {

enum class NameType : uint8_t {
  kPrimary,         // The name the list gives first.
  kAlsoKnownAs,     // A good-quality alias.
  kWeakAlias,       // A low-quality alias (nickname, "Abu X"); scored lower.
  kOriginalScript,  // The name in its original (non-Latin) script.
};
std::string_view NameTypeName(NameType type);

struct EntryName {
  std::string full;  // As published (UTF-8).
  NameType type = NameType::kPrimary;
};

// A date of birth with optional month and day ("1964", "1964-05", "1964-05-17").
struct PartialDate {
  int32_t year = 0;
  int32_t month = 0;  // 0 when unknown.
  int32_t day = 0;    // 0 when unknown.
  bool operator==(const PartialDate&) const = default;
};

enum class Sex : uint8_t { kUnknown, kMale, kFemale };

// What the officer must do on a confirmed hit.
enum class HitAction : uint8_t {
  kArrest,
  kRefuseEntry,
  kReferToAgency,
  kInformOwningAgency,
  kDiscreetCheck,
};
std::string_view HitActionName(HitAction action);

// How far an entry may be shared, narrowest first: with the agencies of the owning State only,
// also with partner States under a bilateral agreement, or also under multilateral agreements.
enum class SharingScope : uint8_t { kNational, kBilateral, kMultilateral };

struct WatchlistEntry {
  std::string id;       // Unique within the whole store, e.g. "eu-135909".
  std::string list_id;  // The alert list it came from, e.g. "eu-fsf".
  std::vector<EntryName> names;
  std::vector<PartialDate> dates_of_birth;  // Alternatives.
  std::vector<std::string> nationalities;   // ISO 3166-1 alpha-3.
  Sex sex = Sex::kUnknown;
  std::vector<std::string> document_numbers;
  HitAction action = HitAction::kReferToAgency;
  std::string owning_agency;
  std::optional<int64_t> valid_from_days;   // Days since the epoch (UTC), inclusive.
  std::optional<int64_t> valid_until_days;  // Days since the epoch (UTC), inclusive.
  SharingScope sharing = SharingScope::kNational;

  bool operator==(const WatchlistEntry& other) const;
};

// A stable fingerprint of an entry's content; changes whenever the entry changes. Used to lift
// "not the same person" adjudications once an entry is edited.
uint64_t EntryFingerprint(const WatchlistEntry& entry);

// What a traveller record brings to screening.
struct ScreeningQuery {
  std::string traveller_id;  // Optional; needed for adjudication memory.
  std::vector<std::string> names;
  std::optional<PartialDate> date_of_birth;
  std::string nationality;  // ISO alpha-3 or empty.
  Sex sex = Sex::kUnknown;
  std::string document_number;
  // The screening date, days since the epoch (UTC). An entry outside its validity period on
  // this date may still be returned but never alerts. Without a date, validity is not checked.
  std::optional<int64_t> screening_day;
  // Who screens: the caller's agency code and how it relates to the State owning the list
  // (kNational: one of its agencies; kBilateral / kMultilateral: a partner State's agency under
  // such an agreement). An entry is returned only to its owning agency or to callers its sharing
  // scope reaches (kNational < kBilateral < kMultilateral). An empty agency is not filtered
  // (batch tools such as `limen screen` that read the list file directly).
  std::string caller_agency;
  SharingScope caller_scope = SharingScope::kNational;
};

// True when an entry of `owning_agency` with scope `sharing` may be returned to the caller of
// `query` (see ScreeningQuery).
bool SharedWithCaller(std::string_view owning_agency, SharingScope sharing,
                      const ScreeningQuery& query);
// True when `day` (days since the epoch) lies within the entry's validity period.
bool ValidOn(const WatchlistEntry& entry, int64_t day);

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". Returns nullopt for anything else or absurd dates
// (year outside 1850..2100, month or day out of range).
std::optional<PartialDate> ParsePartialDate(std::string_view text);
std::string FormatPartialDate(const PartialDate& date);
std::optional<Sex> ParseSex(std::string_view text);
std::string_view SexName(Sex sex);
std::optional<HitAction> ParseHitAction(std::string_view text);

}  // namespace limen::core::screening
