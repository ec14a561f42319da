// `limen screen` and `limen watchlist`: name screening against watchlists.
//
//   limen screen --list WATCHLIST --queries QUERIES.csv [--top N] [--threshold T] [--explain]
//                [--timing]
//   limen watchlist import FILE [--list-id ID] [--format F] [--version V] [--delta]
//                               [--drop-invalid-dates] [--dry-run] [--db PATH]
//   limen watchlist stats [FILE] [--db PATH]
//   limen watchlist export [--out FILE] [--db PATH]
//   limen watchlist diff OLD [NEW] [--db PATH]
//
// `screen` needs no server and no database: it loads the list file, screens each query row
// (header query_id,name,dob,nationality,sex; optional columns may be absent) and writes one JSON
// line per query, best hit first. Files are read here, never in core/screening. `--timing`
// prints to stderr the wall and CPU time of screening the queries and writing their lines, on
// this one thread, without the list load and index build (for side-by-side benchmarks).
//
// Exit codes: 0 success; 1 an option, a file or the store could not be used; 2 the list file has
// rejected rows (nothing was imported) or some query rows could not be screened.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/screening/csv.h"
#include "core/screening/import.h"
#include "core/screening/screener.h"
#include "server/api/screening_json.h"
#include "store/store.h"
#include "store/watchlist_store.h"

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

std::string ReadListFileOrExit(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) Fail(path, text.status());
  return std::move(*text);
}

std::optional<scr::ImportFormat> ParseFormat(std::string_view name) {
  if (name == "csv") return scr::ImportFormat::kCsv;
  if (name == "ftm") return scr::ImportFormat::kFtmJsonLines;
  if (name == "un-xml") return scr::ImportFormat::kUnXml;
  return std::nullopt;
}

// Shows progress on stderr for files over a megabyte.
std::function<void(size_t, size_t)> ListProgressPrinter(size_t bytes) {
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
  std::string text = ReadListFileOrExit(path);
  scr::ImportFormat chosen = scr::DetectImportFormat(path, text);
  if (format != "auto") {
    std::optional<scr::ImportFormat> parsed = ParseFormat(format);
    if (!parsed) {
      Fail("--format", InvalidArgument("WATCHLIST_FORMAT", "use auto, csv, ftm or un-xml."));
    }
    chosen = *parsed;
  }
  options.progress = ListProgressPrinter(text.size());
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
  bool timing = false;
  size_t posting_budget = 0;  // 0: the engine's default.
};

// Wall and CPU time of a stretch of this thread's work.
class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(ThreadCpuSeconds()) {}
  double WallSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
  }
  double CpuSeconds() const { return ThreadCpuSeconds() - cpu_; }

 private:
  static double ThreadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
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

// Ordered so that each line reads query_id first and each hit id, score, alert.
using ordered_json = nlohmann::ordered_json;

ordered_json HitsJson(const scr::ScreeningResult& result, bool explain) {
  ordered_json hits = ordered_json::array();
  for (const scr::ScreeningHit& hit : result.hits) {
    ordered_json item = {{"id", hit.entry_id}, {"score", hit.score}, {"alert", hit.alert}};
    if (explain) {
      item["explanation"] = ordered_json::parse(
          server::ScreeningHitToJson(hit).dump(-1, ' ', false, json::error_handler_t::replace));
    }
    hits.push_back(std::move(item));
  }
  return hits;
}

void RunScreen(const ScreenOptions& options) {
  scr::ImportOptions import_options;
  import_options.drop_invalid_dates = !options.strict;
  scr::ImportResult list =
      LoadListOrExit(options.list, options.format, import_options,
                     options.strict ? RejectPolicy::kFail : RejectPolicy::kWarnAndSkip);
  scr::Screener screener;
  screener.Replace(std::move(list.entries), options.list);
  std::string text = ReadListFileOrExit(options.queries);
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
  if (options.posting_budget > 0) screening.posting_budget = options.posting_budget;
  int bad_rows = 0;
  const Stopwatch stopwatch;
  for (size_t r = 1; r < rows->size(); ++r) {
    const scr::CsvRecord& row = (*rows)[r];
    ordered_json line = {{"query_id", std::string(header.Get(row, "query_id"))}};
    Result<scr::ScreeningResult> result =
        screener.Screen(QueryFromRow(header, row, bad_rows), screening);
    if (!result.ok()) {
      std::cerr << "limen screen: line " << row.line << ": " << result.status().message() << "\n";
      line["error"] = result.status().reason();
      line["hits"] = ordered_json::array();
      ++bad_rows;
    } else {
      line["hits"] = HitsJson(*result, options.explain);
    }
    std::cout << line.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << "\n";
  }
  std::cout.flush();
  if (options.timing) {
    std::fprintf(stderr, "limen screen: timing: %zu queries, %.6f s wall, %.6f s CPU\n",
                 rows->size() - 1, stopwatch.WallSeconds(), stopwatch.CpuSeconds());
  }
  if (bad_rows > 0) throw CLI::RuntimeError(2);
}

