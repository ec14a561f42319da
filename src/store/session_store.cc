#include "store/session_store.h"

#include <atomic>

#include "base/strings.h"
#include "store/chain.h"

namespace limen::store {
namespace {

Blob TokenBlob(const crypto::Sha256Digest& digest) { return Blob{crypto::DigestBytes(digest)}; }

std::string_view LoginScopeName(LoginScope scope) {
  return scope == LoginScope::kUsername ? "username" : "address";
}

std::string LoginKey(LoginScope scope, std::string_view key) {
  return scope == LoginScope::kUsername ? ToLowerAscii(Trim(key)) : std::string(key);
}

}  // namespace

Status CreateSession(WriteTxn& txn, const SessionRecord& session) {
  Status status = txn.Execute(
                         "INSERT INTO sessions (token_hash, user_id, created_at, "
                         "last_seen_at, expires_at, client_address) VALUES (?, ?, ?, ?, ?, ?)",
                         {TokenBlob(session.token_hash), session.user_id, session.created_at,
                          session.last_seen_at, session.expires_at, session.client_address})
                      .status();
  if (status.reason() == "STORE_CONSTRAINT") {
    return AlreadyExists("SESSION_EXISTS", "A session with this token exists; issue a new token.");
  }
  return status;
}

Result<std::optional<SessionRecord>> FindSession(ReadTxn& txn,
                                                 const crypto::Sha256Digest& token_hash) {
  LIMEN_ASSIGN_OR_RETURN(
      std::optional<Row> row,
      txn.QueryOne("SELECT user_id, created_at, last_seen_at, expires_at, client_address "
                   "FROM sessions WHERE token_hash = ?",
                   {TokenBlob(token_hash)}));
  if (!row) return std::optional<SessionRecord>();
  SessionRecord session;
  session.token_hash = token_hash;
  session.user_id = (*row)[0].AsInt();
  session.created_at = (*row)[1].AsInt();
  session.last_seen_at = (*row)[2].AsInt();
  session.expires_at = (*row)[3].AsInt();
  session.client_address = (*row)[4].AsText();
  return std::optional<SessionRecord>(std::move(session));
}

Status TouchSession(WriteTxn& txn, const crypto::Sha256Digest& token_hash, Timestamp now) {
  return txn
      .Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
               {now, TokenBlob(token_hash)})
      .status();
}

namespace {

std::atomic<uint64_t> session_generation{0};
thread_local bool session_change_pending = false;  // On the writer thread, in a transaction.

}  // namespace

uint64_t SessionGeneration() { return session_generation.load(std::memory_order_acquire); }

void NoteSessionChange() {
  session_generation.fetch_add(1, std::memory_order_acq_rel);
  session_change_pending = true;
}

void NoteSessionChangesEnded() {
  if (!session_change_pending) return;
  session_change_pending = false;
  session_generation.fetch_add(1, std::memory_order_acq_rel);
}

Status DeleteSession(WriteTxn& txn, const crypto::Sha256Digest& token_hash) {
  NoteSessionChange();
  return txn.Execute("DELETE FROM sessions WHERE token_hash = ?", {TokenBlob(token_hash)}).status();
}

Status DeleteUserSessions(WriteTxn& txn, int64_t user_id,
                          const std::optional<crypto::Sha256Digest>& keep) {
  NoteSessionChange();
  if (keep) {
    return txn
        .Execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                 {user_id, TokenBlob(*keep)})
        .status();
  }
  return txn.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id}).status();
}

Result<int64_t> DeleteExpiredSessions(WriteTxn& txn, Timestamp now, Timestamp idle_cutoff) {
  NoteSessionChange();
  return txn.Execute("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?",
                     {now, idle_cutoff});
}

Status RecordLoginFailure(WriteTxn& txn, std::string_view username, std::string_view client_address,
                          Timestamp when) {
  const char* sql = "INSERT INTO login_failures (scope, key, time) VALUES (?, ?, ?)";
  LIMEN_RETURN_IF_ERROR(txn.Execute(sql, {LoginScopeName(LoginScope::kUsername),
                                          LoginKey(LoginScope::kUsername, username), when})
                            .status());
  return txn
      .Execute(sql, {LoginScopeName(LoginScope::kClientAddress),
                     LoginKey(LoginScope::kClientAddress, client_address), when})
      .status();
}

Result<int64_t> CountLoginFailures(ReadTxn& txn, LoginScope scope, std::string_view key,
                                   Timestamp since) {
  return txn.QueryInt(
      "SELECT count(*) FROM login_failures WHERE scope = ? AND key = ? AND time >= ?",
      {LoginScopeName(scope), LoginKey(scope, key), since});
}

Status ResetLoginFailures(WriteTxn& txn, LoginScope scope, std::string_view key) {
  return txn
      .Execute("DELETE FROM login_failures WHERE scope = ? AND key = ?",
               {LoginScopeName(scope), LoginKey(scope, key)})
      .status();
}

Status PruneLoginFailures(WriteTxn& txn, Timestamp before) {
  return txn.Execute("DELETE FROM login_failures WHERE time < ?", {before}).status();
}

}  // namespace limen::store
