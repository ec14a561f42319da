// Identity and access records: States, agencies, posts and users. Every change is an event
// (state.created, agency.created, post.created, user.created, user.disabled, user.enabled,
// user.password_changed, user.access_changed) appended in the caller's WriteTxn; the projectors
// registered by RegisterIdentityProjections() turn those events into the tables that the read
// functions query, so Store::Rebuild() recreates them exactly.
//
// User events carry the argon2id hash of the password (never the password itself) so that a
// rebuild can restore working logins; see docs/event-log.md.
//
// Write functions take a WriteTxn so that a route can do several things in one transaction;
// read functions take a ReadTxn (a WriteTxn is one too). `actor` is recorded on the event,
// e.g. "user:12" or "system".
//
// Thread-safety: functions are stateless; they are as thread-safe as the transaction given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/policy/role.h"
#include "store/store.h"

namespace limen::store {

struct StateRecord {
  std::string code;  // ISO 3166-1 alpha-3, upper case ("KEN"). ICAO codes such as "D" padded
                     // as in Doc 9303 ("D<<") are accepted.
  std::string name;
  friend bool operator==(const StateRecord&, const StateRecord&) = default;
};

struct AgencyRecord {
  std::string code;  // Lower-case identifier: "immigration", "customs", "police", "health".
  std::string name;
  friend bool operator==(const AgencyRecord&, const AgencyRecord&) = default;
};

enum class PostKind : uint8_t {
  kAirBcp,
  kLandBcp,
  kSeaBcp,
  kRailBcp,
  kInlandStation,
  kRegionalCentre,
  kHeadquarters,
};
// "air_bcp", "land_bcp", "sea_bcp", "rail_bcp", "inland_station", "regional_centre", "hq".
std::string_view PostKindName(PostKind kind);
std::optional<PostKind> ParsePostKind(std::string_view name);

struct PostRecord {
  std::string code;  // e.g. "NBO-JKIA".
  std::string name;
  PostKind kind = PostKind::kLandBcp;
  std::vector<std::string> states;  // One State, or two for a shared (one-stop) post. Sorted.
  friend bool operator==(const PostRecord&, const PostRecord&) = default;
};

struct UserRecord {
  int64_t id = 0;
  std::string username;       // Lower case, unique.
  std::string password_hash;  // argon2id PHC string.
  core::Role role = core::Role::kOfficer;
  std::string agency;              // Agency code.
  std::vector<std::string> posts;  // Post codes, sorted; empty = all posts (HQ roles).
  bool disabled = false;
  bool must_change_password = true;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  friend bool operator==(const UserRecord&, const UserRecord&) = default;

  core::Principal ToPrincipal() const;
};

struct NewUser {
  std::string username;
  std::string password_hash;  // From crypto::HashPassword.
  core::Role role = core::Role::kOfficer;
  std::string agency;
  std::vector<std::string> posts;
  bool must_change_password = true;  // First login forces a password change.
};

// Registers the identity projectors and their tables with `store`. OpenStore calls it.
void RegisterIdentityProjections(Store& store);

// Errors for all Create* functions: IDENTITY_INVALID (malformed field; the message names it),
// IDENTITY_EXISTS (the code or username is taken), IDENTITY_UNKNOWN_REFERENCE (a State, agency
// or post that does not exist).
Result<StateRecord> CreateState(WriteTxn& txn, std::string_view actor, StateRecord state);
Result<AgencyRecord> CreateAgency(WriteTxn& txn, std::string_view actor, AgencyRecord agency);
Result<PostRecord> CreatePost(WriteTxn& txn, std::string_view actor, PostRecord post);
// Creates immigration, customs, police and health if they are absent.
Status EnsureDefaultAgencies(WriteTxn& txn, std::string_view actor);

Result<std::vector<StateRecord>> ListStates(ReadTxn& txn);
Result<std::vector<AgencyRecord>> ListAgencies(ReadTxn& txn);
Result<std::vector<PostRecord>> ListPosts(ReadTxn& txn);
Result<std::optional<PostRecord>> FindPost(ReadTxn& txn, std::string_view code);

// Assigns the next user id. The username is lower-cased; it must be 3..64 characters of
// [a-z0-9._-]. The password hash must be an argon2id PHC string.
Result<UserRecord> CreateUser(WriteTxn& txn, std::string_view actor, const NewUser& user);
// Case-insensitive. nullopt if there is no such user.
Result<std::optional<UserRecord>> FindUserByUsername(ReadTxn& txn, std::string_view username);
// Fails with USER_NOT_FOUND.
Result<UserRecord> GetUser(ReadTxn& txn, int64_t user_id);
// Ordered by username.
Result<std::vector<UserRecord>> ListUsers(ReadTxn& txn);
// Disabling also deletes the user's sessions. Fails with USER_NOT_FOUND. Idempotent.
Status DisableUser(WriteTxn& txn, std::string_view actor, int64_t user_id);
Status EnableUser(WriteTxn& txn, std::string_view actor, int64_t user_id);
// Replaces the password hash and sets must_change_password (true when an administrator resets
// a password, false when users change their own). Sessions are left alone: call
// DeleteUserSessions (session_store.h) to end the others.
Status SetPassword(WriteTxn& txn, std::string_view actor, int64_t user_id,
                   std::string_view password_hash, bool must_change_password);
// Changes role, agency and posts.
Status UpdateUserAccess(WriteTxn& txn, std::string_view actor, int64_t user_id, core::Role role,
                        std::string_view agency, std::vector<std::string> posts);

}  // namespace limen::store
