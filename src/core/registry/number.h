// Document numbers as the registry compares them: normalisation (upper-case, keep A-Z and 0-9,
// drop MRZ fillers, spaces and punctuation) and misread variants, the characters that optical
// readers and people confuse (O/0, I/1/L, B/8, S/5, Z/2, G/6), so that a document listed as
// "AB0123" is found when presented as "ABO123".
//
// Thread-safety: stateless functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace limen::core::registry {

// Upper-cases and keeps only A-Z and 0-9.
std::string NormaliseDocumentNumber(std::string_view number);

// Upper-cases a State code and drops MRZ fillers ("D<<" -> "D").
std::string NormaliseIssuingState(std::string_view state);

// Every spelling of `normalised` obtained by swapping confusable characters, excluding
// `normalised` itself, in a deterministic order, at most `limit` of them.
std::vector<std::string> MisreadVariants(std::string_view normalised, size_t limit = 256);

}  // namespace limen::core::registry
