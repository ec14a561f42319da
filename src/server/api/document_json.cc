#include "server/api/document_json.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "core/document/names.h"
#include "core/document/state_codes.h"

namespace limen::server {
namespace {

namespace doc = core::document;
using nlohmann::json;

// The report writer: compact JSON with the keys of every object in sorted order. A report is a
// few hundred small pieces; each is written straight into room made ahead in *out (grown in large
// steps, cut to size at the end) rather than appended with its own capacity check and copy call.
class ReportWriter {
 public:
  explicit ReportWriter(std::string* out)
      : out_(*out), next_(out->data() + out->size()), end_(next_) {}
  ~ReportWriter() { out_.resize(static_cast<size_t>(next_ - out_.data())); }
  ReportWriter(const ReportWriter&) = delete;
  ReportWriter& operator=(const ReportWriter&) = delete;

  void Report(const doc::DocumentReport& report) {
    Raw("{\"birth_date\":");
    DateOrNull(report.birth_date);
    Raw(",\"check_digits\":");
    Array(report.check_digits, &ReportWriter::CheckDigit);
    Raw(",\"checks\":");
    Array(report.checks, &ReportWriter::Check);
    Raw(",\"corrections\":");
    Array(report.corrections, &ReportWriter::Correction);
    Raw(",\"document_code\":");
    String(report.document_code);
    Raw(",\"document_number\":");
    String(report.document_number);
    Raw(",\"expiry_date\":");
    DateOrNull(report.expiry_date);
    Raw(",\"fields\":");
    Array(report.fields, &ReportWriter::Field);
    Raw(",\"format\":");
    String(doc::DocumentFormatName(report.format));
    Raw(",\"issuing_state\":");
    State(report.issuing_state);
    Raw(",\"lines\":[");
    for (int index = 0; index < report.lines.count(); ++index) {
      if (index > 0) Raw(",");
      String(report.lines.line(index));
    }
    Raw("]");
    Raw(",\"mrz_valid\":");
    Bool(report.mrz_valid);
    Raw(",\"names\":{\"display\":");
    DisplayName(report.names);
    Raw(",\"primary\":");
    String(report.names.primary);
    Raw(",\"secondary\":");
    String(report.names.secondary);
    Raw(",\"truncated\":");
    Bool(report.names.truncated);
    Raw("},\"nationality\":");
    State(report.nationality);
    Raw(",\"sex\":");
    String(report.sex);
    Raw(",\"valid\":");
    Bool(report.valid);
    Raw("}");
  }

 private:
  // Room is made this much ahead (it is zero-filled when made, so not more than a report needs).
  static constexpr size_t kGrowth = 1024;

  // Room for `size` more bytes after what is written.
  char* Room(size_t size) {
    if (static_cast<size_t>(end_ - next_) < size) [[unlikely]]
      Grow(size);
    return next_;
  }
  [[gnu::noinline]] void Grow(size_t size) {
    const size_t used = static_cast<size_t>(next_ - out_.data());
    out_.resize(used + size + kGrowth);
    next_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }

  template <size_t N>
  void Raw(const char (&text)[N]) {  // A literal: a copy of known size, done inline.
    std::memcpy(Room(N - 1), text, N - 1);
    next_ += N - 1;
  }
  void Raw(std::string_view text) {
    std::memcpy(Room(text.size()), text.data(), text.size());
    next_ += text.size();
  }

