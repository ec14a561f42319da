// The administrative CLI against a real database: init (once only), user management, chain
// verification that names the first tampered record, and rebuilding projections from the log.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "integration/process.h"

namespace limen::testing {
namespace {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "limen-cli-XXXXXX").string();
    directory_ = ::mkdtemp(pattern.data());
    db_ = directory_ + "/limen.db";
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  void Sql(const std::string& statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  std::string directory_;
  std::string db_;
};

TEST_F(CliTest, VersionAndHelp) {
  CommandResult version = RunLimen({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.output.find("limen "), std::string::npos);
  CommandResult nothing = RunLimen({});
  EXPECT_NE(nothing.exit_code, 0);
}

TEST_F(CliTest, InitOnceWithDemoDataAndOneTimePassword) {
  CommandResult init = RunLimen({"init", "--db", db_, "--demo"});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  EXPECT_NE(init.output.find("One-time password: "), std::string::npos);
  CommandResult again = RunLimen({"init", "--db", db_, "--demo"});
  EXPECT_EQ(again.exit_code, 3) << again.output;
  EXPECT_NE(again.output.find("already initialised"), std::string::npos);
  CommandResult users = RunLimen({"user", "list", "--db", db_});
  EXPECT_NE(users.output.find("administrator"), std::string::npos) << users.output;
}

TEST_F(CliTest, UserAddListDisableReset) {
  ASSERT_EQ(RunLimen({"init", "--db", db_, "--demo"}).exit_code, 0);
  CommandResult add = RunLimen({"user", "add", "amina", "--db", db_, "--role", "officer",
                                "--agency", "immigration", "--post", "UTO-AIR1"});
  ASSERT_EQ(add.exit_code, 0) << add.output;
  EXPECT_NE(add.output.find("One-time password: "), std::string::npos);
  CommandResult bad_role = RunLimen({"user", "add", "zed", "--db", db_, "--role", "king"});
  EXPECT_NE(bad_role.exit_code, 0);
  CommandResult bad_post = RunLimen({"user", "add", "zed", "--db", db_, "--post", "NOWHERE"});
  EXPECT_NE(bad_post.exit_code, 0);
  EXPECT_NE(bad_post.output.find("NOWHERE"), std::string::npos) << bad_post.output;

  CommandResult list = RunLimen({"user", "list", "--db", db_});
  EXPECT_NE(list.output.find("amina"), std::string::npos);
  EXPECT_NE(list.output.find("UTO-AIR1"), std::string::npos);
  EXPECT_EQ(RunLimen({"user", "disable", "amina", "--db", db_}).exit_code, 0);
  list = RunLimen({"user", "list", "--db", db_});
  EXPECT_NE(list.output.find("disabled"), std::string::npos) << list.output;
  CommandResult reset = RunLimen({"user", "reset-password", "amina", "--db", db_});
  EXPECT_EQ(reset.exit_code, 0);
  EXPECT_NE(reset.output.find("New one-time password"), std::string::npos);
  EXPECT_NE(RunLimen({"user", "disable", "nobody", "--db", db_}).exit_code, 0);
  // Every CLI change is on both chains.
  EXPECT_EQ(RunLimen({"log", "verify", "--db", db_}).exit_code, 0);
  CommandResult audit = RunLimen({"audit", "verify", "--db", db_});
  EXPECT_EQ(audit.exit_code, 0);
  EXPECT_NE(audit.output.find("4 records verified"), std::string::npos) << audit.output;
}

TEST_F(CliTest, VerifyNamesTheFirstTamperedRecord) {
  ASSERT_EQ(RunLimen({"init", "--db", db_, "--demo"}).exit_code, 0);
  CommandResult clean = RunLimen({"log", "verify", "--db", db_});
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  Sql("UPDATE events SET payload = payload || ' ' WHERE sequence = 4");
  Sql("UPDATE events SET payload = replace(payload, 'a', 'b') WHERE sequence = 6");
  CommandResult broken = RunLimen({"log", "verify", "--db", db_});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.output.find("BROKEN at record 4"), std::string::npos) << broken.output;

  Sql("UPDATE audit_log SET client_address = 'elsewhere' WHERE sequence = 1");
  CommandResult audit = RunLimen({"audit", "verify", "--db", db_});
  EXPECT_EQ(audit.exit_code, 2);
  EXPECT_NE(audit.output.find("BROKEN at record 1"), std::string::npos) << audit.output;
}

TEST_F(CliTest, RebuildRecreatesProjections) {
  ASSERT_EQ(RunLimen({"init", "--db", db_, "--demo"}).exit_code, 0);
  ASSERT_EQ(RunLimen({"user", "add", "amina", "--db", db_, "--post", "UTO-AIR1"}).exit_code, 0);
  const std::string before = RunLimen({"user", "list", "--db", db_}).output;
  Sql("DELETE FROM user_posts; DELETE FROM users;");
  EXPECT_EQ(RunLimen({"user", "list", "--db", db_}).output.find("amina"), std::string::npos);
  CommandResult rebuild = RunLimen({"rebuild", "--db", db_});
  ASSERT_EQ(rebuild.exit_code, 0) << rebuild.output;
  EXPECT_EQ(RunLimen({"user", "list", "--db", db_}).output, before);
}

TEST_F(CliTest, ConfigurationFileAndErrors) {
  std::ofstream(directory_ + "/limen.toml") << "[node]\nid = \"bcp-north\"\nstate = \"UTO\"\n"
                                            << "[database]\npath = \"" << db_ << "\"\n";
  CommandResult init = RunLimen({"init", "--config", directory_ + "/limen.toml"});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  EXPECT_NE(init.output.find("bcp-north"), std::string::npos);
  std::ofstream(directory_ + "/typo.toml") << "[http]\nlisten_on = \"x\"\n";
  CommandResult typo = RunLimen({"log", "verify", "--config", directory_ + "/typo.toml"});
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_NE(typo.output.find("CONFIG_UNKNOWN_KEY"), std::string::npos) << typo.output;
  CommandResult missing = RunLimen({"log", "verify", "--config", directory_ + "/none.toml"});
  EXPECT_NE(missing.output.find("CONFIG_NOT_FOUND"), std::string::npos);
}

// The JSON document that a command printed (stdout and stderr are mixed: the object is the part
// from the first '{' to the last '}').
nlohmann::json JsonIn(const std::string& output) {
  const size_t open = output.find('{');
  const size_t close = output.rfind('}');
  if (open == std::string::npos || close == std::string::npos) return nullptr;
  return nlohmann::json::parse(output.substr(open, close - open + 1), nullptr, false);
}

TEST_F(CliTest, RegistryImportDeltaStatsAndRejection) {
  const std::string full = directory_ + "/sltd.csv";
  std::ofstream(full) << "issuing_state,number,type,reason,reported_on\n"
                         "UTO,AB0123,passport,lost,2024-01-01\n"
                         "D,C01X00T47,identity_card,stolen,2023-05-06\n"
                         "FRA,12AB34567,passport,stolen,2022-02-28\n";
  CommandResult imported =
      RunLimen({"registry", "import", full, "--db", db_, "--source", "interpol-sltd"});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  nlohmann::json summary = JsonIn(imported.output);
  EXPECT_EQ(summary["stored"], true) << imported.output;
  EXPECT_EQ(summary["version"], 1);
  EXPECT_EQ(summary["entries"], 3);
  EXPECT_EQ(summary["mode"], "full");

  const std::string delta = directory_ + "/delta.csv";
  std::ofstream(delta) << "issuing_state,number,type,reason,reported_on,op\n"
                          "FRA,12AB34567,,,,remove\n"
                          "ITA,YA8000000,passport,stolen_blank,2020-02-29,add\n";
  CommandResult applied =
      RunLimen({"registry", "import", delta, "--db", db_, "--source", "interpol-sltd", "--delta"});
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_EQ(JsonIn(applied.output)["version"], 2) << applied.output;

  CommandResult stats = RunLimen({"registry", "stats", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.output;
  nlohmann::json counts = JsonIn(stats.output);
  EXPECT_EQ(counts["entries"], 3) << stats.output;
  EXPECT_EQ(counts["by_source"]["interpol-sltd"], 3);
  EXPECT_EQ(counts["by_state"]["ITA"], 1);
  EXPECT_EQ(counts["by_state"].count("FRA"), 0u);
  EXPECT_EQ(counts["by_reason"]["stolen_blank"], 1);
  EXPECT_EQ(counts["version"]["version"], 2);
  EXPECT_EQ(counts["version"]["mode"], "delta");

  // A file with bad rows: every error with its line, exit code 2, nothing stored.
  const std::string bad = directory_ + "/bad.csv";
  std::ofstream(bad) << "issuing_state,number,type,reason,reported_on,source\n"
                        "UTO,ZZ1,passport,lost,2024-01-01,interpol-sltd\n"
                        "UTO,ZZ2,passport,misplaced,2024-01-01,interpol-sltd\n"
                        "UTO,ZZ3,passport,lost,2024-13-01,interpol-sltd\n"
                        "UTO,ZZ4,passport,lost,2024-01-01,national\n";
  CommandResult rejected =
      RunLimen({"registry", "import", bad, "--db", db_, "--source", "interpol-sltd"});
  EXPECT_EQ(rejected.exit_code, 2) << rejected.output;
  nlohmann::json error = JsonIn(rejected.output);
  EXPECT_EQ(error["error"]["code"], "REGISTRY_IMPORT_REJECTED") << rejected.output;
  const nlohmann::json& errors = error["error"]["details"]["errors"];
  ASSERT_EQ(errors.size(), 3u) << rejected.output;
  EXPECT_EQ(errors[0]["line"], 3);
  EXPECT_EQ(errors[0]["code"], "REGISTRY_REASON");
  EXPECT_EQ(errors[1]["line"], 4);
  EXPECT_EQ(errors[1]["code"], "REGISTRY_DATE");
  EXPECT_EQ(errors[2]["line"], 5);
  EXPECT_EQ(errors[2]["code"], "REGISTRY_SOURCE_MISMATCH");
  nlohmann::json after = JsonIn(RunLimen({"registry", "stats", "--db", db_}).output);
  EXPECT_EQ(after["version"], counts["version"]);
  EXPECT_EQ(after["by_state"], counts["by_state"]);

  CommandResult missing = RunLimen({"registry", "import", directory_ + "/none.csv", "--db", db_});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(JsonIn(missing.output)["error"]["code"], "FILE_OPEN") << missing.output;
  // Every import is one event on a chain that still verifies.
  EXPECT_EQ(RunLimen({"log", "verify", "--db", db_}).exit_code, 0);
}

}  // namespace
}  // namespace limen::testing
