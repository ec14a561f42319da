// A minimal JSON writer and reader for the store's own event payloads: flat objects whose values
// are strings, integers, booleans, null or arrays of strings. The store must not depend on
// nlohmann::json (reserved for server/api and cli), yet its projectors must read the identity
// events they replay. Internal to src/store.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/status.h"

namespace limen::store::internal {

// Builds {"key":value,...} with keys in insertion order.
class FlatJsonWriter {
 public:
  FlatJsonWriter() { text_.reserve(256); }  // Most payloads fit: one allocation.
  FlatJsonWriter& Add(std::string_view key, std::string_view value);
  FlatJsonWriter& Add(std::string_view key, const char* value) {
    return Add(key, std::string_view(value));
  }
  FlatJsonWriter& Add(std::string_view key, int64_t value);
  FlatJsonWriter& Add(std::string_view key, bool value);
  FlatJsonWriter& Add(std::string_view key, const std::vector<std::string>& values);
  std::string Finish() const { return text_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string text_ = "{";
};

using FlatJsonValue =
    std::variant<std::nullptr_t, bool, int64_t, std::string, std::vector<std::string>>;

class FlatJsonObject {
 public:
  // Fails with EVENT_PAYLOAD_INVALID on anything but a flat object of the supported values.
  static Result<FlatJsonObject> Parse(std::string_view text);

  // Typed getters fail with EVENT_PAYLOAD_INVALID naming the field when it is absent or of
  // another type.
  Result<std::string> String(std::string_view key) const;
  Result<int64_t> Int(std::string_view key) const;
  Result<bool> Bool(std::string_view key) const;
  Result<std::vector<std::string>> Strings(std::string_view key) const;
  // For fields added to an event type later: `fallback` when absent, else as String().
  Result<std::string> StringOr(std::string_view key, std::string_view fallback) const;

 private:
  const FlatJsonValue* Find(std::string_view key) const;
  void Set(std::string key, FlatJsonValue value);
  // In the order read, each key once (a repeated key keeps its last value, as a map would).
  // Payloads have a few dozen fields at most, so a linear search beats a tree of nodes.
  std::vector<std::pair<std::string, FlatJsonValue>> fields_;
};

// Appends `text` as a JSON string literal (with quotes) to `out`.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace limen::store::internal
