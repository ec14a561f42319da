// `limen registry`: the lost, stolen and invalid document registry stored on this node
// (docs/registry.md).
//
//   limen registry import FILE [--source NAME] [--delta] [--dry-run] [--db PATH]
//   limen registry stats [--db PATH]
//
// `import` reads a CSV (issuing_state,number,type,reason,reported_on,source[,op]) with the same
// rules as watchlist imports: all or nothing, every error with its line, deltas (an `op`
// column), progress on stderr for files over a megabyte. With --source the file is that one
// source's list: the source column may be left out, and a full file replaces only that source's
// records. The summary (or the error, in the API's JSON error shape with the line-numbered
// errors under details.errors) is printed on stdout.
//
// Exit codes (as `limen watchlist import`): 0 success; 1 an option, the file or the store could
// not be used; 2 the file has rejected rows (nothing was stored).
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/registry/csv_import.h"
#include "crypto/hash.h"
#include "server/api/errors.h"
#include "store/registry_store.h"
#include "store/store.h"
#include "store/workflow_store.h"

namespace limen::cli {
namespace {

namespace reg = core::registry;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

struct RegistryOptions {
  std::string file;
  std::string source;
  bool delta = false;
  bool dry_run = false;
  ConfigOptions config;
};

// Prints the error in the API's shape on stdout and exits with `code`.
[[noreturn]] void FailJson(const Status& status, const json& details, int code) {
  std::cout << server::ErrorBody(status, details) << std::endl;
  std::cerr << "limen registry: " << status.reason() << ": " << status.message() << "\n";
  throw CLI::RuntimeError(code);
}

std::string ReadRegistryFileOrExit(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) FailJson(text.status(), json::object(), 1);
  return std::move(*text);
}

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// Progress on stderr for files over a megabyte.
std::function<void(const reg::ImportProgress&)> RegistryProgressPrinter(size_t bytes) {
  if (bytes < (1u << 20)) return {};
  return [](const reg::ImportProgress& progress) {
    const size_t percent =
        progress.bytes_total ? progress.bytes_read * 100 / progress.bytes_total : 100;
    std::cerr << "\rregistry import: " << percent << "% (" << progress.rows << " rows)"
              << (progress.done ? " indexed\n" : "") << std::flush;
  };
}

// The stored registry (empty when nothing was imported) and its version.
store::StoredRegistry LoadStoredOrExit(store::Store& db) {
  Result<store::StoredRegistry> stored = store::LoadStoredRegistry(db);
  if (!stored.ok()) FailJson(stored.status(), json::object(), 1);
  return std::move(*stored);
}

// The stored version number, for a full import that did not read what is stored.
int64_t CurrentVersionOrExit(store::Store& db) {
  int64_t version = 0;
  const Status status = db.Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(version, store::CurrentRegistryVersion(txn));
    return Status::Ok();
  });
  if (!status.ok()) FailJson(status, json::object(), 1);
  return version;
}

[[noreturn]] void FailRejected(const reg::ImportOutcome& outcome) {
  json errors = json::array();
  for (const reg::ImportError& error : outcome.errors) {
    errors.push_back({{"line", error.line}, {"code", error.code}, {"message", error.message}});
    std::cerr << "line " << error.line << ": " << error.code << ": " << error.message << "\n";
  }
  FailJson(outcome.status(), {{"errors", std::move(errors)}, {"rows", outcome.counts.rows}}, 2);
}

reg::ImportOutcome Import(const std::string& csv, const RegistryOptions& options,
                          const reg::RegistrySnapshot& base) {
  reg::ImportOptions import_options;
  import_options.source = options.source;
  import_options.progress = RegistryProgressPrinter(csv.size());
  return reg::ImportRegistryCsv(csv, &base, import_options);
}

