// Names in the MRZ (ICAO Doc 9303 Part 3, 4.6 and 6): the primary identifier (surname), "<<",
// the secondary identifier (given names), words separated by "<". Transliteration from Unicode to
// the MRZ character set follows the Doc 9303 Part 3 tables (Latin with diacritics, Cyrillic,
// Arabic) with ELOT 743 for Greek; ICU Any-Latin covers other scripts as a last resort. The way
// back gives a display form (and, for names transliterated from Cyrillic, a Cyrillic reading).
//
// Thread-safety: all functions are thread-safe (ICU transliterators are kept per thread).
#pragma once

#include <string>
#include <string_view>

#include "core/document/mrz.h"

namespace limen::core::document {

// Splits a name field ("ERIKSSON<<ANNA<MARIA<<<") into primary and secondary identifiers.
// truncated is set when the field is full (its last character is not a filler).
Names ParseMrzName(std::string_view field);
// The same into *names, reusing its strings.
void ParseMrzName(std::string_view field, Names* names);

// Transliterates a name written in Unicode (UTF-8) to MRZ characters: "Müller-Lüdenscheidt" ->
// "MUELLER<LUEDENSCHEIDT", "Щукин" -> "SHCHUKIN". Spaces and hyphens become '<', apostrophes
// and other punctuation vanish. Invalid UTF-8 bytes are dropped.
std::string TransliterateToMrz(std::string_view utf8_name);

// Builds a name field of `length` characters from Unicode identifiers; cuts it (and sets
// *truncated) when it does not fit.
std::string FormatMrzName(std::string_view primary, std::string_view secondary, size_t length,
                          bool* truncated);

// "ANNA<MARIA" or "ANNA MARIA" -> "Anna Maria" (a display form in title case).
std::string MrzNameToDisplay(std::string_view mrz_words);
// The same written to out[0, n) without allocating; returns n, which is at most
// mrz_words.size().
size_t WriteMrzNameDisplay(std::string_view mrz_words, char* out);

// Reads MRZ letters back as Cyrillic per the Doc 9303 table ("SHCHUKIN" -> "ЩУКИН"), for names
// of holders whose documents were issued in Cyrillic. The reading is a proposal, not a proof:
// the table is not one-to-one.
std::string MrzToCyrillic(std::string_view mrz_words);

}  // namespace limen::core::document
