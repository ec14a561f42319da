// Helpers shared by the CLI subcommands: the configuration options every data command takes
// (--config, --db, --node-id), loading them with command-line overrides, opening the store,
// reading input files, printing JSON, and turning a Status into a clear message and an exit code.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "base/status.h"
#include "server/config.h"

namespace CLI {
class App;
}
namespace limen::store {
class Store;
}

namespace limen::cli {

struct ConfigOptions {
  std::string config_file;
  std::string db;
  std::string node_id;
  std::string listen;
  std::string tls_cert;
  std::string tls_key;
  int threads = -1;
};

// Adds --config, --db and --node-id.
void AddConfigOptions(CLI::App& command, ConfigOptions& options);
// The configuration file (if any) with the command-line overrides applied; exits on error.
server::Config LoadConfigOrExit(const ConfigOptions& options);
std::unique_ptr<store::Store> OpenStoreOrExit(const server::Config& config);
// Prints "limen: <what>: <status>" to stderr and throws CLI::RuntimeError(1) if !status.ok().
void ExitIfError(const Status& status, const std::string& what);
// The whole file at `path`, bytes as they are. NotFound("FILE_OPEN") if it cannot be opened.
Result<std::string> ReadWholeFile(const std::string& path);
// Writes `value` to stdout, indented, invalid UTF-8 replaced, and a newline.
void PrintJson(const nlohmann::json& value);

// Subcommands defined in their own files.
void RegisterInit(CLI::App& app);
void RegisterUser(CLI::App& app);

}  // namespace limen::cli