void RunImport(const RegistryOptions& options) {
  const SteadyClock::time_point start = SteadyClock::now();
  const std::string csv = ReadRegistryFileOrExit(options.file);
  std::unique_ptr<store::Store> db;
  auto open = [&] {
    if (!db) db = OpenStoreOrExit(LoadConfigOrExit(options.config));
    return db.get();
  };
  // A full file without --source replaces everything: what is stored is not read for it.
  const bool needs_base = options.delta || !options.source.empty();
  store::StoredRegistry base{.snapshot = std::make_shared<const reg::RegistrySnapshot>()};
  if (needs_base) base = LoadStoredOrExit(*open());
  reg::ImportOutcome outcome = Import(csv, options, *base.snapshot);
  if (outcome.delta && !needs_base) {
    // The file has an op column: apply it to what is stored.
    base = LoadStoredOrExit(*open());
    outcome = Import(csv, options, *base.snapshot);
  }
  if (!outcome.ok()) FailRejected(outcome);
  if (options.delta && !outcome.delta) {
    FailJson(InvalidArgument("REGISTRY_NOT_DELTA",
                             "--delta needs a file with an op column (add, update, remove); "
                             "without it the file is a full list."),
             json::object(), 2);
  }
  json summary = {{"file", options.file},
                  {"source", options.source},
                  {"mode", outcome.delta ? "delta" : "full"},
                  {"rows", outcome.counts.rows},
                  {"added", outcome.counts.added},
                  {"updated", outcome.counts.updated},
                  {"removed", outcome.counts.removed},
                  {"entries", outcome.snapshot->size()},
                  {"stored", false}};
  if (!options.dry_run) {
    open();
    const std::string file_sha256 = crypto::Sha256Hex(csv);
    summary["file_sha256"] = file_sha256;
    const store::RegistryImport import{
        .snapshot = outcome.snapshot,
        .base_version = base.version ? base.version->version : CurrentVersionOrExit(*db),
        .source = options.source,
        .mode =
            outcome.delta ? store::RegistryImportMode::kDelta : store::RegistryImportMode::kFull,
        .file_sha256 = file_sha256,
        .rows = outcome.counts.rows,
        .added = outcome.counts.added,
        .updated = outcome.counts.updated,
        .removed = outcome.counts.removed};
    Result<store::RegistryVersion> saved = store::SaveRegistryImport(*db, "system:cli", import);
    if (!saved.ok()) FailJson(saved.status(), json::object(), 1);
    summary["stored"] = true;
    summary["version"] = saved->version;
    summary["snapshot_sha256"] = saved->snapshot_sha256;
    summary["snapshot_bytes"] = saved->snapshot_bytes;
    summary["event_sequence"] = saved->event_sequence;
  }
  summary["seconds"] = SecondsSince(start);
  PrintJson(summary);
}

// Counts of records by a key, as a JSON object sorted by key.
json Counts(const std::map<std::string, int64_t>& counts) {
  json out = json::object();
  for (const auto& [key, count] : counts) out[key] = count;
  return out;
}

json VersionJson(const std::optional<store::RegistryVersion>& version) {
  if (!version) return nullptr;
  return {{"version", version->version},
          {"source", version->source},
          {"mode", version->mode},
          {"rows", version->rows},
          {"added", version->added},
          {"updated", version->updated},
          {"removed", version->removed},
          {"file_sha256", version->file_sha256},
          {"snapshot_sha256", version->snapshot_sha256},
          {"snapshot_bytes", version->snapshot_bytes},
          {"imported_at", FormatTimestamp(version->imported_at)},
          {"actor", version->actor}};
}

void RunStats(const RegistryOptions& options) {
  std::unique_ptr<store::Store> db = OpenStoreOrExit(LoadConfigOrExit(options.config));
  const SteadyClock::time_point start = SteadyClock::now();
  const store::StoredRegistry stored = LoadStoredOrExit(*db);
  const double load_seconds = SecondsSince(start);
  std::map<std::string, int64_t> by_source, by_state, by_reason, by_type;
  stored.snapshot->ForEach([&](const reg::Record& record) {
    ++by_source[record.source];
    ++by_state[record.issuing_state];
    ++by_reason[std::string(reg::ReportReasonName(record.reason))];
    ++by_type[std::string(reg::DocumentKindName(record.kind))];
  });
  std::vector<store::RegistryReportRow> reports;
  ExitIfError(db->Read([&](store::ReadTxn& txn) {
    LIMEN_ASSIGN_OR_RETURN(reports, store::ListRegistryReports(txn));
    return Status::Ok();
  }),
              "reading the national reports");
  std::map<std::string, int64_t> national_by_reason;
  for (const store::RegistryReportRow& report : reports) ++national_by_reason[report.reason];
  PrintJson({{"version", VersionJson(stored.version)},
             {"entries", stored.snapshot->size()},
             {"by_source", Counts(by_source)},
             {"by_state", Counts(by_state)},
             {"by_reason", Counts(by_reason)},
             {"by_type", Counts(by_type)},
             {"memory_bytes", stored.snapshot->MemoryBytes()},
             {"load_seconds", load_seconds},
             {"national_reports",
              {{"total", reports.size()}, {"by_reason", Counts(national_by_reason)}}}});
}

}  // namespace

void RegisterRegistryCommands(CLI::App& app) {
  auto options = std::make_shared<RegistryOptions>();
  CLI::App* registry =
      app.add_subcommand("registry", "Import and inspect the lost/stolen document registry");
  registry->require_subcommand(1);
  CLI::App* import = registry->add_subcommand("import", "Import a registry CSV (all or nothing)");
  import->add_option("file", options->file, "CSV file")->required();
  import->add_option("--source", options->source,
                     "The list imported (e.g. interpol-sltd): a full file replaces only it");
  import->add_flag("--delta", options->delta,
                   "The file is a delta (an op column: add/update/remove)");
  import->add_flag("--dry-run", options->dry_run, "Validate only; store nothing");
  AddConfigOptions(*import, options->config);
  import->callback([options] { RunImport(*options);
});
CLI::App* stats = registry->add_subcommand("stats", "Counts of the stored registry");
AddConfigOptions(*stats, options->config);
stats->callback([options] { RunStats(*options); });
}  // namespace limen::cli

}  // namespace limen::cli
