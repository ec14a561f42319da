#include "server/config.h"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace limen::server {
namespace {

// One table of every key: where it lives in Config and how to read it. The table is the single
// source for parsing, for ConfigKeys() and so for the documentation test.
using Setter = std::function<Status(Config&, const toml::node&, const std::string&)>;

Status TypeError(const std::string& key, std::string_view expected) {
  return InvalidArgument("CONFIG_TYPE", fmt::format("'{}' must be {}.", key, expected));
}

template <typename Section, typename Field>
Setter Make(Section Config::*section, Field Section::*field) {
  return [section, field](Config& config, const toml::node& node, const std::string& key) {
    Field& target = config.*section.*field;
    if constexpr (std::is_same_v<Field, std::string>) {
      if (!node.is_string()) return TypeError(key, "a string");
      target = *node.value<std::string>();
    } else if constexpr (std::is_same_v<Field, bool>) {
      if (!node.is_boolean()) return TypeError(key, "true or false");
      target = *node.value<bool>();
    } else if constexpr (std::is_same_v<Field, std::vector<std::string>>) {
      const toml::array* array = node.as_array();
      if (array == nullptr) return TypeError(key, "an array of strings");
      target.clear();
      for (const auto& item : *array) {
        if (!item.is_string()) return TypeError(key, "an array of strings");
        target.push_back(*item.value<std::string>());
      }
    } else {
      if (!node.is_integer()) return TypeError(key, "an integer");
      target = static_cast<Field>(*node.value<int64_t>());
    }
    return Status::Ok();
  };
}

const std::map<std::string, Setter>& Setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"node.id", Make(&Config::node, &NodeConfig::id)},
      {"node.role", Make(&Config::node, &NodeConfig::role)},
      {"node.state", Make(&Config::node, &NodeConfig::state)},
      {"http.listen", Make(&Config::http, &HttpConfig::listen)},
      {"http.threads", Make(&Config::http, &HttpConfig::threads)},
      {"http.max_body_bytes", Make(&Config::http, &HttpConfig::max_body_bytes)},
      {"http.max_header_bytes", Make(&Config::http, &HttpConfig::max_header_bytes)},
      {"http.read_timeout_ms", Make(&Config::http, &HttpConfig::read_timeout_ms)},
      {"http.write_timeout_ms", Make(&Config::http, &HttpConfig::write_timeout_ms)},
      {"http.idle_timeout_ms", Make(&Config::http, &HttpConfig::idle_timeout_ms)},
      {"http.drain_timeout_ms", Make(&Config::http, &HttpConfig::drain_timeout_ms)},
      {"http.tls_cert", Make(&Config::http, &HttpConfig::tls_cert)},
      {"http.tls_key", Make(&Config::http, &HttpConfig::tls_key)},
      {"http.access_log", Make(&Config::http, &HttpConfig::access_log)},
      {"database.path", Make(&Config::database, &DatabaseConfig::path)},
      {"auth.session_idle_minutes", Make(&Config::auth, &AuthConfig::session_idle_minutes)},
      {"auth.session_absolute_hours", Make(&Config::auth, &AuthConfig::session_absolute_hours)},
      {"auth.max_failed_logins_per_user",
       Make(&Config::auth, &AuthConfig::max_failed_logins_per_user)},
      {"auth.max_failed_logins_per_address",
       Make(&Config::auth, &AuthConfig::max_failed_logins_per_address)},
      {"auth.failed_login_window_minutes",
       Make(&Config::auth, &AuthConfig::failed_login_window_minutes)},
      {"auth.password_min_length", Make(&Config::auth, &AuthConfig::password_min_length)},
      {"auth.argon2_memory_kib", Make(&Config::auth, &AuthConfig::argon2_memory_kib)},
      {"auth.argon2_iterations", Make(&Config::auth, &AuthConfig::argon2_iterations)},
      {"auth.secure_cookies", Make(&Config::auth, &AuthConfig::secure_cookies)},
      {"documents.expiry_warning_days",
       Make(&Config::documents, &DocumentConfig::expiry_warning_days)},
      {"documents.majority_age", Make(&Config::documents, &DocumentConfig::majority_age)},
      {"documents.not_recognised_states",
       Make(&Config::documents, &DocumentConfig::not_recognised_states)},
      {"registry.path", Make(&Config::workflow, &WorkflowConfig::registry_path)},
      {"registry.reload_seconds",
       Make(&Config::workflow, &WorkflowConfig::registry_reload_seconds)},
      {"stay.rules_file", Make(&Config::workflow, &WorkflowConfig::stay_rules_file)},
      {"policy.file", Make(&Config::workflow, &WorkflowConfig::policy_file)},
      {"identity.linking_file", Make(&Config::workflow, &WorkflowConfig::linking_rules_file)},
      {"log.level", Make(&Config::log, &LogConfig::level)},
  };
  return kSetters;
}

