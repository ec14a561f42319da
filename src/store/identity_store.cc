#include "store/identity_store.h"

#include <algorithm>
#include <array>

#include "base/strings.h"
#include "store/internal/flat_json.h"
#include "store/session_store.h"

namespace limen::store {
namespace {

using internal::FlatJsonWriter;

constexpr std::array<std::pair<PostKind, std::string_view>, 7> kPostKindNames = {{
    {PostKind::kAirBcp, "air_bcp"},
    {PostKind::kLandBcp, "land_bcp"},
    {PostKind::kSeaBcp, "sea_bcp"},
    {PostKind::kRailBcp, "rail_bcp"},
    {PostKind::kInlandStation, "inland_station"},
    {PostKind::kRegionalCentre, "regional_centre"},
    {PostKind::kHeadquarters, "hq"},
}};

Status IdentityInvalid(std::string message) {
  return InvalidArgument("IDENTITY_INVALID", std::move(message));
}

bool AllCharsIn(std::string_view text, std::string_view allowed) {
  return std::all_of(text.begin(), text.end(),
                     [allowed](char c) { return allowed.find(c) != std::string_view::npos; });
}

constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

Status CheckName(std::string_view name, std::string_view what) {
  if (Trim(name).empty() || name.size() > 200) {
    return IdentityInvalid("Give the " + std::string(what) + " a name of 1 to 200 characters.");
  }
  return Status::Ok();
}

Status CheckStateCode(std::string_view code) {
  if (code.size() != 3 || kUpper.find(code[0]) == std::string_view::npos ||
      !AllCharsIn(code, std::string(kUpper) + "<")) {
    return IdentityInvalid("State code \"" + std::string(code) +
                           "\" is not an ISO 3166-1 alpha-3 code such as KEN.");
  }
  return Status::Ok();
}

Status CheckAgencyCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 32 || !AllCharsIn(code, std::string(kLower) + "_-")) {
    return IdentityInvalid("Agency code \"" + std::string(code) +
                           "\" must be 2 to 32 characters of a-z, 0-9, _ or -.");
  }
  return Status::Ok();
}

Status CheckPostCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 32 ||
      !AllCharsIn(code, std::string(kLower) + std::string(kUpper) + "._-")) {
    return IdentityInvalid("Post code \"" + std::string(code) +
                           "\" must be 2 to 32 characters of letters, digits, '.', '_' or '-'.");
  }
  return Status::Ok();
}

Status CheckUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 64 ||
      !AllCharsIn(username, std::string(kLower) + "._-")) {
    return IdentityInvalid("Username \"" + std::string(username) +
                           "\" must be 3 to 64 characters of a-z, 0-9, '.', '_' or '-'.");
  }
  return Status::Ok();
}

Status CheckPasswordHash(std::string_view hash) {
  if (!StartsWith(hash, "$argon2id$")) {
    return IdentityInvalid("Store only argon2id password hashes (crypto::HashPassword).");
  }
  return Status::Ok();
}

Status Exists(std::string what) {
  return AlreadyExists("IDENTITY_EXISTS", what + " already exists; choose another.");
}

Status UnknownReference(std::string what) {
  return FailedPrecondition("IDENTITY_UNKNOWN_REFERENCE",
                            what + " does not exist; create it first.");
}

Result<bool> RowExists(ReadTxn& txn, std::string_view sql, const Params& params) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row, txn.QueryOne(sql, params));
  return row.has_value();
}

Status RequireRow(ReadTxn& txn, std::string_view sql, const Value& key, std::string what) {
  LIMEN_ASSIGN_OR_RETURN(bool exists, RowExists(txn, sql, {key}));
  return exists ? Status::Ok() : UnknownReference(std::move(what));
}

Status RequireAgencyAndPosts(ReadTxn& txn, std::string_view agency,
                             const std::vector<std::string>& posts) {
  LIMEN_RETURN_IF_ERROR(RequireRow(txn, "SELECT 1 FROM agencies WHERE code = ?",
                                   std::string(agency), "Agency " + std::string(agency)));
  for (const std::string& post : posts) {
    LIMEN_RETURN_IF_ERROR(
        RequireRow(txn, "SELECT 1 FROM posts WHERE code = ?", post, "Post " + post));
  }
  return Status::Ok();
}

