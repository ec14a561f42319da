// The administrative CLI against a real database: init (once only), user management, chain
// verification that names the first tampered record, and rebuilding projections from the log.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

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

  // Writes `text` to `name` in the test's directory and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = directory_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  std::string directory_;
  std::string db_;
};

// The JSON document that a command printed (stdout and stderr are mixed: the object is the part
// from the first '{' to the last '}').
nlohmann::json JsonIn(const std::string& output) {
  const size_t open = output.find('{');
  const size_t close = output.rfind('}');
  if (open == std::string::npos || close == std::string::npos) return nullptr;
  return nlohmann::json::parse(output.substr(open, close - open + 1), nullptr, false);
}

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
  // The demonstration list and stolen specimen passport that the README's walkthrough uses.
  nlohmann::json watchlist = JsonIn(RunLimen({"watchlist", "stats", "--db", db_}).output);
  EXPECT_EQ(watchlist["entries"], 3) << watchlist;
  EXPECT_EQ(watchlist["original_script_names"], 1);
  nlohmann::json registry = JsonIn(RunLimen({"registry", "stats", "--db", db_}).output);
  EXPECT_EQ(registry["national_reports"]["total"], 1) << registry;
  EXPECT_EQ(registry["national_reports"]["by_reason"]["stolen"], 1);
  EXPECT_EQ(RunLimen({"log", "verify", "--db", db_}).exit_code, 0);
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

TEST_F(CliTest, RegistryImportDeltaStatsAndRejection) {
  const std::string full = WriteFile("sltd.csv",
                                     "issuing_state,number,type,reason,reported_on\n"
                                     "UTO,AB0123,passport,lost,2024-01-01\n"
                                     "D,C01X00T47,identity_card,stolen,2023-05-06\n"
                                     "FRA,12AB34567,passport,stolen,2022-02-28\n");
  CommandResult imported =
      RunLimen({"registry", "import", full, "--db", db_, "--source", "interpol-sltd"});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  nlohmann::json summary = JsonIn(imported.output);
  EXPECT_EQ(summary["stored"], true) << imported.output;
  EXPECT_EQ(summary["version"], 1);
  EXPECT_EQ(summary["entries"], 3);
  EXPECT_EQ(summary["mode"], "full");

  const std::string delta = WriteFile("delta.csv",
                                      "issuing_state,number,type,reason,reported_on,op\n"
                                      "FRA,12AB34567,,,,remove\n"
                                      "ITA,YA8000000,passport,stolen_blank,2020-02-29,add\n");
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
  const std::string bad = WriteFile("bad.csv",
                                    "issuing_state,number,type,reason,reported_on,source\n"
                                    "UTO,ZZ1,passport,lost,2024-01-01,interpol-sltd\n"
                                    "UTO,ZZ2,passport,misplaced,2024-01-01,interpol-sltd\n"
                                    "UTO,ZZ3,passport,lost,2024-13-01,interpol-sltd\n"
                                    "UTO,ZZ4,passport,lost,2024-01-01,national\n");
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

// The JSON lines that `limen screen` printed, by query id (stderr lines do not start with '{').
std::map<std::string, nlohmann::json> ScreenLines(const std::string& output,
                                                  std::vector<std::string>* order = nullptr) {
  std::map<std::string, nlohmann::json> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] != '{') continue;
    nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    if (parsed.is_discarded() || !parsed.contains("query_id")) continue;
    if (order != nullptr) order->push_back(parsed["query_id"]);
    lines[parsed["query_id"]] = parsed;
  }
  return lines;
}