void RegisterScreen(CLI::App& app) {
  auto options = std::make_shared<ScreenOptions>();
  CLI::App* screen = app.add_subcommand(
      "screen", "Screen a CSV of queries against a watchlist file (no server, no database)");
  screen->add_option("--list", options->list, "Watchlist file (CSV, FtM JSON Lines or UN XML)")
      ->required();
  screen
      ->add_option("--queries", options->queries,
                   "Queries CSV: query_id,name[,dob,nationality,sex,document]")
      ->required();
  screen->add_option("--top", options->top, "Hits per query (default 10)")
      ->check(CLI::Range(1, 1000));
  screen->add_option("--threshold", options->threshold, "Alert threshold (default 0.75)")
      ->check(CLI::Range(0.0, 1.0));
  screen->add_option("--format", options->format, "List format: auto, csv, ftm, un-xml");
  screen
      ->add_option("--posting-budget", options->posting_budget,
                   "Name postings the candidate search reads per query (default 20000; more finds "
                   "more misspelt common names and costs more time)")
      ->check(CLI::Range(size_t{1000}, size_t{1000000}));
  screen->add_flag("--explain", options->explain, "Include matched names and fired features");
  screen->add_flag("--strict", options->strict, "Fail on any rejected list row");
  screen->add_flag("--timing", options->timing,
                   "Print the time spent screening the queries (not loading the list) to stderr");
  screen->callback([options] { RunScreen(*options); });
}

// ---- persistence -------------------------------------------------------------------------

struct WatchlistOptions;
bool StoreImport(const WatchlistOptions& options, const scr::ImportResult& result, json& summary);
std::vector<scr::WatchlistEntry> LoadStoredOrExit(const WatchlistOptions& options,
                                                  std::string_view list_id = {});

// ---- limen watchlist ----------------------------------------------------------------------

struct WatchlistOptions {
  std::string file;
  std::string other;
  std::string list_id = "default";
  std::string format = "auto";
  std::string version;
  std::string out;
  ConfigOptions config;
  bool delta = false;
  bool drop_invalid_dates = false;
  bool dry_run = false;
};

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string JoinNames(const scr::WatchlistEntry& entry, bool weak) {
  std::string out;
  for (size_t i = 1; i < entry.names.size(); ++i) {
    if ((entry.names[i].type == scr::NameType::kWeakAlias) != weak) continue;
    out += (out.empty() ? "" : ";") + entry.names[i].full;
  }
  return out;
}

template <typename T, typename Fn>
std::string JoinWith(const std::vector<T>& values, Fn&& fn) {
  std::string out;
  for (const T& value : values) out += (out.empty() ? "" : ";") + fn(value);
  return out;
}

void WriteCsv(const std::vector<scr::WatchlistEntry>& entries, std::ostream& out) {
  out << "id,name,aliases,weak_aliases,dob,nationality,sex,documents,list,action,agency\n";
  auto same = [](const std::string& s) { return s; };
  for (const scr::WatchlistEntry& e : entries) {
    out << CsvField(e.id) << ',' << CsvField(e.names.empty() ? "" : e.names[0].full) << ','
        << CsvField(JoinNames(e, false)) << ',' << CsvField(JoinNames(e, true)) << ','
        << JoinWith(e.dates_of_birth, scr::FormatPartialDate) << ','
        << CsvField(JoinWith(e.nationalities, same)) << ',' << scr::SexName(e.sex) << ','
        << CsvField(JoinWith(e.document_numbers, same)) << ',' << CsvField(e.list_id) << ','
        << scr::HitActionName(e.action) << ',' << CsvField(e.owning_agency) << "\n";
  }
}

