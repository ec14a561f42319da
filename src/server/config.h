// Limen's configuration: one struct with a sensible default for every key, read from a TOML
// file (toml++) and then overridden by command-line flags. Every key is documented in
// docs/configuration.md; a test keeps the two in step.
//
// Thread-safety: a plain value; build it once at start-up and share it read-only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace limen::server {

struct NodeConfig {
  std::string id = "bcp-demo-1";  // Origin node id stamped on every event.
  std::string role = "bcp";       // bcp, region or hq.
  std::string state = "UTO";      // The State this node belongs to (ISO 3166-1 alpha-3).
};

struct HttpConfig {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;  // 0 = one per core.
  int64_t max_body_bytes = 1 << 20;
  int64_t max_header_bytes = 16 << 10;
  int64_t read_timeout_ms = 30000;
  int64_t write_timeout_ms = 30000;
  int64_t idle_timeout_ms = 60000;
  int64_t drain_timeout_ms = 15000;
  std::string tls_cert;
  std::string tls_key;
  bool access_log = true;
};

struct DatabaseConfig {
  std::string path = "var/limen.db";  // A file path (SQLite); postgresql:// URLs later.
};

struct AuthConfig {
  int64_t session_idle_minutes = 30;
  int64_t session_absolute_hours = 12;
  int64_t max_failed_logins_per_user = 5;
  int64_t max_failed_logins_per_address = 20;
  int64_t failed_login_window_minutes = 15;
  int64_t password_min_length = 12;
  // argon2id cost; the defaults follow current guidance (19 MiB, 2 passes).
  int64_t argon2_memory_kib = 19456;
  int64_t argon2_iterations = 2;
  bool secure_cookies = false;  // Set the Secure flag; on automatically with TLS.
};

struct DocumentConfig {
  int64_t expiry_warning_days = 90;
  int64_t majority_age = 18;
  std::vector<std::string> not_recognised_states;
};

// Border-crossing workflow (issue 5): the lost/stolen registry and the stay rules.
struct WorkflowConfig {
  std::string registry_path;  // Lost/stolen CSV imported at start-up when it changed; optional.
  int64_t registry_reload_seconds = 10;  // How often to look for a newer stored import; 0: never.
  std::string stay_rules_file = "config/stay-rules.toml";  // Absent file: no stay verdict.
  std::string policy_file = "config/policy.toml";          // Absent file: personal data withheld.
  // Identity linking weights and thresholds; absent file: the defaults of core/identity.
  std::string linking_rules_file = "config/identity-linking.toml";
};

struct LogConfig {
  std::string level = "info";
};

struct Config {
  NodeConfig node;
  HttpConfig http;
  DatabaseConfig database;
  AuthConfig auth;
  DocumentConfig documents;
  WorkflowConfig workflow;
  LogConfig log;
};

// Parses TOML text. Unknown keys are an error (CONFIG_UNKNOWN_KEY) so a typo never goes unseen.
Result<Config> ParseConfig(std::string_view toml_text, std::string_view source_name);
// Reads and parses a file; CONFIG_NOT_FOUND if it cannot be read.
Result<Config> LoadConfigFile(const std::string& path);
// Checks values that parse but make no sense (negative timeouts, bad listen address...).
Status ValidateConfig(const Config& config);
// Splits "HOST:PORT" ("[::1]:8080" for IPv6).
Status SplitListen(std::string_view listen, std::string& host, uint16_t& port);
// Every key as "section.key", for the documentation test.
std::vector<std::string> ConfigKeys();

}  // namespace limen::server
