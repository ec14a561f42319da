// `limen mrz`: parse and validate machine readable zones, or generate them from document data.
//
//   limen mrz [FILES...] [--today YYYY-MM-DD] [--expiry-warning-days N] [--age-of-majority N]
//             [--unrecognised-state CODE]... [--no-corrections]
//   limen mrz --generate [FILES...] [--mrz-only]
//
// Input comes from the files, or stdin when none (or "-") is given. MRZ documents are separated
// by blank lines; --generate reads JSON document data (one object, an array, or JSON Lines).
// Output is JSON Lines, one object per document (schema in docs/mrz.md). Files, stdin and the
// system clock are read here, never in core/document.
//
// Exit codes: 0 every document was read (each may still be invalid), 1 an option, file or JSON
// input could not be used, 2 at least one document could not be parsed (its line holds "error").
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "cli/commands.h"
#include "core/document/generate.h"
#include "core/document/mrz.h"
#include "server/api/document_json.h"
#include "server/api/errors.h"

namespace limen::cli {
namespace {

namespace doc = core::document;

struct MrzOptions {
  std::vector<std::string> files;
  bool generate = false;
  bool mrz_only = false;
  bool no_corrections = false;
  std::string today;
  int expiry_warning_days = 90;
  int age_of_majority = 18;
  std::vector<std::string> unrecognised_states;
};

[[noreturn]] void Fail(const std::string& message, int exit_code = 1) {
  std::cerr << "limen mrz: " << message << "\n";
  throw CLI::RuntimeError(exit_code);
}

void Print(const nlohmann::json& json) {
  std::cout << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

// The API's error shape ({"error":{"code","message","details"}}), so CLI and API agree.
nlohmann::json ErrorJson(const Status& status) {
  return nlohmann::json::parse(server::ErrorBody(status));
}

doc::CheckOptions MakeCheckOptions(const MrzOptions& options) {
  doc::CheckOptions check;
  if (options.today.empty()) {
    check.today = DateOf(SystemClock::Instance().Now());
  } else {
    const auto today = ParseDate(options.today);
    if (!today.has_value()) Fail("--today must be a date written YYYY-MM-DD.");
    check.today = *today;
  }
  if (options.expiry_warning_days < 0) Fail("--expiry-warning-days must not be negative.");
  check.expiry_warning_days = options.expiry_warning_days;
  check.age_of_majority = options.age_of_majority;
  check.unrecognised_states = options.unrecognised_states;
  check.propose_corrections = !options.no_corrections;
  return check;
}

// Calls `consume` with each input stream in turn: the named files, or stdin.
template <typename F>
void ForEachInput(const std::vector<std::string>& files, F consume) {
  if (files.empty()) {
    consume(std::cin);
    return;
  }
  for (const std::string& path : files) {
    if (path == "-") {
      consume(std::cin);
      continue;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) Fail("cannot open '" + path + "'; check the path and its permissions.");
    consume(file);
  }
}

// Reports on their way to stdout. They are collected in one buffer and written in large pieces
// (a write per report costs more than building it); the buffer is handed over whenever the input
// has nothing more buffered, so that a document reader typing into stdin sees each report as
// soon as its MRZ is read.
class ReportOutput {
 public:
  static constexpr size_t kFlushBytes = 64 * 1024;

  ~ReportOutput() { Flush(); }

  // Parses one MRZ block and appends its report (or its error) as one line; returns false when
  // the block could not be parsed.
  bool Parse(std::string_view block, const doc::CheckOptions& check) {
    const Result<doc::DocumentReport> report = doc::ParseMrz(block, check);
    if (report.ok()) {
      server::AppendDocumentReportJson(*report, &buffer_);
    } else {
      buffer_ +=
          ErrorJson(report.status()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    buffer_ += '\n';
    if (buffer_.size() >= kFlushBytes) Flush();
    return report.ok();
  }

  void Flush() {
    std::cout.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  std::string buffer_;
};

int RunParse(const MrzOptions& options) {
  const doc::CheckOptions check = MakeCheckOptions(options);
  bool all_parsed = true;
  ReportOutput output;
  ForEachInput(options.files, [&](std::istream& in) {
    std::string block;
    std::string line;
    while (true) {
      if (in.rdbuf()->in_avail() <= 0) output.Flush();  // The next read may wait for input.
      if (!std::getline(in, line)) break;
      if (Trim(line).empty()) {
        if (!block.empty()) all_parsed &= output.Parse(block, check);
        block.clear();
      } else {
        block += line;
        block += '\n';
      }
    }
    if (!block.empty()) all_parsed &= output.Parse(block, check);
  });
  output.Flush();
  return all_parsed ? 0 : 2;
}

std::vector<nlohmann::json> ReadJsonDocuments(std::istream& in) {
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<nlohmann::json> documents;
  nlohmann::json whole = nlohmann::json::parse(text, nullptr, false);
  if (!whole.is_discarded()) {
    if (whole.is_array()) {
      for (auto& item : whole) documents.push_back(std::move(item));
    } else {
      documents.push_back(std::move(whole));
    }
    return documents;
  }
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (Trim(line).empty()) continue;
    nlohmann::json item = nlohmann::json::parse(line, nullptr, false);
    if (item.is_discarded()) {
      Fail("line " + std::to_string(number) +
           " is not JSON; give one JSON object per line, "
           "a JSON array or a single object.");
    }
    documents.push_back(std::move(item));
  }
  return documents;
}

bool GenerateOne(const nlohmann::json& input, const doc::CheckOptions& check, bool mrz_only) {
  const auto data = server::DocumentDataFromJson(input);
  const auto generated =
      data.ok() ? doc::GenerateMrz(*data) : Result<doc::GeneratedMrz>(data.status());
  if (!generated.ok()) {
    Print(ErrorJson(generated.status()));
    return false;
  }
  if (mrz_only) {
    for (const std::string& line : generated->lines) std::cout << line << '\n';
    std::cout << '\n';
    return true;
  }
  std::string text;
  for (const std::string& line : generated->lines) text += line + "\n";
  const auto report = doc::ParseMrz(text, check);
  if (!report.ok()) {
    Print(ErrorJson(report.status()));
    return false;
  }
  Print(server::GeneratedMrzToJson(*generated, *report));
  return true;
}

int RunGenerate(const MrzOptions& options) {
  const doc::CheckOptions check = MakeCheckOptions(options);
  bool all_generated = true;
  ForEachInput(options.files, [&](std::istream& in) {
    for (const nlohmann::json& document : ReadJsonDocuments(in)) {
      all_generated &= GenerateOne(document, check, options.mrz_only);
    }
  });
  return all_generated ? 0 : 2;
}

}  // namespace

void RegisterMrzCommand(CLI::App& app) {
  auto options = std::make_shared<MrzOptions>();
  CLI::App* command = app.add_subcommand(
      "mrz", "Parse and validate machine readable zones (JSON Lines out), or generate them");
  command->add_option("files", options->files,
                      "Files to read (default or '-': stdin); MRZs separated by blank lines");
  command->add_flag("--generate", options->generate,
                    "Read JSON document data and write the MRZ with its report");
  command->add_flag("--mrz-only", options->mrz_only,
                    "With --generate: print only the MRZ lines, documents separated by blank "
                    "lines");
  command->add_option("--today", options->today,
                      "Date of the check, YYYY-MM-DD (default: today, UTC)");
  command
      ->add_option("--expiry-warning-days", options->expiry_warning_days,
                   "Warn when the document expires within this many days")
      ->capture_default_str();
  command
      ->add_option("--age-of-majority", options->age_of_majority,
                   "Holders younger than this are minors")
      ->capture_default_str()
      ->check(CLI::Range(0, 150));
  // One code per occurrence, so that files named after it are not taken for more codes.
  command
      ->add_option("--unrecognised-state", options->unrecognised_states,
                   "Issuing State whose documents this State does not recognise (repeatable)")
      ->allow_extra_args(false);
  command->add_flag("--no-corrections", options->no_corrections,
                    "Do not propose corrections of OCR confusions");
  command->callback([options] {
    const int exit_code = options->generate ? RunGenerate(*options) : RunParse(*options);
    std::cout.flush();
    if (exit_code != 0) throw CLI::RuntimeError(exit_code);
  });
}

}  // namespace limen::cli