  // Copies `text` as a JSON string. Report strings almost never need escaping, so they are
  // copied eight bytes at a time while being checked, and escaped afterwards if they must be.
  void String(std::string_view text) {
    const size_t size = text.size();
    const char* const from = text.data();
    char* const quoted = Room(size + 2);
    quoted[0] = '"';
    bool plain = true;
    if (size >= 8) {
      uint64_t word;
      for (size_t index = 0; index + 8 <= size; index += 8) {
        std::memcpy(&word, from + index, 8);
        plain &= PlainWord(word);
        std::memcpy(quoted + 1 + index, &word, 8);
      }
      std::memcpy(&word, from + size - 8, 8);  // The last eight, overlapping the copy before.
      plain &= PlainWord(word);
      std::memcpy(quoted + 1 + size - 8, &word, 8);
    } else if (size >= 4) {  // Two overlapping copies of four bytes, checked as one word.
      uint32_t low;
      uint32_t high;
      std::memcpy(&low, from, 4);
      std::memcpy(&high, from + size - 4, 4);
      plain = PlainWord(low | uint64_t{high} << 32);
      std::memcpy(quoted + 1, &low, 4);
      std::memcpy(quoted + 1 + size - 4, &high, 4);
    } else if (size > 0) {  // The first, middle and last bytes, padded with plain ones.
      const auto byte = [&](size_t index) {
        return uint64_t{static_cast<unsigned char>(from[index])};
      };
      plain = PlainWord(byte(0) | byte(size / 2) << 8 | byte(size - 1) << 16 | 0x4141414141000000u);
      quoted[1] = from[0];
      quoted[1 + size / 2] = from[size / 2];
      quoted[size] = from[size - 1];
    }
    if (plain) {
      quoted[1 + size] = '"';
      next_ += size + 2;
      return;
    }
    next_ += 1;  // Keeps the opening quote.
    std::string escaped;
    AppendJsonEscaped(escaped, text);
    Raw(escaped);
    Raw("\"");
  }

  // True when no byte of `word` needs escaping: none is below 0x20, '"' or '\\' (each test
  // tells whether some byte is below a bound; bytes from 0x80 up are UTF-8 and stay as they are).
  static bool PlainWord(uint64_t word) {
    constexpr uint64_t kOnes = 0x0101010101010101u;
    constexpr uint64_t kHighs = 0x8080808080808080u;
    const auto any_below = [](uint64_t bytes, uint64_t bound) {
      return (bytes - kOnes * bound) & ~bytes & kHighs;
    };
    const uint64_t quotes = word ^ (kOnes * '"');
    const uint64_t backslashes = word ^ (kOnes * '\\');
    return (any_below(word, 0x20) | any_below(quotes, 1) | any_below(backslashes, 1)) == 0;
  }

  void Char(char c) { String(std::string_view(&c, 1)); }
  // Positions and lengths are small: their digits are written without a temporary string.
  void Number(int64_t value) {
    char* const digits = Room(24);
    next_ = std::to_chars(digits, digits + 24, value).ptr;
  }
  void Bool(bool value) { Raw(value ? std::string_view("true") : std::string_view("false")); }

  // A date as FormatDate writes it (YYYY-MM-DD), without formatting through a temporary.
  void DateOrNull(const std::optional<CivilDate>& date) {
    if (!date.has_value() || date->year < 0 || date->year > 9999) {
      if (date.has_value()) {
        String(FormatDate(*date));
      } else {
        Raw("null");
      }
      return;
    }
    const auto digit = [](int value) { return static_cast<char>('0' + value % 10); };
    const int year = date->year;
    const char text[] = {'"',
                         digit(year / 1000),
                         digit(year / 100),
                         digit(year / 10),
                         digit(year),
                         '-',
                         digit(date->month / 10),
                         digit(date->month),
                         '-',
                         digit(date->day / 10),
                         digit(date->day),
                         '"'};
    Raw(std::string_view(text, sizeof(text)));
  }

  // "Anna Maria Eriksson": the secondary identifier, then the primary, in display form
  // (MrzNameToDisplay), written in place.
  void DisplayName(const doc::Names& names) {
    char* const display = Room(names.secondary.size() + names.primary.size() + 1);
    size_t size = doc::WriteMrzNameDisplay(names.secondary, display);
    if (size > 0) display[size++] = ' ';
    size += doc::WriteMrzNameDisplay(names.primary, display + size);
    // Through String for the quotes and any escaping (the text is copied out of the room first,
    // since String writes there).
    char copy[128];
    if (size <= sizeof(copy)) {
      std::memcpy(copy, display, size);
      String(std::string_view(copy, size));
    } else {
      String(std::string(display, size));
    }
  }