TEST_F(CliTest, ScreenWritesOneJsonLinePerQueryBestFirst) {
  const std::string list =
      WriteFile("list.csv",
                "id,name,aliases,dob,nationality,sex\n"
                "E1,Ivan Petrovich SIDOROV,Иван Петрович Сидоров,1970-05-01,RUS,M\n"
                "E2,Ahmed AL-RASHID,Ahmad AL RASHEED;Abu Omar,1965,IRQ,M\n"
                "E3,Maria GARCIA LOPEZ,,1980-02,ESP,F\n"
                "E4,Maria GARCIA,,1951,MEX,F\n"
                "E6,Mario GARCIA LOPEZ,,1952,MEX,M\n");
  const std::string queries =
      WriteFile("queries.csv",
                "query_id,name,dob,nationality,sex\n"
                "q1,Иван Сидоров,1970-05-01,RUS,M\n"  // Cyrillic, no patronymic.
                "q2,AHMAD ALRASHID,,,\n"              // Joined particle, no DOB.
                "q3,Wilhelmina Jorgensen,1990-01-01,NOR,F\n"
                "q4,,,,\n"  // No name: an error line, exit code 2.
                "q5,MARIA GARCIA LOPEZ,,,\n"
                "q6,MARIA GARCIA LOPEZ,1980-02-11,ESP,F\n");
  CommandResult screened = RunLimen({"screen", "--list", list, "--queries", queries, "--top", "3"});
  EXPECT_EQ(screened.exit_code, 2) << screened.output;
  EXPECT_NE(screened.output.find("line 5"), std::string::npos) << screened.output;
  std::vector<std::string> order;
  std::map<std::string, nlohmann::json> lines = ScreenLines(screened.output, &order);
  EXPECT_EQ(order, (std::vector<std::string>{"q1", "q2", "q3", "q4", "q5", "q6"}))
      << screened.output;
  ASSERT_FALSE(lines["q1"]["hits"].empty()) << screened.output;
  EXPECT_EQ(lines["q1"]["hits"][0]["id"], "E1");
  EXPECT_EQ(lines["q1"]["hits"][0]["alert"], true);
  ASSERT_FALSE(lines["q2"]["hits"].empty()) << screened.output;
  EXPECT_EQ(lines["q2"]["hits"][0]["id"], "E2");
  EXPECT_EQ(lines["q2"]["hits"][0]["alert"], true);
  for (const nlohmann::json& hit : lines["q3"]["hits"]) EXPECT_EQ(hit["alert"], false) << hit;
  EXPECT_EQ(lines["q4"]["error"], "SCREEN_EMPTY_NAME");
  EXPECT_TRUE(lines["q4"]["hits"].empty());
  // Without a date of birth every MARIA GARCIA is a hit, best first, at most --top of them;
  // the date of birth, nationality and sex leave only the listed person alerting.
  const nlohmann::json& maria = lines["q5"]["hits"];
  ASSERT_EQ(maria.size(), 3u) << screened.output;
  EXPECT_EQ(maria[0]["id"], "E3");
  for (size_t i = 1; i < maria.size(); ++i) {
    EXPECT_GE(maria[i - 1]["score"].get<double>(), maria[i]["score"].get<double>());
  }
  const nlohmann::json& dated = lines["q6"]["hits"];
  ASSERT_FALSE(dated.empty()) << screened.output;
  EXPECT_EQ(dated[0]["id"], "E3");
  EXPECT_EQ(dated[0]["alert"], true);
  for (size_t i = 1; i < dated.size(); ++i) EXPECT_EQ(dated[i]["alert"], false) << dated[i];

  // --top 1 keeps only the best hit; the posting budget is checked, and a larger one finds
  // the same hits on a small list.
  CommandResult top = RunLimen({"screen", "--list", list, "--queries", queries, "--top", "1"});
  EXPECT_EQ(ScreenLines(top.output)["q5"]["hits"].size(), 1u) << top.output;
  CommandResult low =
      RunLimen({"screen", "--list", list, "--queries", queries, "--posting-budget", "10"});
  EXPECT_NE(low.exit_code, 0);
  EXPECT_NE(low.output.find("--posting-budget"), std::string::npos) << low.output;
  CommandResult wide = RunLimen(
      {"screen", "--list", list, "--queries", queries, "--top", "3", "--posting-budget", "40000"});
  EXPECT_EQ(ScreenLines(wide.output), lines);

  CommandResult no_header = RunLimen({"screen", "--list", list, "--queries", list});
  EXPECT_NE(no_header.exit_code, 0);
  EXPECT_NE(no_header.output.find("SCREEN_QUERIES_HEADER"), std::string::npos) << no_header.output;
}

// Expects `object` to hold each of `counts`.
void ExpectCounts(const nlohmann::json& object, const std::map<std::string, int>& counts) {
  for (const auto& [key, value] : counts) {
    ASSERT_TRUE(object.contains(key)) << key << " missing in " << object;
    EXPECT_EQ(object.at(key), value) << key << " in " << object;
  }
}

