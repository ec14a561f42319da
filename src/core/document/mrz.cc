// ParseMrz: normalise, detect the layout, read every field, evaluate check digits, run the
// document checks and, when check digits fail, propose corrections.
#include "core/document/mrz.h"

#include <cstring>
#include <string>

#include "core/document/internal/layout.h"
#include "core/document/names.h"

namespace limen::core::document {

std::string_view DocumentFormatName(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kTd1:
      return "TD1";
    case DocumentFormat::kTd2:
      return "TD2";
    case DocumentFormat::kTd3:
      return "TD3";
    case DocumentFormat::kMrvA:
      return "MRV-A";
    case DocumentFormat::kMrvB:
      return "MRV-B";
    case DocumentFormat::kFrenchId:
      return "FRA-ID";
  }
  return "unknown";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kValid:
      return "valid";
    case Verdict::kWarning:
      return "warning";
    case Verdict::kInvalid:
      return "invalid";
    case Verdict::kNotChecked:
      return "not_checked";
  }
  return "unknown";
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

MrzLines::MrzLines(std::string_view chars, int count, int length) : count_(count), length_(length) {
  std::memcpy(chars_.data(), chars.data(), static_cast<size_t>(count) * length);
}

std::vector<std::string> MrzLines::ToStrings() const {
  std::vector<std::string> out;
  out.reserve(count_);
  for (int index = 0; index < count_; ++index) out.emplace_back(line(index));
  return out;
}

bool MrzLines::operator==(const MrzLines& other) const {
  return count_ == other.count_ && length_ == other.length_ &&
         std::memcmp(chars_.data(), other.chars_.data(), static_cast<size_t>(count_) * length_) ==
             0;
}

DocumentReport::DocumentReport() = default;

const Field* DocumentReport::FindField(std::string_view name) const {
  for (const Field& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

const DocumentCheck* DocumentReport::FindCheck(std::string_view code) const {
  for (const DocumentCheck& check : checks) {
    if (check.code == code) return &check;
  }
  return nullptr;
}

namespace {

// A field whose check digit failed is itself marked invalid, so that the field list alone tells
// the officer what to look at.
void MarkCheckDigitFailures(DocumentReport* report) {
  for (const CheckDigit& check : report->check_digits) {
    if (check.verdict == Verdict::kValid || check.name == "composite") continue;
    for (Field& field : report->fields) {
      if (field.name == check.name && field.verdict != Verdict::kInvalid) {
        field.verdict = Verdict::kInvalid;
        field.reason = "CHECK_DIGIT";
        field.message =
            "The check digit does not match this field; compare the field with the "
            "document.";
      }
    }
  }
}

// Whether any field is invalid, and whether any has a verdict other than kValid, in one pass.
struct FieldVerdicts {
  bool invalid = false;
  bool problem = false;
};
FieldVerdicts ReviewFields(const FieldList& fields) {
  FieldVerdicts verdicts;
  for (const Field& field : fields) {
    verdicts.invalid |= field.verdict == Verdict::kInvalid;
    verdicts.problem |= field.verdict != Verdict::kValid;
  }
  return verdicts;
}

// Everything after normalisation, on the report's own lines.
void BuildReport(const CheckOptions& options, DocumentReport* report) {
  const MrzLines& lines = report->lines;
  const internal::Layout& layout = internal::DetectLayout(lines);
  report->format = layout.format;
  internal::EvaluateCheckDigits(layout, lines, &report->check_digits);
  internal::ParseFields(layout, lines, options, report);
  const bool digits_pass = internal::AllCheckDigitsPass(report->check_digits);
  if (!digits_pass) MarkCheckDigitFailures(report);
  const FieldVerdicts fields = ReviewFields(report->fields);
  report->mrz_valid = digits_pass && !fields.invalid;
  internal::RunDocumentChecks(options, {!digits_pass, fields.problem}, report);
  report->valid = report->mrz_valid;
  for (const DocumentCheck& check : report->checks) {
    if (check.severity == Severity::kError) report->valid = false;
  }
  if (options.propose_corrections && !report->mrz_valid) {
    report->corrections = internal::ProposeCorrections(layout, lines, report->check_digits);
  }
}

}  // namespace

Result<DocumentReport> ParseMrz(std::string_view text, const CheckOptions& options) {
  // The report holds its fields inline and is large: every path returns this one object, so
  // that it is built where the caller receives it and never moved.
  Result<DocumentReport> result(std::in_place);
  Status normalized = internal::NormalizeMrz(text, &result->lines);
  if (normalized.ok()) {
    BuildReport(options, &*result);
  } else {
    result = Result<DocumentReport>(std::move(normalized));
  }
  return result;
}

}  // namespace limen::core::document