  void State(const std::string& code) {
    const auto info = doc::LookupStateCode(code);
    Raw("{\"code\":");
    String(code);
    Raw(",\"name\":");
    if (info.has_value()) {
      String(info->name);
    } else {
      Raw("null");
    }
    Raw("}");
  }

  void Lines(const std::vector<std::string>& lines) {
    Raw("[");
    for (size_t index = 0; index < lines.size(); ++index) {
      if (index > 0) Raw(",");
      String(lines[index]);
    }
    Raw("]");
  }

  template <typename List, typename T>
  void Array(const List& items, void (ReportWriter::*write)(const T&)) {
    Raw("[");
    for (size_t index = 0; index < items.size(); ++index) {
      if (index > 0) Raw(",");
      (this->*write)(items[index]);
    }
    Raw("]");
  }

  void Field(const doc::Field& field) {
    Raw("{\"column\":");
    Number(field.position.column + 1);
    Raw(",\"length\":");
    Number(field.position.length);
    Raw(",\"line\":");
    Number(field.position.line + 1);
    if (!field.reason.empty()) {
      Raw(",\"message\":");
      String(field.message);
    }
    Raw(",\"name\":");
    String(field.name);
    Raw(",\"raw\":");
    String(field.raw);
    if (!field.reason.empty()) {
      Raw(",\"reason\":");
      String(field.reason);
    }
    Raw(",\"value\":");
    String(field.value);
    Raw(",\"verdict\":");
    String(doc::VerdictName(field.verdict));
    Raw("}");
  }

  void CheckDigit(const doc::CheckDigit& check) {
    Raw("{\"column\":");
    Number(check.position.column + 1);
    Raw(",\"expected\":");
    Char(check.expected);
    Raw(",\"found\":");
    Char(check.found);
    Raw(",\"line\":");
    Number(check.position.line + 1);
    Raw(",\"name\":");
    String(check.name);
    if (!check.variant.empty()) {
      Raw(",\"variant\":");
      String(check.variant);
    }
    Raw(",\"verdict\":");
    String(doc::VerdictName(check.verdict));
    Raw("}");
  }

  void Check(const doc::DocumentCheck& check) {
    Raw("{\"code\":");
    String(check.code);
    Raw(",\"field\":");
    if (check.field.empty()) {
      Raw("null");
    } else {
      String(check.field);
    }
    Raw(",\"message\":");
    String(check.message);
    Raw(",\"severity\":");
    String(doc::SeverityName(check.severity));
    Raw("}");
  }

  void Change(const doc::CharacterChange& change) {
    Raw("{\"column\":");
    Number(change.column + 1);
    Raw(",\"field\":");
    String(change.field);
    Raw(",\"from\":");
    Char(change.from);
    Raw(",\"line\":");
    Number(change.line + 1);
    Raw(",\"to\":");
    Char(change.to);
    Raw("}");
  }

  void Correction(const doc::Correction& correction) {
    Raw("{\"basis\":");
    String(correction.basis);
    Raw(",\"changes\":");
    Array(correction.changes, &ReportWriter::Change);
    Raw(",\"lines\":");
    Lines(correction.corrected_lines);
    Raw("}");
  }

