// Border checks that depend on the document alone. Each has a stable code and an English
// message telling the officer what to do; messages are written only for checks that fire.
#include <string>

#include "core/document/internal/layout.h"
#include "core/document/internal/text.h"

namespace limen::core::document::internal {
namespace {

constexpr std::string_view kSpecimenWords[] = {
    "SPECIMEN",    "SPECIMAN", "SPECIMINE", "MUSTERMANN", "MUSTERFRAU",
    "ECHANTILLON", "MUESTRA",  "SAMPLE",    "VZOR",       "WZOR"};
// Document numbers printed on widely published specimens (ICAO Doc 9303, German cards).
constexpr std::string_view kSpecimenNumbers[] = {"L898902C3", "D23145890", "D231458907",
                                                 "C01X00T47", "T22000129", "L01X00T47"};

// The check code and the words for each check digit a layout can have.
struct CheckDigitWords {
  std::string_view name;
  std::string_view code;
  std::string_view human;
};
constexpr CheckDigitWords kCheckDigitWords[] = {
    {"document_number", "CHECK_DIGIT_DOCUMENT_NUMBER", "document number"},
    {"birth_date", "CHECK_DIGIT_BIRTH_DATE", "birth date"},
    {"expiry_date", "CHECK_DIGIT_EXPIRY_DATE", "expiry date"},
    {"optional_data", "CHECK_DIGIT_OPTIONAL_DATA", "optional data"},
    {"composite", "CHECK_DIGIT_COMPOSITE", "composite"},
};

void Add(DocumentReport* report, std::string_view code, Severity severity, std::string_view field,
         std::string message) {
  if (report->checks.empty()) report->checks.reserve(4);
  report->checks.push_back({code, severity, field, std::move(message)});
}

void CheckDigits(DocumentReport* report) {
  for (const CheckDigit& check : report->check_digits) {
    if (check.verdict == Verdict::kValid) continue;
    for (const CheckDigitWords& words : kCheckDigitWords) {
      if (words.name != check.name) continue;
      Add(report, words.code, Severity::kError, words.name,
          Concat({"The ", words.human, " check digit reads '", std::string_view(&check.found, 1),
                  "' but the MRZ gives '", std::string_view(&check.expected, 1),
                  "'; compare the MRZ with the document and read it again."}));
    }
  }
}

void FieldProblems(DocumentReport* report) {
  for (const Field& field : report->fields) {
    if (field.verdict == Verdict::kValid || field.reason == "CHECK_DIGIT") continue;
    Severity severity = field.verdict == Verdict::kInvalid ? Severity::kError : Severity::kWarning;
    if (field.reason == "NAME_TRUNCATED" || field.reason == "EXPIRY_ABSENT") {
      severity = Severity::kInfo;
    }
    Add(report, field.reason, severity, field.name, field.message);
  }
}

int AgeOn(const CivilDate& birth, const CivilDate& day) {
  int age = day.year - birth.year;
  if (day.month < birth.month || (day.month == birth.month && day.day < birth.day)) --age;
  return age;
}

void Expiry(const CheckOptions& options, DocumentReport* report) {
  if (!report->expiry_date.has_value()) return;
  const CivilDate& expiry = *report->expiry_date;
  char date[10];
  if (expiry < options.today) {
    Add(report, "DOCUMENT_EXPIRED", Severity::kError, "expiry_date",
        Concat({"The document expired on ", MessageText::Date(expiry, date),
                "; it is not valid for travel."}));
    return;
  }
  // Most documents expire years ahead: every whole year in between has at least 365 days, so
  // no day count is needed to know they are outside the warning window.
  if (expiry.year > options.today.year + options.expiry_warning_days / 365 + 1) return;
  const int64_t days_left = DaysFromCivil(expiry) - DaysFromCivil(options.today);
  if (days_left <= options.expiry_warning_days) {
    char days[24];
    Add(report, "DOCUMENT_EXPIRES_SOON", Severity::kWarning, "expiry_date",
        Concat({"The document expires on ", MessageText::Date(expiry, date), ", in ",
                MessageText::Number(days_left, days),
                " day(s); check that it covers the intended stay."}));
  }
}

void Minor(const CheckOptions& options, DocumentReport* report) {
  if (!report->birth_date.has_value()) return;
  const int age = AgeOn(*report->birth_date, options.today);
  if (age >= 0 && age < options.age_of_majority) {
    char years[24];
    char majority[24];
    Add(report, "HOLDER_MINOR", Severity::kWarning, "birth_date",
        Concat({"The holder is ", MessageText::Number(age, years), " years old, under ",
                MessageText::Number(options.age_of_majority, majority),
                "; check who accompanies the minor and any travel consent."}));
  }
}

// The first letters of the specimen words, one bit per letter A-Z.
constexpr uint32_t kSpecimenInitials = [] {
  uint32_t initials = 0;
  for (std::string_view word : kSpecimenWords) initials |= 1u << (word[0] - 'A');
  return initials;
}();

bool IsSpecimenWord(std::string_view word) {
  const unsigned initial = static_cast<unsigned char>(word[0]) - 'A';
  if (initial > 25 || (kSpecimenInitials >> initial & 1) == 0) return false;
  for (std::string_view specimen : kSpecimenWords) {
    if (word == specimen) return true;
  }
  return false;
}

bool HasSpecimenWord(std::string_view words) {
  size_t start = 0;
  while (start < words.size()) {
    size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (end > start && IsSpecimenWord(words.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

void Specimen(DocumentReport* report) {
  const bool utopia = report->issuing_state == "UTO" || report->nationality == "UTO";
  const bool name =
      HasSpecimenWord(report->names.primary) || HasSpecimenWord(report->names.secondary);
  bool number = false;
  const std::string& document_number = report->document_number;
  for (std::string_view specimen : kSpecimenNumbers) {
    number |= !document_number.empty() && document_number[0] == specimen[0] &&
              document_number == specimen;
  }
  if (!utopia && !name && !number) return;
  const std::string_view why = utopia ? "its State code is Utopia (UTO)"
                               : name ? "the name is a specimen name"
                                      : "its number is a published specimen number";
  Add(report, "SPECIMEN_DOCUMENT", Severity::kError, utopia ? "issuing_state" : "",
      Concat({"This is a specimen document: ", why,
              ". It is not a travel document; refer the traveller to a supervisor."}));
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    char c = a[index];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != b[index]) return false;
  }
  return true;
}

void Recognition(const CheckOptions& options, DocumentReport* report) {
  if (report->issuing_state.empty()) return;
  for (const std::string& state : options.unrecognised_states) {
    if (EqualsIgnoringCase(state, report->issuing_state)) {
      Add(report, "ISSUING_STATE_NOT_RECOGNISED", Severity::kError, "issuing_state",
          Concat({"Documents issued by ", report->issuing_state,
                  " are not recognised by this State; follow the instructions for "
                  "unrecognised documents."}));
    }
  }
}

void Consistency(const CheckOptions& options, DocumentReport* report) {
  const auto& birth = report->birth_date;
  const auto& expiry = report->expiry_date;
  if (birth.has_value() && expiry.has_value() && *expiry <= *birth) {
    Add(report, "FIELDS_INCONSISTENT", Severity::kError, "expiry_date",
        "The expiry date is not after the birth date; compare both dates with the document.");
  }
  if (birth.has_value() && AgeOn(*birth, options.today) > 130) {
    Add(report, "FIELDS_INCONSISTENT", Severity::kError, "birth_date",
        "The birth date makes the holder older than 130 years; compare it with the document.");
  }
  if (report->format != DocumentFormat::kFrenchId) return;
  const Field* admin = report->FindField("administrative_code");
  if (admin != nullptr && report->document_number.size() == 12 && admin->raw.size() == 6 &&
      report->document_number.compare(4, 3, admin->raw, 0, 3) != 0) {
    Add(report, "FIELDS_INCONSISTENT", Severity::kWarning, "administrative_code",
        "The department in the card number differs from the issuing office code; compare both "
        "lines with the card.");
  }
}

}  // namespace

void RunDocumentChecks(const CheckOptions& options, const Findings& findings,
                       DocumentReport* report) {
  if (findings.check_digit_failed) CheckDigits(report);
  if (findings.field_problem) FieldProblems(report);
  Expiry(options, report);
  Minor(options, report);
  Specimen(report);
  Recognition(options, report);
  Consistency(options, report);
}

}  // namespace limen::core::document::internal
