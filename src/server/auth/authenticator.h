// Authentication for the API: password login with throttling, sessions with idle and absolute
// expiry, logout, and password changes. Tokens are 256-bit random values; only their SHA-256
// is stored, so a copy of the database does not let anyone log in.
//
// Throttling: after auth.max_failed_logins_per_user failures for one username, or
// auth.max_failed_logins_per_address failures from one client address, within
// auth.failed_login_window_minutes, further attempts are refused with AUTH_THROTTLED (HTTP 429)
// without checking the password, until the window has passed.
//
// Sessions resolved from the store are kept in memory for up to a second, and dropped at once
// when this process ends sessions or changes a user (store::SessionGeneration), so that logout,
// disabling a user and role changes through the API take effect for the next request. A change
// made by another process on the same database (`limen user disable` while the node serves)
// takes effect within that second.
//
// Thread-safety: all methods are thread-safe (state lives in the store and a locked cache).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"
#include "base/time.h"
#include "core/policy/role.h"
#include "crypto/hash.h"
#include "server/config.h"

namespace limen::store {
class Store;
}

namespace limen::server {

struct Session {
  std::string id;  // SHA-256 hex of the token; safe to log and audit.
  crypto::Sha256Digest token_hash{};
  core::Principal principal;
  Timestamp expires_at = 0;  // Absolute expiry.
};

struct LoginResult {
  std::string token;  // Give to the client once; never stored.
  Session session;
};

class Authenticator {
 public:
  Authenticator(store::Store& store, const AuthConfig& config, const Clock& clock);

  // Errors: AUTH_THROTTLED, AUTH_INVALID_CREDENTIALS (unknown user or wrong password: the
  // same message for both), AUTH_DISABLED.
  Result<LoginResult> Login(std::string_view username, std::string_view password,
                            std::string_view client_address);
  // Resolves a token to its session and refreshes its idle timer.
  // Errors: AUTH_REQUIRED (no token), AUTH_INVALID (unknown or forged), AUTH_EXPIRED,
  // AUTH_DISABLED (the user was disabled since login).
  Result<Session> Authenticate(std::string_view token, std::string_view client_address);
  // Checks the current password and the new one's strength and returns the new hash; the
  // caller stores it (with the audit entry, in one transaction).
  // Errors: AUTH_INVALID_CREDENTIALS, PASSWORD_WEAK, PASSWORD_REUSED.
  Result<std::string> PreparePasswordChange(const Session& session,
                                            std::string_view current_password,
                                            std::string_view new_password);
  // Password strength rules shared with `limen user` and the administrator routes.
  Status CheckPasswordStrength(std::string_view password) const;
  Result<std::string> HashPassword(std::string_view password) const;

  const AuthConfig& config() const { return config_; }

 private:
  store::Store& store_;
  AuthConfig config_;
  const Clock& clock_;
  // What a token resolved to, as read from the store.
  struct KnownSession {
    Timestamp last_seen_at = 0;
    Timestamp expires_at = 0;
    core::Principal principal;
    bool disabled = false;
    uint64_t generation = 0;  // store::SessionGeneration() before the read.
    Timestamp read_at = 0;
  };
  Result<std::optional<KnownSession>> FindKnownSession(const crypto::Sha256Digest& hash,
                                                       Timestamp now);
  void Forget(const crypto::Sha256Digest& hash);

  std::string dummy_hash_;  // Verified against when the user does not exist (equal timing).
  std::mutex cache_mutex_;
  std::unordered_map<std::string, KnownSession> cache_;  // By token hash (raw bytes).
};

}  // namespace limen::server
