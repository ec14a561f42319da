// JSON codec of the travel-document engine (core/document): the report that `limen mrz` prints
// and POST /api/v1/documents/parse returns (schema in docs/mrz.md), and the document data that
// `limen mrz --generate` reads. Both interfaces call these functions, so they print the same
// JSON for the same document.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "core/document/generate.h"
#include "core/document/mrz.h"

namespace limen::server {

// The full report: format, validity, fields, check digits, document checks, corrections.
// Appends it to *out as compact JSON text, written directly (keys in sorted order, as
// nlohmann::json::dump prints them), for callers that print many reports, such as `limen mrz`.
void AppendDocumentReportJson(const core::document::DocumentReport& report, std::string* out);
// The same report as a JSON value (parsed from AppendDocumentReportJson's text, so that both
// forms always agree), for API bodies that embed it.
nlohmann::json DocumentReportToJson(const core::document::DocumentReport& report);

// Reads document data for generation. Keys (all strings): format ("TD1", "TD2", "TD3", "MRV-A",
// "MRV-B", "FRA-ID"; default "TD3"), document_code, issuing_state, primary_identifier,
// secondary_identifier, document_number, nationality, birth_date and expiry_date (YYYY-MM-DD),
// sex, optional_data, optional_data_2, administrative_code, long_number_reading
// ("without_filler" or "with_filler"). Returns InvalidArgument DOCUMENT_JSON on a wrong type,
// an unknown key or an unreadable date.
Result<core::document::DocumentData> DocumentDataFromJson(const nlohmann::json& json);

// {"lines":[...],"name_truncated":bool,"report":{...}} for a generated MRZ and its own report.
nlohmann::json GeneratedMrzToJson(const core::document::GeneratedMrz& generated,
                                  const core::document::DocumentReport& report);

}  // namespace limen::server
