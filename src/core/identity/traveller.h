// Traveller and document records of core/identity. A traveller record holds the biographic data
// (names in original script and in Latin, date of birth, sex, nationalities) and the documents
// the person has used; a document record holds the document's key (issuing State and normalised
// number) and the biographic data as printed on it. Records are plain values: the store keeps
// them as projections of events (linking, merge, split).
//
// Thread-safety: value types and stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace limen::core::identity {

enum class Sex : uint8_t { kFemale, kMale, kUnspecified };

std::string_view SexName(Sex sex);

struct Biographics {
  std::string surname_latin;
  std::string given_names_latin;
  std::string surname_original;  // Original script (UTF-8), may be empty.
  std::string given_names_original;
  std::optional<CivilDate> date_of_birth;
  Sex sex = Sex::kUnspecified;
  std::vector<std::string> nationalities;  // ICAO codes.

  friend bool operator==(const Biographics&, const Biographics&) = default;
};

struct DocumentRecord {
  std::string id;
  std::string issuing_state;
  std::string number;         // Normalised (A-Z, 0-9).
  std::string document_type;  // MRZ code, e.g. "P".
  Biographics holder;         // As printed on the document.
  std::string traveller_id;   // Empty until linked.

  friend bool operator==(const DocumentRecord&, const DocumentRecord&) = default;
};

enum class TravellerStatus : uint8_t { kActive, kMerged };

struct TravellerRecord {
  std::string id;
  Biographics biographics;
  std::vector<std::string> document_ids;
  TravellerStatus status = TravellerStatus::kActive;
  std::string merged_into;  // With kMerged: the surviving traveller.

  friend bool operator==(const TravellerRecord&, const TravellerRecord&) = default;
};

// "Maria-José  d'Souza" -> "MARIA JOSE D SOUZA": ASCII upper case, every run of other characters
// (MRZ fillers, hyphens, apostrophes, spaces) becomes one space. Latin names only: the document
// engine supplies the transliterated form.
std::string NormaliseName(std::string_view name);
// Surname and given names normalised and joined, for comparison.
std::string FullName(const Biographics& biographics);
// Same normalised full name and same date of birth (both known).
bool SameIdentity(const Biographics& a, const Biographics& b);

}  // namespace limen::core::identity
