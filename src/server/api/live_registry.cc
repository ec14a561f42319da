#include "server/api/live_registry.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "base/log.h"
#include "core/registry/csv_import.h"
#include "crypto/hash.h"
#include "store/registry_store.h"
#include "store/store.h"
#include "store/workflow_store.h"

namespace limen::server {
namespace {

namespace reg = core::registry;

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// The national reports stored in registry_reports as a snapshot. A row the registry would not
// accept (written before reports were validated) is skipped with a warning.
Result<std::shared_ptr<const reg::RegistrySnapshot>> LoadNational(store::Store& store) {
  std::vector<store::RegistryReportRow> rows;
  LIMEN_RETURN_IF_ERROR(store.Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(rows, store::ListRegistryReports(txn));
    return Status::Ok();
  }));
  reg::RegistryBuilder builder;
  for (const store::RegistryReportRow& row : rows) {
    const auto kind = reg::ParseDocumentKind(row.type);
    const auto reason = reg::ParseReportReason(row.reason);
    const auto date = ParseDate(row.reported_on);
    Status added = !kind || !reason || !date
                       ? InvalidArgument("REGISTRY_REPORT", "unknown type, reason or date")
                       : builder.Add(reg::Record{row.issuing_state, row.number, *kind, *reason,
                                                 *date, row.source});
    if (!added.ok()) {
      log::Warning(fmt::format("national report {} {} skipped: {}", row.issuing_state, row.number,
                               added.ToString()));
    }
  }
  return builder.Build();
}

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

LiveRegistry::LiveRegistry(store::Store& store) : store_(store) {
  auto empty = std::make_shared<const reg::RegistrySnapshot>();
  view_.store(std::make_shared<const View>(View{empty, empty, 0}));
}

LiveRegistry::~LiveRegistry() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  if (reloader_.joinable()) reloader_.join();
}

Status LiveRegistry::Load() {
  const SteadyClock::time_point start = SteadyClock::now();
  LIMEN_ASSIGN_OR_RETURN(store::StoredRegistry stored, store::LoadStoredRegistry(store_));
  LIMEN_ASSIGN_OR_RETURN(std::shared_ptr<const reg::RegistrySnapshot> national,
                         LoadNational(store_));
  const int64_t version = stored.version ? stored.version->version : 0;
  log::Info(
      fmt::format("lost/stolen registry loaded in {:.2f} s: {} imported records "
                  "(version {}), {} national reports",
                  SecondsSince(start), stored.snapshot->size(), version, national->size()));
  std::lock_guard lock(swap_mutex_);
  view_.store(std::make_shared<const View>(View{stored.snapshot, national, version}));
  return Status::Ok();
}

Status LiveRegistry::BootstrapFrom(const std::string& path) {
  std::optional<std::string> csv = ReadWholeFile(path);
  if (!csv) {
    return NotFound("REGISTRY_FILE_NOT_FOUND",
                    "Cannot read registry.path " + path + "; fix the path.");
  }
  const std::string sha256 = crypto::Sha256Hex(*csv);
  int64_t current = 0;
  std::optional<store::RegistryVersion> imported;
  LIMEN_RETURN_IF_ERROR(store_.Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(current, store::CurrentRegistryVersion(txn));
    LIMEN_ASSIGN_OR_RETURN(imported, store::FindRegistryImportOfFile(txn, sha256));
    return Status::Ok();
  }));
  if (imported) return ReloadIfNewer().status();  // This file was imported before.
  reg::ImportOutcome outcome = reg::ImportRegistryCsv(*csv, nullptr);
  if (!outcome.ok()) return outcome.status().WithContext("registry.path " + path);
  store::RegistryImport import{.snapshot = outcome.snapshot,
                               .base_version = current,
                               .mode = store::RegistryImportMode::kFull,
                               .file_sha256 = sha256,
                               .rows = outcome.counts.rows,
                               .added = outcome.counts.added};
  LIMEN_RETURN_IF_ERROR(store::SaveRegistryImport(store_, "system:registry.path", import).status());
  return ReloadIfNewer().status();
}

