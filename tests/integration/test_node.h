// TestNode: a real Limen node (App: store, API, HTTP server) on 127.0.0.1 port 0 with a fake
// clock, a fresh database in a temporary directory, and seeded reference data and users, one per
// role. Integration tests drive it over HTTP with HttpClient.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/time.h"
#include "integration/http_client.h"
#include "server/app.h"
#include "server/config.h"

namespace limen::testing {

// The password every seeded user has.
inline constexpr char kPassword[] = "correct horse battery";

class TestNode {
 public:
  // Seeds: State UTO, default agencies, posts UTO-AIR1 and UTO-LAND1, and users admin
  // (administrator), officer (immigration, UTO-AIR1), officer2 (immigration, UTO-LAND1),
  // supervisor, analyst, auditor, customs (customs officer at UTO-AIR1), customs.chief (customs
  // supervisor), police and health (officers of those agencies at UTO-AIR1), newbie (officer who
  // must change the password). `adjust` may change the configuration first.
  explicit TestNode(const std::function<void(server::Config&)>& adjust = nullptr);
  ~TestNode();

  uint16_t port() const { return app_->port(); }
  FakeClock& clock() { return clock_; }
  server::App& app() { return *app_; }
  const std::string& directory() const { return directory_; }

  std::unique_ptr<HttpClient> Client() const;
  // Logs in and returns a client carrying the bearer token; fails the test on error.
  std::unique_ptr<HttpClient> LoggedIn(const std::string& username) const;

 private:
  std::string directory_;
  FakeClock clock_;
  std::unique_ptr<server::App> app_;
};

// A fixed start time for every test: 2026-11-26T08:00:00Z.
Timestamp TestEpoch();

// A valid TD3 passport MRZ (two lines joined by '\n') for the holder, born 1980-05-06, sex F,
// expiring 2031-01-01; `nationality` is also the issuing State.
std::string TestPassportMrz(const std::string& number, const std::string& nationality = "FRA",
                            const std::string& surname = "MARTIN",
                            const std::string& given = "CLAIRE");
// Points the node at the shipped stay rules and data-sharing policy (config/).
void UseShippedRules(server::Config& config);

// The length of the node's event log (-1, and a test failure, if it cannot be read): tests count
// events before and after a refused request to prove that nothing was written.
int64_t EventCount(TestNode& node);
// The stable error code of an error response ("" when the body is not the API's error shape).
std::string ErrorCode(const HttpResult& result);

}  // namespace limen::testing
