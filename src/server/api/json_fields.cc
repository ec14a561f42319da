#include "server/api/json_fields.h"

#include <fmt/format.h>

namespace limen::server {
namespace {

Status Missing(std::string_view field) {
  return InvalidArgument("FIELD_MISSING",
                         fmt::format("The field '{}' is required; add it to the request.", field));
}

Status WrongType(std::string_view field, std::string_view expected) {
  return InvalidArgument("FIELD_TYPE", fmt::format("The field '{}' must be {}.", field, expected));
}

const nlohmann::json* Find(const nlohmann::json& object, std::string_view field) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(std::string_view body) {
  nlohmann::json value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return InvalidArgument("JSON_MALFORMED",
                           "The request body is not valid JSON; send a JSON object.");
  }
  if (!value.is_object()) {
    return InvalidArgument("JSON_NOT_OBJECT", "The request body must be a JSON object.");
  }
  return value;
}

Result<std::string> RequiredString(const nlohmann::json& object, std::string_view field) {
  const nlohmann::json* value = Find(object, field);
  if (value == nullptr) return Missing(field);
  if (!value->is_string()) return WrongType(field, "a string");
  return value->get<std::string>();
}

Result<int64_t> RequiredInt(const nlohmann::json& object, std::string_view field) {
  const nlohmann::json* value = Find(object, field);
  if (value == nullptr) return Missing(field);
  if (!value->is_number_integer()) return WrongType(field, "an integer");
  return value->get<int64_t>();
}

Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                  std::string_view field) {
  const nlohmann::json* value = Find(object, field);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return WrongType(field, "a string");
  return std::optional<std::string>(value->get<std::string>());
}

Result<std::optional<int64_t>> OptionalInt(const nlohmann::json& object, std::string_view field) {
  const nlohmann::json* value = Find(object, field);
  if (value == nullptr) return std::optional<int64_t>();
  if (!value->is_number_integer()) return WrongType(field, "an integer");
  return std::optional<int64_t>(value->get<int64_t>());
}

Result<std::optional<bool>> OptionalBool(const nlohmann::json& object, std::string_view field) {
  const nlohmann::json* value = Find(object, field);
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_boolean()) return WrongType(field, "true or false");
  return std::optional<bool>(value->get<bool>());
}

Result<std::vector<std::string>> StringArray(const nlohmann::json& object, std::string_view field) {
  std::vector<std::string> out;
  const nlohmann::json* value = Find(object, field);
  if (value == nullptr) return out;
  if (!value->is_array()) return WrongType(field, "an array of strings");
  for (const auto& item : *value) {
    if (!item.is_string()) return WrongType(field, "an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace limen::server
