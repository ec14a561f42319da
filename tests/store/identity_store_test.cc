#include "store/identity_store.h"

#include <gtest/gtest.h>

#include "crypto/password.h"
#include "store/session_store.h"
#include "test_store.h"

namespace limen::store {
namespace {

using testing::StoreTest;

const char kHash[] = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

class IdentityTest : public StoreTest {
 protected:
  // Two States, the default agencies, a shared land post and an HQ.
  void Seed() {
    LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) -> Status {
      LIMEN_RETURN_IF_ERROR(CreateState(txn, "system", {"KEN", "Kenya"}).status());
      LIMEN_RETURN_IF_ERROR(CreateState(txn, "system", {"UGA", "Uganda"}).status());
      LIMEN_RETURN_IF_ERROR(EnsureDefaultAgencies(txn, "system"));
      LIMEN_RETURN_IF_ERROR(
          CreatePost(txn, "system", {"BUS-OSBP", "Busia", PostKind::kLandBcp, {"UGA", "KEN"}})
              .status());
      return CreatePost(txn, "system", {"HQ", "Headquarters", PostKind::kHeadquarters, {"KEN"}})
          .status();
    }));
  }

  Result<UserRecord> AddUser(const std::string& username, std::vector<std::string> posts) {
    Result<UserRecord> user = Internal("UNSET", "");
    Status status = store_->Write([&](WriteTxn& txn) -> Status {
      user = CreateUser(txn, "user:1",
                        {username, kHash, core::Role::kOfficer, "immigration", posts, true});
      return user.status();
    });
    if (!status.ok()) return status;
    return user;
  }

  template <typename T>
  Result<T> ReadValue(const std::function<Result<T>(ReadTxn&)>& read) {
    Result<T> result = Internal("UNSET", "");
    Status status = store_->Read([&](ReadTxn& txn) {
      result = read(txn);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return result;
  }

  // Every projection row, table by table, for comparing before and after Rebuild().
  std::vector<std::vector<Row>> Snapshot() {
    std::vector<std::vector<Row>> tables;
    for (const char* table :
         {"states", "agencies", "posts", "post_states", "users", "user_posts"}) {
      tables.push_back(ReadValue<std::vector<Row>>([&](ReadTxn& txn) {
                         return txn.Query(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
                       }).value());
    }
    return tables;
  }
};

TEST_F(IdentityTest, CreatesAndListsStatesAgenciesAndPosts) {
  Seed();
  std::vector<StateRecord> states = ReadValue<std::vector<StateRecord>>(ListStates).value();
  EXPECT_EQ(states, (std::vector<StateRecord>{{"KEN", "Kenya"}, {"UGA", "Uganda"}}));
  std::vector<AgencyRecord> agencies = ReadValue<std::vector<AgencyRecord>>(ListAgencies).value();
  ASSERT_EQ(agencies.size(), 4u);
  EXPECT_EQ(agencies[0].code, "customs");
  std::vector<PostRecord> posts = ReadValue<std::vector<PostRecord>>(ListPosts).value();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0], (PostRecord{"BUS-OSBP", "Busia", PostKind::kLandBcp, {"KEN", "UGA"}}));
  EXPECT_EQ(posts[1].kind, PostKind::kHeadquarters);
  // Every change was an event: 2 States + 4 agencies + 2 posts.
  EXPECT_EQ(store_->EventLogLength().value(), 8);
  EXPECT_EQ(store_->ListEvents("", 3, 1).value()[0].type, "agency.created");
}

TEST_F(IdentityTest, RefusesBadOrDuplicateRecords) {
  Seed();
  auto write_status = [&](const WriteFn& work) { return store_->Write(work).reason(); };
  EXPECT_EQ(write_status([](WriteTxn& t) {
              return CreateState(t, "s", {"KE", "x"}).status();
            }),
            "IDENTITY_INVALID");
  EXPECT_EQ(write_status([](WriteTxn& t) {
              return CreateState(t, "s", {"KEN", "K"}).status();
            }),
            "IDENTITY_EXISTS");
  EXPECT_EQ(write_status([](WriteTxn& t) {
              return CreatePost(t, "s", {"P1", "p", PostKind::kSeaBcp, {"TZA"}}).status();
            }),
            "IDENTITY_UNKNOWN_REFERENCE");
  EXPECT_EQ(write_status([](WriteTxn& t) {
              return CreatePost(t, "s", {"P1", "p", PostKind::kSeaBcp, {}}).status();
            }),
            "IDENTITY_INVALID");
  EXPECT_EQ(write_status([](WriteTxn& t) {
              return CreateAgency(t, "s", {"Customs!", "x"}).status();
            }),
            "IDENTITY_INVALID");
  EXPECT_EQ(AddUser("x", {}).status().reason(), "IDENTITY_INVALID");
  EXPECT_EQ(AddUser("amina", {"NOPE"}).status().reason(), "IDENTITY_UNKNOWN_REFERENCE");
  ASSERT_TRUE(AddUser("amina", {}).ok());
  EXPECT_EQ(AddUser("AMINA", {}).status().reason(), "IDENTITY_EXISTS");
  Status plain_password = store_->Write([](WriteTxn& t) {
    return CreateUser(t, "s", {"bob", "secret", core::Role::kOfficer, "police", {}, true}).status();
  });
  EXPECT_EQ(plain_password.reason(), "IDENTITY_INVALID");
  EXPECT_EQ(store_->EventLogLength().value(), 9);  // Only amina was added.
}

