#include "server/config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace limen::server {
namespace {

TEST(ConfigTest, DefaultsAreValid) { EXPECT_TRUE(ValidateConfig(Config{}).ok()); }

TEST(ConfigTest, ParsesEverySection) {
  auto config = ParseConfig(R"(
[node]
id = "bcp-north"
role = "hq"
state = "KEN"
[http]
listen = "[::1]:9000"
threads = 3
access_log = false
[auth]
session_idle_minutes = 10
[documents]
not_recognised_states = ["XXA", "UTO"]
)",
                            "test.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->node.id, "bcp-north");
  EXPECT_EQ(config->node.role, "hq");
  EXPECT_EQ(config->http.threads, 3);
  EXPECT_FALSE(config->http.access_log);
  EXPECT_EQ(config->auth.session_idle_minutes, 10);
  EXPECT_EQ(config->documents.not_recognised_states.size(), 2u);
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(SplitListen(config->http.listen, host, port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 9000);
}

TEST(ConfigTest, RejectsMistakesWithStableCodes) {
  EXPECT_EQ(ParseConfig("[http]\nlisten_on = 1\n", "t").status().reason(), "CONFIG_UNKNOWN_KEY");
  EXPECT_EQ(ParseConfig("[http]\nthreads = \"two\"\n", "t").status().reason(), "CONFIG_TYPE");
  EXPECT_EQ(ParseConfig("[http\n", "t").status().reason(), "CONFIG_SYNTAX");
  EXPECT_EQ(ParseConfig("[node]\nrole = \"moon\"\n", "t").status().reason(), "CONFIG_VALUE");
  EXPECT_EQ(ParseConfig("[http]\nlisten = \"nohost\"\n", "t").status().reason(), "CONFIG_LISTEN");
  EXPECT_EQ(ParseConfig("[http]\ntls_cert = \"a.pem\"\n", "t").status().reason(), "CONFIG_VALUE");
  EXPECT_EQ(ParseConfig("[auth]\npassword_min_length = 4\n", "t").status().reason(),
            "CONFIG_VALUE");
  EXPECT_EQ(LoadConfigFile("/nonexistent/limen.toml").status().reason(), "CONFIG_NOT_FOUND");
}

TEST(ConfigTest, EveryKeyIsDocumented) {
  std::ifstream file("docs/configuration.md");
  ASSERT_TRUE(file) << "run from the source root";
  std::stringstream text;
  text << file.rdbuf();
  for (const std::string& key : ConfigKeys()) {
    EXPECT_NE(text.str().find("`" + key + "`"), std::string::npos)
        << key << " is missing from docs/configuration.md";
  }
}

}  // namespace
}  // namespace limen::server
