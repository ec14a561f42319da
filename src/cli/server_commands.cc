// limen serve | init | user | log | audit | rebuild: running a node and administering its data.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "base/log.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "server/app.h"
#include "store/store.h"

namespace limen::cli {
namespace {

void RegisterServe(CLI::App& app) {
  auto* command = app.add_subcommand("serve", "Run this node's HTTP API until SIGTERM/SIGINT");
  auto options = std::make_shared<ConfigOptions>();
  AddConfigOptions(*command, *options);
  command->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free)");
  command->add_option("--tls-cert", options->tls_cert, "PEM certificate file: serve HTTPS");
  command->add_option("--tls-key", options->tls_key, "PEM private key file for --tls-cert");
  command->add_option("--threads", options->threads, "HTTP worker threads (0: one per core)");
  command->callback([options] {
    server::Config config = LoadConfigOrExit(*options);
    auto app = server::App::Create(config, SystemClock::Instance());
    ExitIfError(app.status(), "cannot start");
    ExitIfError((*app)->Start(), "cannot listen");
    // Tests and scripts read the bound port from this line.
    std::cout << "limen: listening on port " << (*app)->port() << std::endl;
    ExitIfError((*app)->RunUntilSignalled(), "server stopped with an error");
    log::Info("limen: stopped cleanly");
  });
}

void PrintChain(const char* what, const store::ChainReport& report) {
  if (report.ok) {
    std::cout << fmt::format("{}: OK, {} records verified\n", what, report.checked_count);
    return;
  }
  std::cerr << fmt::format(
      "{}: BROKEN at record {}{}: {} ({} records before it verified)\n", what,
      report.first_bad_sequence.value_or(0),
      report.first_bad_origin.empty() ? std::string() : " of origin " + report.first_bad_origin,
      report.reason, report.checked_count);
  throw CLI::RuntimeError(2);
}

void RegisterLog(CLI::App& app) {
  auto* log_command = app.add_subcommand("log", "The node's event log");
  log_command->require_subcommand(1);
  auto* verify =
      log_command->add_subcommand("verify", "Walk the hash chain; name the first bad record");
  auto options = std::make_shared<ConfigOptions>();
  AddConfigOptions(*verify, *options);
  verify->callback([options] {
    auto store = OpenStoreOrExit(LoadConfigOrExit(*options));
    auto report = store->VerifyEventLog();
    ExitIfError(report.status(), "cannot verify the event log");
    PrintChain("event log", *report);
  });
}

void RegisterAudit(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Walk the hash chain; name the first bad record");
  auto options = std::make_shared<ConfigOptions>();
  AddConfigOptions(*verify, *options);
  verify->callback([options] {
    auto store = OpenStoreOrExit(LoadConfigOrExit(*options));
    auto report = store->VerifyAuditLog();
    ExitIfError(report.status(), "cannot verify the audit log");
    PrintChain("audit log", *report);
  });
}

void RegisterRebuild(CLI::App& app) {
  auto* rebuild = app.add_subcommand("rebuild", "Recreate every projection from the event log");
  auto options = std::make_shared<ConfigOptions>();
  AddConfigOptions(*rebuild, *options);
  rebuild->callback([options] {
    auto store = OpenStoreOrExit(LoadConfigOrExit(*options));
    ExitIfError(store->Rebuild(), "rebuild failed; the previous projections are unchanged");
    auto length = store->EventLogLength();
    std::cout << fmt::format("rebuilt projections from {} events\n",
                             length.ok() ? *length : int64_t{0});
  });
}

}  // namespace

void RegisterServerCommands(CLI::App& app) {
  RegisterServe(app);
  RegisterInit(app);
  RegisterUser(app);
  RegisterLog(app);
  RegisterAudit(app);
  RegisterRebuild(app);
}

}  // namespace limen::cli