TEST_F(CliTest, WatchlistImportDeltaStatsExportDiffAndRejection) {
  ASSERT_EQ(RunLimen({"init", "--db", db_}).exit_code, 0);  // No demonstration list.
  const std::string list =
      WriteFile("list.csv",
                "id,name,aliases,dob,nationality,sex\n"
                "E1,Ivan Petrovich SIDOROV,Иван Петрович Сидоров,1970-05-01,RUS,M\n"
                "E2,Ahmed AL-RASHID,Ahmad AL RASHEED;Abu Omar,1965,IRQ,M\n"
                "E3,Maria GARCIA LOPEZ,,1980-02,ESP,F\n");
  CommandResult imported = RunLimen(
      {"watchlist", "import", list, "--db", db_, "--list-id", "national", "--version", "v1"});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  nlohmann::json summary = JsonIn(imported.output);
  EXPECT_EQ(summary["stored"], true) << imported.output;
  EXPECT_EQ(summary["mode"], "full");
  ExpectCounts(summary, {{"entries", 3},
                         {"names", 6},
                         {"original_script_names", 1},
                         {"partial_dobs", 2},
                         {"added", 3},
                         {"stored_entries", 3}});

  const std::string delta =
      WriteFile("delta.csv",
                "id,name,aliases,dob,nationality,sex,op\n"
                "E3,,,,,,remove\n"
                "E4,Olga KOVALENKO,Ольга Коваленко,1988,UKR,F,add\n"
                "E2,Ahmed AL-RASHID,Ahmad AL RASHEED;Abu Omar,1966,IRQ,M,update\n");
  CommandResult applied = RunLimen({"watchlist", "import", delta, "--db", db_, "--list-id",
                                    "national", "--version", "v2", "--delta"});
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  nlohmann::json changes = JsonIn(applied.output);
  EXPECT_EQ(changes["mode"], "delta");
  ExpectCounts(changes, {{"added", 1}, {"updated", 1}, {"removed", 1}, {"stored_entries", 3}});

  CommandResult stats = RunLimen({"watchlist", "stats", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.output;
  nlohmann::json counts = JsonIn(stats.output);
  EXPECT_EQ(counts["entries"], 3) << stats.output;
  EXPECT_EQ(counts["names"], 7);
  EXPECT_GT(counts["index_bytes_per_name"].get<int>(), 0);

  // Export writes the stored list as CSV; comparing it with the store finds no change.
  const std::string exported = directory_ + "/exported.csv";
  ASSERT_EQ(RunLimen({"watchlist", "export", "--db", db_, "--out", exported}).exit_code, 0);
  std::ifstream in(exported);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.rfind("id,name,aliases,", 0), 0u) << text;
  EXPECT_NE(text.find("E4,Olga KOVALENKO,Ольга Коваленко,"), std::string::npos) << text;
  EXPECT_EQ(text.find("E3,"), std::string::npos) << text;
  nlohmann::json same = JsonIn(
      RunLimen({"watchlist", "diff", exported, "--db", db_, "--list-id", "national"}).output);
  ExpectCounts(same, {{"unchanged", 3}, {"added", 0}, {"updated", 0}, {"removed", 0}});

  // Two files: added, updated and removed ids.
  const std::string next =
      WriteFile("next.csv",
                "id,name,aliases,dob,nationality,sex\n"
                "E1,Ivan Petrovich SIDOROV,Иван Петрович Сидоров,1970-05-01,RUS,M\n"
                "E2,Ahmed AL-RASHID,Ahmad AL RASHEED,1965,IRQ,M\n"
                "E5,Chen WEI,陈伟,1975,CHN,M\n");
  nlohmann::json diff = JsonIn(RunLimen({"watchlist", "diff", list, next}).output);
  EXPECT_EQ(diff["ids"]["added"], nlohmann::json::array({"E5"})) << diff;
  EXPECT_EQ(diff["ids"]["updated"], nlohmann::json::array({"E2"}));
  EXPECT_EQ(diff["ids"]["removed"], nlohmann::json::array({"E3"}));
  EXPECT_EQ(diff["unchanged"], 1);

  // A file with bad rows: each reported with its line, exit code 2, nothing stored.
  const std::string bad = WriteFile("bad.csv",
                                    "id,name,aliases,dob,nationality,sex\n"
                                    "B1,Good NAME,,1970,FRA,M\n"
                                    "B2,,,1970,FRA,M\n"
                                    "B3,Old MAN,,1492-01-01,FRA,M\n"
                                    "B1,Duplicate ID,,,,\n");
  CommandResult rejected =
      RunLimen({"watchlist", "import", bad, "--db", db_, "--list-id", "national"});
  EXPECT_EQ(rejected.exit_code, 2) << rejected.output;
  EXPECT_NE(rejected.output.find("WATCHLIST_EMPTY_NAME: Line 3"), std::string::npos)
      << rejected.output;
  EXPECT_NE(rejected.output.find("WATCHLIST_DOB: Line 4"), std::string::npos);
  EXPECT_NE(rejected.output.find("WATCHLIST_DUPLICATE_ID: Line 5"), std::string::npos);
  nlohmann::json after = JsonIn(RunLimen({"watchlist", "stats", "--db", db_}).output);
  EXPECT_EQ(after["entries"], 3);
  EXPECT_EQ(after["content_hash"], counts["content_hash"]);
  EXPECT_EQ(RunLimen({"log", "verify", "--db", db_}).exit_code, 0);
}

}  // namespace
}  // namespace limen::testing