std::vector<std::string> SortedUnique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

Status AppendIdentityEvent(WriteTxn& txn, std::string_view actor, std::string type,
                           std::string payload) {
  return txn.AppendEvent(EventDraft{std::string(actor), std::move(type), std::move(payload)})
      .status();
}

constexpr std::string_view kUserColumns =
    "id, username, password_hash, role, agency_code, disabled, must_change_password, "
    "created_at, updated_at";

Result<UserRecord> UserFromRow(ReadTxn& txn, const Row& row) {
  UserRecord user;
  user.id = row[0].AsInt();
  user.username = row[1].AsText();
  user.password_hash = row[2].AsText();
  std::optional<core::Role> role = core::ParseRole(row[3].AsText());
  if (!role) {
    return DataLoss("STORE_CORRUPT", "User " + user.username +
                                         " has an unknown role; run "
                                         "`limen rebuild` or restore from a backup.");
  }
  user.role = *role;
  user.agency = row[4].AsText();
  user.disabled = row[5].AsInt() != 0;
  user.must_change_password = row[6].AsInt() != 0;
  user.created_at = row[7].AsInt();
  user.updated_at = row[8].AsInt();
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> posts,
      txn.Query("SELECT post_code FROM user_posts WHERE user_id = ? ORDER BY post_code",
                {user.id}));
  for (const Row& post : posts) user.posts.push_back(post[0].AsText());
  return user;
}

Result<std::optional<UserRecord>> FindUserWhere(ReadTxn& txn, std::string_view condition,
                                                const Value& key) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row,
                         txn.QueryOne("SELECT " + std::string(kUserColumns) + " FROM users WHERE " +
                                          std::string(condition),
                                      {key}));
  if (!row) return std::optional<UserRecord>();
  LIMEN_ASSIGN_OR_RETURN(UserRecord user, UserFromRow(txn, *row));
  return std::optional<UserRecord>(std::move(user));
}

}  // namespace

std::string_view PostKindName(PostKind kind) {
  for (const auto& [value, name] : kPostKindNames) {
    if (value == kind) return name;
  }
  return "unknown";
}

std::optional<PostKind> ParsePostKind(std::string_view name) {
  for (const auto& [value, kind_name] : kPostKindNames) {
    if (kind_name == name) return value;
  }
  return std::nullopt;
}

core::Principal UserRecord::ToPrincipal() const {
  core::Principal principal;
  principal.user_id = id;
  principal.username = username;
  principal.role = role;
  principal.agency = agency;
  principal.posts = posts;
  principal.must_change_password = must_change_password;
  return principal;
}

Result<StateRecord> CreateState(WriteTxn& txn, std::string_view actor, StateRecord state) {
  LIMEN_RETURN_IF_ERROR(CheckStateCode(state.code));
  LIMEN_RETURN_IF_ERROR(CheckName(state.name, "State"));
  LIMEN_ASSIGN_OR_RETURN(bool exists,
                         RowExists(txn, "SELECT 1 FROM states WHERE code = ?", {state.code}));
  if (exists) return Exists("State " + state.code);
  LIMEN_RETURN_IF_ERROR(AppendIdentityEvent(
      txn, actor, "state.created",
      FlatJsonWriter().Add("code", state.code).Add("name", state.name).Finish()));
  return state;
}

Result<AgencyRecord> CreateAgency(WriteTxn& txn, std::string_view actor, AgencyRecord agency) {
  LIMEN_RETURN_IF_ERROR(CheckAgencyCode(agency.code));
  LIMEN_RETURN_IF_ERROR(CheckName(agency.name, "agency"));
  LIMEN_ASSIGN_OR_RETURN(bool exists,
                         RowExists(txn, "SELECT 1 FROM agencies WHERE code = ?", {agency.code}));
  if (exists) return Exists("Agency " + agency.code);
  LIMEN_RETURN_IF_ERROR(AppendIdentityEvent(
      txn, actor, "agency.created",
      FlatJsonWriter().Add("code", agency.code).Add("name", agency.name).Finish()));
  return agency;
}