  std::string& out_;
  char* next_;  // Where the next byte goes in out_; from there to end_ is room.
  char* end_;
};

Status JsonError(const std::string& message) {
  return InvalidArgument("DOCUMENT_JSON",
                         message + "; see docs/mrz.md for the document data keys.");
}

std::optional<doc::DocumentFormat> FormatByName(const std::string& name) {
  for (auto format :
       {doc::DocumentFormat::kTd1, doc::DocumentFormat::kTd2, doc::DocumentFormat::kTd3,
        doc::DocumentFormat::kMrvA, doc::DocumentFormat::kMrvB, doc::DocumentFormat::kFrenchId}) {
    if (doc::DocumentFormatName(format) == name) return format;
  }
  return std::nullopt;
}

Result<std::string> StringAt(const json& object, const char* key) {
  if (!object.contains(key) || object.at(key).is_null()) return std::string();
  if (!object.at(key).is_string()) return JsonError(std::string("'") + key + "' must be a string");
  return object.at(key).get<std::string>();
}

Result<std::optional<CivilDate>> DateAt(const json& object, const char* key) {
  LIMEN_ASSIGN_OR_RETURN(std::string text, StringAt(object, key));
  if (text.empty()) return std::optional<CivilDate>();
  const auto date = ParseDate(text);
  if (!date.has_value()) {
    return JsonError(std::string("'") + key + "' must be a date written YYYY-MM-DD");
  }
  return std::optional<CivilDate>(date);
}

Status CheckKeys(const json& object) {
  static const std::set<std::string> kKeys = {"format",
                                              "document_code",
                                              "issuing_state",
                                              "primary_identifier",
                                              "secondary_identifier",
                                              "document_number",
                                              "nationality",
                                              "birth_date",
                                              "expiry_date",
                                              "sex",
                                              "optional_data",
                                              "optional_data_2",
                                              "administrative_code",
                                              "long_number_reading"};
  for (const auto& item : object.items()) {
    if (kKeys.count(item.key()) == 0) return JsonError("unknown key '" + item.key() + "'");
  }
  return Status::Ok();
}

Status ReadEnums(const json& object, doc::DocumentData* data) {
  LIMEN_ASSIGN_OR_RETURN(std::string format, StringAt(object, "format"));
  if (!format.empty()) {
    const auto found = FormatByName(format);
    if (!found.has_value()) {
      return JsonError("'format' must be TD1, TD2, TD3, MRV-A, MRV-B or FRA-ID");
    }
    data->format = *found;
  }
  LIMEN_ASSIGN_OR_RETURN(std::string reading, StringAt(object, "long_number_reading"));
  if (reading == "with_filler") {
    data->long_number_reading = doc::LongNumberReading::kWithFiller;
  } else if (!reading.empty() && reading != "without_filler") {
    return JsonError("'long_number_reading' must be without_filler or with_filler");
  }
  return Status::Ok();
}

}  // namespace

void AppendDocumentReportJson(const doc::DocumentReport& report, std::string* out) {
  ReportWriter(out).Report(report);
}

json DocumentReportToJson(const doc::DocumentReport& report) {
  std::string text;
  AppendDocumentReportJson(report, &text);
  return json::parse(text);
}

Result<doc::DocumentData> DocumentDataFromJson(const json& json_data) {
  if (!json_data.is_object()) return JsonError("the document data must be a JSON object");
  LIMEN_RETURN_IF_ERROR(CheckKeys(json_data));
  doc::DocumentData data;
  LIMEN_RETURN_IF_ERROR(ReadEnums(json_data, &data));
  const std::pair<const char*, std::string*> strings[] = {
      {"document_code", &data.document_code},
      {"issuing_state", &data.issuing_state},
      {"primary_identifier", &data.primary_identifier},
      {"secondary_identifier", &data.secondary_identifier},
      {"document_number", &data.document_number},
      {"nationality", &data.nationality},
      {"sex", &data.sex},
      {"optional_data", &data.optional_data},
      {"optional_data_2", &data.optional_data_2},
      {"administrative_code", &data.administrative_code}};
  for (const auto& [key, target] : strings) {
    LIMEN_ASSIGN_OR_RETURN(*target, StringAt(json_data, key));
  }
  if (data.sex.empty()) data.sex = "<";
  LIMEN_ASSIGN_OR_RETURN(data.birth_date, DateAt(json_data, "birth_date"));
  LIMEN_ASSIGN_OR_RETURN(data.expiry_date, DateAt(json_data, "expiry_date"));
  return data;
}

json GeneratedMrzToJson(const doc::GeneratedMrz& generated, const doc::DocumentReport& report) {
  return {{"lines", generated.lines},
          {"name_truncated", generated.name_truncated},
          {"report", DocumentReportToJson(report)}};
}

}  // namespace limen::server
