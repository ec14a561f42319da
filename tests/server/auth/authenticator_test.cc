// The Authenticator's session cache: a session read once is used again without the store, but
// logout, disabling the user, a change of role and the passing of the cache's second are seen
// by the very next request.
#include "server/auth/authenticator.h"

#include <gtest/gtest.h>

#include "store/identity_store.h"
#include "store/session_store.h"
#include "test_store.h"

namespace limen::server {
namespace {

constexpr char kPassword[] = "a long enough pass phrase";

class AuthenticatorTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    config_.argon2_memory_kib = 64;  // Cheap hashes: the cost is not what is tested.
    config_.argon2_iterations = 1;
    auth_ = std::make_unique<Authenticator>(*store_, config_, clock_);
    Result<std::string> hash = auth_->HashPassword(kPassword);
    ASSERT_TRUE(hash.ok());
    LIMEN_ASSERT_OK(store_->Write([&](store::WriteTxn& txn) -> Status {
      LIMEN_RETURN_IF_ERROR(store::EnsureDefaultAgencies(txn, "system"));
      Result<store::UserRecord> user = store::CreateUser(
          txn, "system", {"officer", *hash, core::Role::kOfficer, "immigration", {}, false});
      if (user.ok()) user_id_ = user->id;
      return user.status();
    }));
    Result<LoginResult> login = auth_->Login("officer", kPassword, "127.0.0.1");
    ASSERT_TRUE(login.ok()) << login.status().ToString();
    token_ = login->token;
  }

  Result<Session> Authenticate() { return auth_->Authenticate(token_, "127.0.0.1"); }

  AuthConfig config_;
  std::unique_ptr<Authenticator> auth_;
  int64_t user_id_ = 0;
  std::string token_;
};

TEST_F(AuthenticatorTest, LogoutEndsACachedSessionAtOnce) {
  ASSERT_TRUE(Authenticate().ok());  // Now cached.
  ASSERT_TRUE(Authenticate().ok());
  LIMEN_ASSERT_OK(store_->Write(
      [&](store::WriteTxn& txn) { return store::DeleteSession(txn, crypto::Sha256(token_)); }));
  Result<Session> after = Authenticate();
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().reason(), "AUTH_INVALID");
}

TEST_F(AuthenticatorTest, DisablingTheUserEndsACachedSessionAtOnce) {
  ASSERT_TRUE(Authenticate().ok());
  LIMEN_ASSERT_OK(store_->Write(
      [&](store::WriteTxn& txn) { return store::DisableUser(txn, "user:1", user_id_); }));
  Result<Session> after = Authenticate();
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().reason(), "AUTH_INVALID");  // Disabling also ends the sessions.
}

TEST_F(AuthenticatorTest, AChangeOfRoleIsSeenByTheNextRequest) {
  Result<Session> before = Authenticate();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->principal.role, core::Role::kOfficer);
  LIMEN_ASSERT_OK(store_->Write([&](store::WriteTxn& txn) {
    return store::UpdateUserAccess(txn, "user:1", user_id_, core::Role::kSupervisor, "immigration",
                                   {});
  }));
  Result<Session> after = Authenticate();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->principal.role, core::Role::kSupervisor);
}

TEST_F(AuthenticatorTest, AChangeTheCacheCannotSeeIsReadAfterASecond) {
  ASSERT_TRUE(Authenticate().ok());
  // Another process ending the session (here: the table changed behind the store's functions).
  LIMEN_ASSERT_OK(store_->Write(
      [&](store::WriteTxn& txn) { return txn.Execute("DELETE FROM sessions").status(); }));
  EXPECT_TRUE(Authenticate().ok());  // Within the cache's second: still the session read.
  clock_.Advance(kMicrosPerSecond);
  Result<Session> after = Authenticate();
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().reason(), "AUTH_INVALID");
}

TEST_F(AuthenticatorTest, IdleExpiryStillAppliesToCachedSessions) {
  ASSERT_TRUE(Authenticate().ok());
  clock_.Advance(config_.session_idle_minutes * 60 * kMicrosPerSecond);
  Result<Session> after = Authenticate();
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().reason(), "AUTH_EXPIRED");
}

}  // namespace
}  // namespace limen::server