Status EnsureDefaultAgencies(WriteTxn& txn, std::string_view actor) {
  static const AgencyRecord kDefaults[] = {{"immigration", "Immigration"},
                                           {"customs", "Customs"},
                                           {"police", "Police"},
                                           {"health", "Health"}};
  for (const AgencyRecord& agency : kDefaults) {
    LIMEN_ASSIGN_OR_RETURN(bool exists,
                           RowExists(txn, "SELECT 1 FROM agencies WHERE code = ?", {agency.code}));
    if (!exists) LIMEN_RETURN_IF_ERROR(CreateAgency(txn, actor, agency).status());
  }
  return Status::Ok();
}

Result<PostRecord> CreatePost(WriteTxn& txn, std::string_view actor, PostRecord post) {
  LIMEN_RETURN_IF_ERROR(CheckPostCode(post.code));
  LIMEN_RETURN_IF_ERROR(CheckName(post.name, "post"));
  post.states = SortedUnique(std::move(post.states));
  if (post.states.empty() || post.states.size() > 2) {
    return IdentityInvalid("A post belongs to one State, or to two when it is shared.");
  }
  for (const std::string& state : post.states) {
    LIMEN_RETURN_IF_ERROR(
        RequireRow(txn, "SELECT 1 FROM states WHERE code = ?", state, "State " + state));
  }
  LIMEN_ASSIGN_OR_RETURN(bool exists,
                         RowExists(txn, "SELECT 1 FROM posts WHERE code = ?", {post.code}));
  if (exists) return Exists("Post " + post.code);
  LIMEN_RETURN_IF_ERROR(AppendIdentityEvent(txn, actor, "post.created",
                                            FlatJsonWriter()
                                                .Add("code", post.code)
                                                .Add("name", post.name)
                                                .Add("kind", PostKindName(post.kind))
                                                .Add("states", post.states)
                                                .Finish()));
  return post;
}

Result<std::vector<StateRecord>> ListStates(ReadTxn& txn) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         txn.Query("SELECT code, name FROM states ORDER BY code"));
  std::vector<StateRecord> states;
  for (const Row& row : rows) states.push_back({row[0].AsText(), row[1].AsText()});
  return states;
}

Result<std::vector<AgencyRecord>> ListAgencies(ReadTxn& txn) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         txn.Query("SELECT code, name FROM agencies ORDER BY code"));
  std::vector<AgencyRecord> agencies;
  for (const Row& row : rows) agencies.push_back({row[0].AsText(), row[1].AsText()});
  return agencies;
}

Result<std::vector<PostRecord>> ListPosts(ReadTxn& txn) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, txn.Query("SELECT code FROM posts ORDER BY code"));
  std::vector<PostRecord> posts;
  for (const Row& row : rows) {
    LIMEN_ASSIGN_OR_RETURN(std::optional<PostRecord> post, FindPost(txn, row[0].AsText()));
    if (post) posts.push_back(std::move(*post));
  }
  return posts;
}

Result<std::optional<PostRecord>> FindPost(ReadTxn& txn, std::string_view code) {
  LIMEN_ASSIGN_OR_RETURN(
      std::optional<Row> row,
      txn.QueryOne("SELECT code, name, kind FROM posts WHERE code = ?", {std::string(code)}));
  if (!row) return std::optional<PostRecord>();
  PostRecord post;
  post.code = (*row)[0].AsText();
  post.name = (*row)[1].AsText();
  post.kind = ParsePostKind((*row)[2].AsText()).value_or(PostKind::kLandBcp);
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> states,
      txn.Query("SELECT state_code FROM post_states WHERE post_code = ? ORDER BY state_code",
                {post.code}));
  for (const Row& state : states) post.states.push_back(state[0].AsText());
  return std::optional<PostRecord>(std::move(post));
}

