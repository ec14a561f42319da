#include "server/auth/authenticator.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "crypto/hash.h"
#include "crypto/password.h"
#include "crypto/random.h"
#include "store/identity_store.h"
#include "store/session_store.h"
#include "store/store.h"

namespace limen::server {
namespace {

constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
// The idle timer is refreshed at most this often, so that busy clients do not cause one
// database write per request.
constexpr int64_t kTouchIntervalMicros = 30 * kMicrosPerSecond;
// How long a session read from the store is used without reading it again (see the header), and
// how many are kept at most (the cache starts afresh when full).
constexpr int64_t kSessionCacheMicros = kMicrosPerSecond;
constexpr size_t kSessionCacheLimit = 10'000;

Status InvalidCredentials() {
  return Unauthenticated("AUTH_INVALID_CREDENTIALS",
                         "The username or password is wrong. Check both and try again.");
}

crypto::PasswordCost CostFrom(const AuthConfig& config) {
  crypto::PasswordCost cost;
  cost.memory_kib = static_cast<uint32_t>(config.argon2_memory_kib);
  cost.time_cost = static_cast<uint32_t>(config.argon2_iterations);
  return cost;
}

}  // namespace

Authenticator::Authenticator(store::Store& store, const AuthConfig& config, const Clock& clock)
    : store_(store), config_(config), clock_(clock) {
  auto dummy = crypto::HashPassword("limen-timing-equaliser", CostFrom(config_));
  if (dummy.ok()) dummy_hash_ = *dummy;
}

Result<std::string> Authenticator::HashPassword(std::string_view password) const {
  return crypto::HashPassword(password, CostFrom(config_));
}

Status Authenticator::CheckPasswordStrength(std::string_view password) const {
  if (static_cast<int64_t>(password.size()) < config_.password_min_length) {
    return InvalidArgument("PASSWORD_WEAK",
                           fmt::format("A password needs at least {} characters; a phrase of "
                                       "several words is easiest to remember.",
                                       config_.password_min_length));
  }
  if (password.size() > 1024) {
    return InvalidArgument("PASSWORD_WEAK", "A password may have at most 1024 characters.");
  }
  bool all_same = true;
  for (char c : password) all_same = all_same && c == password.front();
  if (all_same) {
    return InvalidArgument("PASSWORD_WEAK", "A password must not repeat one character.");
  }
  return Status::Ok();
}

Result<LoginResult> Authenticator::Login(std::string_view username, std::string_view password,
                                         std::string_view client_address) {
  const Timestamp now = clock_.Now();
  const Timestamp window_start = now - config_.failed_login_window_minutes * kMicrosPerMinute;
  const std::string name = ToLowerAscii(Trim(username));
  std::optional<store::UserRecord> user;
  int64_t user_failures = 0, address_failures = 0;
  LIMEN_RETURN_IF_ERROR(store_.Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(
        user_failures,
        store::CountLoginFailures(txn, store::LoginScope::kUsername, name, window_start));
    LIMEN_ASSIGN_OR_RETURN(address_failures,
                           store::CountLoginFailures(txn, store::LoginScope::kClientAddress,
                                                     client_address, window_start));
    LIMEN_ASSIGN_OR_RETURN(user, store::FindUserByUsername(txn, name));
    return Status::Ok();
  }));
  if (user_failures >= config_.max_failed_logins_per_user ||
      address_failures >= config_.max_failed_logins_per_address) {
    return ResourceExhausted(
        "AUTH_THROTTLED",
        fmt::format("Too many failed logins; wait {} minutes before trying again, or ask an "
                    "administrator to reset the password.",
                    config_.failed_login_window_minutes));
  }
  // Verify even for unknown users so that timing does not reveal which usernames exist.
  auto verified = crypto::VerifyPassword(password, user ? user->password_hash : dummy_hash_);
  const bool ok = verified.ok() && *verified && user.has_value();
  if (!ok) {
    LIMEN_RETURN_IF_ERROR(store_.Write([&](store::WriteTxn& txn) {
      return store::RecordLoginFailure(txn, name, client_address, now);
    }));
    return InvalidCredentials();
  }
  if (user->disabled) {
    return PermissionDenied("AUTH_DISABLED",
                            "This account is disabled; ask an administrator to enable it.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::string token, crypto::RandomToken());
  store::SessionRecord record;
  record.token_hash = crypto::Sha256(token);
  record.user_id = user->id;
  record.created_at = now;
  record.last_seen_at = now;
  record.expires_at = now + config_.session_absolute_hours * 60 * kMicrosPerMinute;
  record.client_address = std::string(client_address);
  LIMEN_RETURN_IF_ERROR(store_.Write([&](store::WriteTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(store::CreateSession(txn, record));
    LIMEN_RETURN_IF_ERROR(store::ResetLoginFailures(txn, store::LoginScope::kUsername, name));
    return store::PruneLoginFailures(txn, window_start);
  }));
  LoginResult result;
  result.token = token;
  result.session.id = crypto::DigestHex(record.token_hash);
  result.session.token_hash = record.token_hash;
  result.session.principal = user->ToPrincipal();
  result.session.expires_at = record.expires_at;
  return result;
}

Result<Session> Authenticator::Authenticate(std::string_view token,
                                            std::string_view client_address) {
  (void)client_address;
  if (token.empty()) {
    return Unauthenticated("AUTH_REQUIRED",
                           "Log in first (POST /api/v1/auth/login) and send the session token.");
  }
  if (token.size() > 256) {
    return Unauthenticated("AUTH_INVALID", "The session token is not valid; log in again.");
  }
  const Timestamp now = clock_.Now();
  const crypto::Sha256Digest hash = crypto::Sha256(token);
  LIMEN_ASSIGN_OR_RETURN(std::optional<KnownSession> session, FindKnownSession(hash, now));
  if (!session) {
    return Unauthenticated("AUTH_INVALID", "The session token is not valid; log in again.");
  }
  const Timestamp idle_limit = config_.session_idle_minutes * kMicrosPerMinute;
  if (now >= session->expires_at || now - session->last_seen_at >= idle_limit) {
    Forget(hash);
    (void)store_.Write([&](store::WriteTxn& txn) { return store::DeleteSession(txn, hash); });
    return Unauthenticated("AUTH_EXPIRED", "The session has expired; log in again.");
  }
  if (session->disabled) {
    return Unauthenticated("AUTH_DISABLED",
                           "This account is disabled; ask an administrator to enable it.");
  }
  if (now - session->last_seen_at >= kTouchIntervalMicros) {
    // Waited for, so that the next request sees the refreshed timer; at most one such write per
    // session every kTouchIntervalMicros.
    LIMEN_RETURN_IF_ERROR(store_.Write(
        [hash, now](store::WriteTxn& txn) { return store::TouchSession(txn, hash, now); }));
    std::lock_guard lock(cache_mutex_);
    auto cached = cache_.find(crypto::DigestBytes(hash));
    if (cached != cache_.end()) cached->second.last_seen_at = now;
  }
  Session result;
  result.id = crypto::DigestHex(hash);
  result.token_hash = hash;
  result.principal = std::move(session->principal);
  result.expires_at = session->expires_at;
  return result;
}

Result<std::optional<Authenticator::KnownSession>> Authenticator::FindKnownSession(
    const crypto::Sha256Digest& hash, Timestamp now) {
  const std::string key = crypto::DigestBytes(hash);
  // Taken before the read: a change committed meanwhile makes what is read here stale at once.
  const uint64_t generation = store::SessionGeneration();
  {
    std::lock_guard lock(cache_mutex_);
    auto cached = cache_.find(key);
    if (cached != cache_.end()) {
      const KnownSession& known = cached->second;
      if (known.generation == generation && now >= known.read_at &&
          now - known.read_at < kSessionCacheMicros) {
        return std::optional<KnownSession>(known);
      }
      cache_.erase(cached);
    }
  }
  std::optional<store::SessionRecord> session;
  std::optional<store::UserRecord> user;
  LIMEN_RETURN_IF_ERROR(store_.Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(session, store::FindSession(txn, hash));
    if (!session) return Status::Ok();
    auto found = store::GetUser(txn, session->user_id);
    if (found.ok()) user = *found;
    return Status::Ok();
  }));
  if (!session || !user) return std::optional<KnownSession>();
  KnownSession known{.last_seen_at = session->last_seen_at,
                     .expires_at = session->expires_at,
                     .principal = user->ToPrincipal(),
                     .disabled = user->disabled,
                     .generation = generation,
                     .read_at = now};
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= kSessionCacheLimit) cache_.clear();
  cache_.insert_or_assign(key, known);
  return std::optional<KnownSession>(std::move(known));
}

void Authenticator::Forget(const crypto::Sha256Digest& hash) {
  std::lock_guard lock(cache_mutex_);
  cache_.erase(crypto::DigestBytes(hash));
}

Result<std::string> Authenticator::PreparePasswordChange(const Session& session,
                                                         std::string_view current_password,
                                                         std::string_view new_password) {
  store::UserRecord user;
  LIMEN_RETURN_IF_ERROR(store_.Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(user, store::GetUser(txn, session.principal.user_id));
    return Status::Ok();
  }));
  auto verified = crypto::VerifyPassword(current_password, user.password_hash);
  if (!verified.ok() || !*verified) return InvalidCredentials();
  LIMEN_RETURN_IF_ERROR(CheckPasswordStrength(new_password));
  if (current_password == new_password) {
    return InvalidArgument("PASSWORD_REUSED", "Choose a password different from the current one.");
  }
  return HashPassword(new_password);
}

}  // namespace limen::server
