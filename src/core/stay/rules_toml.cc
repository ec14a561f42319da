// The TOML adapter for stay rules: the only file of core/stay that includes toml++
// (docs/decisions/0003-rules-files-in-toml.md). toml++ throws on syntax errors; the throw is
// caught here and becomes STAY_RULES_SYNTAX.
#include <toml++/toml.h>

#include <sstream>

#include "base/strings.h"
#include "core/stay/rules.h"

namespace limen::core::stay {
namespace {

constexpr int32_t kMaxDays = 3650;

Status Invalid(std::string message) {
  return InvalidArgument("STAY_RULES_INVALID", std::move(message));
}

std::string Where(const toml::node& node) {
  const auto& source = node.source();
  return "line " + std::to_string(source.begin.line);
}

Result<std::vector<std::string>> StringList(const toml::table& table, std::string_view key,
                                            std::string_view owner) {
  std::vector<std::string> values;
  const toml::node* node = table.get(key);
  if (node == nullptr) return values;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return Invalid(std::string(owner) + ": '" + std::string(key) + "' at " + Where(*node) +
                   " must be a list of strings; write it as [\"A\", \"B\"].");
  }
  for (const toml::node& element : *array) {
    const auto* text = element.as_string();
    if (text == nullptr) {
      return Invalid(std::string(owner) + ": '" + std::string(key) + "' at " + Where(element) +
                     " must contain only strings.");
    }
    values.push_back(text->get());
  }
  return values;
}

Result<Regime> ParseRegime(std::string id, const toml::table& table) {
  Regime regime;
  regime.id = std::move(id);
  const std::string owner = "regime '" + regime.id + "'";
  const auto kind = ParseRegimeKind(table["kind"].value_or(std::string()));
  if (!kind) {
    return Invalid(owner + " at " + Where(table) +
                   " needs kind = \"rolling_window\", \"per_entry\", \"no_limit\" or "
                   "\"visa_required\".");
  }
  regime.kind = *kind;
  regime.max_days = static_cast<int32_t>(table["max_days"].value_or(int64_t{0}));
  regime.window_days = static_cast<int32_t>(table["window_days"].value_or(int64_t{0}));
  regime.description = table["description"].value_or(std::string());
  const bool needs_days = *kind == RegimeKind::kRollingWindow || *kind == RegimeKind::kPerEntry;
  if (needs_days && (regime.max_days <= 0 || regime.max_days > kMaxDays)) {
    return Invalid(owner + " at " + Where(table) + " needs max_days between 1 and 3650.");
  }
  if (*kind == RegimeKind::kRollingWindow &&
      (regime.window_days < regime.max_days || regime.window_days > kMaxDays)) {
    return Invalid(owner + " at " + Where(table) +
                   " needs window_days between max_days and 3650 (e.g. 180 for 90/180).");
  }
  return regime;
}

Status ParseRegimes(const toml::table& root, StayRules& rules) {
  const toml::table* regimes = root["regimes"].as_table();
  if (regimes == nullptr || regimes->empty()) {
    return Invalid("The rules file defines no regimes; add at least one [regimes.<id>] table.");
  }
  for (const auto& [key, node] : *regimes) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return Invalid("regimes." + std::string(key.str()) + " at " + Where(node) +
                     " must be a table.");
    }
    LIMEN_ASSIGN_OR_RETURN(Regime regime, ParseRegime(std::string(key.str()), *table));
    rules.regimes.emplace(regime.id, std::move(regime));
  }
  return Status::Ok();
}

Status ParseNationalities(const toml::table& root, StayRules& rules) {
  const toml::table* nationalities = root["nationalities"].as_table();
  if (nationalities == nullptr) return Status::Ok();
  for (const auto& [key, node] : *nationalities) {
    const auto* regime = node.as_string();
    if (regime == nullptr || rules.FindRegime(regime->get()) == nullptr) {
      return Invalid("nationalities." + std::string(key.str()) + " at " + Where(node) +
                     " must name a regime defined under [regimes].");
    }
    rules.nationality_regimes.emplace(ToUpperAscii(key.str()), regime->get());
  }
  return Status::Ok();
}

Result<Exemption> ParseExemption(const toml::table& table, const StayRules& rules) {
  Exemption exemption;
  exemption.code = table["code"].value_or(std::string());
  exemption.description = table["description"].value_or(std::string());
  exemption.regime = table["regime"].value_or(std::string());
  const std::string owner = "exemption at " + Where(table);
  if (exemption.code.empty() || exemption.code != ToUpperAscii(exemption.code)) {
    return Invalid(owner + " needs an upper-case code, e.g. code = \"DIPLOMATIC_PASSPORT\".");
  }
  if (rules.FindRegime(exemption.regime) == nullptr) {
    return Invalid(owner + " names regime '" + exemption.regime +
                   "', which is not defined under [regimes].");
  }
  LIMEN_ASSIGN_OR_RETURN(exemption.document_types, StringList(table, "document_types", owner));
  LIMEN_ASSIGN_OR_RETURN(exemption.nationalities, StringList(table, "nationalities", owner));
  LIMEN_ASSIGN_OR_RETURN(exemption.purposes, StringList(table, "purposes", owner));
  return exemption;
}

Status ParseExemptions(const toml::table& root, StayRules& rules) {
  const toml::node* node = root.get("exemptions");
  if (node == nullptr) return Status::Ok();
  const toml::array* exemptions = node->as_array();
  if (exemptions == nullptr) {
    return Invalid("'exemptions' must be an array of tables; write each as [[exemptions]].");
  }
  for (const toml::node& element : *exemptions) {
    const toml::table* table = element.as_table();
    if (table == nullptr) return Invalid("Each [[exemptions]] entry must be a table.");
    LIMEN_ASSIGN_OR_RETURN(Exemption exemption, ParseExemption(*table, rules));
    rules.exemptions.push_back(std::move(exemption));
  }
  return Status::Ok();
}

Result<StayRules> FromTable(const toml::table& root) {
  StayRules rules;
  rules.version = root["version"].value_or(std::string());
  if (rules.version.empty()) {
    return Invalid(
        "The rules file needs a version, e.g. version = \"2026-11-01.1\"; every "
        "decision records it.");
  }
  LIMEN_RETURN_IF_ERROR(ParseRegimes(root, rules));
  rules.default_regime = root["default_regime"].value_or(std::string());
  if (rules.FindRegime(rules.default_regime) == nullptr) {
    return Invalid(
        "default_regime must name a regime defined under [regimes], e.g. "
        "default_regime = \"visa_required\".");
  }
  LIMEN_RETURN_IF_ERROR(ParseNationalities(root, rules));
  LIMEN_RETURN_IF_ERROR(ParseExemptions(root, rules));
  return rules;
}

}  // namespace

Result<StayRules> ParseStayRules(std::string_view toml_text) {
  try {
    const toml::table root = toml::parse(toml_text);
    return FromTable(root);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "The stay rules file is not valid TOML at line " << error.source().begin.line
            << ", column " << error.source().begin.column << ": " << error.description()
            << ". Fix the file and load it again.";
    return InvalidArgument("STAY_RULES_SYNTAX", message.str());
  } catch (const std::exception& error) {
    return InvalidArgument("STAY_RULES_SYNTAX",
                           std::string("The stay rules file could not be read: ") + error.what() +
                               ". Fix the file and load it again.");
  }
}

}  // namespace limen::core::stay
