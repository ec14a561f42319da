// The TOML adapter for linking rules (config/identity-linking.toml): the only file of
// core/identity that includes toml++ (docs/decisions/0003-rules-files-in-toml.md).
#include <toml++/toml.h>

#include <sstream>

#include "core/identity/linking.h"

namespace limen::core::identity {
namespace {

Status Invalid(std::string message) {
  return InvalidArgument("IDENTITY_RULES_INVALID", std::move(message));
}

Status ReadNumber(const toml::table& table, std::string_view key, double& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return Status::Ok();  // Keep the default.
  if (const auto value = node->value<double>()) {
    out = *value;
    return Status::Ok();
  }
  return Invalid("'" + std::string(key) + "' at line " + std::to_string(node->source().begin.line) +
                 " must be a number.");
}

Result<LinkingRules> FromTable(const toml::table& root) {
  LinkingRules rules;
  const toml::table empty;
  const toml::table* weights = root["weights"].as_table();
  const toml::table* thresholds = root["thresholds"].as_table();
  const toml::table& w = weights != nullptr ? *weights : empty;
  const toml::table& t = thresholds != nullptr ? *thresholds : empty;
  LIMEN_RETURN_IF_ERROR(ReadNumber(w, "same_document", rules.document_weight));
  LIMEN_RETURN_IF_ERROR(ReadNumber(w, "same_name", rules.name_weight));
  LIMEN_RETURN_IF_ERROR(ReadNumber(w, "same_date_of_birth", rules.date_of_birth_weight));
  LIMEN_RETURN_IF_ERROR(ReadNumber(w, "same_sex", rules.sex_weight));
  LIMEN_RETURN_IF_ERROR(ReadNumber(w, "shared_nationality", rules.nationality_weight));
  LIMEN_RETURN_IF_ERROR(
      ReadNumber(w, "date_of_birth_differs", rules.date_of_birth_mismatch_weight));
  LIMEN_RETURN_IF_ERROR(ReadNumber(t, "link", rules.link_threshold));
  LIMEN_RETURN_IF_ERROR(ReadNumber(t, "candidate", rules.candidate_threshold));
  LIMEN_RETURN_IF_ERROR(ValidateLinkingRules(rules));
  return rules;
}

}  // namespace

Result<LinkingRules> ParseLinkingRules(std::string_view toml_text) {
  try {
    return FromTable(toml::parse(toml_text));
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "The linking rules file is not valid TOML at line " << error.source().begin.line
            << ", column " << error.source().begin.column << ": " << error.description()
            << ". Fix the file and load it again.";
    return InvalidArgument("IDENTITY_RULES_SYNTAX", message.str());
  } catch (const std::exception& error) {
    return InvalidArgument("IDENTITY_RULES_SYNTAX",
                           std::string("The linking rules file could not be read: ") +
                               error.what() + ". Fix the file and load it again.");
  }
}

}  // namespace limen::core::identity