Result<bool> LiveRegistry::ReloadIfNewer() {
  int64_t version = 0;
  LIMEN_RETURN_IF_ERROR(store_.Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(version, store::CurrentRegistryVersion(txn));
    return Status::Ok();
  }));
  if (version == view()->version) return false;
  const SteadyClock::time_point start = SteadyClock::now();
  LIMEN_ASSIGN_OR_RETURN(store::StoredRegistry stored, store::LoadStoredRegistry(store_));
  const int64_t loaded = stored.version ? stored.version->version : 0;
  std::lock_guard lock(swap_mutex_);
  const std::shared_ptr<const View> current = view_.load();
  view_.store(std::make_shared<const View>(View{stored.snapshot, current->national, loaded}));
  log::Info(
      fmt::format("lost/stolen registry version {} swapped in ({} records, loaded in "
                  "{:.2f} s)",
                  loaded, stored.snapshot->size(), SecondsSince(start)));
  return true;
}

void LiveRegistry::StartReloading(std::chrono::seconds period) {
  if (period.count() <= 0 || reloader_.joinable()) return;
  reloader_ = std::thread([this, period] { ReloadLoop(period); });
}

void LiveRegistry::ReloadLoop(std::chrono::seconds period) {
  std::unique_lock lock(stop_mutex_);
  while (!stop_signal_.wait_for(lock, period, [this] { return stopping_; })) {
    lock.unlock();
    Result<bool> reloaded = ReloadIfNewer();
    if (!reloaded.ok()) {
      log::Warning("lost/stolen registry reload failed; keeping the registry in use: " +
                   reloaded.status().ToString());
    }
    lock.lock();
  }
}

std::vector<reg::VariantMatch> LiveRegistry::LookupWithVariants(std::string_view issuing_state,
                                                                std::string_view number) const {
  const std::shared_ptr<const View> current = view();
  std::vector<reg::VariantMatch> matches =
      current->imported->LookupWithVariants(issuing_state, number);
  std::vector<reg::VariantMatch> national =
      current->national->LookupWithVariants(issuing_state, number);
  matches.insert(matches.end(), std::make_move_iterator(national.begin()),
                 std::make_move_iterator(national.end()));
  // Exact matches of both layers first, as each layer returns them.
  std::stable_partition(matches.begin(), matches.end(),
                        [](const reg::VariantMatch& match) { return match.exact; });
  return matches;
}

Status LiveRegistry::CheckReport(const reg::Record& report) {
  reg::RegistryBuilder scratch;
  return scratch.Add(report);
}

Status LiveRegistry::ApplyReport(const reg::Record& report) {
  std::lock_guard lock(swap_mutex_);
  const std::shared_ptr<const View> current = view_.load();
  reg::RegistryBuilder builder(current->national.get());
  LIMEN_RETURN_IF_ERROR(builder.Contains(report.issuing_state, report.number, report.source)
                            ? builder.Update(report)
                            : builder.Add(report));
  LIMEN_ASSIGN_OR_RETURN(std::shared_ptr<const reg::RegistrySnapshot> national, builder.Build());
  view_.store(std::make_shared<const View>(View{current->imported, national, current->version}));
  return Status::Ok();
}

Status LiveRegistry::ApplyWithdrawal(std::string_view issuing_state, std::string_view number) {
  std::lock_guard lock(swap_mutex_);
  const std::shared_ptr<const View> current = view_.load();
  reg::RegistryBuilder builder(current->national.get());
  if (!builder.Contains(issuing_state, number, kNationalReportSource)) return Status::Ok();
  LIMEN_RETURN_IF_ERROR(builder.Remove(issuing_state, number, kNationalReportSource));
  LIMEN_ASSIGN_OR_RETURN(std::shared_ptr<const reg::RegistrySnapshot> national, builder.Build());
  view_.store(std::make_shared<const View>(View{current->imported, national, current->version}));
  return Status::Ok();
}

}  // namespace limen::server
