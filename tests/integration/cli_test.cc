// The administrative CLI against a real database: init (once only), user management, chain
// verification that names the first tampered record, and rebuilding projections from the log.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace limen::testing