TEST_F(IdentityTest, UserLifecycle) {
  Seed();
  clock_.Advance(kMicrosPerSecond);
  UserRecord created = AddUser("Amina.W", {"HQ", "BUS-OSBP", "HQ"}).value();
  EXPECT_EQ(created.id, 1);
  EXPECT_EQ(created.username, "amina.w");
  EXPECT_EQ(created.posts, (std::vector<std::string>{"BUS-OSBP", "HQ"}));
  EXPECT_TRUE(created.must_change_password);
  EXPECT_FALSE(created.disabled);
  EXPECT_EQ(created.created_at, clock_.Now());
  EXPECT_EQ(AddUser("otieno", {}).value().id, 2);

  std::optional<UserRecord> found = ReadValue<std::optional<UserRecord>>([](ReadTxn& t) {
                                      return FindUserByUsername(t, "AMINA.W");
                                    }).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, created);
  EXPECT_FALSE(ReadValue<std::optional<UserRecord>>(
                   [](ReadTxn& t) { return FindUserByUsername(t, "nobody"); })
                   .value()
                   .has_value());
  EXPECT_EQ(ReadValue<UserRecord>([](ReadTxn& t) { return GetUser(t, 99); }).status().reason(),
            "USER_NOT_FOUND");

  clock_.Advance(kMicrosPerSecond);
  LIMEN_ASSERT_OK(
      store_->Write([](WriteTxn& t) { return SetPassword(t, "user:1", 1, kHash, false); }));
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& t) {
    return UpdateUserAccess(t, "user:2", 1, core::Role::kSupervisor, "customs", {"HQ"});
  }));
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& t) { return DisableUser(t, "user:2", 1); }));
  UserRecord updated = ReadValue<UserRecord>([](ReadTxn& t) { return GetUser(t, 1); }).value();
  EXPECT_FALSE(updated.must_change_password);
  EXPECT_TRUE(updated.disabled);
  EXPECT_EQ(updated.role, core::Role::kSupervisor);
  EXPECT_EQ(updated.agency, "customs");
  EXPECT_EQ(updated.posts, std::vector<std::string>{"HQ"});
  EXPECT_EQ(updated.updated_at, clock_.Now());
  EXPECT_EQ(updated.ToPrincipal().role, core::Role::kSupervisor);
  std::vector<UserRecord> users = ReadValue<std::vector<UserRecord>>(ListUsers).value();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].username, "amina.w");
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& t) { return EnableUser(t, "user:2", 1); }));
  EXPECT_FALSE(ReadValue<UserRecord>([](ReadTxn& t) { return GetUser(t, 1); })->disabled);
}

TEST_F(IdentityTest, UserEventsCarryTheHashNeverThePassword) {
  Seed();
  Result<std::string> hash = crypto::HashPassword("Tr0ub4dor&3", crypto::kTestPasswordCost);
  ASSERT_TRUE(hash.ok());
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn& t) {
    return CreateUser(t, "system",
                      {"admin", *hash, core::Role::kAdministrator, "immigration", {}, true})
        .status();
  }));
  std::vector<Event> events = store_->ListEvents("", 9, 1).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "user.created");
  EXPECT_NE(events[0].payload.find(*hash), std::string::npos);
  EXPECT_EQ(events[0].payload.find("Tr0ub4dor"), std::string::npos);
}

TEST_F(IdentityTest, RebuildRecreatesProjectionsExactly) {
  Seed();
  ASSERT_TRUE(AddUser("amina", {"HQ"}).ok());
  ASSERT_TRUE(AddUser("otieno", {"BUS-OSBP", "HQ"}).ok());
  clock_.Advance(kMicrosPerSecond);
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& t) -> Status {
    LIMEN_RETURN_IF_ERROR(SetPassword(t, "user:1", 2, kHash, false));
    LIMEN_RETURN_IF_ERROR(UpdateUserAccess(t, "user:1", 1, core::Role::kAnalyst, "health", {}));
    return DisableUser(t, "user:1", 2);
  }));
  std::vector<std::vector<Row>> before = Snapshot();
  ASSERT_EQ(before[4].size(), 2u);
  // Scramble the projections so the rebuild has real work to do.
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& t) {
    return t.Execute("UPDATE users SET role = 'officer', disabled = 0").status();
  }));
  ASSERT_NE(Snapshot(), before);
  clock_.Advance(kMicrosPerDay);  // Rebuild must use event times, not the clock.
  LIMEN_ASSERT_OK(store_->Rebuild());
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(store_->EventLogLength().value(), 13);  // Rebuild appends nothing.
  EXPECT_TRUE(store_->VerifyEventLog()->ok);
}

