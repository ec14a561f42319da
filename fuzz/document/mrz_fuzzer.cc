// libFuzzer target: any bytes must give a report or a clear error, never a crash, and the report
// must serialise to JSON. The same bytes also go through transliteration and name formatting.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/document/generate.h"
#include "core/document/internal/layout.h"
#include "core/document/mrz.h"
#include "core/document/names.h"
#include "server/api/document_json.h"

namespace doc = limen::core::document;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  doc::CheckOptions options;
  options.today = {2026, 11, 26};
  options.unrecognised_states = {"RKS"};
  const auto report = doc::ParseMrz(text, options);
  if (report.ok()) {
    const std::string json = limen::server::DocumentReportToJson(*report).dump();
    if (json.empty()) __builtin_trap();
    if (report->mrz_valid && !report->corrections.empty()) __builtin_trap();
    // The fast check used by the correction search agrees with the full evaluation.
    const auto& layout = doc::internal::LayoutFor(report->format);
    if (doc::internal::QuickCheckDigitsPass(layout, report->lines) !=
        doc::internal::AllCheckDigitsPass(report->check_digits)) {
      __builtin_trap();
    }
  } else if (report.status().reason().empty() || report.status().message().empty()) {
    __builtin_trap();
  }
  if (size > 0 && size < 40 &&
      text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<") == std::string_view::npos) {
    // On MRZ characters, the word-at-a-time name reading agrees with ParseMrzName wherever it
    // answers.
    char padded[40 + 48];
    std::memcpy(padded, data, size);
    std::memset(padded + size, '<', 48);
    doc::Names fast;
    doc::FieldText value;
    if (doc::internal::ReadNameField(std::string_view(padded, size), &fast, &value)) {
      const doc::Names want = doc::ParseMrzName(text);
      if (fast.primary != want.primary || fast.secondary != want.secondary ||
          fast.truncated != want.truncated) {
        __builtin_trap();
      }
    }
  }
  if (size < 256) {
    const std::string mrz = doc::TransliterateToMrz(text);
    if (mrz.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ<") != std::string::npos) {
      __builtin_trap();
    }
    doc::DocumentData data;
    data.format = static_cast<doc::DocumentFormat>(size % 6);
    data.primary_identifier = std::string(text);
    data.secondary_identifier = std::string(text.substr(size / 2));
    data.document_number = mrz.substr(0, 9 + size % 10);
    const auto generated = doc::GenerateMrz(data);
    if (generated.ok()) {
      std::string lines;
      for (const auto& line : generated->lines) lines += line + "\n";
      const auto reparsed = doc::ParseMrz(lines, options);
      if (!reparsed.ok()) __builtin_trap();
    }
  }
  return 0;
}
