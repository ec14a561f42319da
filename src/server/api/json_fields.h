// Typed access to fields of a decoded JSON request body, with the stable error codes every route
// shares: JSON_MALFORMED, JSON_NOT_OBJECT, FIELD_MISSING, FIELD_TYPE, FIELD_INVALID.
//
// Thread-safety: pure functions over caller-owned values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace limen::server {

// Parses a request body that must be a JSON object. Never throws.
Result<nlohmann::json> ParseJsonObject(std::string_view body);

// Required fields: FIELD_MISSING if absent or null, FIELD_TYPE if of another type.
Result<std::string> RequiredString(const nlohmann::json& object, std::string_view field);
Result<int64_t> RequiredInt(const nlohmann::json& object, std::string_view field);
// Optional fields: nullopt if absent or null, FIELD_TYPE if of another type.
Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                  std::string_view field);
Result<std::optional<int64_t>> OptionalInt(const nlohmann::json& object, std::string_view field);
Result<std::optional<bool>> OptionalBool(const nlohmann::json& object, std::string_view field);
// An array of strings; absent gives an empty vector.
Result<std::vector<std::string>> StringArray(const nlohmann::json& object, std::string_view field);

}  // namespace limen::server
