// The TOML adapter for the data-sharing policy: the only file of core/policy that includes toml++
// (docs/decisions/0003-rules-files-in-toml.md). toml++ throws on syntax errors; the throw is
// caught here and becomes POLICY_SYNTAX.
#include <toml++/toml.h>

#include <set>
#include <sstream>

#include "core/policy/data_sharing.h"

namespace limen::core {
namespace {

Status Invalid(std::string message) {
  return InvalidArgument("POLICY_INVALID", std::move(message));
}

bool IsValidGrant(std::string_view grant) {
  return grant == "case_notes:*" || grant == "case_notes:own" ||
         ParseDataCategory(grant).has_value();
}

Result<std::vector<std::string>> Strings(const toml::table& table, std::string_view key,
                                         const std::string& owner) {
  std::vector<std::string> values;
  const toml::array* array = table[key].as_array();
  if (array == nullptr) {
    return Invalid(owner + " needs " + std::string(key) + " = [\"...\"], a list of strings.");
  }
  for (const toml::node& element : *array) {
    const auto* text = element.as_string();
    if (text == nullptr) return Invalid(owner + ": " + std::string(key) + " holds a non-string.");
    values.push_back(text->get());
  }
  return values;
}

Result<PolicyRule> ParseRule(const toml::table& table) {
  PolicyRule rule;
  const std::string owner = "rule at line " + std::to_string(table.source().begin.line);
  rule.id = table["id"].value_or(std::string());
  rule.agency = table["agency"].value_or(std::string());
  if (rule.id.empty() || rule.agency.empty()) {
    return Invalid(owner + " needs an id and an agency (an agency code or \"*\").");
  }
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> roles, Strings(table, "roles", owner));
  for (const std::string& name : roles) {
    if (name == "*") continue;
    const auto role = ParseRole(name);
    if (!role) return Invalid(owner + " names unknown role '" + name + "'.");
    rule.roles.push_back(*role);
  }
  LIMEN_ASSIGN_OR_RETURN(rule.categories, Strings(table, "categories", owner));
  for (const std::string& grant : rule.categories) {
    if (!IsValidGrant(grant)) {
      return Invalid(owner + " names unknown category '" + grant +
                     "'; see docs/policy.md for the list.");
    }
  }
  return rule;
}

Result<DataSharingPolicy> FromTable(const toml::table& root) {
  const std::string version = root["version"].value_or(std::string());
  if (version.empty()) return Invalid("The policy file needs version = \"...\".");
  const toml::array* array = root["rules"].as_array();
  if (array == nullptr) return Invalid("The policy file needs [[rules]] tables.");
  std::vector<PolicyRule> rules;
  std::set<std::string> ids;
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return Invalid("Each [[rules]] entry must be a table.");
    LIMEN_ASSIGN_OR_RETURN(PolicyRule rule, ParseRule(*table));
    if (!ids.insert(rule.id).second) {
      return Invalid("Rule id '" + rule.id + "' is used twice; give each rule its own id.");
    }
    rules.push_back(std::move(rule));
  }
  return DataSharingPolicy(version, std::move(rules));
}

}  // namespace

Result<DataSharingPolicy> ParseDataSharingPolicy(std::string_view toml_text) {
  try {
    return FromTable(toml::parse(toml_text));
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "The policy file is not valid TOML at line " << error.source().begin.line
            << ", column " << error.source().begin.column << ": " << error.description()
            << ". Fix the file and load it again.";
    return InvalidArgument("POLICY_SYNTAX", message.str());
  } catch (const std::exception& error) {
    return InvalidArgument("POLICY_SYNTAX", std::string("The policy file could not be read: ") +
                                                error.what() + ". Fix the file and load it again.");
  }
}

}  // namespace limen::core