json ListStats(const std::vector<scr::WatchlistEntry>& entries) {
  size_t names = 0, original_script = 0, weak = 0, with_dob = 0, partial_dob = 0, documents = 0;
  for (const scr::WatchlistEntry& e : entries) {
    names += e.names.size();
    for (const scr::EntryName& n : e.names) {
      original_script += n.type == scr::NameType::kOriginalScript ? 1 : 0;
      weak += n.type == scr::NameType::kWeakAlias ? 1 : 0;
    }
    with_dob += e.dates_of_birth.empty() ? 0 : 1;
    for (const scr::PartialDate& d : e.dates_of_birth) partial_dob += d.day == 0 ? 1 : 0;
    documents += e.document_numbers.size();
  }
  return {{"entries", entries.size()},
          {"names", names},
          {"original_script_names", original_script},
          {"weak_aliases", weak},
          {"entries_with_dob", with_dob},
          {"partial_dobs", partial_dob},
          {"document_numbers", documents},
          {"content_hash", scr::ListContentHash(entries)}};
}

json IndexStats(std::vector<scr::WatchlistEntry> entries) {
  scr::Screener screener;
  screener.Replace(std::move(entries), "");
  scr::ScreenerStats stats = screener.Stats();
  size_t per_name = stats.names ? stats.index_bytes / stats.names : 0;
  return {{"index_bytes", stats.index_bytes},
          {"index_bytes_per_name", per_name},
          {"entry_bytes", stats.entry_bytes}};
}

scr::ImportOptions ImportOptionsFrom(const WatchlistOptions& options) {
  scr::ImportOptions import;
  import.list_id = options.list_id;
  import.drop_invalid_dates = options.drop_invalid_dates;
  return import;
}

void RunImport(const WatchlistOptions& options) {
  scr::ImportResult result =
      LoadListOrExit(options.file, options.format, ImportOptionsFrom(options), RejectPolicy::kFail);
  json summary = ListStats(result.entries);
  summary["rows"] = result.rows_read;
  summary["removals"] = result.removals.size();
  summary["warnings"] = result.warnings.size();
  summary["list_id"] = options.list_id;
  summary["version"] = options.version;
  summary["mode"] = options.delta || result.is_delta ? "delta" : "full";
  summary["stored"] = StoreImport(options, result, summary);
  PrintJson(summary);
}

void RunStats(const WatchlistOptions& options) {
  std::vector<scr::WatchlistEntry> entries =
      options.file.empty() ? LoadStoredOrExit(options)
                           : LoadListOrExit(options.file, options.format,
                                            ImportOptionsFrom(options), RejectPolicy::kWarnAndSkip)
                                 .entries;
  json stats = ListStats(entries);
  stats.update(IndexStats(std::move(entries)));
  PrintJson(stats);
}

void RunExport(const WatchlistOptions& options) {
  std::vector<scr::WatchlistEntry> entries =
      options.file.empty() ? LoadStoredOrExit(options)
                           : LoadListOrExit(options.file, options.format,
                                            ImportOptionsFrom(options), RejectPolicy::kFail)
                                 .entries;
  if (options.out.empty()) return WriteCsv(entries, std::cout);
  std::ofstream out(options.out, std::ios::binary);
  if (!out)
    Fail(options.out, InvalidArgument("FILE_WRITE", "cannot write the file; check the path."));
  WriteCsv(entries, out);
}

void RunDiff(const WatchlistOptions& options) {
  auto load = [&](const std::string& path) {
    return LoadListOrExit(path, options.format, ImportOptionsFrom(options),
                          RejectPolicy::kWarnAndSkip)
        .entries;
  };
  std::vector<scr::WatchlistEntry> before, after;
  if (options.other.empty()) {
    before = LoadStoredOrExit(options, options.list_id);
    after = load(options.file);
  } else {
    before = load(options.file);
    after = load(options.other);
  }
  scr::ListDiff diff = scr::DiffLists(before, after);
  json ids = {{"added", json::array()}, {"updated", json::array()}, {"removed", diff.removed}};
  for (const auto& e : diff.added) ids["added"].push_back(e.id);
  for (const auto& e : diff.updated) ids["updated"].push_back(e.id);
  PrintJson({{"added", diff.added.size()},
             {"updated", diff.updated.size()},
             {"removed", diff.removed.size()},
             {"unchanged", diff.unchanged},
             {"ids", ids}});
}

