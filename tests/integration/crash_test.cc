// A node killed with SIGKILL while clients write loses nothing it acknowledged, and both hash
// chains still verify after restart. A node sent SIGTERM drains requests in flight and exits 0.
#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "integration/http_client.h"
#include "integration/process.h"
#include "store/identity_store.h"
#include "store/store.h"

namespace limen::testing {
namespace {

constexpr char kAdminPassword[] = "crash test password";

class ProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "limen-process-XXXXXX").string();
    directory_ = ::mkdtemp(pattern.data());
    db_ = directory_ + "/limen.db";
    std::ofstream(directory_ + "/password") << kAdminPassword << "\n";
    CommandResult init =
        RunLimen({"init", "--db", db_, "--admin-password-file", directory_ + "/password"});
    ASSERT_EQ(init.exit_code, 0) << init.output;
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  bool StartServer(ServerProcess& server) {
    return server.Start({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--threads", "2"},
                        directory_ + "/server.log");
  }

  static std::string Login(uint16_t port) {
    HttpClient client("127.0.0.1", port);
    HttpResult result =
        client.Send("POST", "/api/v1/auth/login",
                    nlohmann::json{{"username", "admin"}, {"password", kAdminPassword}}.dump());
    EXPECT_EQ(result.status, 200) << result.body;
    auto body = nlohmann::json::parse(result.body, nullptr, false);
    return body.is_object() ? body.value("token", "") : "";
  }

  // Clients create agencies until `stop`; returns the codes whose creation was acknowledged.
  static std::set<std::string> WriteUntil(uint16_t port, const std::string& token,
                                          std::atomic<bool>& stop, std::atomic<int>& acked,
                                          int clients) {
    std::mutex mutex;
    std::set<std::string> acknowledged;
    std::vector<std::thread> threads;
    for (int t = 0; t < clients; ++t) {
      threads.emplace_back([&, t] {
        HttpClient client("127.0.0.1", port);
        client.token = token;
        for (int i = 0; !stop.load(); ++i) {
          const std::string code = "a" + std::to_string(t) + "-" + std::to_string(i);
          HttpResult result =
              client.Send("POST", "/api/v1/agencies",
                          nlohmann::json{{"code", code}, {"name", "Agency " + code}}.dump());
          if (result.status == 0) return;  // The server is gone.
          if (result.status == 201) {
            std::lock_guard<std::mutex> lock(mutex);
            acknowledged.insert(code);
            ++acked;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    return acknowledged;
  }

  std::set<std::string> StoredAgencies() {
    store::StoreOptions options;
    options.path = db_;
    options.node_id = "bcp-demo-1";
    auto store = store::OpenStore(options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    std::set<std::string> codes;
    if (!store.ok()) return codes;
    Status status = (*store)->Read([&](store::ReadTxn& txn) -> Status {
      LIMEN_ASSIGN_OR_RETURN(auto agencies, store::ListAgencies(txn));
      for (const auto& agency : agencies) codes.insert(agency.code);
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok());
    return codes;
  }

  void ExpectChainsVerify() {
    CommandResult events = RunLimen({"log", "verify", "--db", db_});
    EXPECT_EQ(events.exit_code, 0) << events.output;
    CommandResult audit = RunLimen({"audit", "verify", "--db", db_});
    EXPECT_EQ(audit.exit_code, 0) << audit.output;
  }

  std::string directory_;
  std::string db_;
};

TEST_F(ProcessTest, SigkillLosesNoAcknowledgedWrite) {
  for (int round = 0; round < 2; ++round) {
    ServerProcess server;
    ASSERT_TRUE(StartServer(server)) << server.Output();
    const std::string token = Login(server.port());
    std::atomic<bool> stop{false};
    std::atomic<int> acked{0};
    std::thread killer([&] {
      // Kill at a moment when plenty of writes are in flight.
      while (acked.load() < 150 + 100 * round)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      server.Signal(SIGKILL);
      stop = true;
    });
    std::set<std::string> acknowledged = WriteUntil(server.port(), token, stop, acked, 8);
    killer.join();
    EXPECT_EQ(server.Wait(), 128 + SIGKILL);
    ASSERT_GE(acknowledged.size(), 150u);
    std::set<std::string> stored = StoredAgencies();
    size_t missing = 0;
    for (const std::string& code : acknowledged) missing += stored.count(code) == 0;
    EXPECT_EQ(missing, 0u) << "acknowledged writes lost after SIGKILL";
    ExpectChainsVerify();
  }
}

TEST_F(ProcessTest, SigtermDrainsAndExitsCleanly) {
  ServerProcess server;
  ASSERT_TRUE(StartServer(server)) << server.Output();
  const std::string token = Login(server.port());
  std::atomic<bool> stop{false};
  std::atomic<int> acked{0};
  std::thread terminator([&] {
    while (acked.load() < 100) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    server.Signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  std::set<std::string> acknowledged = WriteUntil(server.port(), token, stop, acked, 4);
  terminator.join();
  EXPECT_EQ(server.Wait(), 0) << server.Output();
  EXPECT_NE(server.Output().find("stopped cleanly"), std::string::npos);
  std::set<std::string> stored = StoredAgencies();
  for (const std::string& code : acknowledged) EXPECT_EQ(stored.count(code), 1u) << code;
  ExpectChainsVerify();
}

}  // namespace
}  // namespace limen::testing
