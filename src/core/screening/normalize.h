// Name normalisation for screening: any script to upper-case ASCII name tokens.
//
// Cyrillic and Arabic are transliterated with the ICAO Doc 9303 (Part 3) tables so that a name
// typed in those scripts meets its machine readable zone form; every other script goes through
// ICU "Any-Latin; Latin-ASCII", after which anything still not ASCII is dropped. Hyphens split
// tokens (compound surnames are re-joined by the matcher), apostrophes join them.
// Also here: the consonant-skeleton phonetic key and the list of name particles.
//
// Thread-safety: all functions are thread-safe. ICU transliterators are not, so each thread
// keeps its own (thread_local), created on first use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace limen::core::screening {

struct NormalizedName {
  std::vector<std::string> tokens;  // Upper-case ASCII letters and digits, in input order.
  bool non_latin = false;           // The input contained letters outside Latin script.
  bool abjad = false;               // The input contained Arabic or Hebrew letters.
};

// Returns the tokens of a UTF-8 name. Invalid UTF-8 bytes are ignored.
NormalizedName NormalizeName(std::string_view utf8);

// The consonant skeleton of an upper-case ASCII token: digraphs folded (KH/CH->X, SH->S,
// PH->F, ...), vowels and the semi-vowels W/Y/J dropped, doubles collapsed. "MUHAMMAD",
// "MOHAMED" and the Arabic-script "MHMD" all give "MHMD". Empty for tokens without consonants.
std::string SkeletonKey(std::string_view token);

// True for name particles such as AL, EL, BIN, BEN, ABU, VAN, DE, DA, DOS.
bool IsParticle(std::string_view token);

// Canonical form of a common given name ("MOHAMMED", "MUHAMMAD" -> "MUHAMMAD"), or the token
// itself when it has no listed equivalent.
std::string_view GivenNameCanonical(std::string_view token);

}  // namespace limen::core::screening
