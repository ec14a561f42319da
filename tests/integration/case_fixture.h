// Shared set-up of the case integration tests (case_test.cc, case_policy_test.cc): a node with the
// shipped policy and a watchlist hit on the test traveller, her inspections, a referral to
// secondary inspection, and small helpers to read the JSON answers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "integration/test_node.h"

namespace limen::testing {

// The X-Purpose header every case read states.
extern const std::vector<std::pair<std::string, std::string>> kCasePurpose;

// Claire MARTIN's passport (TD3, FRA) with this document number.
std::string CaseMrz(const std::string& number);
nlohmann::json CaseInspectionBody(const std::string& mrz);

// A node with the shipped stay rules and policy, and a watchlist on which Claire MARTIN is listed
// (entry n-7 of list "national"), so that each of her inspections has one hit.
std::unique_ptr<TestNode> StartCaseNode();

// Claire MARTIN's first entry (admitted after her hit is adjudicated, so she has a crossing
// history), then a second inspection by "officer" a week later; returns the second inspection's
// id. Sessions do not last a week: log in after calling this.
std::string InspectTwice(TestNode& node, const std::string& number);
// Decides the inspection "referred" with a referral to secondary inspection; returns the case id.
std::string ReferToSecondary(HttpClient& officer, const std::string& inspection_id);

nlohmann::json Parsed(const HttpResult& result);
// The categories of the answer's "withheld" list (each must have reason POLICY_DENIED).
std::vector<std::string> Withheld(const nlohmann::json& body);
bool Contains(const std::vector<std::string>& items, const std::string& item);
// The part of `agency` in a case answer, or nullptr.
const nlohmann::json* PartOf(const nlohmann::json& body, const std::string& agency);

HttpResult Post(HttpClient& client, const std::string& target, const nlohmann::json& body);
HttpResult GetCase(HttpClient& client, const std::string& case_id);

}  // namespace limen::testing
