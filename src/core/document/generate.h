// Generation of a complete, valid MRZ from document data: used for manual entry (the officer
// types the data page, Limen builds the MRZ and checks it like a read one) and for tests.
//
// Thread-safety: GenerateMrz is thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/document/mrz.h"

namespace limen::core::document {

// How to compute the check digit of a document number longer than 9 characters (TD1, TD2).
enum class LongNumberReading { kWithoutFiller, kWithFiller };

struct DocumentData {
  DocumentFormat format = DocumentFormat::kTd3;
  std::string document_code;             // Empty: "P", "I", "V" or "ID" by format.
  std::string issuing_state;             // "UTO", "D" ...
  std::string primary_identifier;        // Unicode; transliterated per Doc 9303.
  std::string secondary_identifier;      // Unicode; transliterated per Doc 9303.
  std::string document_number;           // Longer than 9 characters only for TD1 and TD2.
  std::string nationality;               // Not used by the French identity card.
  std::optional<CivilDate> birth_date;   // Absent: written as "<<<<<<".
  std::string sex = "<";                 // "M", "F", "X" or "<".
  std::optional<CivilDate> expiry_date;  // Absent: "<<<<<<". Not used by the French card.
  std::string optional_data;
  std::string optional_data_2;      // TD1 line 2 only.
  std::string administrative_code;  // French identity card: department and office (6).
  LongNumberReading long_number_reading = LongNumberReading::kWithoutFiller;
};

struct GeneratedMrz {
  std::vector<std::string> lines;
  bool name_truncated = false;
};

// Returns InvalidArgument with reason MRZ_GENERATE_FIELD when a field does not fit its layout
// or holds characters that cannot be written in an MRZ.
Result<GeneratedMrz> GenerateMrz(const DocumentData& data);

}  // namespace limen::core::document