TEST_F(IdentityTest, SessionsAndLoginFailures) {
  Seed();
  ASSERT_TRUE(AddUser("amina", {}).ok());
  SessionRecord session{crypto::Sha256("token-1"),
                        1,
                        clock_.Now(),
                        clock_.Now(),
                        clock_.Now() + 8 * 3600 * kMicrosPerSecond,
                        "10.0.0.7"};
  SessionRecord other = session;
  other.token_hash = crypto::Sha256("token-2");
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn& t) -> Status {
    LIMEN_RETURN_IF_ERROR(CreateSession(t, session));
    return CreateSession(t, other);
  }));
  EXPECT_EQ(store_->Write([&](WriteTxn& t) { return CreateSession(t, session); }).reason(),
            "SESSION_EXISTS");
  auto find = [&](const std::string& token) {
    return ReadValue<std::optional<SessionRecord>>(
               [&](ReadTxn& t) { return FindSession(t, crypto::Sha256(token)); })
        .value();
  };
  EXPECT_EQ(find("token-1"), session);
  EXPECT_FALSE(find("token-3").has_value());
  LIMEN_ASSERT_OK(store_->Write(
      [&](WriteTxn& t) { return TouchSession(t, session.token_hash, session.created_at + 60); }));
  EXPECT_EQ(find("token-1")->last_seen_at, session.created_at + 60);
  // Disabling a user ends their sessions; rebuilding leaves sessions alone.
  LIMEN_ASSERT_OK(store_->Rebuild());
  EXPECT_TRUE(find("token-2").has_value());
  LIMEN_ASSERT_OK(
      store_->Write([&](WriteTxn& t) { return DeleteUserSessions(t, 1, session.token_hash); }));
  EXPECT_TRUE(find("token-1").has_value());
  EXPECT_FALSE(find("token-2").has_value());
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& t) { return DisableUser(t, "system", 1); }));
  EXPECT_FALSE(find("token-1").has_value());
  // Expiry: absolute, then idle.
  SessionRecord old_session = session;
  old_session.token_hash = crypto::Sha256("token-old");
  old_session.expires_at = session.created_at + 10;
  SessionRecord idle = session;
  idle.token_hash = crypto::Sha256("token-idle");
  idle.last_seen_at = session.created_at + 5;
  SessionRecord live = session;
  live.token_hash = crypto::Sha256("token-live");
  live.last_seen_at = session.created_at + 100;
  int64_t deleted = -1;
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn& t) -> Status {
    for (const SessionRecord& s : {old_session, idle, live})
      LIMEN_RETURN_IF_ERROR(CreateSession(t, s));
    LIMEN_ASSIGN_OR_RETURN(
        deleted, DeleteExpiredSessions(t, session.created_at + 20, session.created_at + 50));
    return Status::Ok();
  }));
  EXPECT_EQ(deleted, 2);
  EXPECT_TRUE(find("token-live").has_value());
  EXPECT_FALSE(find("token-idle").has_value());

  Timestamp t0 = clock_.Now();
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn& t) -> Status {
    LIMEN_RETURN_IF_ERROR(RecordLoginFailure(t, "Amina", "10.0.0.7", t0));
    LIMEN_RETURN_IF_ERROR(RecordLoginFailure(t, "amina", "10.0.0.8", t0 + 10));
    return RecordLoginFailure(t, "bob", "10.0.0.7", t0 + 20);
  }));
  auto count = [&](LoginScope scope, const std::string& key, Timestamp since) {
    return ReadValue<int64_t>([&](ReadTxn& t) { return CountLoginFailures(t, scope, key, since); })
        .value();
  };
  EXPECT_EQ(count(LoginScope::kUsername, "AMINA", t0), 2);
  EXPECT_EQ(count(LoginScope::kUsername, "amina", t0 + 5), 1);
  EXPECT_EQ(count(LoginScope::kClientAddress, "10.0.0.7", t0), 2);
  LIMEN_ASSERT_OK(store_->Write(
      [](WriteTxn& t) { return ResetLoginFailures(t, LoginScope::kUsername, "amina"); }));
  EXPECT_EQ(count(LoginScope::kUsername, "amina", t0), 0);
  EXPECT_EQ(count(LoginScope::kClientAddress, "10.0.0.7", t0), 2);
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn& t) { return PruneLoginFailures(t, t0 + 15); }));
  EXPECT_EQ(count(LoginScope::kClientAddress, "10.0.0.7", t0), 1);
}

}  // namespace
}  // namespace limen::store
