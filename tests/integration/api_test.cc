// The foundation through the real HTTP API: health and metrics, login and logout, session
// expiry with an injected clock, throttling, forced password change, bad input, and the audit
// trail with both hash chains verifying.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/test_node.h"
#include "store/store.h"

namespace limen::testing {
namespace {

using nlohmann::json;

json Parse(const HttpResult& result) { return json::parse(result.body, nullptr, false); }

constexpr int64_t kMinute = 60 * kMicrosPerSecond;

TEST(ApiTest, HealthReadinessAndMetrics) {
  TestNode node;
  auto client = node.Client();
  EXPECT_EQ(client->Send("GET", "/healthz").status, 200);
  HttpResult ready = client->Send("GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(Parse(ready)["node"], "test-node");
  HttpResult metrics = client->Send("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.headers["content-type"].find("text/plain"), std::string::npos);
  for (const char* name :
       {"limen_http_requests_total{", "limen_http_request_duration_seconds_bucket{",
        "limen_event_log_length ", "limen_db_commit_duration_seconds_count"}) {
    EXPECT_NE(metrics.body.find(name), std::string::npos) << name;
  }
  EXPECT_NE(metrics.body.find("route=\"/healthz\""), std::string::npos);
}

TEST(ApiTest, LoginMeLogout) {
  TestNode node;
  auto client = node.Client();
  HttpResult wrong = client->Send("POST", "/api/v1/auth/login",
                                  R"({"username":"officer","password":"nope nope nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(ErrorCode(wrong), "AUTH_INVALID_CREDENTIALS");
  HttpResult unknown = client->Send("POST", "/api/v1/auth/login",
                                    R"({"username":"ghost","password":"nope nope nope"})");
  EXPECT_EQ(Parse(unknown)["error"]["message"], Parse(wrong)["error"]["message"]);

  HttpResult login = client->Send("POST", "/api/v1/auth/login",
                                  json{{"username", "officer"}, {"password", kPassword}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  ASSERT_EQ(login.set_cookies.size(), 1u);
  EXPECT_NE(login.set_cookies[0].find("HttpOnly"), std::string::npos);
  EXPECT_NE(login.set_cookies[0].find("SameSite=Strict"), std::string::npos);
  const std::string token = Parse(login)["token"];

  client->token = token;
  HttpResult me = client->Send("GET", "/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Parse(me)["role"], "officer");
  EXPECT_EQ(Parse(me)["posts"], json::array({"UTO-AIR1"}));

  // The browser way: the cookie instead of the bearer token.
  auto browser = node.Client();
  HttpResult by_cookie =
      browser->Send("GET", "/api/v1/auth/me", "", {{"Cookie", "limen_session=" + token}});
  EXPECT_EQ(by_cookie.status, 200);

  EXPECT_EQ(client->Send("POST", "/api/v1/auth/logout").status, 200);
  HttpResult after = client->Send("GET", "/api/v1/auth/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(ErrorCode(after), "AUTH_INVALID");
}

TEST(ApiTest, ForgedAndMissingTokens) {
  TestNode node;
  auto client = node.Client();
  EXPECT_EQ(ErrorCode(client->Send("GET", "/api/v1/auth/me")), "AUTH_REQUIRED");
  client->token = "forged-token-forged-token-forged-token-123";
  HttpResult forged = client->Send("GET", "/api/v1/auth/me");
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(ErrorCode(forged), "AUTH_INVALID");
  EXPECT_EQ(forged.headers["www-authenticate"], "Bearer");
}

TEST(ApiTest, IdleAndAbsoluteSessionExpiry) {
  TestNode node;
  auto idle = node.LoggedIn("officer");
  node.clock().Advance(29 * kMinute);
  EXPECT_EQ(idle->Send("GET", "/api/v1/auth/me").status, 200);  // Refreshes the idle timer.
  node.clock().Advance(29 * kMinute);
  EXPECT_EQ(idle->Send("GET", "/api/v1/auth/me").status, 200);
  node.clock().Advance(31 * kMinute);
  HttpResult expired = idle->Send("GET", "/api/v1/auth/me");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(ErrorCode(expired), "AUTH_EXPIRED");

  auto busy = node.LoggedIn("officer");
  // Active every 20 minutes, the session still ends 12 hours after login.
  for (int i = 0; i < 35; ++i) {
    node.clock().Advance(20 * kMinute);
    ASSERT_EQ(busy->Send("GET", "/api/v1/auth/me").status, 200) << "after " << (i + 1) * 20;
  }
  node.clock().Advance(20 * kMinute);  // 12 h since login.
  EXPECT_EQ(ErrorCode(busy->Send("GET", "/api/v1/auth/me")), "AUTH_EXPIRED");
}

TEST(ApiTest, ThrottlesRepeatedFailuresPerAccount) {
  TestNode node;
  auto client = node.Client();
  const std::string bad = R"({"username":"officer","password":"wrong wrong wrong"})";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(client->Send("POST", "/api/v1/auth/login", bad).status, 401);
  }
  const std::string good = json{{"username", "officer"}, {"password", kPassword}}.dump();
  HttpResult throttled = client->Send("POST", "/api/v1/auth/login", good);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(ErrorCode(throttled), "AUTH_THROTTLED");
  // Another account from the same address is not yet affected.
  EXPECT_EQ(client
                ->Send("POST", "/api/v1/auth/login",
                       json{{"username", "officer2"}, {"password", kPassword}}.dump())
                .status,
            200);
  node.clock().Advance(16 * kMinute);
  EXPECT_EQ(client->Send("POST", "/api/v1/auth/login", good).status, 200);
}

TEST(ApiTest, ThrottlesRepeatedFailuresPerAddress) {
  TestNode node([](server::Config& config) { config.auth.max_failed_logins_per_address = 6; });
  auto client = node.Client();
  for (int i = 0; i < 6; ++i) {
    json bad = {{"username", "user" + std::to_string(i)}, {"password", "wrong wrong wrong"}};
    EXPECT_EQ(client->Send("POST", "/api/v1/auth/login", bad.dump()).status, 401);
  }
  HttpResult throttled = client->Send(
      "POST", "/api/v1/auth/login", json{{"username", "officer"}, {"password", kPassword}}.dump());
  EXPECT_EQ(ErrorCode(throttled), "AUTH_THROTTLED");
}

TEST(ApiTest, FirstLoginForcesPasswordChange) {
  TestNode node;
  auto client = node.LoggedIn("newbie");
  HttpResult blocked = client->Send("GET", "/api/v1/states");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(ErrorCode(blocked), "PASSWORD_CHANGE_REQUIRED");
  EXPECT_EQ(client->Send("GET", "/api/v1/auth/me").status, 200);

  HttpResult weak =
      client->Send("POST", "/api/v1/auth/password",
                   json{{"current_password", kPassword}, {"new_password", "short"}}.dump());
  EXPECT_EQ(ErrorCode(weak), "PASSWORD_WEAK");
  HttpResult wrong = client->Send(
      "POST", "/api/v1/auth/password",
      json{{"current_password", "not the password"}, {"new_password", "a much better one"}}.dump());
  EXPECT_EQ(ErrorCode(wrong), "AUTH_INVALID_CREDENTIALS");
  HttpResult changed = client->Send(
      "POST", "/api/v1/auth/password",
      json{{"current_password", kPassword}, {"new_password", "a much better one"}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(client->Send("GET", "/api/v1/states").status, 200);
  // The new password works, the old one does not.
  auto fresh = node.Client();
  EXPECT_EQ(fresh
                ->Send("POST", "/api/v1/auth/login",
                       json{{"username", "newbie"}, {"password", kPassword}}.dump())
                .status,
            401);
  EXPECT_EQ(fresh
                ->Send("POST", "/api/v1/auth/login",
                       R"({"username":"newbie","password":"a much better one"})")
                .status,
            200);
}

TEST(ApiTest, DisabledUserLosesAccess) {
  TestNode node;
  auto officer = node.LoggedIn("officer");
  auto admin = node.LoggedIn("admin");
  HttpResult users = admin->Send("GET", "/api/v1/users");
  ASSERT_EQ(users.status, 200);
  int64_t officer_id = 0;
  const json listed = Parse(users);
  for (const auto& user : listed["users"]) {
    if (user["username"] == "officer") officer_id = user["id"];
  }
  ASSERT_GT(officer_id, 0) << users.body;
  HttpResult disabled =
      admin->Send("POST", "/api/v1/users/" + std::to_string(officer_id) + "/disable");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(Parse(disabled)["user"]["disabled"], true);
  EXPECT_EQ(officer->Send("GET", "/api/v1/auth/me").status, 401);
  HttpResult relogin = node.Client()->Send(
      "POST", "/api/v1/auth/login", json{{"username", "officer"}, {"password", kPassword}}.dump());
  EXPECT_EQ(ErrorCode(relogin), "AUTH_DISABLED");
}

TEST(ApiTest, AdministratorCreatesUserWithOneTimePassword) {
  TestNode node;
  auto admin = node.LoggedIn("admin");
  HttpResult created = admin->Send(
      "POST", "/api/v1/users",
      R"({"username":"hcustoms","role":"supervisor","agency":"customs","posts":["UTO-AIR1"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string one_time = Parse(created)["one_time_password"];
  EXPECT_GE(one_time.size(), 20u);
  HttpResult login = node.Client()->Send(
      "POST", "/api/v1/auth/login", json{{"username", "hcustoms"}, {"password", one_time}}.dump());
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(Parse(login)["user"]["must_change_password"], true);

  HttpResult duplicate = admin->Send(
      "POST", "/api/v1/users",
      R"({"username":"hcustoms","role":"officer","agency":"customs","posts":["UTO-AIR1"]})");
  EXPECT_EQ(duplicate.status, 409);
  HttpResult bad_post =
      admin->Send("POST", "/api/v1/users",
                  R"({"username":"nobody1","role":"officer","agency":"customs","posts":["NOPE"]})");
  EXPECT_EQ(bad_post.status / 100, 4);
}

TEST(ApiTest, BadInputGetsStableErrorsAndWritesNothing) {
  TestNode node([](server::Config& config) { config.http.max_body_bytes = 4096; });
  auto admin = node.LoggedIn("admin");
  const int64_t before = EventCount(node);
  struct Case {
    std::string method, target, body;
    int status;
    std::string code;
  };
  const Case cases[] = {
      {"POST", "/api/v1/agencies", "{not json", 400, "JSON_MALFORMED"},
      {"POST", "/api/v1/agencies", "[1,2]", 400, "JSON_NOT_OBJECT"},
      {"POST", "/api/v1/agencies", R"({"code":"coast"})", 400, "FIELD_MISSING"},
      {"POST", "/api/v1/agencies", R"({"code":7,"name":"Coast guard"})", 400, "FIELD_TYPE"},
      {"POST", "/api/v1/posts",
       R"({"code":"X-1","name":"Nowhere","kind":"land_bcp","states":["ZZZ"]})", 409,
       "IDENTITY_UNKNOWN_REFERENCE"},
      {"POST", "/api/v1/posts", R"({"code":"X-1","name":"Nowhere","kind":"moon","states":[]})", 400,
       "FIELD_INVALID"},
      {"POST", "/api/v1/agencies", std::string(5000, ' '), 413, "BODY_TOO_LARGE"},
      {"GET", "/api/v1/nowhere", "", 404, "ROUTE_NOT_FOUND"},
      {"DELETE", "/api/v1/agencies", "", 405, "METHOD_NOT_ALLOWED"},
      {"GET", "/api/v1/users/abc", "", 400, "FIELD_INVALID"},
      {"GET", "/api/v1/users/999", "", 404, ""},
  };
  for (const Case& c : cases) {
    HttpResult result = admin->Send(c.method, c.target, c.body);
    EXPECT_EQ(result.status, c.status) << c.method << " " << c.target << " " << result.body;
    json body = Parse(result);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << result.body;
    EXPECT_TRUE(body["error"]["message"].is_string());
    EXPECT_TRUE(body["error"]["details"].is_object());
    if (!c.code.empty()) EXPECT_EQ(body["error"]["code"], c.code) << c.target;
  }
  EXPECT_EQ(EventCount(node), before) << "a rejected request changed domain state";
}

TEST(ApiTest, AuditRecordsReadsWritesAndRefusals) {
  TestNode node;
  auto admin = node.LoggedIn("admin");
  auto officer = node.LoggedIn("officer");
  ASSERT_EQ(admin->Send("GET", "/api/v1/users").status, 200);
  ASSERT_EQ(
      admin->Send("POST", "/api/v1/agencies", R"({"code":"coast","name":"Coast guard"})").status,
      201);
  ASSERT_EQ(officer->Send("GET", "/api/v1/users").status, 403);

  auto auditor = node.LoggedIn("auditor");
  HttpResult reads = auditor->Send("GET", "/api/v1/audit?route=/api/v1/users&actor=admin");
  ASSERT_EQ(reads.status, 200) << reads.body;
  json records = Parse(reads)["records"];
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0]["method"], "GET");
  EXPECT_EQ(records[0]["outcome"], 200);
  EXPECT_EQ(records[0]["client_address"], "127.0.0.1");

  HttpResult writes = auditor->Send("GET", "/api/v1/audit?route=/api/v1/agencies");
  json write_records = Parse(writes)["records"];
  ASSERT_EQ(write_records.size(), 1u);
  EXPECT_EQ(write_records[0]["record_id"], "coast");
  EXPECT_EQ(write_records[0]["outcome"], 201);

  HttpResult refusals = auditor->Send("GET", "/api/v1/audit?actor=officer&route=/api/v1/users");
  json refused = Parse(refusals)["records"];
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0]["outcome"], 403);

  HttpResult logins = auditor->Send("GET", "/api/v1/audit?route=/api/v1/auth/login");
  EXPECT_GE(Parse(logins)["records"].size(), 3u);

  HttpResult events = auditor->Send("GET", "/api/v1/events/verify");
  ASSERT_EQ(events.status, 200);
  EXPECT_EQ(Parse(events)["ok"], true);
  HttpResult audit = auditor->Send("GET", "/api/v1/audit/verify");
  EXPECT_EQ(Parse(audit)["ok"], true);
  EXPECT_GT(Parse(audit)["checked"].get<int64_t>(), 5);
  // Only auditors read the audit log.
  EXPECT_EQ(ErrorCode(admin->Send("GET", "/api/v1/audit")), "ROLE_FORBIDDEN");
}

TEST(ApiTest, RoleMatrix) {
  TestNode node;
  struct Rule {
    std::string method, target, body;
    std::vector<std::string> allowed;
  };
  const Rule rules[] = {
      {"GET", "/api/v1/users", "", {"admin"}},
      {"GET", "/api/v1/states", "", {"admin", "officer", "supervisor", "analyst", "auditor"}},
      {"GET", "/api/v1/audit", "", {"auditor"}},
      {"GET", "/api/v1/audit/verify", "", {"auditor"}},
      {"GET", "/api/v1/events/verify", "", {"auditor"}},
      {"POST", "/api/v1/agencies", R"({"code":"c{}","name":"N"})", {"admin"}},
      {"POST", "/api/v1/states", R"({"code":"Q{}","name":"N"})", {"admin"}},
  };
  const std::string users[] = {"admin", "officer", "supervisor", "analyst", "auditor"};
  int counter = 0;
  for (const std::string& user : users) {
    auto client = node.LoggedIn(user);
    for (const Rule& rule : rules) {
      std::string body = rule.body;
      if (auto at = body.find("{}"); at != std::string::npos) {
        const char letter = static_cast<char>(
            (rule.target.find("states") != std::string::npos ? 'A' : 'a') + counter++ % 26);
        body.replace(at, 2, std::string(1, letter) + (letter >= 'a' ? "z" : "Z"));
      }
      HttpResult result = client->Send(rule.method, rule.target, body);
      const bool allowed =
          std::find(rule.allowed.begin(), rule.allowed.end(), user) != rule.allowed.end();
      if (allowed) {
        EXPECT_LT(result.status, 300) << user << " " << rule.target << " " << result.body;
      } else {
        EXPECT_EQ(result.status, 403) << user << " " << rule.target;
        EXPECT_EQ(ErrorCode(result), "ROLE_FORBIDDEN");
      }
    }
  }
}

TEST(ApiTest, OpenApiDocumentMatchesTheRoutes) {
  TestNode node;
  auto client = node.Client();
  HttpResult result = client->Send("GET", "/api/v1/openapi.json");
  ASSERT_EQ(result.status, 200);
  json document = Parse(result);
  EXPECT_EQ(document["openapi"], "3.0.3");
  ASSERT_TRUE(document["paths"].is_object());
  // Every documented operation is served: it never answers "no such route".
  auto auditor = node.LoggedIn("auditor");
  size_t operations = 0;
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      ++operations;
      std::string target = path;
      for (size_t open; (open = target.find('{')) != std::string::npos;) {
        target.replace(open, target.find('}', open) - open + 1, "1");
      }
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      HttpResult served = auditor->Send(upper, target, upper == "GET" ? "" : "{}");
      EXPECT_NE(served.status, 404 * (ErrorCode(served) == "ROUTE_NOT_FOUND")) << path;
      EXPECT_NE(served.status, 405) << method << " " << path;
      EXPECT_TRUE(operation.contains("responses")) << path;
    }
  }
  EXPECT_GE(operations, 20u);
  // And the routes the foundation promises are documented.
  for (const char* path : {"/healthz", "/readyz", "/metrics", "/api/v1/auth/login", "/api/v1/users",
                           "/api/v1/audit", "/api/v1/openapi.json"}) {
    EXPECT_TRUE(document["paths"].contains(path)) << path;
  }
}

}  // namespace
}  // namespace limen::testing