void RegisterWatchlist(CLI::App& app) {
  auto options = std::make_shared<WatchlistOptions>();
  CLI::App* watchlist = app.add_subcommand("watchlist", "Import, inspect and compare watchlists");
  watchlist->require_subcommand(1);
  auto common = [&](CLI::App* command) {
    command->add_option("--format", options->format, "auto, csv, ftm or un-xml");
    command->add_option("--list-id", options->list_id, "Alert list id (default \"default\")");
    AddConfigOptions(*command, options->config);
    command->add_flag("--drop-invalid-dates", options->drop_invalid_dates,
                      "Drop unreadable dates of birth with a warning instead of rejecting rows");
  };
  CLI::App* importer = watchlist->add_subcommand("import", "Import a list file (all or nothing)");
  importer->add_option("file", options->file, "List file")->required();
  importer->add_option("--version", options->version, "List version label");
  importer->add_flag("--delta", options->delta, "Apply as a delta (add/update, op=remove rows)");
  importer->add_flag("--dry-run", options->dry_run, "Validate only; store nothing");
  common(importer);
  importer->callback([options] { RunImport(*options); });
  CLI::App* stats = watchlist->add_subcommand("stats", "Counts and index size of a list");
  stats->add_option("file", options->file, "List file (default: the stored list)");
  common(stats);
  stats->callback([options] { RunStats(*options); });
  CLI::App* exporter = watchlist->add_subcommand("export", "Write a list as CSV");
  exporter->add_option("file", options->file, "List file to convert (default: the stored list)");
  exporter->add_option("--out", options->out, "Output file (default stdout)");
  common(exporter);
  exporter->callback([options] { RunExport(*options); });
  CLI::App* diff =
      watchlist->add_subcommand("diff", "Compare two lists, or a file with the stored one");
  diff->add_option("old", options->file, "Older list file (or the new one, against the store)")
      ->required();
  diff->add_option("new", options->other, "Newer list file");
  common(diff);
  diff->callback([options] { RunDiff(*options); });
}

bool StoreImport(const WatchlistOptions& options, const scr::ImportResult& result, json& summary) {
  if (options.dry_run) return false;
  std::unique_ptr<store::Store> db = OpenStoreOrExit(LoadConfigOrExit(options.config));
  store::WatchlistImport import;
  import.list_id = options.list_id;
  import.version = options.version;
  import.mode = options.delta || result.is_delta ? store::WatchlistImportMode::kDelta
                                                 : store::WatchlistImportMode::kFull;
  import.entries = result.entries;
  import.removals = result.removals;
  Result<store::WatchlistImportSummary> saved = Internal("WATCHLIST_UNSAVED", "not written");
  ExitIfError(db->Write([&](store::WriteTxn& txn) {
    saved = store::SaveWatchlistImport(txn, "system:cli", import);
    return saved.status();
  }),
              "watchlist import");
  summary["added"] = saved->added;
  summary["updated"] = saved->updated;
  summary["removed"] = saved->removed;
  summary["unchanged"] = saved->unchanged;
  summary["stored_entries"] = saved->total;
  summary["stored_content_hash"] = saved->content_hash;
  summary["event_sequence"] = saved->event_sequence;
  return true;
}

std::vector<scr::WatchlistEntry> LoadStoredOrExit(const WatchlistOptions& options,
                                                  std::string_view list_id) {
  std::unique_ptr<store::Store> db = OpenStoreOrExit(LoadConfigOrExit(options.config));
  std::vector<scr::WatchlistEntry> entries;
  ExitIfError(db->Read([&](store::ReadTxn& txn) {
    LIMEN_ASSIGN_OR_RETURN(entries, store::LoadWatchlistEntries(txn, list_id));
    return Status::Ok();
  }),
              "reading the stored watchlists");
  return entries;
}

}  // namespace

void RegisterScreeningCommands(CLI::App& app) {
  RegisterScreen(app);
  RegisterWatchlist(app);
}

}  // namespace limen::cli
