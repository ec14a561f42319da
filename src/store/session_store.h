// Sessions and login-failure counters: operational state kept in ordinary tables, not events
// (docs/decisions/0001-sessions-not-events.md). Rebuild() does not touch them.
//
// Sessions are found by the SHA-256 of the bearer token (crypto::Sha256 of the token string),
// so a copy of the database does not hand out working tokens. Expiry policy (idle and absolute)
// belongs to the caller: a session records when it was created, last seen and when it expires.
//
// Thread-safety: functions are stateless; they are as thread-safe as the transaction given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"
#include "crypto/hash.h"
#include "store/store.h"

namespace limen::store {

struct SessionRecord {
  crypto::Sha256Digest token_hash{};
  int64_t user_id = 0;
  Timestamp created_at = 0;
  Timestamp last_seen_at = 0;
  Timestamp expires_at = 0;  // Absolute expiry.
  std::string client_address;
  friend bool operator==(const SessionRecord&, const SessionRecord&) = default;
};

// Fails with SESSION_EXISTS if the token hash is already present.
Status CreateSession(WriteTxn& txn, const SessionRecord& session);
// nullopt if there is no such session (expired sessions are returned; the caller decides).
Result<std::optional<SessionRecord>> FindSession(ReadTxn& txn,
                                                 const crypto::Sha256Digest& token_hash);
// Sets last_seen_at. No-op if the session is gone.
Status TouchSession(WriteTxn& txn, const crypto::Sha256Digest& token_hash, Timestamp now);
Status DeleteSession(WriteTxn& txn, const crypto::Sha256Digest& token_hash);
// Ends every session of a user (after disabling or a password change), optionally keeping one.
Status DeleteUserSessions(WriteTxn& txn, int64_t user_id,
                          const std::optional<crypto::Sha256Digest>& keep = std::nullopt);
// A number that changes whenever this process deletes sessions or changes a user (a user.*
// event is projected): once inside the transaction, and once more after it commits or rolls
// back. A cache of sessions (server/auth) keeps what it read only while the number is unchanged.
// Thread-safe.
uint64_t SessionGeneration();
// Marks such a change; called by the functions below and by the projection of user.* events.
void NoteSessionChange();
// Called by the store's writer after each commit or rollback: changes the number again if the
// transaction marked a change, so that what a reader saw before the commit is not kept.
void NoteSessionChangesEnded();

// Deletes sessions whose expires_at <= now or whose last_seen_at <= idle_cutoff. Returns the
// number deleted.
Result<int64_t> DeleteExpiredSessions(WriteTxn& txn, Timestamp now, Timestamp idle_cutoff);

// Throttling counts failed logins per account and per client address.
enum class LoginScope : uint8_t { kUsername, kClientAddress };

// Records one failure under both the (lower-cased) username and the client address.
Status RecordLoginFailure(WriteTxn& txn, std::string_view username, std::string_view client_address,
                          Timestamp when);
// Failures recorded for `key` at or after `since`.
Result<int64_t> CountLoginFailures(ReadTxn& txn, LoginScope scope, std::string_view key,
                                   Timestamp since);
// Forgets the failures for `key` (after a successful login).
Status ResetLoginFailures(WriteTxn& txn, LoginScope scope, std::string_view key);
// Forgets every failure older than `before`, to keep the table small.
Status PruneLoginFailures(WriteTxn& txn, Timestamp before);

}  // namespace limen::store
