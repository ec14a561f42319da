// Projectors for the identity events (see identity_store.h). Each reads its event's payload and
// writes the projection rows; the event time becomes created_at / updated_at, so replaying the
// log reproduces the tables exactly.
#include <string>
#include <vector>

#include "store/identity_store.h"
#include "store/internal/flat_json.h"

namespace limen::store {
namespace {

using internal::FlatJsonObject;

Status ProjectStateCreated(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(std::string code, payload.String("code"));
  LIMEN_ASSIGN_OR_RETURN(std::string name, payload.String("name"));
  return txn.Execute("INSERT INTO states (code, name) VALUES (?, ?)", {code, name}).status();
}

Status ProjectAgencyCreated(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(std::string code, payload.String("code"));
  LIMEN_ASSIGN_OR_RETURN(std::string name, payload.String("name"));
  return txn.Execute("INSERT INTO agencies (code, name) VALUES (?, ?)", {code, name}).status();
}

Status ProjectPostCreated(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(std::string code, payload.String("code"));
  LIMEN_ASSIGN_OR_RETURN(std::string name, payload.String("name"));
  LIMEN_ASSIGN_OR_RETURN(std::string kind, payload.String("kind"));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> states, payload.Strings("states"));
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("INSERT INTO posts (code, name, kind) VALUES (?, ?, ?)", {code, name, kind})
          .status());
  for (const std::string& state : states) {
    LIMEN_RETURN_IF_ERROR(
        txn.Execute("INSERT INTO post_states (post_code, state_code) VALUES (?, ?)", {code, state})
            .status());
  }
  return Status::Ok();
}

Status ReplaceUserPosts(WriteTxn& txn, int64_t user_id, const std::vector<std::string>& posts) {
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("DELETE FROM user_posts WHERE user_id = ?", {user_id}).status());
  for (const std::string& post : posts) {
    LIMEN_RETURN_IF_ERROR(
        txn.Execute("INSERT INTO user_posts (user_id, post_code) VALUES (?, ?)", {user_id, post})
            .status());
  }
  return Status::Ok();
}

Status ProjectUserCreated(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(int64_t id, payload.Int("id"));
  LIMEN_ASSIGN_OR_RETURN(std::string username, payload.String("username"));
  LIMEN_ASSIGN_OR_RETURN(std::string password_hash, payload.String("password_hash"));
  LIMEN_ASSIGN_OR_RETURN(std::string role, payload.String("role"));
  LIMEN_ASSIGN_OR_RETURN(std::string agency, payload.String("agency"));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> posts, payload.Strings("posts"));
  LIMEN_ASSIGN_OR_RETURN(bool must_change, payload.Bool("must_change_password"));
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("INSERT INTO users (id, username, password_hash, role, agency_code, disabled, "
                  "must_change_password, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
                  {id, username, password_hash, role, agency, must_change, event.time, event.time})
          .status());
  return ReplaceUserPosts(txn, id, posts);
}

Status ProjectUserDisabled(WriteTxn& txn, const Event& event, bool disabled) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(int64_t id, payload.Int("id"));
  return txn
      .Execute("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?",
               {disabled, event.time, id})
      .status();
}

Status ProjectPasswordChanged(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(int64_t id, payload.Int("id"));
  LIMEN_ASSIGN_OR_RETURN(std::string password_hash, payload.String("password_hash"));
  LIMEN_ASSIGN_OR_RETURN(bool must_change, payload.Bool("must_change_password"));
  return txn
      .Execute(
          "UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? "
          "WHERE id = ?",
          {password_hash, must_change, event.time, id})
      .status();
}

Status ProjectAccessChanged(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject payload, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(int64_t id, payload.Int("id"));
  LIMEN_ASSIGN_OR_RETURN(std::string role, payload.String("role"));
  LIMEN_ASSIGN_OR_RETURN(std::string agency, payload.String("agency"));
  LIMEN_ASSIGN_OR_RETURN(std::vector<std::string> posts, payload.Strings("posts"));
  LIMEN_RETURN_IF_ERROR(
      txn.Execute("UPDATE users SET role = ?, agency_code = ?, updated_at = ? WHERE id = ?",
                  {role, agency, event.time, id})
          .status());
  return ReplaceUserPosts(txn, id, posts);
}

}  // namespace

void RegisterIdentityProjections(Store& store) {
  // Parents first: Rebuild() empties them in reverse order.
  store.RegisterProjectionTables(
      {"states", "agencies", "posts", "post_states", "users", "user_posts"});
  store.RegisterProjector("state.created", ProjectStateCreated);
  store.RegisterProjector("agency.created", ProjectAgencyCreated);
  store.RegisterProjector("post.created", ProjectPostCreated);
  store.RegisterProjector("user.created", ProjectUserCreated);
  store.RegisterProjector("user.disabled", [](WriteTxn& txn, const Event& event) {
    return ProjectUserDisabled(txn, event, true);
  });
  store.RegisterProjector("user.enabled", [](WriteTxn& txn, const Event& event) {
    return ProjectUserDisabled(txn, event, false);
  });
  store.RegisterProjector("user.password_changed", ProjectPasswordChanged);
  store.RegisterProjector("user.access_changed", ProjectAccessChanged);
}

}  // namespace limen::store
