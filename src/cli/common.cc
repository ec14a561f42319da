#include "cli/common.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "store/store.h"

namespace limen::cli {

void AddConfigOptions(CLI::App& command, ConfigOptions& options) {
  command.add_option("--config", options.config_file, "TOML configuration file")
      ->envname("LIMEN_CONFIG");
  command.add_option("--db", options.db, "Database: a SQLite file path (default var/limen.db)")
      ->envname("LIMEN_DB");
  command.add_option("--node-id", options.node_id, "This node's id, stamped on its events");
}

void ExitIfError(const Status& status, const std::string& what) {
  if (status.ok()) return;
  std::cerr << "limen: " << what << ": " << status.ToString() << std::endl;
  throw CLI::RuntimeError(1);
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    return NotFound("FILE_OPEN", "Cannot open " + path + "; check the path and permissions.");
  }
  std::string text(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

void PrintJson(const nlohmann::json& value) {
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

server::Config LoadConfigOrExit(const ConfigOptions& options) {
  server::Config config;
  if (!options.config_file.empty()) {
    auto loaded = server::LoadConfigFile(options.config_file);
    ExitIfError(loaded.status(), "configuration");
    config = *loaded;
  }
  if (!options.db.empty()) config.database.path = options.db;
  if (!options.node_id.empty()) config.node.id = options.node_id;
  if (!options.listen.empty()) config.http.listen = options.listen;
  if (!options.tls_cert.empty()) config.http.tls_cert = options.tls_cert;
  if (!options.tls_key.empty()) config.http.tls_key = options.tls_key;
  if (options.threads >= 0) config.http.threads = options.threads;
  ExitIfError(server::ValidateConfig(config), "configuration");
  log::Level level = log::Level::kInfo;
  if (log::ParseLevel(config.log.level, level)) log::SetLevel(level);
  return config;
}

std::unique_ptr<store::Store> OpenStoreOrExit(const server::Config& config) {
  const std::filesystem::path path(config.database.path);
  if (path.has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(path.parent_path(), ignored);
  }
  store::StoreOptions options;
  options.path = config.database.path;
  options.node_id = config.node.id;
  auto store = store::OpenStore(options);
  ExitIfError(store.status(), "cannot open the database " + config.database.path);
  return std::move(*store);
}

}  // namespace limen::cli