Status ApplyTable(Config& config, const toml::table& table, const std::string& prefix) {
  for (const auto& [raw_key, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(raw_key.str()) : prefix + "." + std::string(raw_key.str());
    if (const toml::table* nested = node.as_table(); nested != nullptr && prefix.empty()) {
      LIMEN_RETURN_IF_ERROR(ApplyTable(config, *nested, key));
      continue;
    }
    auto setter = Setters().find(key);
    if (setter == Setters().end()) {
      return InvalidArgument("CONFIG_UNKNOWN_KEY",
                             fmt::format("Unknown configuration key '{}'; see "
                                         "docs/configuration.md for the keys Limen reads.",
                                         key));
    }
    LIMEN_RETURN_IF_ERROR(setter->second(config, node, key));
  }
  return Status::Ok();
}

}  // namespace

Result<Config> ParseConfig(std::string_view toml_text, std::string_view source_name) {
  toml::table parsed;
  try {
    parsed = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    return InvalidArgument(
        "CONFIG_SYNTAX",
        fmt::format("{} line {}: {}", source_name, error.source().begin.line, error.description()));
  }
  Config config;
  LIMEN_RETURN_IF_ERROR(ApplyTable(config, parsed, "").WithContext(std::string(source_name)));
  LIMEN_RETURN_IF_ERROR(ValidateConfig(config).WithContext(std::string(source_name)));
  return config;
}

Result<Config> LoadConfigFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return NotFound("CONFIG_NOT_FOUND",
                    fmt::format("Cannot read the configuration file '{}'.", path));
  }
  std::stringstream text;
  text << file.rdbuf();
  return ParseConfig(text.str(), path);
}

Status SplitListen(std::string_view listen, std::string& host, uint16_t& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == listen.size()) {
    return InvalidArgument("CONFIG_LISTEN",
                           fmt::format("'{}' is not HOST:PORT, e.g. 127.0.0.1:8080.", listen));
  }
  host = std::string(listen.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int64_t value = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9') {
      return InvalidArgument("CONFIG_LISTEN", fmt::format("'{}' has a bad port number.", listen));
    }
    value = value * 10 + (c - '0');
    if (value > 65535) {
      return InvalidArgument("CONFIG_LISTEN", fmt::format("'{}': port above 65535.", listen));
    }
  }
  port = static_cast<uint16_t>(value);
  return Status::Ok();
}

Status ValidateConfig(const Config& config) {
  std::string host;
  uint16_t port = 0;
  LIMEN_RETURN_IF_ERROR(SplitListen(config.http.listen, host, port));
  if (config.node.role != "bcp" && config.node.role != "region" && config.node.role != "hq") {
    return InvalidArgument("CONFIG_VALUE", "node.role must be bcp, region or hq.");
  }
  if (config.node.id.empty()) return InvalidArgument("CONFIG_VALUE", "node.id must not be empty.");
  if (config.http.max_body_bytes <= 0 || config.http.max_header_bytes <= 0 ||
      config.http.read_timeout_ms <= 0 || config.http.write_timeout_ms <= 0 ||
      config.http.idle_timeout_ms <= 0 || config.http.drain_timeout_ms < 0 ||
      config.http.threads < 0) {
    return InvalidArgument("CONFIG_VALUE", "http limits and timeouts must be positive.");
  }
  if (config.http.tls_cert.empty() != config.http.tls_key.empty()) {
    return InvalidArgument("CONFIG_VALUE", "Set both http.tls_cert and http.tls_key, or neither.");
  }
  if (config.auth.session_idle_minutes <= 0 || config.auth.session_absolute_hours <= 0 ||
      config.auth.max_failed_logins_per_user <= 0 ||
      config.auth.max_failed_logins_per_address <= 0 ||
      config.auth.failed_login_window_minutes <= 0 || config.auth.password_min_length < 8 ||
      config.auth.argon2_memory_kib < 8 || config.auth.argon2_iterations < 1) {
    return InvalidArgument("CONFIG_VALUE",
                           "auth values must be positive and auth.password_min_length at least 8.");
  }
  if (config.workflow.registry_reload_seconds < 0) {
    return InvalidArgument("CONFIG_VALUE", "registry.reload_seconds must be 0 (never) or more.");
  }
  return Status::Ok();
}

std::vector<std::string> ConfigKeys() {
  std::vector<std::string> keys;
  for (const auto& [key, setter] : Setters()) keys.push_back(key);
  return keys;
}

}  // namespace limen::server
