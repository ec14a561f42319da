#include "integration/test_node.h"

#include "core/document/generate.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "crypto/password.h"
#include "store/identity_store.h"
#include "store/store.h"

namespace limen::testing {

Timestamp TestEpoch() { return *ParseTimestamp("2026-11-26T08:00:00Z"); }

namespace {

std::string MakeTempDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "limen-test-XXXXXX").string();
  char* created = ::mkdtemp(pattern.data());
  EXPECT_NE(created, nullptr);
  return pattern;
}

Status Seed(store::Store& store) {
  auto hash = crypto::HashPassword(kPassword, crypto::kTestPasswordCost);
  if (!hash.ok()) return hash.status();
  return store.Write([&](store::WriteTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(store::CreateState(txn, "system", {"UTO", "Utopia"}).status());
    LIMEN_RETURN_IF_ERROR(store::EnsureDefaultAgencies(txn, "system"));
    LIMEN_RETURN_IF_ERROR(
        store::CreatePost(txn, "system", {"UTO-AIR1", "Airport", store::PostKind::kAirBcp, {"UTO"}})
            .status());
    LIMEN_RETURN_IF_ERROR(
        store::CreatePost(txn, "system",
                          {"UTO-LAND1", "Bridge", store::PostKind::kLandBcp, {"UTO"}})
            .status());
    using core::Role;
    const store::NewUser users[] = {
        {"admin", *hash, Role::kAdministrator, "immigration", {}, false},
        {"officer", *hash, Role::kOfficer, "immigration", {"UTO-AIR1"}, false},
        {"officer2", *hash, Role::kOfficer, "immigration", {"UTO-LAND1"}, false},
        {"supervisor", *hash, Role::kSupervisor, "immigration", {"UTO-AIR1"}, false},
        {"analyst", *hash, Role::kAnalyst, "immigration", {}, false},
        {"auditor", *hash, Role::kAuditor, "immigration", {}, false},
        {"customs", *hash, Role::kOfficer, "customs", {"UTO-AIR1"}, false},
        {"customs.chief", *hash, Role::kSupervisor, "customs", {"UTO-AIR1"}, false},
        {"police", *hash, Role::kOfficer, "police", {"UTO-AIR1"}, false},
        {"health", *hash, Role::kOfficer, "health", {"UTO-AIR1"}, false},
        {"newbie", *hash, Role::kOfficer, "immigration", {"UTO-AIR1"}, true},
    };
    for (const auto& user : users) {
      LIMEN_RETURN_IF_ERROR(store::CreateUser(txn, "system", user).status());
    }
    return Status::Ok();
  });
}

}  // namespace

TestNode::TestNode(const std::function<void(server::Config&)>& adjust)
    : directory_(MakeTempDirectory()), clock_(TestEpoch()) {
  server::Config config;
  config.node.id = "test-node";
  config.node.state = "UTO";
  config.http.listen = "127.0.0.1:0";
  config.http.threads = 2;
  config.http.access_log = false;
  config.database.path = directory_ + "/limen.db";
  config.auth.argon2_memory_kib = crypto::kTestPasswordCost.memory_kib;
  config.auth.argon2_iterations = crypto::kTestPasswordCost.time_cost;
  if (adjust) adjust(config);
  auto app = server::App::Create(config, clock_);
  if (!app.ok()) {
    ADD_FAILURE() << app.status().ToString();
    return;
  }
  app_ = std::move(*app);
  Status seeded = Seed(app_->store());
  EXPECT_TRUE(seeded.ok()) << seeded.ToString();
  Status started = app_->Start();
  EXPECT_TRUE(started.ok()) << started.ToString();
}

TestNode::~TestNode() {
  if (app_) {
    app_->Shutdown();
    app_->Wait();
  }
  app_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::unique_ptr<HttpClient> TestNode::Client() const {
  return std::make_unique<HttpClient>("127.0.0.1", port());
}

std::unique_ptr<HttpClient> TestNode::LoggedIn(const std::string& username) const {
  auto client = Client();
  nlohmann::json body = {{"username", username}, {"password", kPassword}};
  HttpResult result = client->Send("POST", "/api/v1/auth/login", body.dump());
  EXPECT_EQ(result.status, 200) << username << ": " << result.body;
  auto parsed = nlohmann::json::parse(result.body, nullptr, false);
  if (parsed.is_object() && parsed.contains("token")) {
    client->token = parsed["token"].get<std::string>();
  }
  return client;
}

std::string TestPassportMrz(const std::string& number, const std::string& nationality,
                            const std::string& surname, const std::string& given) {
  core::document::DocumentData data;
  data.format = core::document::DocumentFormat::kTd3;
  data.issuing_state = nationality;
  data.nationality = nationality;
  data.primary_identifier = surname;
  data.secondary_identifier = given;
  data.document_number = number;
  data.birth_date = CivilDate{1980, 5, 6};
  data.sex = "F";
  data.expiry_date = CivilDate{2031, 1, 1};
  auto generated = core::document::GenerateMrz(data);
  EXPECT_TRUE(generated.ok()) << generated.status().ToString();
  if (!generated.ok()) return "";
  return generated->lines[0] + "\n" + generated->lines[1];
}

void UseShippedRules(server::Config& config) {
  config.workflow.stay_rules_file = std::string(LIMEN_SOURCE_DIR) + "/config/stay-rules.toml";
  config.workflow.policy_file = std::string(LIMEN_SOURCE_DIR) + "/config/policy.toml";
}

int64_t EventCount(TestNode& node) {
  auto length = node.app().store().EventLogLength();
  EXPECT_TRUE(length.ok());
  return length.ok() ? *length : -1;
}

std::string ErrorCode(const HttpResult& result) {
  nlohmann::json body = nlohmann::json::parse(result.body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

}  // namespace limen::testing
