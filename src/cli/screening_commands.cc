// `limen screen` and `limen watchlist`: name screening against watchlists.
//
//   limen screen --list WATCHLIST --queries QUERIES.csv [--top N] [--threshold T] [--explain]
//   limen watchlist import FILE [--list-id ID] [--format F] [--version V] [--delta]
//                               [--drop-invalid-dates] [--dry-run] [--db PATH]
//   limen watchlist stats [FILE] [--db PATH]
//   limen watchlist export [--out FILE] [--db PATH]
//   limen watchlist diff OLD [NEW] [--db PATH]
//
// `screen` needs no server and no database: it loads the list file, screens each query row
// (header query_id,name,dob,nationality,sex; optional columns may be absent) and writes one JSON
// line per query, best hit first. Files are read here, never in core/screening.
//
// Exit codes: 0 success; 1 an option, a file or the store could not be used; 2 the list file has
// rejected rows (nothing was imported) or some query rows could not be screened.
#include <CLI/CLI.hpp>

#include <fstream>
#include <functional>
#include <optional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/screening/csv.h"
#include "core/screening/import.h"
#include "core/screening/screener.h"
#include "server/api/screening_json.h"

namespace limen::cli {
namespace {

namespace scr = core::screening;
using nlohmann::json;

enum class RejectPolicy { kFail, kWarnAndSkip };

// Prints "limen: <what>: <message>" and exits with `code` (via CLI::RuntimeError).
[[noreturn]] void Fail(const std::string& what, const Status& status, int code = 1) {
  std::cerr << "limen: " << what << ": " << status.reason() << ": " << status.message() << "\n";
  throw CLI::RuntimeError(code);
}

void ExitIfError(const Status& status, const std::string& what) {
  if (!status.ok()) Fail(what, status);
}

std::string ReadFileOrExit(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Fail(path, NotFound("FILE_OPEN", "cannot open the file; check the path and permissions."));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::optional<scr::ImportFormat> ParseFormat(std::string_view name) {
  if (name == "csv") return scr::ImportFormat::kCsv;
  if (name == "ftm") return scr::ImportFormat::kFtmJsonLines;
  if (name == "un-xml") return scr::ImportFormat::kUnXml;
  return std::nullopt;
}

// Shows progress on stderr for files over a megabyte.
std::function<void(size_t, size_t)> ProgressPrinter(size_t bytes) {
  if (bytes < (1u << 20)) return {};
  return [](size_t done, size_t total) {
    std::cerr << "\rimporting: " << (total ? done * 100 / total : 100) << "%" << std::flush;
    if (done >= total) std::cerr << "\n";
  };
}

void PrintRejected(const scr::ImportResult& result) {
  for (const scr::RejectedRow& row : result.warnings) {
    std::cerr << "warning: " << row.code << ": " << row.message << "\n";
  }
  for (const scr::RejectedRow& row : result.rejected) {
    std::cerr << "rejected: " << row.code << ": " << row.message << "\n";
  }
}

// Loads and parses a list file; exits on whole-file errors, and on rejected rows when the
// policy is kFail (an import is all or nothing).
scr::ImportResult LoadListOrExit(const std::string& path, const std::string& format,
                                 scr::ImportOptions options, RejectPolicy policy) {
  std::string text = ReadFileOrExit(path);
  scr::ImportFormat chosen = scr::DetectImportFormat(path, text);
  if (format != "auto") {
    std::optional<scr::ImportFormat> parsed = ParseFormat(format);
    if (!parsed) {
      Fail("--format", InvalidArgument("WATCHLIST_FORMAT", "use auto, csv, ftm or un-xml."));
    }
    chosen = *parsed;
  }
  options.progress = ProgressPrinter(text.size());
  Result<scr::ImportResult> result = scr::ImportWatchlist(text, chosen, options);
  ExitIfError(result.status(), path);
  PrintRejected(*result);
  if (!result->rejected.empty() && policy == RejectPolicy::kFail) {
    std::cerr << "limen: " << path << ": " << result->rejected.size()
              << " rows rejected; nothing was imported. Fix them and run the command again.\n";
    throw CLI::RuntimeError(2);
  }
  return std::move(result).value();
}

struct ScreenOptions {
  std::string list;
  std::string queries;
  std::string format = "auto";
  size_t top = 10;
  double threshold = -1.0;
  bool explain = false;
  bool strict = false;
};

scr::ScreeningQuery QueryFromRow(const scr::CsvHeader& header, const scr::CsvRecord& row,
                                 int& bad_rows) {
  scr::ScreeningQuery query;
  query.names.emplace_back(header.Get(row, "name"));
  std::string_view dob = header.Get(row, "dob");
  query.date_of_birth = scr::ParsePartialDate(dob);
  if (!dob.empty() && !query.date_of_birth) {
    std::cerr << "limen screen: line " << row.line << ": date of birth \"" << dob
              << "\" is not YYYY, YYYY-MM or YYYY-MM-DD between 1850 and 2100; ignored.\n";
    ++bad_rows;
  }
  query.nationality = scr::CountryAlpha3(header.Get(row, "nationality"));
  query.sex = scr::ParseSex(header.Get(row, "sex")).value_or(scr::Sex::kUnknown);
  query.document_number = std::string(header.Get(row, "document"));
  return query;
}

json HitsJson(const scr::ScreeningResult& result, bool explain) {
  json hits = json::array();
  for (const scr::ScreeningHit& hit : result.hits) {
    if (explain) {
      hits.push_back(server::ScreeningHitToJson(hit));
    } else {
      hits.push_back({{"id", hit.entry_id}, {"score", hit.score}, {"alert", hit.alert}});
    }
  }
  return hits;
}

void RunScreen(const ScreenOptions& options) {
  scr::ImportOptions import_options;
  import_options.drop_invalid_dates = !options.strict;
  scr::ImportResult list = LoadListOrExit(options.list, options.format, import_options,
                                          options.strict ? RejectPolicy::kFail
                                                         : RejectPolicy::kWarnAndSkip);
  scr::Screener screener;
  screener.Replace(std::move(list.entries), options.list);
  std::string text = ReadFileOrExit(options.queries);
  Result<std::vector<scr::CsvRecord>> rows = scr::ParseCsv(text);
  ExitIfError(rows.status(), "reading " + options.queries);
  if (rows->empty()) return;
  scr::CsvHeader header(rows->front());
  if (!header.Find("query_id") || !header.Find("name")) {
    ExitIfError(InvalidArgument("SCREEN_QUERIES_HEADER",
                                "Line 1: the queries file needs query_id and name columns "
                                "(header query_id,name,dob,nationality,sex)."),
                options.queries);
  }
  scr::ScreeningOptions screening;
  screening.top_n = options.top;
  if (options.threshold >= 0) screening.alert_threshold = options.threshold;
  int bad_rows = 0;
  for (size_t r = 1; r < rows->size(); ++r) {
    const scr::CsvRecord& row = (*rows)[r];
    json line = {{"query_id", std::string(header.Get(row, "query_id"))}};
    Result<scr::ScreeningResult> result =
        screener.Screen(QueryFromRow(header, row, bad_rows), screening);
    if (!result.ok()) {
      std::cerr << "limen screen: line " << row.line << ": " << result.status().message() << "\n";
      line["error"] = result.status().reason();
      line["hits"] = json::array();
      ++bad_rows;
    } else {
      line["hits"] = HitsJson(*result, options.explain);
    }
    std::cout << line.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }
  std::cout.flush();
  if (bad_rows > 0) throw CLI::RuntimeError(2);
}

void RegisterScreen(CLI::App& app) {
  auto options = std::make_shared<ScreenOptions>();
  CLI::App* screen = app.add_subcommand(
      "screen", "Screen a CSV of queries against a watchlist file (no server, no database)");
  screen->add_option("--list", options->list, "Watchlist file (CSV, FtM JSON Lines or UN XML)")
      ->required();
  screen->add_option("--queries", options->queries,
                     "Queries CSV: query_id,name[,dob,nationality,sex,document]")
      ->required();
  screen->add_option("--top", options->top, "Hits per query (default 10)")
      ->check(CLI::Range(1, 1000));
  screen->add_option("--threshold", options->threshold, "Alert threshold (default 0.75)")
      ->check(CLI::Range(0.0, 1.0));
  screen->add_option("--format", options->format, "List format: auto, csv, ftm, un-xml");
  screen->add_flag("--explain", options->explain, "Include matched names and fired features");
  screen->add_flag("--strict", options->strict, "Fail on any rejected list row");
  screen->callback([options] { RunScreen(*options); });
}

}  // namespace

void RegisterScreeningCommands(CLI::App& app) {
  RegisterScreen(app);
  RegisterWatchlist(app);
}

}  // namespace limen::cli