Result<UserRecord> CreateUser(WriteTxn& txn, std::string_view actor, const NewUser& user) {
  std::string username = ToLowerAscii(Trim(user.username));
  LIMEN_RETURN_IF_ERROR(CheckUsername(username));
  LIMEN_RETURN_IF_ERROR(CheckPasswordHash(user.password_hash));
  std::vector<std::string> posts = SortedUnique(user.posts);
  LIMEN_RETURN_IF_ERROR(RequireAgencyAndPosts(txn, user.agency, posts));
  LIMEN_ASSIGN_OR_RETURN(bool exists,
                         RowExists(txn, "SELECT 1 FROM users WHERE username = ?", {username}));
  if (exists) return Exists("User " + username);
  LIMEN_ASSIGN_OR_RETURN(int64_t max_id, txn.QueryInt("SELECT coalesce(max(id), 0) FROM users"));
  int64_t id = max_id + 1;
  LIMEN_RETURN_IF_ERROR(
      AppendIdentityEvent(txn, actor, "user.created",
                          FlatJsonWriter()
                              .Add("id", id)
                              .Add("username", username)
                              .Add("password_hash", user.password_hash)
                              .Add("role", core::RoleName(user.role))
                              .Add("agency", user.agency)
                              .Add("posts", posts)
                              .Add("must_change_password", user.must_change_password)
                              .Finish()));
  return GetUser(txn, id);
}

Result<std::optional<UserRecord>> FindUserByUsername(ReadTxn& txn, std::string_view username) {
  return FindUserWhere(txn, "username = ?", ToLowerAscii(Trim(username)));
}

Result<UserRecord> GetUser(ReadTxn& txn, int64_t user_id) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<UserRecord> user, FindUserWhere(txn, "id = ?", user_id));
  if (!user) {
    return NotFound("USER_NOT_FOUND", "There is no user with id " + std::to_string(user_id) + ".");
  }
  return std::move(*user);
}

Result<std::vector<UserRecord>> ListUsers(ReadTxn& txn) {
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, txn.Query("SELECT " + std::string(kUserColumns) +
                                                          " FROM users ORDER BY username"));
  std::vector<UserRecord> users;
  for (const Row& row : rows) {
    LIMEN_ASSIGN_OR_RETURN(UserRecord user, UserFromRow(txn, row));
    users.push_back(std::move(user));
  }
  return users;
}

Status DisableUser(WriteTxn& txn, std::string_view actor, int64_t user_id) {
  LIMEN_ASSIGN_OR_RETURN(UserRecord user, GetUser(txn, user_id));
  LIMEN_RETURN_IF_ERROR(DeleteUserSessions(txn, user_id));
  if (user.disabled) return Status::Ok();
  return AppendIdentityEvent(txn, actor, "user.disabled",
                             FlatJsonWriter().Add("id", user_id).Finish());
}

Status EnableUser(WriteTxn& txn, std::string_view actor, int64_t user_id) {
  LIMEN_ASSIGN_OR_RETURN(UserRecord user, GetUser(txn, user_id));
  if (!user.disabled) return Status::Ok();
  return AppendIdentityEvent(txn, actor, "user.enabled",
                             FlatJsonWriter().Add("id", user_id).Finish());
}

Status SetPassword(WriteTxn& txn, std::string_view actor, int64_t user_id,
                   std::string_view password_hash, bool must_change_password) {
  LIMEN_RETURN_IF_ERROR(CheckPasswordHash(password_hash));
  LIMEN_RETURN_IF_ERROR(GetUser(txn, user_id).status());
  return AppendIdentityEvent(txn, actor, "user.password_changed",
                             FlatJsonWriter()
                                 .Add("id", user_id)
                                 .Add("password_hash", password_hash)
                                 .Add("must_change_password", must_change_password)
                                 .Finish());
}

Status UpdateUserAccess(WriteTxn& txn, std::string_view actor, int64_t user_id, core::Role role,
                        std::string_view agency, std::vector<std::string> posts) {
  LIMEN_RETURN_IF_ERROR(GetUser(txn, user_id).status());
  posts = SortedUnique(std::move(posts));
  LIMEN_RETURN_IF_ERROR(RequireAgencyAndPosts(txn, agency, posts));
  return AppendIdentityEvent(txn, actor, "user.access_changed",
                             FlatJsonWriter()
                                 .Add("id", user_id)
                                 .Add("role", core::RoleName(role))
                                 .Add("agency", agency)
                                 .Add("posts", posts)
                                 .Finish());
}

}  // namespace limen::store
